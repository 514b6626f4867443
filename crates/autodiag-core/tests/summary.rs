//! The JSON summary: its schema, its examples, the round trip, and every kind of bad file.

mod common;
use autodiag_core::domain::assessment::Assessment;
use autodiag_core::domain::scoring;
use autodiag_core::domain::summary::{self, ImportError, Summary};
use common::*;
use std::path::Path;

fn schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Summary)).unwrap()
}

fn export(a: &Assessment) -> String {
    summary::to_json(&summary::export(framework(), a, NOW))
}

#[test]
fn the_committed_schema_matches_the_types() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schema/summary.schema.json");
    let generated = serde_json::to_string_pretty(&schema()).unwrap() + "\n";
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed =
        std::fs::read_to_string(&path).expect("schema/summary.schema.json is committed");
    assert_eq!(
        committed, generated,
        "the summary types changed: run `UPDATE_SCHEMA=1 cargo test --test summary` and bump SCHEMA_VERSION if old files no longer read"
    );
}

#[test]
fn the_examples_validate_against_the_schema_and_import() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    if std::env::var_os("UPDATE_EXAMPLES").is_some() {
        for (file, a) in [
            (
                "lobbes-2026-11-20.json",
                realistic_assessment("Lobbes", "56044", "2026-11-20", 7, 0.0),
            ),
            (
                "courcelles-2026-10-05.json",
                realistic_assessment("Courcelles", "52015", "2026-10-05", 11, 1.5),
            ),
            (
                "thuin-2025-06-12.json",
                realistic_assessment("Thuin", "56078", "2025-06-12", 23, 0.5),
            ),
        ] {
            std::fs::write(dir.join(file), export(&a)).unwrap();
        }
    }
    let validator = jsonschema::validator_for(&schema()).unwrap();
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).unwrap();
            let value: serde_json::Value = serde_json::from_str(&text).unwrap();
            let errors: Vec<String> = validator
                .iter_errors(&value)
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{}: {errors:?}", path.display());
            summary::import(framework(), text.as_bytes(), "x".into(), NOW)
                .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
            count += 1;
        }
    }
    assert!(count >= 3, "examples/ should hold at least three summaries");
}

#[test]
fn an_export_validates_against_the_schema() {
    let value: serde_json::Value = serde_json::from_str(&export(&realistic_assessment(
        "Beaumont",
        "56005",
        "2026-01-10",
        3,
        0.0,
    )))
    .unwrap();
    assert!(jsonschema::is_valid(&schema(), &value));
}

#[test]
fn export_then_import_then_export_gives_the_same_json() {
    for seed in [1, 2, 3, 4, 5] {
        let a = realistic_assessment("Momignies", "56051", "2026-03-03", seed, 0.0);
        let first = export(&a);
        let imported = summary::import(
            framework(),
            first.as_bytes(),
            "new".into(),
            "2027-01-01T00:00:00Z",
        )
        .unwrap();
        let second = export(&imported.assessment);
        assert_eq!(first, second);
        assert!(imported.unknown_questions.is_empty());
        assert_eq!(imported.migrated_from, None);
    }
}

#[test]
fn keys_are_snake_case_and_in_a_stable_order() {
    let json = export(&realistic_assessment(
        "Sivry-Rance",
        "56088",
        "2026-02-02",
        9,
        0.0,
    ));
    let order = [
        "\"format\"",
        "\"schema_version\"",
        "\"app_version\"",
        "\"framework\"",
        "\"generated_at\"",
        "\"profile\"",
        "\"answers\"",
        "\"pillars\"",
        "\"overall_score\"",
        "\"roadmap\"",
    ];
    let positions: Vec<usize> = order.iter().map(|k| json.find(k).unwrap()).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    assert!(
        json.contains("\n  \"format\": \"autodiag-summary\""),
        "pretty-printed"
    );
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    fn check_keys(value: &serde_json::Value) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, child) in map {
                    assert!(
                        key.chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                        "{key}"
                    );
                    check_keys(child);
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(check_keys),
            _ => {}
        }
    }
    check_keys(&value);
}

