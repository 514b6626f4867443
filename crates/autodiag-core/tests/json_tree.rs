//! The small JSON reader and writer held to serde_json, which they replace for storage and
//! texts: the same texts accepted, the same values read, the stored format written byte for
//! byte as serde wrote it.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use autodiag_core::domain::assessment::{Answer, Assessment, Choice, SetAsideAnswer};
use autodiag_core::domain::json_tree::{self, Json};
use autodiag_core::domain::{content, stored, summary};
use common::*;
use proptest::prelude::*;
use proptest::sample::select;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The stored record exactly as serde wrote it before `json_tree` replaced it.
#[derive(Serialize, Deserialize)]
struct SerdeStored {
    storage_version: u32,
    assessment: Assessment,
}

fn serde_encoded(a: &Assessment) -> String {
    autodiag_core::domain::json::to_string(
        &SerdeStored {
            storage_version: stored::STORAGE_VERSION,
            assessment: a.clone(),
        },
        b"",
    )
}

/// Assessments of every shape the store holds: empty, realistic with notes to escape and a
/// roadmap, consolidated, with answers set aside and odd staff numbers.
fn assessments() -> Vec<Assessment> {
    let mut consolidated = realistic_assessment("Fleurus", "52022", "2026-10-05", 11, 3.0);
    consolidated.profile.consolidated_respondents = 4;
    consolidated.profile.participants = vec![
        "Marie Dubois (Directrice générale)".into(),
        "Luc \"Lulu\" Martin".into(),
    ];
    consolidated.last_downloaded_at = Some(NOW.into());
    consolidated.revision = u64::MAX;
    consolidated.changes_since_download = u32::MAX;
    let mut odd = assessment("Ham-sur-Heure-Nalinnes");
    odd.profile.digital_staff_fte = Some(0.05);
    odd.set_note(
        "mob_pcm",
        "tab\there, « guillemets » \"ok\" \\ \u{1} \u{8}\u{c}\r\n 🚲 \u{7f} \u{2028}",
        NOW,
    );
    odd.answers.insert(
        "mob_hyperloop".into(),
        Answer {
            choice: Some(Choice::NotApplicable),
            note: String::new(),
            ask: "le service urbanisme".into(),
            previous: None,
            previous_note: "« l'an dernier » \"oui\"\n🚲".into(),
        },
    );
    odd.set_aside.push(SetAsideAnswer {
        question_id: "gou_ancienne".into(),
        answer: Answer {
            choice: Some(Choice::Unknown),
            note: "n".into(),
            ask: String::new(),
            previous: None,
            previous_note: String::new(),
        },
    });
    let mut staffed = assessment("Chapelle-lez-Herlaimont");
    staffed.profile.digital_staff_fte = Some(12.0);
    // Redone from Lobbes' diagnostic, one answer already given again.
    let mut redone = realistic_assessment("Lobbes", "56044", "2026-11-20", 7, 0.25).reassess(
        "lobbes-2027".into(),
        "2027-11-20",
        NOW,
    );
    redone.set_choice("mob_pcm", Some(Choice::Unknown), NOW);
    vec![
        assessment("Thuin"),
        realistic_assessment("Lobbes", "56044", "2026-11-20", 7, 0.25),
        realistic_assessment("Chimay", "56016", "2026-09-01", 3, 1.5),
        consolidated,
        odd,
        staffed,
        redone,
    ]
}

#[test]
fn the_stored_format_is_written_byte_for_byte_as_serde_wrote_it() {
    for a in assessments() {
        assert_eq!(stored::encode_assessment(&a), serde_encoded(&a), "{}", a.id);
    }
}

#[test]
fn what_serde_stored_reads_back_unchanged() {
    for a in assessments() {
        assert_eq!(stored::decode_assessment(&serde_encoded(&a)), Ok(a.clone()));
        // Fields a later version may add are skipped, whatever their numbers.
        let with_more = serde_encoded(&a).replacen(
            "\"storage_version\": 1,",
            "\"storage_version\": 1,\n\"zz\": [1e999, 0.01e310, -0],",
            1,
        );
        assert_eq!(stored::decode_assessment(&with_more), Ok(a.clone()));
        // And what this module writes, serde reads the same.
        let by_serde: SerdeStored = serde_json::from_str(&stored::encode_assessment(&a)).unwrap();
        assert_eq!(by_serde.assessment, a);
    }
}

