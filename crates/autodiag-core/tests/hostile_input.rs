//! Hostile input: the summary and storage decoders never panic, never blow the stack, keep
//! memory bounded, and refuse what they cannot read with a reason. Native only.
//!
//! Every property counts the cases it tried; run with `-- --nocapture` to see the counts.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use autodiag_core::domain::assessment::{Answer, Assessment, Choice, Importance, SetAsideAnswer};
use autodiag_core::domain::stored;
use autodiag_core::domain::summary::{self, ImportError, Imported};
use common::*;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::Value;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------------------------
// Bookkeeping: how many cases were tried, and how much memory one thread holds at its peak.

/// Cases tried by every property of this file, added as each property finishes.
static TOTAL_CASES: AtomicUsize = AtomicUsize::new(0);
/// Properties finished so far; the last one prints the total.
static FINISHED: AtomicUsize = AtomicUsize::new(0);
/// How many `#[test]`s below run properties.
const PROPERTY_TESTS: usize = 8;

thread_local! {
    /// Cases tried on this thread: proptest runs a property's cases on the test's own thread.
    static CASES_HERE: Cell<usize> = const { Cell::new(0) };
    /// Bytes allocated and not yet freed by this thread, and the most seen since the last reset.
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn tried() {
    CASES_HERE.with(|c| c.set(c.get() + 1));
}

/// Runs a property and reports how many cases it tried.
fn counted(name: &str, property: impl FnOnce()) {
    CASES_HERE.with(|c| c.set(0));
    let start = Instant::now();
    property();
    let cases = CASES_HERE.with(Cell::get);
    let total = TOTAL_CASES.fetch_add(cases, Ordering::SeqCst) + cases;
    eprintln!("{name}: {cases} cases in {:.1?}", start.elapsed());
    if FINISHED.fetch_add(1, Ordering::SeqCst) + 1 == PROPERTY_TESTS {
        eprintln!("hostile_input: {total} property cases tried in total, none panicked");
    }
}

/// The system allocator, counting per thread so that parallel tests do not disturb a measure.
struct Counting;

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn track(delta: isize) {
    // `try_with`: never panic inside the allocator, even while a thread is being torn down.
    let _ = LIVE.try_with(|live| {
        let now = live.get() + delta;
        live.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            track(layout.size() as isize);
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            track(layout.size() as isize);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        unsafe { System.dealloc(p, layout) };
        track(-(layout.size() as isize));
    }
    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, layout, new_size) };
        if !q.is_null() {
            track(new_size as isize - layout.size() as isize);
        }
        q
    }
}

/// Runs `f` and returns its result with the most memory it held at once, in bytes.
fn peak_memory<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(before));
    let result = f();
    let peak = PEAK.with(Cell::get) - before;
    (result, peak.max(0) as usize)
}

// ---------------------------------------------------------------------------------------------
// Valid material to damage.

const LATER: &str = "2027-02-03T04:05:06.000Z";

fn import(bytes: &[u8]) -> Result<Imported, ImportError> {
    summary::import(framework(), bytes, "imported".into(), LATER)
}

fn export(a: &Assessment) -> String {
    summary::to_json(&summary::export(framework(), a, NOW))
}

/// A realistic assessment: profile, answers with notes, priorities, an edited roadmap with the
/// commune's own items, and answers to questions the framework no longer has.
fn realistic(name: &str, seed: u64) -> Assessment {
    let mut a = realistic_assessment(name, "56044", "2026-11-20", seed, 0.25);
    // Notes with every character that needs escaping somewhere.
    let mut random = Lcg(seed);
    for question in framework().pillars.iter().flat_map(|p| p.questions.clone()) {
        if random.below(5) == 0 {
            a.set_note(
                &question,
                "Vu en comité ; « à confirmer » \\ \"ok\" 🚲",
                NOW,
            );
        }
    }
    if let Some(r) = a.roadmap.as_mut() {
        r.add_custom(
            "Former les agents",
            autodiag_core::domain::content::Horizon::Long,
        );
    }
    // An answer the framework does not know, and one kept aside by an earlier import.
    a.answers.insert(
        "mob_hyperloop".into(),
        Answer {
            choice: Some(level(2)),
            note: "pilote".into(),
            ask: String::new(),
            previous: None,
            previous_note: String::new(),
        },
    );
    a.set_aside.push(SetAsideAnswer {
        question_id: "gou_ancienne".into(),
        answer: Answer {
            choice: Some(Choice::Unknown),
            note: String::new(),
            ask: "le DPO".into(),
            previous: None,
            previous_note: "Pas de DPO depuis mars".into(),
        },
    });
    a
}

/// Assessments of different shapes: realistic, empty, all answered without a roadmap.
fn assessments() -> &'static [Assessment] {
    static ALL: OnceLock<Vec<Assessment>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut full = assessment("Sivry-Rance");
        answer_all(&mut full, level(5));
        full.profile.digital_staff_fte = Some(2.5);
        full.last_downloaded_at = Some(NOW.into());
        vec![
            realistic("Lobbes", 7),
            assessment("Thuin"),
            full,
            realistic("Chimay", 3),
        ]
    })
}

/// The exported summaries of [`assessments`], as JSON values.
fn summaries() -> &'static [Value] {
    static ALL: OnceLock<Vec<Value>> = OnceLock::new();
    ALL.get_or_init(|| {
        assessments()
            .iter()
            .map(|a| serde_json::from_str(&export(a)).unwrap())
            .collect()
    })
}

/// The stored form of [`assessments`], as JSON values.
fn stored_values() -> &'static [Value] {
    static ALL: OnceLock<Vec<Value>> = OnceLock::new();
    ALL.get_or_init(|| {
        assessments()
            .iter()
            .map(|a| serde_json::from_str(&stored::encode_assessment(a)).unwrap())
            .collect()
    })
}

/// A crash backup holding every stored assessment.
fn backup_value() -> Value {
    serde_json::json!({
        "format": stored::BACKUP_FORMAT,
        "storage_version": 1,
        "assessments": stored_values(),
    })
}

/// Every key and string found in the valid documents, and a few hostile strings.
fn string_pool() -> &'static [String] {
    static POOL: OnceLock<Vec<String>> = OnceLock::new();
    POOL.get_or_init(|| {
        fn collect(value: &Value, into: &mut BTreeSet<String>) {
            match value {
                Value::String(s) => {
                    into.insert(s.clone());
                }
                Value::Array(items) => items.iter().for_each(|v| collect(v, into)),
                Value::Object(map) => {
                    for (k, v) in map {
                        into.insert(k.clone());
                        collect(v, into);
                    }
                }
                _ => {}
            }
        }
        let mut pool = BTreeSet::new();
        for value in summaries().iter().chain(stored_values()) {
            collect(value, &mut pool);
        }
        collect(&backup_value(), &mut pool);
        for pillar in &framework().pillars {
            pool.insert(pillar.id.clone());
        }
        for action in &framework().actions {
            pool.insert(action.id.clone());
        }
        for s in [
            "",
            " ",
            "\0",
            "\u{feff}",
            "\u{10ffff}",
            "🦀",
            "é",
            "<script>alert(1)</script>",
            "autodiag-summary",
            "autodiag-backup",
            "unknown",
            "not_applicable",
            "custom_",
            "custom_0",
            "custom_1",
            "custom_-1",
            "custom_99",
            "custom_4294967294",
            "custom_x",
            "medium",
            "short",
            "long",
            "planned",
            "done",
            "custom",
            "catalogue",
            "2026-02-30",
            "9999-99-99",
            "\\",
            "\"",
        ] {
            pool.insert(s.to_string());
        }
        pool.insert("é".repeat(2_500));
        pool.into_iter().collect()
    })
}