#[test]
fn the_file_name_is_the_commune_slug_and_the_date() {
    let named = |commune: &str, date: &str, respondent: &str| {
        let mut a = assessment(commune);
        a.profile.date = date.into();
        a.profile.respondent_name = respondent.into();
        summary::file_name(&a.profile, "2030-01-01T00:00:00Z", true)
    };
    assert_eq!(
        named("Fontaine-l'Évêque", "2026-11-28", ""),
        "autodiag-fontaine-l-eveque-2026-11-28.json"
    );
    assert_eq!(
        named("Fontaine-l'Évêque", "n'importe quoi", ""),
        "autodiag-fontaine-l-eveque-2030-01-01.json"
    );
    assert!(named("<img src=x>", "", "").starts_with("autodiag-img-src-x-"));
    // Three respondents of one workshop send three file names.
    assert_eq!(
        named("Courcelles", "2026-12-05", "Marie Dubois"),
        "autodiag-courcelles-2026-12-05-marie-dubois.json"
    );
    assert_eq!(
        named("Courcelles", "2026-12-05", "  "),
        "autodiag-courcelles-2026-12-05.json"
    );
    // A summary sent before the end and the final one do not share a name.
    let mut a = assessment("Courcelles");
    a.profile.date = "2026-12-05".into();
    a.profile.respondent_name = "Marie Dubois".into();
    assert_eq!(
        summary::file_name(&a.profile, "2030-01-01T00:00:00Z", false),
        "autodiag-courcelles-2026-12-05-marie-dubois-partiel.json"
    );
}

#[test]
fn scores_in_a_file_are_recomputed_not_trusted() {
    let a = realistic_assessment("Chimay", "56016", "2026-05-05", 4, 1.0);
    let mut value: serde_json::Value = serde_json::from_str(&export(&a)).unwrap();
    for pillar in value["pillars"].as_array_mut().unwrap() {
        pillar["score"] = 100.into();
        pillar["band"] = 5.into();
    }
    value["overall_score"] = 100.into();
    let imported =
        summary::import(framework(), value.to_string().as_bytes(), "x".into(), NOW).unwrap();
    let scores = scoring::score_all(framework(), &imported.assessment);
    assert_eq!(scores, scoring::score_all(framework(), &a));
    assert_eq!(export(&imported.assessment), export(&a));
}

#[test]
fn unknown_question_ids_are_kept_aside_and_reported() {
    let a = realistic_assessment("Viroinval", "93090", "2026-05-05", 5, 1.0);
    let mut value: serde_json::Value = serde_json::from_str(&export(&a)).unwrap();
    value["answers"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"question_id": "mob_hyperloop", "level": 3, "note": "pilote"}));
    let imported =
        summary::import(framework(), value.to_string().as_bytes(), "x".into(), NOW).unwrap();
    assert_eq!(
        imported.unknown_questions,
        vec!["mob_hyperloop".to_string()]
    );
    assert_eq!(imported.assessment.set_aside.len(), 1);
    // Exported again, it is still there.
    assert!(export(&imported.assessment).contains("mob_hyperloop"));
}

fn reject(bytes: &[u8]) -> ImportError {
    summary::import(framework(), bytes, "x".into(), NOW).expect_err("should be refused")
}

fn valid_value() -> serde_json::Value {
    serde_json::from_str(&export(&realistic_assessment(
        "Cerfontaine",
        "93010",
        "2026-04-04",
        6,
        0.0,
    )))
    .unwrap()
}