#[test]
fn staff_numbers_are_kept_in_hundredths() {
    let stored_fte = |text: &str| {
        let raw = format!(
            "{{\"storage_version\":1,\"assessment\":{{\"id\":\"x\",\"profile\":{{\"commune\":\"C\",\
             \"digital_staff_fte\":{text}}},\"created_at\":\"t\",\"updated_at\":\"t\"}}}}"
        );
        stored::decode_assessment(&raw)
            .unwrap()
            .profile
            .digital_staff_fte
    };
    for (text, value) in [
        ("2.5", 2.5),
        ("0.05", 0.05),
        ("3", 3.0),
        ("0.125", 0.13),
        ("0.004", 0.0),
        ("-1.5", -1.5),
        ("1e2", 100.0),
        ("25e-1", 2.5),
        ("5e-5", 0.0),
        ("1e-999", 0.0),
        ("123456789012345678901234567890", 1e9),
        ("0.33333333333333333333333333", 0.33),
    ] {
        assert_eq!(stored_fte(text), Some(value), "{text}");
    }
    assert_eq!(stored_fte("null"), None);
    // Numbers keep their text: one beyond any f64 is still bounded in hundredths.
    assert_eq!(stored_fte("1e999"), Some(1e9));
    assert_eq!(stored_fte("-1e999"), Some(-1e9));
    assert_eq!(stored_fte("0.01e310"), Some(1e9));
    assert!(json_tree::parse("1e999").unwrap().float().is_err());
    assert_eq!(
        json_tree::parse("1.7976931348623157e308").unwrap().float(),
        Ok(f64::MAX)
    );
}

#[test]
fn a_float_is_written_to_six_decimals_at_most() {
    let written = |value: f64| {
        let mut out = json_tree::JsonWriter::new("");
        out.float(value);
        out.out
    };
    for (value, text) in [
        (2.0, "2.0"),
        (0.0, "0.0"),
        (0.5, "0.5"),
        (-0.05, "-0.05"),
        (6.0 / 7.0, "0.857143"),
        (2.857_142_857_142_857, "2.857143"),
        (0.000_000_4, "0.0"),
        (1_234.000_001, "1234.000001"),
        (-8_999_999_999.25, "-8999999999.25"),
        // Beyond about nine billion, millionths are no longer exact: whole numbers.
        (12_345_678_901.7, "12345678902.0"),
        (-8.9e18, "-8900000000000000000.0"),
    ] {
        assert_eq!(written(value), text, "{value}");
        // What is written reads back as the number rounded to six decimals.
        let read = json_tree::parse(text).unwrap().float().unwrap();
        assert!((read - value).abs() <= 0.5, "{value} → {text}");
    }
    // JSON has no NaN nor infinity, and no field of the format holds a number that large.
    for value in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 9e18, -1e300] {
        assert_eq!(written(value), "null", "{value}");
    }
    // An error message quotes such a number readably.
    assert_eq!(json_tree::float_text(2.5), "2.5");
    assert_eq!(json_tree::float_text(7.0), "7");
    assert_eq!(json_tree::float_text(-0.000_000_1), "0");
    assert_eq!(json_tree::float_text(1e300), "> 9·10¹⁸");
}

/// serde_json's value as a `Json` tree, members deduplicated as serde_json keeps them.
fn from_serde(value: &Value) -> Json {
    match value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Number(n) => Json::Number(n.to_string().into()),
        Value::String(s) => Json::String(s.as_str().into()),
        Value::Array(items) => Json::Array(items.iter().map(from_serde).collect()),
        Value::Object(map) => Json::Object(
            map.iter()
                .map(|(key, value)| (key.as_str().into(), from_serde(value)))
                .collect(),
        ),
    }
}

/// `json_tree`'s tree in the same terms: last member wins, members in key order, numbers
/// through f64 as serde_json reads them.
fn normalised(value: &Json) -> Json {
    match value {
        Json::Number(text) => Json::Number(
            match text.parse::<u64>() {
                Ok(whole) => whole.to_string(),
                Err(_) => match text.parse::<i64>() {
                    // serde_json reads `-0` as the float -0.0.
                    Ok(negative) if negative != 0 => negative.to_string(),
                    _ => serde_json::Number::from_f64(text.parse::<f64>().unwrap())
                        .unwrap()
                        .to_string(),
                },
            }
            .into(),
        ),
        Json::Array(items) => Json::Array(items.iter().map(normalised).collect()),
        Json::Object(members) => {
            let map: std::collections::BTreeMap<_, _> = members
                .iter()
                .map(|(key, value)| (key.clone(), normalised(value)))
                .collect();
            Json::Object(map.into_iter().collect())
        }
        other => other.clone(),
    }
}

