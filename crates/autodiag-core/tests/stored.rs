//! The stored format: versioned, migrated forward, and never silently turned into nothing.

mod common;
use autodiag_core::domain::assessment::Choice;
use autodiag_core::domain::stored::{self, DecodeError};
use autodiag_core::domain::workspace::Workspace;
use common::*;
use std::path::Path;

#[test]
fn an_assessment_survives_encoding() {
    let mut a = assessment("Aiseau-Presles");
    answer_pillar(&mut a, "mobilite", level(3));
    a.set_note("mob_pcm", "PCM de 2019 ; mise à jour prévue", NOW);
    let decoded = stored::decode_assessment(&stored::encode_assessment(&a)).unwrap();
    assert_eq!(decoded, a);
}

#[test]
fn every_past_storage_version_fixture_still_reads() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for version in 1..=stored::STORAGE_VERSION {
        let path = dir.join(format!("stored-assessment-v{version}.json"));
        let raw =
            std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("missing {}", path.display()));
        let a = stored::decode_assessment(&raw).unwrap();
        assert_eq!(a.profile.commune, "Lobbes");
        assert_eq!(a.choice("mob_pcm"), Some(level(2)));
        assert_eq!(a.choice("gou_pilotage"), Some(Choice::Unknown));
        assert_eq!(a.note("mob_pcm"), "PCM de 2008, jamais mis à jour");
    }
}

#[test]
fn damaged_values_are_reported_not_emptied() {
    let good = stored::encode_assessment(&assessment("Farciennes"));
    let truncated = &good[..good.len() / 2];
    assert_eq!(
        stored::decode_assessment(truncated),
        Err(DecodeError::Unparseable)
    );
    assert_eq!(stored::decode_assessment(""), Err(DecodeError::Unparseable));
    assert!(matches!(
        stored::decode_assessment("{\"storage_version\": 1, \"assessment\": 3}"),
        Err(DecodeError::Invalid { .. })
    ));
    assert!(matches!(
        stored::decode_assessment("{\"answers\": {}}"),
        Err(DecodeError::Invalid { .. })
    ));
    let future = good.replacen("\"storage_version\": 1", "\"storage_version\": 99", 1);
    assert_eq!(
        stored::decode_assessment(&future),
        Err(DecodeError::FromTheFuture { version: 99 })
    );
}

#[test]
fn a_crash_backup_restores_every_assessment() {
    let a = assessment("Erquelinnes");
    let b = assessment("Merbes-le-Château");
    let backup = format!(
        "{{\"format\":\"{}\",\"storage_version\":1,\"assessments\":[{},{}]}}",
        stored::BACKUP_FORMAT,
        stored::encode_assessment(&a),
        stored::encode_assessment(&b)
    );
    assert_eq!(stored::decode_backup(&backup).unwrap(), vec![a, b]);
    assert!(stored::decode_backup("{\"format\":\"autre\",\"assessments\":[]}").is_err());
}

#[test]
fn workspace_removes_and_restores_in_place_and_renames() {
    let mut w = Workspace::default();
    for name in ["A", "B", "C"] {
        w.add(assessment(name));
    }
    let (index, removed) = w.remove("id-B").unwrap();
    assert_eq!(index, 1);
    assert_eq!(w.assessments.len(), 2);
    w.restore(index, removed);
    let names: Vec<&str> = w
        .assessments
        .iter()
        .map(|a| a.profile.commune.as_str())
        .collect();
    assert_eq!(names, ["A", "B", "C"]);
    assert!(w.rename("id-A", "  Anderlues  ", NOW));
    assert_eq!(w.get("id-A").unwrap().profile.commune, "Anderlues");
    assert!(!w.rename("id-A", "   ", NOW), "an empty name is refused");
    assert!(!w.rename("nope", "X", NOW));
}

#[test]
fn every_change_bumps_the_revision_and_the_download_nudge() {
    let mut a = assessment("Ham-sur-Heure-Nalinnes");
    let start = a.revision;
    a.set_choice("mob_pcm", Some(level(2)), NOW);
    a.set_note("mob_pcm", "note", NOW);
    assert_eq!(a.revision, start + 2);
    assert!(!a.should_nudge_download());
    for _ in 0..autodiag_core::domain::assessment::DOWNLOAD_NUDGE_CHANGES {
        a.set_choice("mob_pcm", Some(level(3)), NOW);
    }
    assert!(a.should_nudge_download());
    a.mark_downloaded(NOW);
    assert!(!a.should_nudge_download());
    assert_eq!(a.last_downloaded_at.as_deref(), Some(NOW));
}

#[test]
fn a_diagnostic_holds_work_once_answered_prioritised_or_copied() {
    let mut a = assessment("Chapelle-lez-Herlaimont");
    assert!(!a.holds_work(), "a name alone is nothing to save");
    a.set_choice("mob_pcm", Some(level(2)), NOW);
    assert!(a.holds_work());
    a.set_choice("mob_pcm", None, NOW);
    assert!(!a.holds_work(), "a cleared answer leaves nothing");
    a.set_importance(
        "mobilite",
        autodiag_core::domain::assessment::Importance::High,
        NOW,
    );
    assert!(a.holds_work());
    let mut copied = assessment("Courcelles");
    copied.mark_downloaded(NOW);
    assert!(copied.holds_work(), "a copy once made stays worth dating");
}