#[test]
fn bad_files_are_refused_with_a_precise_reason() {
    assert_eq!(reject(b""), ImportError::Empty);
    assert_eq!(reject(b"  \n\t "), ImportError::Empty);
    // A file cut off while sent or saved is told apart from one that is not JSON, also when
    // cut inside a word, an escape or a character; its line is the last that holds anything.
    for (text, line) in [
        (&b"{\"format\": "[..], 1),
        (
            b"{\n  \"format\": \"autodiag-summary\",\n  \"profile\": {\n    \"commune\": \"Lob",
            4,
        ),
        (b"{\"format\": \"autodiag-summary\",\n  \n", 1),
        (b"{\"roadmap\": nu", 1),
        (b"{\"note\": \"a\\u00", 1),
        (b"{\"commune\": \"Ch\xc3", 1),
    ] {
        assert_eq!(
            reject(text),
            ImportError::Truncated { line },
            "{}",
            String::from_utf8_lossy(text)
        );
    }
    assert!(matches!(
        reject(b"{\"format\": ]"),
        ImportError::NotJson { .. }
    ));
    // A text in another encoding is not a cut file, nor a character cut outside a string.
    assert_eq!(reject(b"Compte rendu \xe9"), ImportError::Binary);
    assert_eq!(reject(b"{\"a\": t\xc3"), ImportError::Binary);
    // Nor is a whole document with something after it.
    for text in [
        &b"{\"format\": \"x\"}\n1"[..],
        b"{\"format\": \"x\"}\nnull",
        b"{\"format\": \"x\"}\nnu",
        b"{\"note\": \"\\u00zz\"}",
        // A bad escape in a whole file, however close to its end.
        b"{\"a\": \"\\u12\"}",
    ] {
        assert!(
            matches!(reject(text), ImportError::NotJson { .. }),
            "{}: {:?}",
            String::from_utf8_lossy(text),
            reject(text)
        );
    }
    // Text that does not start as an object is no summary, whatever follows: words, a CSV
    // export (quoted or not), a number, a list cut short.
    for text in [
        &b"Bonjour, voici nos r\xc3\xa9ponses"[..],
        b"cafe",
        b"123abc",
        b" Bonjour",
        b"\nBonjour",
        b"\"Commune\";\"Score\"\n\"Lobbes\";42",
        b"Commune;Code INS\nLobbes;56044",
        b"[1, 2",
        b"\xef\xbb\xbf  \"texte\"",
    ] {
        assert_eq!(
            reject(text),
            ImportError::NotAutodiag,
            "{}",
            String::from_utf8_lossy(text)
        );
    }
    assert_eq!(
        reject(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe"),
        ImportError::Binary
    );
    assert_eq!(reject(&[0xff, 0xfe, 0x00, 0x41]), ImportError::Binary);
    assert_eq!(reject(b"[1, 2, 3]"), ImportError::NotAutodiag);
    assert_eq!(reject(b"{\"name\": \"Lobbes\"}"), ImportError::NotAutodiag);
    assert_eq!(
        reject(b"{\"format\": \"autre-chose\", \"schema_version\": 1}"),
        ImportError::NotAutodiag
    );
    for format in [
        "42",
        "null",
        "{\"format\": \"autodiag-summary\"}",
        "[\"autodiag-summary\"]",
    ] {
        let file = format!("{{\"format\": {format}, \"schema_version\": 1}}");
        assert_eq!(reject(file.as_bytes()), ImportError::NotAutodiag, "{file}");
    }
    assert!(matches!(
        reject(&vec![b' '; summary::MAX_FILE_BYTES + 1]),
        ImportError::TooLarge { .. }
    ));
    let deep = "[".repeat(10_000) + &"]".repeat(10_000);
    assert_eq!(reject(deep.as_bytes()), ImportError::TooDeep);
    let deep_object = "{\"a\":".repeat(10_000) + "1" + &"}".repeat(10_000);
    assert_eq!(reject(deep_object.as_bytes()), ImportError::TooDeep);
}

#[test]
fn a_newer_schema_version_is_refused() {
    let mut value = valid_value();
    value["schema_version"] = (summary::SCHEMA_VERSION + 1).into();
    assert_eq!(
        reject(value.to_string().as_bytes()),
        ImportError::NewerSchema {
            found: u64::from(summary::SCHEMA_VERSION + 1),
            supported: summary::SCHEMA_VERSION
        }
    );
}

#[test]
fn a_level_out_of_range_names_the_question_and_the_value() {
    for (bad, quoted) in [
        (serde_json::json!(7), "7"),
        (serde_json::json!(7.0), "7"),
        (serde_json::json!(0), "0"),
        (serde_json::json!(-1), "-1"),
        (serde_json::json!(2.5), "2.5"),
        (serde_json::json!(1e300), "> 9·10¹⁸"),
        (serde_json::json!("trois"), "\"trois\""),
    ] {
        let mut value = valid_value();
        let first = value["answers"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|a| a.get("level").is_some())
            .unwrap();
        first["level"] = bad.clone();
        let question = first["question_id"].as_str().unwrap().to_string();
        match reject(value.to_string().as_bytes()) {
            ImportError::LevelOutOfRange { question_id, value } => {
                assert_eq!(question_id, question);
                assert_eq!(value, quoted);
            }
            other => panic!("{bad}: {other:?}"),
        }
    }
}

#[test]
fn wrong_types_and_missing_fields_are_named() {
    let mut value = valid_value();
    value["profile"]["commune"] = 42.into();
    assert!(matches!(
        reject(value.to_string().as_bytes()),
        ImportError::WrongType { .. }
    ));

    let mut value = valid_value();
    value["answers"] = "toutes".into();
    assert!(matches!(
        reject(value.to_string().as_bytes()),
        ImportError::WrongType { .. }
    ));

    let mut value = valid_value();
    value["profile"].as_object_mut().unwrap().remove("commune");
    assert!(
        matches!(reject(value.to_string().as_bytes()), ImportError::MissingField { field, .. } if field == "commune")
    );

    let mut value = valid_value();
    value.as_object_mut().unwrap().remove("answers");
    assert!(
        matches!(reject(value.to_string().as_bytes()), ImportError::MissingField { field, .. } if field == "answers")
    );

    let mut value = valid_value();
    value.as_object_mut().unwrap().remove("schema_version");
    assert!(
        matches!(reject(value.to_string().as_bytes()), ImportError::MissingField { field, .. } if field == "schema_version")
    );

    let mut value = valid_value();
    value["pillars"][0]["importance"] = "vitale".into();
    assert!(matches!(
        reject(value.to_string().as_bytes()),
        ImportError::InvalidValue { .. }
    ));

    let mut value = valid_value();
    value["pillars"][0]["target_level"] = 9.into();
    assert!(matches!(
        reject(value.to_string().as_bytes()),
        ImportError::TargetOutOfRange { value: 9, .. }
    ));
}

#[test]
fn duplicate_answers_for_one_question_are_refused() {
    let mut value = valid_value();
    let answers = value["answers"].as_array_mut().unwrap();
    let copy = answers[0].clone();
    answers.push(copy.clone());
    assert_eq!(
        reject(value.to_string().as_bytes()),
        ImportError::DuplicateAnswer {
            question_id: copy["question_id"].as_str().unwrap().to_string()
        }
    );
}

/// Each answer is checked in the file's order: the first fault met is the one named.
#[test]
fn the_first_faulty_answer_is_named_whether_its_fault_is_a_repeat_or_a_level() {
    let mut value = valid_value();
    let answers = value["answers"].as_array_mut().unwrap();
    let first = answers[0].clone();
    answers[1]["level"] = 9.into();
    answers.push(first.clone());
    assert!(matches!(
        reject(value.to_string().as_bytes()),
        ImportError::LevelOutOfRange { .. }
    ));

    let mut value = valid_value();
    let answers = value["answers"].as_array_mut().unwrap();
    let last = answers.len() - 1;
    answers[last]["level"] = 9.into();
    answers.insert(1, first.clone());
    assert_eq!(
        reject(value.to_string().as_bytes()),
        ImportError::DuplicateAnswer {
            question_id: first["question_id"].as_str().unwrap().to_string()
        }
    );
}

/// Another référentiel's summary may share question ids whose levels mean something else:
/// refused with its id, never read as ours.
#[test]
fn a_summary_of_another_referentiel_is_refused_with_its_id() {
    let mut value = valid_value();
    value["framework"]["id"] = "bep-smart-region".into();
    assert_eq!(
        reject(value.to_string().as_bytes()),
        ImportError::OtherFramework {
            id: "bep-smart-region".to_string()
        }
    );
}

#[test]
fn a_pillar_listed_twice_is_refused() {
    let mut value = valid_value();
    let pillars = value["pillars"].as_array_mut().unwrap();
    let copy = pillars[0].clone();
    pillars.push(copy.clone());
    assert_eq!(
        reject(value.to_string().as_bytes()),
        ImportError::DuplicatePillar {
            pillar_id: copy["pillar_id"].as_str().unwrap().to_string()
        }
    );
}

#[test]
fn every_kept_schema_version_fixture_still_imports() {
    // One fixture per schema version, kept for ever: old files must always read.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for version in 1..=summary::SCHEMA_VERSION {
        let path = dir.join(format!("summary-v{version}.json"));
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("missing {}", path.display()));
        let imported = summary::import(framework(), text.as_bytes(), "x".into(), NOW).unwrap();
        assert_eq!(
            imported.migrated_from,
            (version < summary::SCHEMA_VERSION).then_some(version)
        );
        assert!(!imported.assessment.answers.is_empty());
        assert!(!imported.assessment.profile.commune.is_empty());
    }
}