fn json_like() -> impl Strategy<Value = String> {
    let tokens = [
        "{",
        "}",
        "[",
        "]",
        ":",
        ",",
        " ",
        "\n",
        "\t",
        "null",
        "true",
        "false",
        "nul",
        "0",
        "7",
        "-1",
        "2.5",
        "1e3",
        "1E-2",
        "-0",
        "01",
        "1.",
        ".5",
        "-",
        "18446744073709551615",
        "18446744073709551616",
        "\"",
        "\\",
        "\"a\"",
        "\"\\u00e9\"",
        "\"\\ud83d\\udeb2\"",
        "\"\\ud800\"",
        "\"\\udc00\"",
        "\"\\u12\"",
        "\"\\x\"",
        "\"\\n\\t\\/\"",
        "\"\u{1}\"",
        "\"é🚲\"",
        "\u{feff}",
        "\"id\":",
        "\"storage_version\":",
    ];
    prop::collection::vec(select(tokens.to_vec()), 0..40).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::with_cases(3_000) })]

    /// Every text serde_json accepts, this reader accepts with the same value, and the other
    /// way round. (serde_json refuses numbers beyond f64; this reader keeps their text and
    /// leaves it to the field.)
    #[test]
    fn the_reader_accepts_exactly_what_serde_json_accepts(text in prop_oneof![json_like(), ".{0,40}"]) {
        let ours = json_tree::parse(&text);
        match serde_json::from_str::<Value>(&text) {
            Ok(value) => prop_assert_eq!(ours.map(|tree| normalised(&tree)), Ok(from_serde(&value))),
            Err(error) if error.to_string().contains("out of range") => {}
            Err(error) => prop_assert!(ours.is_err(), "serde_json: {}", error),
        }
    }

    /// Any string survives the writer and the reader, and the writer escapes as serde_json.
    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them(text in any::<String>()) {
        let mut written = String::new();
        json_tree::write_string(&mut written, &text);
        prop_assert_eq!(&written, &serde_json::to_string(&text).unwrap());
        prop_assert_eq!(json_tree::parse(&written), Ok(Json::String(text.into())));
    }

    /// Staff numbers typed in the profile (two decimals at most) are written as serde_json
    /// wrote those floats, and read back to the same float.
    #[test]
    fn staff_numbers_round_trip(hundredths in 0i64..=1_000_000) {
        let value = json_tree::from_hundredths(hundredths);
        let mut written = String::new();
        json_tree::write_hundredths(&mut written, json_tree::to_hundredths(value));
        prop_assert_eq!(&written, &serde_json::to_string(&value).unwrap());
        prop_assert_eq!(json_tree::parse(&written).unwrap().hundredths(), Ok(hundredths));
    }
}

#[test]
fn nesting_is_limited_like_serde_json() {
    for depth in [json_tree::MAX_DEPTH, json_tree::MAX_DEPTH + 1, 10_000] {
        let text = "[".repeat(depth) + &"]".repeat(depth);
        assert_eq!(
            json_tree::parse(&text).is_ok(),
            serde_json::from_str::<Value>(&text).is_ok(),
            "{depth}"
        );
    }
}

#[test]
fn the_texts_read_as_serde_reads_them() {
    for lang in content::languages() {
        let texts = content::full_texts(lang);
        let json = serde_json::to_string(&texts).unwrap();
        // An action's texts are a pair, without their field names.
        assert!(!json.contains("\"first_step\""), "{lang}");
        let mut expected = texts.clone();
        // Never written: the build folds the glossary into the texts.
        expected.scale.glossary.clear();
        assert_eq!(
            content::texts_json::read(&json, content::texts_json::texts).as_ref(),
            Ok(&expected),
            "{lang}"
        );
    }
    assert!(content::texts_json::read("{\"scale\": 3}", content::texts_json::texts).is_err());
}