/// Numbers that sit on the edges of the domain's ranges.
fn edge_numbers() -> Vec<Value> {
    vec![
        0.into(),
        1.into(),
        3.into(),
        5.into(),
        6.into(),
        (-1).into(),
        255.into(),
        256.into(),
        u64::from(u32::MAX).into(),
        (u64::from(u32::MAX) + 1).into(),
        u64::MAX.into(),
        i64::MIN.into(),
        1.0.into(),
        2.5.into(),
        (-0.0).into(),
        0.1.into(),
        1e308.into(),
        (-1e308).into(),
        5e-324.into(),
        0.30000000000000004.into(),
    ]
}

fn arb_scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f)
            .map(Value::Number)),
        select(edge_numbers()),
        select(string_pool()).prop_map(Value::String),
        ".{0,12}".prop_map(Value::String),
    ]
}

fn arb_key() -> impl Strategy<Value = String> {
    prop_oneof![3 => select(string_pool()), 1 => "[a-z_]{0,8}"]
}

/// Any JSON value, small: scalars, arrays and objects a few levels deep.
fn arb_json() -> impl Strategy<Value = Value> {
    arb_scalar().prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((arb_key(), inner), 0..4)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

// ---------------------------------------------------------------------------------------------
// Mutations of a valid document.

#[derive(Debug, Clone, PartialEq)]
enum Seg {
    Key(String),
    Index(usize),
}

/// Every path in `value`, the root (an empty path) first.
fn paths(value: &Value) -> Vec<Vec<Seg>> {
    paths_where(value, |_| true)
}

/// The paths of the values that pass `keep`, the root first if it does.
fn paths_where(value: &Value, keep: fn(&Value) -> bool) -> Vec<Vec<Seg>> {
    fn walk(
        value: &Value,
        keep: fn(&Value) -> bool,
        prefix: &mut Vec<Seg>,
        into: &mut Vec<Vec<Seg>>,
    ) {
        if keep(value) {
            into.push(prefix.clone());
        }
        match value {
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    prefix.push(Seg::Index(i));
                    walk(v, keep, prefix, into);
                    prefix.pop();
                }
            }
            Value::Object(map) => {
                for (k, v) in map {
                    prefix.push(Seg::Key(k.clone()));
                    walk(v, keep, prefix, into);
                    prefix.pop();
                }
            }
            _ => {}
        }
    }
    let mut all = Vec::new();
    walk(value, keep, &mut Vec::new(), &mut all);
    all
}

fn is_container(value: &Value) -> bool {
    matches!(value, Value::Array(_) | Value::Object(_))
}

fn at<'a>(value: &'a mut Value, path: &[Seg]) -> Option<&'a mut Value> {
    path.iter().try_fold(value, |v, seg| match seg {
        Seg::Key(k) => v.get_mut(k.as_str()),
        Seg::Index(i) => v.get_mut(*i),
    })
}

fn depth(value: &Value) -> usize {
    match value {
        Value::Array(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
        Value::Object(map) => 1 + map.values().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    /// Removes a key of an object or an element of an array.
    Delete(usize),
    /// Replaces any value, the whole document included.
    Replace(usize, Value),
    /// Adds a key to an object, or an element to an array.
    Insert(usize, String, Value),
    /// Copies an answer to the end of `answers` or of `set_aside_answers`.
    DuplicateAnswer(usize, bool),
    /// Moves an answer from `answers` to `set_aside_answers`.
    MoveAside(usize),
    /// Wraps a value in arrays (or objects) this many levels deep.
    Nest(usize, usize, bool),
    /// Replaces a scalar with another of the same kind: a string, a number, the other boolean.
    Tweak(usize, String, Value),
}

fn arb_mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => any::<usize>().prop_map(Mutation::Delete),
        4 => (any::<usize>(), arb_json()).prop_map(|(s, v)| Mutation::Replace(s, v)),
        2 => (any::<usize>(), arb_key(), arb_json()).prop_map(|(s, k, v)| Mutation::Insert(s, k, v)),
        1 => (any::<usize>(), any::<bool>()).prop_map(|(s, b)| Mutation::DuplicateAnswer(s, b)),
        1 => any::<usize>().prop_map(Mutation::MoveAside),
        1 => (any::<usize>(), prop_oneof![1usize..70, 60usize..140], any::<bool>())
            .prop_map(|(s, d, b)| Mutation::Nest(s, d, b)),
        4 => (
            any::<usize>(),
            prop_oneof![select(string_pool()), ".{0,12}"],
            prop_oneof![select(edge_numbers()), any::<u8>().prop_map(Value::from)],
        )
            .prop_map(|(s, text, number)| Mutation::Tweak(s, text, number)),
    ]
}

/// `value` with each of `mutations` applied, in order.
fn mutated(mut value: Value, mutations: &[Mutation]) -> Value {
    for mutation in mutations {
        apply(&mut value, mutation);
    }
    value
}