#[test]
fn the_objective_a_communes_own_item_serves_survives_a_summary_and_a_hostile_one_does_not() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let text = std::fs::read_to_string(dir.join("summary-v5.json")).unwrap();
    let objective_of = |text: &str| {
        let imported = summary::import(framework(), text.as_bytes(), "x".into(), NOW).unwrap();
        let roadmap = imported.assessment.roadmap.unwrap();
        roadmap.item("custom_1").unwrap().objective.clone()
    };
    assert_eq!(objective_of(&text).as_deref(), Some("mob_pcm"));
    let back = summary::to_json(&summary::export(
        framework(),
        &summary::import(framework(), text.as_bytes(), "x".into(), NOW)
            .unwrap()
            .assessment,
        NOW,
    ));
    assert_eq!(objective_of(&back).as_deref(), Some("mob_pcm"));
    // An id no question could have is dropped, not kept for the PST to stumble on.
    let long = text.replace(
        "\"objective\": \"mob_pcm\"",
        &format!("\"objective\": \"{}\"", "q".repeat(500)),
    );
    assert_ne!(long, text);
    assert_eq!(objective_of(&long), None);
}

#[test]
fn an_import_never_keeps_more_than_the_note_limit() {
    let mut value = valid_value();
    value["answers"][0]["note"] = "é".repeat(5_000).into();
    let imported =
        summary::import(framework(), value.to_string().as_bytes(), "x".into(), NOW).unwrap();
    let question = value["answers"][0]["question_id"].as_str().unwrap();
    assert_eq!(
        imported.assessment.note(question).chars().count(),
        autodiag_core::domain::assessment::MAX_NOTE_CHARS
    );
}