#[test]
fn a_restored_copy_is_dated_by_the_answers_it_holds_not_by_the_import() {
    let mut a = assessment("Ham-sur-Heure-Nalinnes");
    a.set_choice("mob_pcm", Some(level(2)), "2026-06-10T09:00:00.000Z");
    a.changes_since_download = 7;
    a.restored_from_copy();
    assert_eq!(
        a.last_downloaded_at.as_deref(),
        Some("2026-06-10T09:00:00.000Z")
    );
    assert_eq!(a.changes_since_download, 0);
    // An earlier copy recorded after the last change dates it better.
    a.last_downloaded_at = Some("2026-06-11T16:30:00.000Z".into());
    a.restored_from_copy();
    assert_eq!(
        a.last_downloaded_at.as_deref(),
        Some("2026-06-11T16:30:00.000Z")
    );
}

#[test]
fn clearing_an_answer_and_its_note_forgets_it() {
    let mut a = assessment("Les Bons Villers");
    a.set_choice("mob_pcm", Some(level(2)), NOW);
    a.set_note("mob_pcm", "x", NOW);
    a.set_choice("mob_pcm", None, NOW);
    assert!(a.answers.contains_key("mob_pcm"), "the note is kept");
    a.set_note("mob_pcm", "", NOW);
    assert!(!a.answers.contains_key("mob_pcm"));
}

#[test]
fn a_backup_of_an_unchanged_assessment_is_the_same_content_whatever_its_dates() {
    let mut here = assessment("Sambreville");
    here.set_choice("mob_pcm", Some(level(3)), NOW);
    let backup = format!(
        "{{\"format\":\"{}\",\"storage_version\":1,\"assessments\":[{}]}}",
        stored::BACKUP_FORMAT,
        stored::encode_assessment(&here)
    );
    let restored = stored::decode_backup(&backup).unwrap().remove(0);
    // Downloading the backup marked a copy kept: the one here moved on, its answers did not.
    here.revision += 1;
    here.last_downloaded_at = Some("2026-12-05T07:00:00.000Z".into());
    here.changes_since_download = 0;
    assert!(here.same_content(&restored));
    // One answer changed since: not the same copy.
    here.set_choice("mob_pcm", Some(Choice::Unknown), NOW);
    assert!(!here.same_content(&restored));
}

#[test]
fn a_workshop_in_progress_reads_back_as_it_was_kept() {
    use autodiag_core::domain::stored::{Workshop, decode_workshop, encode_workshop};
    let respondents = vec![
        realistic_assessment("Courcelles", "52015", "2026-10-05", 3, 0.1),
        realistic_assessment("Courcelles", "52015", "2026-10-06", 4, 0.3),
    ];
    let mut decisions = autodiag_core::LiteMap::new_vec();
    decisions.insert("mob_pcm".to_string(), Some(level(3)));
    decisions.insert("gou_pilotage".to_string(), Some(Choice::Unknown));
    // « — »: the group cleared the proposed level.
    decisions.insert("sc_participation".to_string(), None);
    let mut workshop = Workshop {
        respondents,
        decisions,
        name: String::new(),
    };
    let raw = encode_workshop(&workshop);
    assert_eq!(decode_workshop(&raw), Some(workshop.clone()));
    // The group's own name, once typed, comes back with its choices.
    workshop.name = "Atelier du 7 décembre".into();
    let raw = encode_workshop(&workshop);
    assert!(raw.contains("Atelier du 7 décembre"), "{raw}");
    assert_eq!(decode_workshop(&raw), Some(workshop.clone()));
    // Anything else starts an empty workshop rather than a wrong one.
    assert_eq!(
        decode_workshop("{\"storage_version\": 99, \"respondents\": [], \"decisions\": {}}"),
        None
    );
    assert_eq!(decode_workshop(&raw[..raw.len() / 2]), None);
    assert_eq!(decode_workshop("[]"), None);
}

#[test]
fn roadmap_edits_not_yet_saved_read_back_as_they_were_typed() {
    use autodiag_core::domain::stored::{
        UnsavedRoadmapEdits, decode_unsaved_roadmap_edits, encode_unsaved_roadmap_edits,
    };
    let edits = UnsavedRoadmapEdits {
        assessment: "courcelles-2026".into(),
        items: vec![
            (
                "mob_plan_communal".into(),
                [
                    None,
                    Some("Réunir l'échevin et le « conseiller » \"mobilité\"\nlundi".into()),
                    Some("Service travaux".into()),
                    Some("2027-03-31".into()),
                    None,
                ],
            ),
            // An editor opened and nothing typed yet: it opens again.
            ("gou_inventaire".into(), Default::default()),
        ],
        custom: "Navette vers la gare 🚌".into(),
    };
    let raw = encode_unsaved_roadmap_edits(&edits);
    assert_eq!(decode_unsaved_roadmap_edits(&raw), Some(edits.clone()));
    assert!(!edits.is_empty());
    assert!(UnsavedRoadmapEdits::default().is_empty());
    // Anything this version did not write opens the editors as saved.
    let four_fields = raw.replacen("null,", "", 1);
    assert_ne!(four_fields, raw);
    assert_eq!(decode_unsaved_roadmap_edits(&four_fields), None);
    let future = raw.replacen("\"storage_version\": 1", "\"storage_version\": 2", 1);
    assert_ne!(future, raw);
    assert_eq!(decode_unsaved_roadmap_edits(&future), None);
    let cut = raw
        .find("\"custom\"")
        .expect("the commune's own action is written");
    assert_eq!(decode_unsaved_roadmap_edits(&raw[..cut]), None);
    assert_eq!(decode_unsaved_roadmap_edits("{}"), None);
}
