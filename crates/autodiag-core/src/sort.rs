//! Stable sorting through one shared instance of the standard library's sort.
//!
//! `slice::sort_by` is compiled anew for every element type and comparison: 27 copies made
//! about 110 KB of the tools bundle's wasm. Here the standard sort runs on indices, with the
//! comparison behind a `dyn`, so it is compiled once; the items then move into that order.
//! The methods themselves are refused by clippy (`clippy.toml`). Collecting into a `LiteMap`
//! sorts too: [`ordered_map`] and [`unique_map`] sort the keys through the shared sort
//! instead, and [`first_repeat`] finds a repeated key without a set (a `BTreeSet` compiled
//! its tree code for the tools bundle alone).

use litemap::LiteMap;
use std::cmp::Ordering;

/// A map of `pairs`, the last value winning for a repeated key, like `collect()`, which
/// would compile a sort of its own for each key and value type. The keys are sorted once,
/// through the shared sort: inserting the pairs one by one into the map's sorted vector would
/// shift it each time, and a file of 300,000 keys in reverse order then took minutes.
pub fn ordered_map<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> LiteMap<K, V> {
    let mut slots: Vec<Option<(K, V)>> = pairs.into_iter().map(Some).collect();
    let (order, _) = by_key(slots.len(), &mut |a, b| key(&slots, a).cmp(key(&slots, b)));
    into_map(&mut slots, order)
}

/// A map of `pairs` whose keys must all differ; otherwise the first key, in the pairs' order,
/// that repeats an earlier one.
pub fn unique_map<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> Result<LiteMap<K, V>, K> {
    let mut slots: Vec<Option<(K, V)>> = pairs.into_iter().map(Some).collect();
    let (order, repeat) = by_key(slots.len(), &mut |a, b| key(&slots, a).cmp(key(&slots, b)));
    match repeat.and_then(|index| slots[index].take()) {
        Some((repeated, _)) => Err(repeated),
        None => Ok(into_map(&mut slots, order)),
    }
}

fn key<K, V>(slots: &[Option<(K, V)>], index: usize) -> &K {
    &slots[index]
        .as_ref()
        .expect("every slot is full until the map is built")
        .0
}

/// The map of the pairs at `order`, whose keys ascend.
fn into_map<K: Ord, V>(slots: &mut [Option<(K, V)>], order: Vec<usize>) -> LiteMap<K, V> {
    let mut map = LiteMap::with_capacity(order.len());
    for (key, value) in order.into_iter().filter_map(|index| slots[index].take()) {
        // The keys ascend and differ, so each pair goes at the end.
        let _ = map.try_append(key, value);
    }
    map
}

/// The indices of `len` keyed items by ascending key, one per key (the last item of those
/// sharing it); `compare` compares the keys of two items by index.
pub fn key_order(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    by_key(len, compare).0
}

/// The first index, in the items' order, whose key an earlier item already had; `compare`
/// compares the keys of two items by index.
pub fn first_repeat(
    len: usize,
    compare: &mut dyn FnMut(usize, usize) -> Ordering,
) -> Option<usize> {
    by_key(len, compare).1
}

/// For `len` keyed items whose keys `compare` compares by index: the indices in ascending key
/// order, one per key (the last item of those sharing it), and the first index, in the items'
/// order, whose key an earlier item already had. Not generic, so compiled once.
fn by_key(
    len: usize,
    compare: &mut dyn FnMut(usize, usize) -> Ordering,
) -> (Vec<usize>, Option<usize>) {
    let order = stable_order(len, compare);
    let mut kept: Vec<usize> = Vec::with_capacity(order.len());
    let mut repeat: Option<usize> = None;
    for index in order {
        match kept.last_mut() {
            // Stable order: `index` comes after `last` in the items, with the same key.
            Some(last) if compare(*last, index) == Ordering::Equal => {
                repeat = Some(repeat.map_or(index, |first| first.min(index)));
                *last = index;
            }
            _ => kept.push(index),
        }
    }
    (kept, repeat)
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

/// Sorts `items` by the key that `key` gives each, worked out once per item, stably, like
/// `slice::sort_by_cached_key`: for keys that allocate.
pub fn sort_by_cached_key<T, K: Ord>(items: &mut [T], key: impl FnMut(&T) -> K) {
    let keys: Vec<K> = items.iter().map(key).collect();
    let order = stable_order(items.len(), &mut |a, b| keys[a].cmp(&keys[b]));
    permute(items, &order);
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
        // Worked out once per item, with the same order.
        let mut pairs = vec![(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd'), (0, 'e')];
        let mut keys = 0;
        sort_by_cached_key(&mut pairs, |pair| {
            keys += 1;
            pair.0.to_string()
        });
        assert_eq!(pairs, [(0, 'e'), (1, 'b'), (1, 'd'), (2, 'a'), (2, 'c')]);
        assert_eq!(keys, 5);
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
    fn ordered_map_matches_collect_and_the_first_repeat_is_found() {
        let pairs = [("b", 1), ("a", 2), ("b", 3), ("a", 4)];
        let collected: LiteMap<_, _> = pairs.into_iter().collect();
        assert_eq!(ordered_map(pairs), collected);
        let mut compare = |a: usize, b: usize| pairs[a].0.cmp(pairs[b].0);
        assert_eq!(first_repeat(pairs.len(), &mut compare), Some(2));
        assert_eq!(first_repeat(2, &mut compare), None);
        assert_eq!(first_repeat(0, &mut compare), None);
    }

    #[test]
    fn a_unique_map_names_the_first_repeated_key_in_order() {
        assert_eq!(
            unique_map([("c", 1), ("a", 2), ("b", 3)]),
            Ok(ordered_map([("a", 2), ("b", 3), ("c", 1)]))
        );
        // "b" repeats at the fourth pair, "a" only at the fifth.
        assert_eq!(
            unique_map([("a", 1), ("b", 2), ("c", 3), ("b", 4), ("a", 5)]),
            Err("b")
        );
        assert_eq!(unique_map([("z", 1), ("z", 2), ("z", 3)]), Err("z"));
        assert_eq!(unique_map::<&str, u8>([]), Ok(LiteMap::new_vec()));
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

        /// The same maps as a `BTreeMap` built by insertion, and the same first repeated key
        /// as a reader that inserts in order and stops at a key it already holds.
        #[test]
        fn maps_agree_with_insertion_into_a_btree_map(pairs in prop::collection::vec((0u8..20, any::<u16>()), 0..60)) {
            let mut expected = std::collections::BTreeMap::new();
            let mut first_repeat = None;
            for (key, value) in &pairs {
                if expected.insert(*key, *value).is_some() && first_repeat.is_none() {
                    first_repeat = Some(*key);
                }
            }
            let ours = ordered_map(pairs.iter().copied());
            prop_assert!(ours.iter().map(|(k, v)| (*k, *v)).eq(expected.iter().map(|(k, v)| (*k, *v))));
            match first_repeat {
                Some(key) => prop_assert_eq!(unique_map(pairs.iter().copied()), Err(key)),
                None => prop_assert_eq!(unique_map(pairs.iter().copied()), Ok(ours)),
            }
        }
    }
}