fn apply(value: &mut Value, mutation: &Mutation) {
    let all = paths(value);
    let pick = |selector: usize| all[selector % all.len()].clone();
    match mutation {
        Mutation::Delete(selector) => {
            if all.len() < 2 {
                return;
            }
            let mut path = all[1 + selector % (all.len() - 1)].clone();
            let last = path.pop().unwrap();
            match (at(value, &path), last) {
                (Some(Value::Object(map)), Seg::Key(k)) => {
                    map.remove(&k);
                }
                (Some(Value::Array(items)), Seg::Index(i)) => {
                    items.remove(i);
                }
                _ => unreachable!("paths point into their parent"),
            }
        }
        Mutation::Replace(selector, new) => {
            *at(value, &pick(*selector)).unwrap() = new.clone();
        }
        Mutation::Insert(selector, key, new) => {
            let containers = paths_where(value, is_container);
            if containers.is_empty() {
                return;
            }
            let path = containers[selector % containers.len()].clone();
            match at(value, &path).unwrap() {
                Value::Object(map) => {
                    map.insert(key.clone(), new.clone());
                }
                Value::Array(items) => {
                    let index = selector % (items.len() + 1);
                    items.insert(index, new.clone());
                }
                _ => {}
            }
        }
        Mutation::DuplicateAnswer(selector, aside) => {
            let Some(answer) = value
                .get("answers")
                .and_then(Value::as_array)
                .filter(|a| !a.is_empty())
                .map(|a| a[selector % a.len()].clone())
            else {
                return;
            };
            let list = if *aside {
                "set_aside_answers"
            } else {
                "answers"
            };
            if let Some(map) = value.as_object_mut() {
                let entry = map.entry(list).or_insert_with(|| Value::Array(Vec::new()));
                if let Some(items) = entry.as_array_mut() {
                    items.push(answer);
                }
            }
        }
        Mutation::MoveAside(selector) => {
            let Some(answer) = value
                .get_mut("answers")
                .and_then(Value::as_array_mut)
                .filter(|a| !a.is_empty())
                .map(|a| {
                    let i = selector % a.len();
                    a.remove(i)
                })
            else {
                return;
            };
            if let Some(map) = value.as_object_mut() {
                let entry = map
                    .entry("set_aside_answers")
                    .or_insert_with(|| Value::Array(Vec::new()));
                if let Some(items) = entry.as_array_mut() {
                    items.push(answer);
                }
            }
        }
        Mutation::Nest(selector, levels, arrays) => {
            let target = at(value, &pick(*selector)).unwrap();
            let mut wrapped = target.take();
            for _ in 0..*levels {
                wrapped = if *arrays {
                    Value::Array(vec![wrapped])
                } else {
                    Value::Object([("level".to_string(), wrapped)].into_iter().collect())
                };
            }
            *target = wrapped;
        }
        Mutation::Tweak(selector, text, number) => {
            let scalars = paths_where(value, |v| !is_container(v));
            if scalars.is_empty() {
                return;
            }
            let target = at(value, &scalars[selector % scalars.len()]).unwrap();
            *target = match target {
                Value::String(_) => Value::String(text.clone()),
                Value::Number(_) => number.clone(),
                Value::Bool(b) => Value::Bool(!*b),
                Value::Null => number.clone(),
                _ => unreachable!("a scalar"),
            };
        }
    }
}

/// Damage done to the text after the mutations.
#[derive(Debug, Clone)]
enum Damage {
    None,
    /// Cut at a byte, possibly inside a character.
    Truncate(usize),
    /// One byte overwritten.
    Overwrite(usize, u8),
    /// Text inserted at a byte.
    Splice(usize, String),
}

fn arb_damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        10 => Just(Damage::None),
        2 => any::<usize>().prop_map(Damage::Truncate),
        1 => (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Damage::Overwrite(i, b)),
        1 => (any::<usize>(), select(vec!["\u{feff}", "\0", ",", "}", "{", "[", "\"", "\\", "\u{e9}"]))
            .prop_map(|(i, s)| Damage::Splice(i, s.to_string())),
    ]
}

/// Renders the document, pretty or compact, with an optional byte-order mark, then damages it.
fn render(value: &Value, pretty: bool, bom: bool, damage: &Damage) -> Vec<u8> {
    let mut bytes = if bom {
        "\u{feff}".as_bytes().to_vec()
    } else {
        Vec::new()
    };
    bytes.extend(if pretty {
        serde_json::to_vec_pretty(value).unwrap()
    } else {
        serde_json::to_vec(value).unwrap()
    });
    match damage {
        Damage::None => {}
        Damage::Truncate(at) => bytes.truncate(at % (bytes.len() + 1)),
        Damage::Overwrite(at, byte) => {
            let len = bytes.len();
            bytes[at % len] = *byte;
        }
        Damage::Splice(at, text) => {
            let at = at % (bytes.len() + 1);
            bytes.splice(at..at, text.bytes());
        }
    }
    bytes
}

fn is_structural(error: &ImportError) -> bool {
    matches!(
        error,
        ImportError::Empty
            | ImportError::TooLarge { .. }
            | ImportError::Binary
            | ImportError::NotJson { .. }
            | ImportError::Truncated { .. }
            | ImportError::TooDeep
    )
}

/// `parse` and `import` agree, and the reason fits the input.
fn check_import(bytes: &[u8]) -> Result<Option<Imported>, TestCaseError> {
    let parsed = summary::parse(bytes);
    let imported = import(bytes);
    match std::str::from_utf8(bytes) {
        // Cut inside a character: refused as cut or as not text, never read.
        Err(error) if error.error_len().is_none() => prop_assert!(
            matches!(
                imported,
                Err(ImportError::Binary | ImportError::Truncated { .. } | ImportError::TooDeep)
            ),
            "{:?}",
            imported
        ),
        Err(_) => prop_assert_eq!(&imported, &Err(ImportError::Binary)),
        Ok(_) if bytes.contains(&0) => prop_assert_eq!(&imported, &Err(ImportError::Binary)),
        Ok(_) => {}
    }
    match (&parsed, &imported) {
        (Err(p), Err(i)) => prop_assert_eq!(p, i, "parse and import disagree"),
        (Err(p), Ok(_)) => prop_assert!(false, "parse refused ({:?}) but import accepted", p),
        (Ok(_), Err(i)) => prop_assert!(
            matches!(
                i,
                ImportError::LevelOutOfRange { .. }
                    | ImportError::DuplicateAnswer { .. }
                    | ImportError::DuplicatePillar { .. }
                    | ImportError::TargetOutOfRange { .. }
                    | ImportError::OtherFramework { .. }
            ),
            "parse accepted but import refused with {:?}",
            i
        ),
        (Ok(_), Ok(_)) => {}
    }
    Ok(imported.ok())
}

/// An imported assessment exports and imports back to itself, and its export is stable.
fn check_round_trip(first: &Imported) -> Result<(), TestCaseError> {
    let json = export(&first.assessment);
    let second = match import(json.as_bytes()) {
        Ok(second) => second,
        Err(e) => {
            return Err(TestCaseError::fail(format!(
                "an export of an imported file does not import: {e:?}\n{json}"
            )));
        }
    };
    // A pillar missing from the file reads as its defaults: the export writes them out.
    // Settings of pillars the framework does not know are kept: see
    // `settings_of_an_unknown_pillar_survive_a_round_trip`.
    // The copy read back last changed, and was last copied, when its file was written.
    let mut expected = first.assessment.clone();
    expected.updated_at = NOW.into();
    expected.last_downloaded_at = Some(NOW.into());
    for pillar in &framework().pillars {
        expected.pillars.entry(pillar.id.clone()).or_default();
    }
    prop_assert_eq!(&expected, &second.assessment);
    // The export names the framework it was scored with: this one, whatever the file said.
    prop_assert_eq!(&second.framework_version, &framework().version);
    prop_assert_eq!(json, export(&second.assessment), "the export is not stable");
    Ok(())
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        // Failures are printed with their minimal input; no regression file is written.
        failure_persistence: None,
        ..ProptestConfig::with_cases(cases)
    }
}

