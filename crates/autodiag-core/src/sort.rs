//! Stable sorting through one shared instance of the standard library's sort.
//!
//! `slice::sort_by` is compiled anew for every element type and comparison: 27 copies made
//! about 110 KB of the tools bundle's wasm. Here the standard sort runs on indices, with the
//! comparison behind a `dyn`, so it is compiled once; the items then move into that order.
//! The methods themselves are refused by clippy (`clippy.toml`). Collecting into a `LiteMap`
//! or a `BTreeSet` sorts too, so [`ordered_map`] and [`ordered_set`] insert one by one.

use litemap::LiteMap;
use std::cmp::Ordering;
use std::collections::BTreeSet;

/// A map of `pairs`, the last value winning for a repeated key, like `collect()`, which
/// would compile a sort of its own for each key and value type.
pub fn ordered_map<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> LiteMap<K, V> {
    let mut map = LiteMap::new_vec();
    // One insertion at a time: `LiteMap::extend` sorts what it is given, with a sort of its own.
    for (key, value) in pairs {
        map.insert(key, value);
    }
    map
}

/// A set of `items`, like `collect()`, without a sort of its own for each item type.
pub fn ordered_set<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    set.extend(items);
    set
}

/// Sorts `items` by `compare`, keeping equal items in their order, like `slice::sort_by`.
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let order = stable_order(items.len(), &mut |a, b| compare(&items[a], &items[b]));
    permute(items, &order);
}

/// Sorts `items` by the key that `key` gives each, stably, like `slice::sort_by_key`.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in their natural order, like `slice::sort`.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// The positions `0..len` in the order `compare` puts them in, ties kept in place.
#[allow(clippy::disallowed_methods)] // The one place the standard sort is compiled.
fn stable_order(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Rearranges `items` so that position `i` holds what was at `order[i]`, following each
/// cycle of the permutation with swaps: no clone, no second buffer of items.
fn permute<T>(items: &mut [T], order: &[usize]) {
    let mut placed = vec![false; items.len()];
    for start in 0..items.len() {
        let mut position = start;
        while !placed[position] {
            placed[position] = true;
            let source = order[position];
            if source == start {
                break;
            }
            items.swap(position, source);
            position = source;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn keeps_equal_items_in_their_order() {
        let mut pairs = vec![(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd'), (0, 'e')];
        sort_by_key(&mut pairs, |pair| pair.0);
        assert_eq!(pairs, [(0, 'e'), (1, 'b'), (1, 'd'), (2, 'a'), (2, 'c')]);
    }

    #[test]
    fn sorts_empty_single_and_owned_items() {
        let mut empty: Vec<String> = Vec::new();
        sort(&mut empty);
        assert!(empty.is_empty());
        let mut words = vec![
            "quai".to_string(),
            "borne".into(),
            "vélo".into(),
            "arrêt".into(),
        ];
        sort(&mut words);
        assert_eq!(words, ["arrêt", "borne", "quai", "vélo"]);
        let mut one = [5];
        sort_by(&mut one, |a, b| b.cmp(a));
        assert_eq!(one, [5]);
    }

    #[test]
    fn ordered_map_and_set_match_collect() {
        let pairs = [("b", 1), ("a", 2), ("b", 3)];
        let collected: LiteMap<_, _> = pairs.into_iter().collect();
        assert_eq!(ordered_map(pairs), collected);
        let collected: BTreeSet<_> = pairs.iter().map(|p| p.0).collect();
        assert_eq!(ordered_set(pairs.iter().map(|p| p.0)), collected);
    }

    proptest! {
        /// The same result as the standard library's stable sort, on any list with ties.
        #[test]
        #[allow(clippy::disallowed_methods)]
        fn agrees_with_the_standard_stable_sort(items in prop::collection::vec((0u8..6, any::<u16>()), 0..80)) {
            let mut ours = items.clone();
            let mut expected = items;
            sort_by(&mut ours, |a, b| b.0.cmp(&a.0));
            expected.sort_by_key(|a| std::cmp::Reverse(a.0));
            prop_assert_eq!(ours, expected);
        }
    }
}