#[test]
fn owners_due_dates_and_the_communes_wording_survive_a_summary() {
    use autodiag_core::domain::roadmap::{self, ItemField};
    let mut a = realistic_assessment("Thuin", "56078", "2026-11-20", 5, 0.2);
    roadmap::refresh(framework(), &mut a, NOW);
    let r = a.roadmap.as_mut().unwrap();
    let id = r.items[0].id.clone();
    r.set_field(&id, ItemField::Title, "Désigner notre référente")
        .unwrap();
    r.set_field(
        &id,
        ItemField::FirstStep,
        "Le DG en parle au collège de janvier.",
    )
    .unwrap();
    r.set_field(&id, ItemField::Owner, "Mme Lambert").unwrap();
    r.set_field(&id, ItemField::Due, "2027-03-31").unwrap();
    let json = summary::to_json(&summary::export(framework(), &a, NOW));
    let back = summary::import(framework(), json.as_bytes(), "x".into(), NOW).unwrap();
    assert_eq!(back.migrated_from, None);
    let item = back.assessment.roadmap.unwrap().items[0].clone();
    assert_eq!(
        item.custom_title.as_deref(),
        Some("Désigner notre référente")
    );
    assert_eq!(
        item.first_step.as_deref(),
        Some("Le DG en parle au collège de janvier.")
    );
    assert_eq!(item.owner.as_deref(), Some("Mme Lambert"));
    assert_eq!(item.due.as_deref(), Some("2027-03-31"));
}

#[test]
fn a_format_2_file_migrates_with_no_owner_or_due_date_and_format_3_keeps_them() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let read = |v: u32| std::fs::read_to_string(dir.join(format!("summary-v{v}.json"))).unwrap();
    let old = summary::import(framework(), read(2).as_bytes(), "x".into(), NOW).unwrap();
    assert_eq!(old.migrated_from, Some(2));
    let items = old.assessment.roadmap.unwrap().items;
    assert!(!items.is_empty());
    assert!(
        items
            .iter()
            .all(|i| i.owner.is_none() && i.due.is_none() && i.first_step.is_none())
    );
    let new = summary::import(framework(), read(3).as_bytes(), "x".into(), NOW).unwrap();
    let first = new.assessment.roadmap.unwrap().items[0].clone();
    assert_eq!(
        first.owner.as_deref(),
        Some("Mme Lambert, service informatique")
    );
    assert_eq!(first.due.as_deref(), Some("2027-03-31"));
}