/// Bytes that look like JSON: tokens of the summary and storage formats, in any order.
fn arb_json_like() -> impl Strategy<Value = Vec<u8>> {
    let mut tokens: Vec<String> = [
        "{",
        "}",
        "[",
        "]",
        ":",
        ",",
        " ",
        "\n",
        "null",
        "true",
        "false",
        "0",
        "1",
        "5",
        "-1",
        "2.5",
        "1e999",
        "-0",
        "01",
        "\"",
        "\\",
        "\"\\ud800\"",
        "\"\\u0000\"",
        "\"\\\"",
        "\u{feff}",
        "\"unknown\"",
        "\"autodiag-summary\"",
        "\"autodiag-backup\"",
        "\"format\":",
        "\"schema_version\":",
        "\"storage_version\":",
        "\"assessment\":",
        "\"assessments\":",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    tokens.extend(string_pool().iter().take(400).map(|s| format!("{s:?}")));
    let prefixes = vec![
        String::new(),
        "{\"format\":\"autodiag-summary\",\"schema_version\":1,".to_string(),
        "{\"storage_version\":1,\"assessment\":".to_string(),
        "{\"format\":\"autodiag-backup\",\"assessments\":[".to_string(),
    ];
    (
        select(prefixes),
        prop::collection::vec(select(tokens), 0..120),
    )
        .prop_map(|(prefix, parts)| {
            let mut text = prefix;
            for part in parts {
                text.push_str(&part);
            }
            text.into_bytes()
        })
}

// ---------------------------------------------------------------------------------------------
// Properties.

#[test]
fn arbitrary_bytes_never_panic_the_summary_reader() {
    counted("arbitrary bytes → summary::import/parse", || {
        proptest!(config(4_000), |(bytes in prop_oneof![
            prop::collection::vec(any::<u8>(), 0..4096),
            arb_json_like(),
            ".{0,300}".prop_map(String::into_bytes),
        ])| {
            tried();
            check_import(&bytes)?;
        });
    });
}

#[test]
fn arbitrary_strings_never_panic_the_storage_reader() {
    counted(
        "arbitrary strings → stored::decode_assessment/decode_backup",
        || {
            proptest!(config(4_000), |(text in prop_oneof![
                ".{0,2000}",
                arb_json_like().prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
            ])| {
                tried();
                if let Ok(a) = stored::decode_assessment(&text) {
                    prop_assert_eq!(stored::decode_assessment(&stored::encode_assessment(&a)), Ok(a));
                }
                let _ = stored::decode_backup(&text);
            });
        },
    );
}

/// How often each outcome of a mutated summary came up: the mutations should reach every check.
static OUTCOMES: Mutex<BTreeMap<String, usize>> = Mutex::new(BTreeMap::new());

fn tally(outcome: String) {
    *OUTCOMES.lock().unwrap().entry(outcome).or_default() += 1;
}

#[test]
fn damaged_summaries_are_imported_or_refused_never_panic() {
    counted("mutated summaries → summary::import + round trip", || {
        proptest!(config(4_000), |(
            doc in 0..summaries().len(),
            mutations in prop::collection::vec(arb_mutation(), 1..4),
            pretty in any::<bool>(),
            bom in any::<bool>(),
            damage in arb_damage(),
        )| {
            tried();
            let value = mutated(summaries()[doc].clone(), &mutations);
            let bytes = render(&value, pretty, bom, &damage);
            let imported = check_import(&bytes)?;
            tally(match import(&bytes) {
                Ok(_) => "imported, round trip checked".to_string(),
                Err(e) => format!("{e:?}").split([' ', '{']).next().unwrap().to_string(),
            });
            if matches!(damage, Damage::None) {
                let result = import(&bytes);
                if depth(&value) > summary::MAX_DEPTH {
                    prop_assert_eq!(result, Err(ImportError::TooDeep));
                } else if let Err(e) = result {
                    prop_assert!(!is_structural(&e), "valid JSON refused as {:?}", e);
                }
            }
            if let Some(first) = imported {
                check_round_trip(&first)?;
            }
        });
        eprintln!(
            "mutated summaries, outcomes: {:?}",
            OUTCOMES.lock().unwrap()
        );
    });
}

/// How serde read a summary before `summary_json` replaced it: the reference the new reader
/// is held to. Returns the summary, or the kind of error (line and column left out).
fn parse_with_serde(bytes: &[u8]) -> Result<summary::Summary, String> {
    let kind = |error: &ImportError| {
        format!("{error:?}")
            .split([' ', '{'])
            .next()
            .unwrap()
            .to_string()
    };
    // The checks before the JSON is parsed did not change, but for a text cut inside a
    // character, which is a cut file when what comes before is JSON cut short.
    let text = std::str::from_utf8(bytes).map_err(|error| {
        let before = std::str::from_utf8(&bytes[..error.valid_up_to()]).unwrap_or_default();
        if error.error_len().is_none() && summary::nesting_depth(before) > summary::MAX_DEPTH {
            return "TooDeep".to_string();
        }
        let cut = error.error_len().is_none()
            && !before.trim_start_matches('\u{feff}').trim().is_empty()
            && !before.contains('\0')
            && serde_json::from_str::<serde::de::IgnoredAny>(before.trim_start_matches('\u{feff}'))
                .is_err_and(|e| e.is_eof());
        if cut { "NotJson" } else { "Binary" }.to_string()
    })?;
    let text = text.trim_start_matches('\u{feff}');
    if bytes.len() > summary::MAX_FILE_BYTES
        || text.contains('\0')
        || text.trim().is_empty()
        || summary::nesting_depth(text) > summary::MAX_DEPTH
    {
        return Err(kind(&summary::parse(bytes).unwrap_err()));
    }
    // A summary is an object: text that starts otherwise is none, JSON or not.
    if !text
        .trim_start_matches([' ', '\t', '\n', '\r'])
        .starts_with('{')
    {
        return Err("NotAutodiag".into());
    }
    // The envelope as the old reader took it: unknown fields skipped unread.
    if serde_json::from_str::<serde::de::IgnoredAny>(text).is_err() {
        return Err("NotJson".into());
    }
    #[derive(serde::Deserialize)]
    struct Envelope {
        #[serde(default)]
        format: Option<FormatField>,
        #[serde(default)]
        schema_version: Option<u64>,
    }
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum FormatField {
        Text(String),
        Other(serde::de::IgnoredAny),
    }
    if !text.trim_start().starts_with('{') {
        return Err("NotAutodiag".into());
    }
    let envelope: Envelope = serde_json::from_str(text).map_err(|_| "NotAutodiag".to_string())?;
    match &envelope.format {
        Some(FormatField::Text(f)) if f == summary::FORMAT_ID => {}
        // A browser's backup copy sent instead of a summary is named as such.
        Some(FormatField::Text(f)) if f == autodiag_core::domain::stored::BACKUP_FORMAT => {
            return Err("Backup".into());
        }
        _ => return Err("NotAutodiag".into()),
    }
    match envelope.schema_version {
        None => return Err("MissingField schema_version".into()),
        Some(v) if v > u64::from(summary::SCHEMA_VERSION) => return Err("NewerSchema".into()),
        _ => {}
    }
    serde_json::from_str::<summary::Summary>(text).map_err(|error| {
        let message = error.to_string();
        if let Some(rest) = message.strip_prefix("missing field `") {
            format!("MissingField {}", rest.split('`').next().unwrap())
        } else if message.starts_with("invalid type") {
            "WrongType".into()
        } else {
            "InvalidValue".into()
        }
    })
}

/// The summary as the new reader keeps it: the parts computed on export are not read.
fn without_computed_parts(mut summary: summary::Summary) -> summary::Summary {
    summary.legal_obligations.clear();
    summary.pst = None;
    if let Some(roadmap) = summary.roadmap.as_mut() {
        roadmap.focus.clear();
        roadmap.later.clear();
        for item in &mut roadmap.items {
            item.reasons.clear();
        }
    }
    summary
}

/// `summary` with its staff number as this reader keeps it: in hundredths, bounded by
/// `MAX_HUNDREDTHS` (`staff_numbers_of_any_size_are_read_in_hundredths_and_survive_a_round_trip`).
fn as_stored(mut summary: summary::Summary) -> summary::Summary {
    use autodiag_core::domain::json_tree::{from_hundredths, to_hundredths};
    let staff = &mut summary.profile.digital_staff_fte;
    *staff = staff.map(|fte| from_hundredths(to_hundredths(fte)));
    summary
}

/// The parts of a summary document computed on export, removed wherever they sit.
fn without_computed_fields(mut input: Value) -> Value {
    if let Some(summary) = input.as_object_mut() {
        summary.remove("legal_obligations");
        summary.remove("pst");
        if let Some(roadmap) = summary.get_mut("roadmap").and_then(Value::as_object_mut) {
            roadmap.remove("focus");
            roadmap.remove("later");
            if let Some(items) = roadmap.get_mut("items").and_then(Value::as_array_mut) {
                for item in items.iter_mut().filter_map(Value::as_object_mut) {
                    item.remove("reasons");
                }
            }
        }
    }
    input
}

/// Whether `input` has an array where serde's reading of it has an object, in the parts this
/// reader reads: it ignores the computed ones, whatever their shape.
fn struct_as_array_in_read_parts(input: &Value, read: &summary::Summary) -> bool {
    let read = serde_json::to_value(without_computed_parts(read.clone())).unwrap();
    struct_as_array(&without_computed_fields(input.clone()), &read)
}

/// Whether `input` has an array where `read` has an object, or a one-key object where `read`
/// has an enum's name: serde reads a unit variant from `{"short": null}` too.
fn struct_as_array(input: &Value, read: &Value) -> bool {
    match (input, read) {
        (Value::Array(_), Value::Object(_)) => true,
        (Value::Object(map), Value::String(_)) if map.len() == 1 => true,
        (Value::Object(a), Value::Object(b)) => a
            .iter()
            .any(|(key, v)| b.get(key).is_some_and(|w| struct_as_array(v, w))),
        (Value::Array(a), Value::Array(b)) => a.iter().zip(b).any(|(v, w)| struct_as_array(v, w)),
        _ => false,
    }
}

#[test]
fn an_enum_written_as_a_one_key_object_is_the_wrong_type_though_serde_reads_it() {
    let mut value = summaries()[0].clone();
    value["roadmap"]["items"][0]["horizon"] = serde_json::json!({ "short": null });
    let bytes = serde_json::to_vec(&value).unwrap();
    assert!(parse_with_serde(&bytes).is_ok(), "serde reads it");
    assert!(matches!(
        summary::parse(&bytes),
        Err(ImportError::WrongType { .. })
    ));
    // The divergence the property below allows, and only there.
    let read = parse_with_serde(&bytes).unwrap();
    assert!(struct_as_array_in_read_parts(&value, &read));
    assert!(!struct_as_array_in_read_parts(&summaries()[0], &read));
}

#[test]
fn the_summary_reader_agrees_with_serde() {
    counted("mutated summaries → summary::parse against serde", || {
        proptest!(config(3_000), |(
            doc in 0..summaries().len(),
            mutations in prop::collection::vec(arb_mutation(), 1..4),
            pretty in any::<bool>(),
            damage in arb_damage(),
        )| {
            tried();
            let value = mutated(summaries()[doc].clone(), &mutations);
            let bytes = render(&value, pretty, false, &damage);
            let ours = summary::parse(&bytes).map(|(summary, _)| summary);
            match parse_with_serde(&bytes) {
                // serde also reads an object's fields from an array, in order, and an enum's
                // variant from a one-key object (found: a horizon written {"short": null}): no
                // file is written so, and this reader refuses it as the wrong type.
                Ok(expected) if struct_as_array_in_read_parts(&value, &expected) => {
                    prop_assert!(matches!(ours, Err(ImportError::WrongType { .. })), "{:?}", ours);
                }
                // Whatever else serde read, this reader reads the same, staff numbers in
                // bounded hundredths as they are stored (found: u32::MAX staff read as 10⁹).
                Ok(expected) => prop_assert_eq!(ours, Ok(as_stored(without_computed_parts(expected)))),
                // Whatever it refuses, serde refused too, for the same reason when the file
                // is not JSON, not a summary or too new. For a summary of the wrong shape,
                // both name a fault of its shape, though not always the same one when it has
                // several: serde reports them in the file's order, this reader field by field.
                // (It may read a file serde refused for a fault in a part computed on export,
                // which it ignores.)
                Err(expected) => {
                    if let Err(error) = ours {
                        let kind = match &error {
                            ImportError::MissingField { field, .. } => format!("MissingField {field}"),
                            // Both are the text's syntax; serde's end-of-input errors and this
                            // reader's cut files differ at the edges (serde calls « 1. » at
                            // the end a bad number), so they are compared as one kind here.
                            // `a_file_cut_anywhere_is_refused_as_cut` checks the cut files.
                            ImportError::Truncated { .. } => "NotJson".to_string(),
                            other => format!("{other:?}").split([' ', '{']).next().unwrap().to_string(),
                        };
                        let shape = |kind: &str| {
                            (kind.starts_with("MissingField") && kind != "MissingField schema_version")
                                || kind == "WrongType"
                                || kind == "InvalidValue"
                        };
                        prop_assert!(
                            kind == expected || (shape(&kind) && shape(&expected)),
                            "{} where serde said {}", kind, expected
                        );
                    }
                }
            }
        });
    });
}

/// Found by the property above (about one run in six): a staff number of u32::MAX is read
/// bounded, 10⁹, where serde keeps it whole. The comparison takes the bound into account.
#[test]
fn a_staff_number_past_the_bound_is_read_bounded_where_serde_keeps_it() {
    let mut value = summaries()[2].clone();
    value["profile"]["digital_staff_fte"] = u64::from(u32::MAX).into();
    let bytes = render(&value, false, false, &Damage::None);
    let ours = summary::parse(&bytes).map(|(summary, _)| summary).unwrap();
    let serde = without_computed_parts(parse_with_serde(&bytes).unwrap());
    assert_eq!(serde.profile.digital_staff_fte, Some(4_294_967_295.0));
    assert_eq!(ours.profile.digital_staff_fte, Some(1e9));
    assert_eq!(ours, as_stored(serde));
}

/// Found by the property above: serde reads a reason's object from an array, and this reader
/// ignores reasons, which are computed on export. Both read the file the same.
#[test]
fn a_computed_part_given_as_an_array_is_read_as_serde_reads_it() {
    let mut value = summaries()[0].clone();
    let reason = value["roadmap"]["items"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .flat_map(|item| item["reasons"].as_array_mut().unwrap().iter_mut())
        .find_map(|reason| reason.get_mut("prerequisite_of"))
        .expect("an example summary gives a prerequisite as a reason");
    *reason = serde_json::json!([""]);
    let bytes = render(&value, false, false, &Damage::None);
    let expected = parse_with_serde(&bytes).expect("serde reads the reason from the array");
    assert!(!struct_as_array_in_read_parts(&value, &expected));
    assert!(struct_as_array(
        &value,
        &serde_json::to_value(&expected).unwrap()
    ));
    assert_eq!(
        summary::parse(&bytes).map(|(summary, _)| summary),
        Ok(without_computed_parts(expected))
    );
}

#[test]
fn a_duplicated_answer_is_always_refused_and_names_the_question() {
    counted("duplicated answer → DuplicateAnswer", || {
        proptest!(config(200), |(doc in 0..summaries().len(), selector: usize, aside: bool)| {
            let mut value = summaries()[doc].clone();
            let answers = value["answers"].as_array().unwrap().clone();
            prop_assume!(!answers.is_empty());
            tried();
            let question = answers[selector % answers.len()]["question_id"].clone();
            apply(&mut value, &Mutation::DuplicateAnswer(selector, aside));
            prop_assert_eq!(
                import(value.to_string().as_bytes()).map(|_| ()),
                Err(ImportError::DuplicateAnswer {
                    question_id: question.as_str().unwrap().to_string()
                })
            );
        });
    });
}

#[test]
fn damaged_storage_values_are_decoded_or_refused_never_panic() {
    counted(
        "mutated stored values → stored::decode_assessment/decode_backup",
        || {
            proptest!(config(2_500), |(
                doc in 0..=stored_values().len(),
                mutations in prop::collection::vec(arb_mutation(), 1..4),
                damage in arb_damage(),
            )| {
                tried();
                // The last document is a crash backup of all the others.
                let backup = doc == stored_values().len();
                let original = if backup { backup_value() } else { stored_values()[doc].clone() };
                let value = mutated(original, &mutations);
                let text = String::from_utf8_lossy(&render(&value, false, false, &damage)).into_owned();
                let decoded = stored::decode_assessment(&text);
                if let Ok(a) = &decoded {
                    prop_assert_eq!(
                        stored::decode_assessment(&stored::encode_assessment(a)),
                        Ok(a.clone())
                    );
                }
                if let Ok(assessments) = stored::decode_backup(&text) {
                    for a in assessments {
                        prop_assert_eq!(
                            stored::decode_assessment(&stored::encode_assessment(&a)),
                            Ok(a)
                        );
                    }
                }
                // A valid JSON object is never "unparseable". (Not so for arrays, nor for
                // `decode_backup`: see `valid_json_is_never_called_unparseable`.)
                if matches!(damage, Damage::None) && value.is_object() && depth(&value) < 120 {
                    prop_assert_ne!(decoded, Err(stored::DecodeError::Unparseable));
                }
            });
        },
    );
}

#[test]
fn roadmap_item_ids_of_any_shape_import() {
    counted("roadmap item ids → summary::import + round trip", || {
        proptest!(config(300), |(
            doc in 0..summaries().len(),
            id in prop_oneof![
                "custom_[0-9]{1,9}",
                // u32::MAX itself overflows: see `a_custom_item_numbered_u32_max_imports`.
                (0u32..u32::MAX).prop_map(|n| format!("custom_{n}")),
                ".{0,20}",
            ],
        )| {
            let mut value = summaries()[doc].clone();
            prop_assume!(value["roadmap"].is_object());
            tried();
            value["roadmap"]["items"][0]["id"] = id.into();
            let imported = import(value.to_string().as_bytes());
            prop_assert!(imported.is_ok(), "{:?}", imported.err());
            check_round_trip(&imported.unwrap())?;
        });
    });
}

#[test]
fn staff_numbers_of_any_size_are_read_in_hundredths_and_survive_a_round_trip() {
    use autodiag_core::domain::json_tree::{self, from_hundredths};
    counted(
        "profile.digital_staff_fte → summary::import + round trip",
        || {
            proptest!(config(300), |(doc in 0..summaries().len(), fte in any::<f64>())| {
                prop_assume!(fte.is_finite());
                tried();
                let mut value = summaries()[doc].clone();
                value["profile"]["digital_staff_fte"] = fte.into();
                let first = import(value.to_string().as_bytes()).unwrap();
                // As it is typed and stored: its text rounded to hundredths, bounded.
                let text = value["profile"]["digital_staff_fte"].to_string();
                let kept = from_hundredths(json_tree::parse(&text).unwrap().hundredths().unwrap());
                prop_assert_eq!(first.assessment.profile.digital_staff_fte, Some(kept));
                check_round_trip(&first)?;
            });
        },
    );
}

// ---------------------------------------------------------------------------------------------
// Deep nesting and size limits.

/// Runs `f` on a thread with a 1 MiB stack, the size of the wasm build's stack.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .expect("no stack overflow, no panic")
}

fn deep_documents(levels: usize) -> Vec<(&'static str, String)> {
    let header = "{\"format\":\"autodiag-summary\",\"schema_version\":1,\"answers\":";
    vec![
        ("arrays", "[".repeat(levels) + &"]".repeat(levels)),
        (
            "objects",
            "{\"a\":".repeat(levels) + "1" + &"}".repeat(levels),
        ),
        ("unclosed arrays", "[".repeat(levels)),
        (
            "mixed",
            "[{\"a\":".repeat(levels / 2) + "0" + &"}]".repeat(levels / 2),
        ),
        (
            "inside a summary",
            header.to_string() + &"[".repeat(levels) + &"]".repeat(levels) + "}",
        ),
        (
            "levels",
            header.to_string() + &"{\"level\":".repeat(levels) + "3" + &"}".repeat(levels) + "}",
        ),
    ]
}

#[test]
fn deep_nesting_is_refused_quickly_without_overflowing_the_stack() {
    for levels in [10_000, 100_000] {
        for (shape, text) in deep_documents(levels) {
            let start = Instant::now();
            let result = on_small_stack(move || import(text.as_bytes()).map(|_| ()));
            let elapsed = start.elapsed();
            assert_eq!(
                result,
                Err(ImportError::TooDeep),
                "{shape}, {levels} levels"
            );
            assert!(
                elapsed < Duration::from_secs(1),
                "{shape}, {levels} levels: {elapsed:?}"
            );
        }
    }
    // Just past the limit is refused; at the limit, the file is read (and found wanting).
    let at = |levels: usize| "[".repeat(levels) + &"]".repeat(levels);
    assert_eq!(
        import(at(summary::MAX_DEPTH + 1).as_bytes()).map(|_| ()),
        Err(ImportError::TooDeep)
    );
    assert_eq!(
        import(at(summary::MAX_DEPTH).as_bytes()).map(|_| ()),
        Err(ImportError::NotAutodiag)
    );
}

#[test]
fn deep_nesting_in_storage_is_refused_without_overflowing_the_stack() {
    for levels in [10_000, 100_000] {
        for (shape, text) in deep_documents(levels) {
            let wrapped = format!("{{\"storage_version\":1,\"assessment\":{text}}}");
            let backup = format!("{{\"format\":\"autodiag-backup\",\"assessments\":[{text}]}}");
            let start = Instant::now();
            let results = on_small_stack(move || {
                [
                    stored::decode_assessment(&text).map(|_| ()),
                    stored::decode_assessment(&wrapped).map(|_| ()),
                    stored::decode_backup(&backup).map(|_| ()),
                ]
            });
            let elapsed = start.elapsed();
            for result in results {
                assert!(result.is_err(), "{shape}, {levels} levels");
            }
            assert!(
                elapsed < Duration::from_secs(1),
                "{shape}, {levels} levels: {elapsed:?}"
            );
        }
    }
}

#[test]
fn a_file_over_the_limit_is_refused_before_it_is_read() {
    let six_mb = 6 * 1024 * 1024;
    // Each would be refused for another reason if it were read: binary, too deep, not a summary.
    for (what, bytes) in [
        ("binary", vec![0xff; six_mb]),
        ("deep", vec![b'['; six_mb]),
        ("spaces", vec![b' '; six_mb]),
    ] {
        let start = Instant::now();
        let framework = framework();
        let ((imported, parsed), peak) = peak_memory(|| {
            (
                summary::import(framework, &bytes, String::new(), NOW).map(|_| ()),
                summary::parse(&bytes).map(|_| ()),
            )
        });
        let elapsed = start.elapsed();
        assert_eq!(
            imported,
            Err(ImportError::TooLarge { bytes: six_mb }),
            "{what}"
        );
        assert_eq!(
            parsed,
            Err(ImportError::TooLarge { bytes: six_mb }),
            "{what}"
        );
        assert_eq!(peak, 0, "{what}: nothing is allocated to refuse it");
        assert!(elapsed < Duration::from_millis(50), "{what}: {elapsed:?}");
    }
    // One byte under the limit is read; one over is not.
    let mut at_limit = vec![b' '; summary::MAX_FILE_BYTES];
    assert_eq!(import(&at_limit).map(|_| ()), Err(ImportError::Empty));
    at_limit.push(b' ');
    assert!(matches!(
        import(&at_limit),
        Err(ImportError::TooLarge { .. })
    ));
}

/// The largest files accepted: memory stays a small multiple of the file, and reading each
/// takes a small multiple of reading one long text of the same size.
#[test]
fn the_largest_accepted_files_keep_memory_bounded() {
    let base = summaries()[0].clone();
    let budget = summary::MAX_FILE_BYTES - 64 * 1024;
    let fill = |mut value: Value, list: &str, item: &dyn Fn(usize) -> Value| {
        let mut items = Vec::new();
        let mut size = value.to_string().len();
        while size < budget {
            let next = item(items.len());
            size += next.to_string().len() + 1;
            items.push(next);
        }
        let target = if list == "items" {
            &mut value["roadmap"]["items"]
        } else {
            &mut value[list]
        };
        target.as_array_mut().unwrap().extend(items);
        value
    };
    let cases = [
        ("one huge note", {
            let mut v = base.clone();
            v["answers"][0]["note"] = "é".repeat(budget / 2).into();
            v
        }),
        (
            "many set-aside answers",
            fill(
                base.clone(),
                "set_aside_answers",
                &|i| serde_json::json!({"question_id": format!("q{i}"), "level": 3, "note": "n"}),
            ),
        ),
        (
            "many roadmap items",
            fill(base.clone(), "items", &|i| {
                serde_json::json!({"id": format!("custom_{}", i + 100), "horizon": "long",
                "status": "planned", "origin": "custom", "custom_title": "t"})
            }),
        ),
        // Maps are sorted vectors: keys that come in reverse order must not cost a shift each.
        (
            "many unknown pillars, in reverse order",
            fill(base.clone(), "pillars", &|i| {
                let mut pillar = base["pillars"][0].clone();
                pillar["pillar_id"] = format!("p{:07}", 9_999_999 - i).into();
                pillar
            }),
        ),
    ];
    // An object's keys in reverse order, written by hand: serde_json would sort them.
    let reversed_objectives = {
        // Written by hand: serde_json would write the keys sorted.
        let mut v = base.clone();
        v["roadmap"]["strategic_objectives"] = serde_json::json!({"-": "-"});
        let mut objectives = String::new();
        let mut i = 0;
        let rest = v.to_string().len();
        while rest + objectives.len() < budget {
            objectives.push_str(&format!("\"p{:07}\":\"o\",", 9_999_999 - i));
            i += 1;
        }
        let text = v.to_string().replace(
            r#""strategic_objectives":{"-":"-"}"#,
            &format!(r#""strategic_objectives":{{{}"-":"-"}}"#, objectives),
        );
        serde_json::from_str::<Value>(&text).unwrap();
        text
    };
    let texts = cases
        .into_iter()
        .map(|(what, value)| (what, value.to_string()));
    let reversed = (
        "many objectifs stratégiques, in reverse order",
        reversed_objectives,
    );
    let cases: Vec<(&str, String)> = texts.chain([reversed]).collect();
    // Timed against this machine, not in seconds: a loaded machine slows the baseline as
    // much as the cases (a limit of 10 s once failed at 12.9 s beside a wasm build). The
    // cases read in 6 to 13 times the baseline; the quadratic map of 0f749f2 took 600 times.
    let baseline = (0..3)
        .map(|_| {
            let start = Instant::now();
            import(cases[0].1.as_bytes()).unwrap();
            start.elapsed()
        })
        .min()
        .unwrap();
    for (what, text) in cases {
        assert!(
            text.len() <= summary::MAX_FILE_BYTES,
            "{what}: {}",
            text.len()
        );
        let start = Instant::now();
        let (imported, peak) = peak_memory(|| import(text.as_bytes()));
        let read = start.elapsed();
        let imported = imported.unwrap_or_else(|e| panic!("{what}: {e:?}"));
        let start = Instant::now();
        let summary = summary::export(framework(), &imported.assessment, NOW);
        let exported = start.elapsed();
        eprintln!(
            "{what}: {} bytes, peak {} bytes ({:.1}× the file), read in {read:.1?}, exported in {exported:.1?}",
            text.len(),
            peak,
            peak as f64 / text.len() as f64,
        );
        assert!(
            peak < 32 * text.len(),
            "{what}: {peak} bytes for a {} byte file",
            text.len()
        );
        assert!(
            read < 60 * baseline,
            "{what}: read in {read:?}, 60 times {baseline:?} at most"
        );
        drop(summary);
    }
}

// ---------------------------------------------------------------------------------------------
// Bugs found by the properties above, kept as failing cases until the domain code is fixed.

/// `Roadmap::restore` computes the next custom number as `max + 1` in `u32`: a file with an
/// item `custom_4294967295` overflows (a panic in debug builds; a wrap to 0 in release).
/// `Roadmap::add_custom` has the same `number + 1` after `custom_4294967294`.
#[test]
fn a_custom_item_numbered_u32_max_imports() {
    for id in ["custom_4294967295", "custom_4294967294"] {
        let mut value = summaries()[0].clone();
        value["roadmap"]["items"][0]["id"] = id.into();
        let mut imported = import(value.to_string().as_bytes()).expect(id);
        check_round_trip(&imported).unwrap();
        let roadmap = imported.assessment.roadmap.as_mut().unwrap();
        let added =
            roadmap.add_custom("Encore une", autodiag_core::domain::content::Horizon::Short);
        assert!(added.is_some_and(|new| new != id), "{id}");
    }
}

/// `decode_assessment` and `decode_backup` sort errors by serde_json's category, and serde_json
/// calls some type errors syntax errors: a unit enum given `null`, a number, a boolean or an
/// array, and a struct given an array with too many elements. Such values are valid JSON, yet
/// come out as `Unparseable` ("not JSON at all") instead of `Invalid`.
#[test]
fn valid_json_is_never_called_unparseable() {
    for text in ["[0, null]", "[1, {}, 2]"] {
        assert!(
            matches!(
                stored::decode_assessment(text),
                Err(stored::DecodeError::Invalid { .. })
            ),
            "{text}"
        );
    }
    for bad in [Value::Null, 3.into(), true.into(), Value::Array(vec![])] {
        let mut value = backup_value();
        value["assessments"][0]["assessment"]["pillars"]["economie"]["importance"] = bad.clone();
        assert!(
            matches!(
                stored::decode_backup(&value.to_string()),
                Err(stored::DecodeError::Invalid { .. })
            ),
            "{bad}"
        );
    }
}

/// Nothing limits the number of roadmap items, nor repeats of one catalogue action. Reasons
/// that compare every item with every other make a file of a few thousand repeated catalogue
/// items import in milliseconds, then take seconds to minutes to export or to show
/// (quadratic; about 11 s for 4,000 items in a debug build, and a 5 MB file holds ~25,000).
#[test]
fn thousands_of_repeated_catalogue_items_export_quickly() {
    let mut value = summaries()[0].clone();
    let drafted: Vec<Value> = value["roadmap"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|item| item["origin"] != "custom")
        .cloned()
        .collect();
    let items = value["roadmap"]["items"].as_array_mut().unwrap();
    for k in 0..4_000 {
        items.push(drafted[k % drafted.len()].clone());
    }
    let imported = import(value.to_string().as_bytes()).unwrap();
    let start = Instant::now();
    summary::export(framework(), &imported.assessment, NOW);
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );
}

/// Answers to questions the framework does not know are kept aside and exported again; the
/// importance and target of a pillar it does not know are kept in the assessment but left out
/// of its next export, so a second import loses them. (A pillar listed twice is not refused
/// either, unlike an answer given twice: the last one wins.)
#[test]
fn settings_of_an_unknown_pillar_survive_a_round_trip() {
    let mut value = summaries()[0].clone();
    value["pillars"][0]["pillar_id"] = "mobilite_2030".into();
    value["pillars"][0]["importance"] = "high".into();
    let first = import(value.to_string().as_bytes()).unwrap();
    assert_eq!(
        first.assessment.settings("mobilite_2030").importance,
        Importance::High
    );
    let second = import(export(&first.assessment).as_bytes()).unwrap();
    assert_eq!(
        second.assessment.settings("mobilite_2030").importance,
        Importance::High
    );
}

/// Files of tiny values (a million zeros, empty arrays or strings) are refused as they are
/// read, before their tree outgrows the memory the largest real files take.
#[test]
fn files_of_tiny_values_are_refused_with_memory_bounded() {
    let budget = summary::MAX_FILE_BYTES - 1024;
    for (what, item) in [
        ("zeros", "0,"),
        ("empty arrays", "[],"),
        ("empty objects", "{},"),
        ("empty strings", "\"\","),
        ("nulls", "null,"),
        ("short strings", "\"a\","),
        ("small objects", "{\"a\":0},"),
        ("objects of arrays", "{\"\":[]},"),
    ] {
        let mut values = String::new();
        while values.len() < budget - 200 {
            values.push_str(item);
        }
        values.push('0');
        let summary_file = format!(
            "{{\"format\":\"autodiag-summary\",\"schema_version\":4,\"answers\":[{values}]}}"
        );
        let stored_value = format!("{{\"storage_version\":1,\"assessment\":[{values}]}}");
        let backup = format!("{{\"format\":\"autodiag-backup\",\"assessments\":[{values}]}}");
        let (results, peak) = peak_memory(|| {
            (
                summary::parse(summary_file.as_bytes()).map(|_| ()),
                stored::decode_assessment(&stored_value).map(|_| ()),
                stored::decode_backup(&backup).map(|_| ()),
            )
        });
        // Under 4 bytes a value the text is refused as it is read; longer items are read,
        // and refused for their shape.
        if item.len() < 4 {
            assert_eq!(results.0, Err(ImportError::NotAutodiag), "{what}");
        } else {
            assert!(results.0.is_err(), "{what}");
        }
        assert!(
            matches!(results.1, Err(stored::DecodeError::Invalid { .. })),
            "{what}: {:?}",
            results.1
        );
        assert!(results.2.is_err(), "{what}");
        eprintln!(
            "{what}: peak {peak} bytes ({:.1}× the file)",
            peak as f64 / summary_file.len() as f64
        );
        assert!(
            peak < 16 * summary_file.len(),
            "{what}: {peak} bytes for a {} byte file",
            summary_file.len()
        );
    }
}

#[test]
fn a_file_cut_anywhere_is_refused_as_cut() {
    counted("summaries cut at any byte → Truncated", || {
        proptest!(config(2_000), |(
            doc in 0..summaries().len(),
            pretty in any::<bool>(),
            // A note with escapes, so that cuts fall inside `\n`, `\"` and `\u0001` too.
            note in "[a-z\"\\\\\n\u{1}é ]{0,12}",
            cut in any::<prop::sample::Index>(),
        )| {
            tried();
            let mut value = summaries()[doc].clone();
            if let Some(Value::Object(answer)) = value["answers"].get_mut(0) {
                answer.insert("note".into(), Value::String(note));
            }
            let bytes = render(&value, pretty, false, &Damage::None);
            let text = std::str::from_utf8(&bytes).unwrap();
            // Anywhere, inside a character too, as long as something is left.
            let at = cut.index(text.trim_end().len());
            prop_assume!(!text.as_bytes()[..at].trim_ascii().is_empty());
            let refused = summary::parse(&bytes[..at]).map(|_| ());
            prop_assert!(
                matches!(refused, Err(ImportError::Truncated { .. })),
                "cut at {at} of {}: {:?}", text.len(), refused
            );
        });
    });
}