#[test]
fn a_question_text_names_its_id_once_and_older_files_that_repeat_it_still_read() {
    for lang in content::languages() {
        let texts = content::full_texts(lang);
        assert!(texts.questions.len() > 40, "{lang}");
        for (id, text) in texts.questions.iter() {
            assert_eq!(&text.id, id, "{lang}");
        }
        let json = serde_json::to_string(&texts.questions).unwrap();
        assert!(
            !json.contains("\"id\":"),
            "{lang}: the id is the member's name only"
        );
        // As releases before 2.1.0 wrote them, with an id inside too: the member's name wins.
        let mut older: serde_json::Value = serde_json::from_str(&json).unwrap();
        for (id, text) in older.as_object_mut().unwrap() {
            text["id"] = Value::String(format!("{id}-inside"));
        }
        assert_eq!(
            content::texts_json::read(&older.to_string(), content::texts_json::question_texts),
            Ok(texts.questions.clone()),
            "{lang}"
        );
    }
}

#[test]
fn broken_question_texts_are_refused() {
    assert!(content::install_questions("fr", "{\"mob_pcm\": {\"id\": 1}}").is_err());
    assert!(content::install_questions("fr", "not json").is_err());
}

/// The summaries of [`assessments`] and of the example files, as the app exports them.
fn summaries() -> Vec<summary::Summary> {
    let mut all: Vec<summary::Summary> = assessments()
        .iter()
        .map(|a| summary::export(framework(), a, NOW))
        .collect();
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    for entry in std::fs::read_dir(examples).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        let imported = summary::import(framework(), &bytes, "id".into(), NOW).unwrap();
        all.push(summary::export(framework(), &imported.assessment, NOW));
    }
    // Staff numbers and shares that are not whole.
    let mut odd = all[1].clone();
    odd.profile.digital_staff_fte = Some(0.1 + 0.2);
    odd.pillars[0].completion = 1.0 / 3.0;
    odd.pillars[1].completion = f64::NAN;
    odd.pillars[2].completion = 12.0;
    let roadmap = odd.roadmap.as_mut().unwrap();
    roadmap.strategic_objectives.insert(
        "mobilite".into(),
        "Une mobilité « douce »\tpour tous".into(),
    );
    roadmap.items[0].owner = Some("Service travaux".into());
    roadmap.items[0].due = Some("2027-06-30".into());
    all.push(odd);
    all
}

/// serde_json's text with its floats as the app writes them: to six decimals at most, and
/// the staff number in hundredths (see `a_float_is_written_to_six_decimals_at_most`).
fn as_the_app_writes(serde_text: &str) -> String {
    let mut out = String::new();
    let (mut in_string, mut escaped, mut key) = (false, false, String::new());
    let mut chars = serde_text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => key.push(c),
            }
            continue;
        }
        if c == '"' {
            in_string = true;
            key.clear();
            out.push(c);
            continue;
        }
        if !(c == '-' || c.is_ascii_digit()) {
            out.push(c);
            continue;
        }
        let mut number = c.to_string();
        while let Some(&next) = chars
            .peek()
            .filter(|n| n.is_ascii_digit() || "+-.eE".contains(**n))
        {
            number.push(next);
            chars.next();
        }
        if !number.contains(['.', 'e', 'E']) {
            out.push_str(&number);
            continue;
        }
        let value: f64 = number.parse().unwrap();
        let decimals = if key == "digital_staff_fte\"" {
            1e2
        } else {
            1e6
        };
        let mut text = format!("{}", (value * decimals).round() / decimals);
        if !text.contains('.') {
            text.push_str(".0");
        }
        out.push_str(&text);
    }
    out
}

#[test]
fn summaries_are_written_byte_for_byte_as_serde_wrote_them_floats_rounded() {
    let summaries = summaries();
    assert!(summaries.iter().any(|s| s.pst.is_some()));
    assert!(summaries.iter().any(|s| !s.legal_obligations.is_empty()));
    assert!(summaries.iter().any(|s| {
        s.roadmap
            .as_ref()
            .is_some_and(|r| !r.later.is_empty() && r.items.iter().any(|i| !i.reasons.is_empty()))
    }));
    for summary in summaries {
        assert_eq!(
            summary::to_json(&summary),
            as_the_app_writes(&autodiag_core::domain::json::to_string(&summary, b"  ")),
            "{}",
            summary.profile.commune
        );
    }
}