#[test]
fn a_crafted_item_is_bounded_and_a_due_date_that_is_not_one_is_dropped() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("summary-v3.json")).unwrap())
            .unwrap();
    value["roadmap"]["items"][0]["owner"] = "x".repeat(10_000).into();
    value["roadmap"]["items"][0]["due"] = "demain".into();
    let imported =
        summary::import(framework(), value.to_string().as_bytes(), "x".into(), NOW).unwrap();
    let item = imported.assessment.roadmap.unwrap().items[0].clone();
    assert_eq!(
        item.owner.unwrap().chars().count(),
        autodiag_core::domain::roadmap::MAX_OWNER_CHARS
    );
    assert_eq!(item.due, None);
}

#[test]
fn a_backup_copy_or_the_reference_sent_instead_of_a_summary_is_named_as_such() {
    use autodiag_core::domain::stored::BACKUP_FORMAT;
    let backup = format!(r#"{{"format":"{BACKUP_FORMAT}","storage_version":1,"assessments":[]}}"#);
    assert_eq!(
        summary::import(framework(), backup.as_bytes(), "id".into(), NOW).map(|_| ()),
        Err(ImportError::Backup)
    );
    // So is the territorial reference a commune got back from IGRETEC.
    let reference = format!(
        r#"{{"format":"{}","schema_version":1}}"#,
        autodiag_core::domain::reference::FORMAT_ID
    );
    assert_eq!(
        summary::import(framework(), reference.as_bytes(), "id".into(), NOW).map(|_| ()),
        Err(ImportError::Reference)
    );
    // Any other format is still « not a summary ».
    assert_eq!(
        summary::import(framework(), br#"{"format":"other"}"#, "id".into(), NOW).map(|_| ()),
        Err(ImportError::NotAutodiag)
    );
}

#[test]
fn an_imported_summary_counts_as_a_copy_kept_when_it_was_written() {
    let mut a = assessment("Lobbes");
    answer_all(&mut a, level(3));
    let json = summary::to_json(&summary::export(framework(), &a, NOW));
    let later = "2026-12-24T10:00:00.000Z";
    let imported = summary::import(framework(), json.as_bytes(), "y".into(), later).unwrap();
    // The file just read holds these answers as they stand, since it was written: the status
    // line dates the copy then, not at the import.
    assert_eq!(imported.assessment.last_downloaded_at.as_deref(), Some(NOW));
    assert_eq!(imported.assessment.changes_since_download, 0);
}

#[test]
fn an_imported_copy_says_it_last_changed_when_its_file_was_written_not_when_it_was_imported() {
    let a = realistic_assessment("Erquelinnes", "56022", "2026-05-05", 3, 1.0);
    let mut value: serde_json::Value = serde_json::from_str(&export(&a)).unwrap();
    value["generated_at"] = "2026-11-20T08:15:00.000Z".into();
    let imported =
        summary::import(framework(), value.to_string().as_bytes(), "x".into(), NOW).unwrap();
    assert_eq!(imported.assessment.updated_at, "2026-11-20T08:15:00.000Z");
    assert_eq!(imported.assessment.created_at, NOW);
    // A file whose date is not a UTC time as Autodiag writes it: the import's moment.
    for written in [
        "hier",
        "2026-13-20T08:15:00.000Z",
        "2026-11-20T08:15:00+02:00",
        "2026-11-20T24:15Z",
        "2026-11-20T+8:15Z",
        "2026-11-20T08:+5Z",
        "2026-11-20T08:15:00.000Zsuite",
        &format!("2026-11-20T08:15:00.000{}Z", "0".repeat(100_000)),
    ] {
        value["generated_at"] = written.into();
        let imported =
            summary::import(framework(), value.to_string().as_bytes(), "x".into(), NOW).unwrap();
        assert_eq!(imported.assessment.updated_at, NOW, "{written}");
    }
    for written in [
        "2026-11-20T08:15Z",
        "2026-11-20T08:15:07Z",
        "2026-11-20T08:15:07.5Z",
    ] {
        value["generated_at"] = written.into();
        let imported =
            summary::import(framework(), value.to_string().as_bytes(), "x".into(), NOW).unwrap();
        assert_eq!(imported.assessment.updated_at, written);
    }
}