/// A fault is placed where it is: a repeated field at its second occurrence, a wrong value on
/// its own line.
#[test]
fn import_errors_name_the_line_of_the_fault() {
    let text = summary::to_json(&summaries()[1]);
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let first_level = line_of("\"level\": ");
    let repeated = text.replacen("\"level\": ", "\"level\": 2,\n      \"level\": ", 1);
    assert!(matches!(
        summary::parse(repeated.as_bytes()),
        Err(summary::ImportError::InvalidValue { line, .. }) if line == first_level + 1
    ));
    let importance = line_of("\"importance\": ");
    let wrong = text.replacen("\"importance\": \"", "\"importance\": \"x", 1);
    assert!(matches!(
        summary::parse(wrong.as_bytes()),
        Err(summary::ImportError::InvalidValue { line, column: 21, ref field }) if line == importance && field == "importance"
    ));
    // A staff count typed as text is named by its field, for the reader to find it.
    let typed = text.replacen(
        "\"commune\": \"",
        "\"digital_staff_fte\": \"1,5\",\n    \"commune\": \"",
        1,
    );
    assert!(
        matches!(
            summary::parse(typed.as_bytes()),
            Err(summary::ImportError::WrongType { ref field, .. }) if field == "digital_staff_fte"
        ),
        "{:?}",
        summary::parse(typed.as_bytes()).err()
    );
}

#[test]
fn territory_exports_are_written_byte_for_byte_as_serde_wrote_them_floats_rounded() {
    use autodiag_core::domain::{matching, reference, territory};
    let mut files: Vec<(String, Vec<u8>)> = (0..9)
        .map(|i| {
            let a = realistic_assessment(
                &format!("Commune « {i} »"),
                &format!("{}", 52000 + i),
                &format!("2026-{:02}-15", 1 + i),
                i as u64 + 3,
                0.5,
            );
            let text = summary::to_json(&summary::export(framework(), &a, NOW));
            (format!("commune-{i}.json"), text.into_bytes())
        })
        .collect();
    // An older file of a commune already there, and a file that is not a summary.
    let older = realistic_assessment("Commune « 1 »", "52001", "2025-01-15", 40, 1.0);
    let older = summary::to_json(&summary::export(framework(), &older, NOW));
    files.push(("ancien.json".into(), older.into_bytes()));
    files.push(("vide.json".into(), Vec::new()));
    let t = territory::load(framework(), &files, NOW, TODAY);
    assert!(!t.rejected.is_empty() && !t.superseded.is_empty());
    let matches = matching::find(framework(), &t, matching::Thresholds::default());
    let aggregate = t.aggregate(
        framework(),
        matches,
        3,
        &EXPORT_TEXTS_DEBUG,
        (NOW, &NOW[..10]),
    );
    assert!(!aggregate.matches.is_empty() && !aggregate.pooling_candidates.is_empty());
    assert_eq!(
        aggregate.to_json(),
        as_the_app_writes(&autodiag_core::domain::json::to_string(&aggregate, b"  "))
    );
    let reference = reference::build(framework(), &t, "Charleroi Métropole").unwrap();
    assert_eq!(
        reference.to_json(),
        as_the_app_writes(&autodiag_core::domain::json::to_string(&reference, b"  "))
    );
    // What it writes, it reads back.
    assert_eq!(
        reference::parse(framework(), reference.to_json().as_bytes()),
        Ok(reference)
    );
}

/// The maps are `LiteMap`s, whose own serde writes an empty map as `[]`: every map field goes
/// through `json_object`, so the reference serialisation these tests compare with, and the
/// texts `build.rs` writes, keep `{}`.
#[test]
fn an_empty_map_is_still_a_json_object() {
    let empty = serde_json::to_value(Assessment::default()).unwrap();
    assert_eq!(empty["answers"], serde_json::json!({}));
    assert_eq!(empty["pillars"], serde_json::json!({}));
    let texts = serde_json::to_value(content::model::Texts::default()).unwrap();
    for field in ["pillars", "questions", "actions"] {
        assert_eq!(texts[field], serde_json::json!({}), "{field}");
    }
    assert_eq!(texts["scale"]["services"], serde_json::json!({}));
}
