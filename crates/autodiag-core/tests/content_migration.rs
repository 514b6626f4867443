//! Answers given to an older référentiel carry over: a renamed question keeps its answer, a
//! split one is set aside with a note on each new question, and nothing is dropped.

mod common;
use autodiag_core::domain::assessment::{Answer, Assessment, Choice};
use autodiag_core::domain::content::Horizon;
use autodiag_core::domain::plan::{ItemOrigin, ItemStatus, Roadmap, RoadmapItem};
use autodiag_core::domain::{stored, summary};
use common::*;
use std::path::Path;

/// An assessment as an earlier release stored it: `question`, an id since renamed, answered.
fn with_old_answer(question: &str, choice: Choice, note: &str) -> Assessment {
    let mut a = assessment("Lobbes");
    a.answers.insert(
        question.into(),
        Answer {
            choice: Some(choice),
            note: note.into(),
            ..Default::default()
        },
    );
    a
}

/// Migrating again, as every load does, changes nothing.
fn assert_migrating_again_changes_nothing(a: &mut Assessment) {
    let before = a.clone();
    assert!(!a.apply_content_migrations(framework()));
    assert_eq!(*a, before);
}

fn read(path: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

/// The answers in a summary file, by question id.
fn answers_in(bytes: &[u8]) -> Vec<(String, serde_json::Value)> {
    let json: serde_json::Value = serde_json::from_slice(bytes).unwrap();
    json["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["question_id"].as_str().unwrap().to_string(),
                a.get("level").cloned().unwrap_or_default(),
            )
        })
        .collect()
}

/// The example summaries, each answered under référentiel 1.0.0.
const EXAMPLES: [&str; 3] = [
    "../../examples/courcelles-2026-10-05.json",
    "../../examples/lobbes-2026-11-20.json",
    "../../examples/thuin-2025-06-12.json",
];

#[test]
fn every_old_answer_of_the_examples_and_the_v1_fixture_is_kept_or_carried_over() {
    let framework = framework();
    for file in EXAMPLES
        .into_iter()
        .chain(["tests/fixtures/summary-v1.json"])
    {
        let bytes = read(file);
        let imported = summary::import(framework, &bytes, "x".into(), NOW).unwrap();
        let a = &imported.assessment;
        for (question, level) in answers_in(&bytes) {
            let kept_aside = a.set_aside.iter().any(|s| s.question_id == question);
            let current = framework.has_question(&question) && a.answers.contains_key(&question);
            let renamed = framework
                .migrations
                .iter()
                .find(|m| m.from == question && m.keep_level);
            match renamed {
                Some(migration) => {
                    let old: Option<Choice> = serde_json::from_value(level).ok();
                    assert_eq!(a.choice(&migration.to[0]), old, "{file}: {question}");
                }
                None => assert!(
                    current || kept_aside,
                    "{file}: answer to {question} was lost"
                ),
            }
        }
    }
}

#[test]
fn a_question_the_referentiel_renamed_or_split_is_not_reported_as_unknown_but_as_asked_again() {
    let bytes = read("../../examples/courcelles-2026-10-05.json");
    let imported = summary::import(framework(), &bytes, "x".into(), NOW).unwrap();
    // mob_ecoles_pmr was split under 2.0.0: its answer waits aside, the two new questions ask again.
    assert!(
        imported
            .unknown_questions
            .iter()
            .all(|id| framework().migrations.iter().all(|m| m.from != *id)),
        "{:?}",
        imported.unknown_questions
    );
    assert!(
        !imported
            .unknown_questions
            .contains(&"mob_ecoles_pmr".to_string())
    );
    let unanswered_targets = ["mob_ecoles_zone30", "mob_pmr"]
        .iter()
        .filter(|q| imported.assessment.choice(q).is_none())
        .count();
    assert_eq!(unanswered_targets, 2);
    assert!(imported.asked_again >= 2, "{}", imported.asked_again);
    // Saved under the current référentiel before those questions are answered, and read
    // back: they were asked again before the file was saved, not since (a review read « 9
    // questions ont changé depuis que ce résumé a été rempli » on a file of this version).
    let json = summary::to_json(&summary::export(framework(), &imported.assessment, NOW));
    let unanswered = summary::import(framework(), json.as_bytes(), "z".into(), NOW).unwrap();
    assert_eq!(unanswered.asked_again, 0);
    assert_eq!(unanswered.assessment.answers, imported.assessment.answers);
    // Saved again under the current référentiel and read back, it asks nothing again.
    let mut answered = imported.assessment.clone();
    answer_all(&mut answered, level(3));
    let json = summary::to_json(&summary::export(framework(), &answered, NOW));
    let again = summary::import(framework(), json.as_bytes(), "y".into(), NOW).unwrap();
    assert_eq!(again.asked_again, 0);
    assert!(
        again.unknown_questions.is_empty(),
        "{:?}",
        again.unknown_questions
    );
}

#[test]
fn a_split_question_leaves_its_old_answer_aside_and_a_note_on_each_new_question() {
    let bytes = read("../../examples/courcelles-2026-10-05.json");
    let imported = summary::import(framework(), &bytes, "x".into(), NOW).unwrap();
    let a = &imported.assessment;
    let old = a
        .set_aside
        .iter()
        .find(|s| s.question_id == "mob_ecoles_pmr")
        .expect("the old answer is kept aside");
    let Some(Choice::Level(level)) = old.answer.choice else {
        panic!("Courcelles answered mob_ecoles_pmr with a level");
    };
    for question in ["mob_ecoles_zone30", "mob_pmr"] {
        assert!(
            a.note(question)
                .contains(&format!("niveau {}", level.get())),
            "{question}: {:?}",
            a.note(question)
        );
        // The level itself is not guessed: the new ladders differ.
        assert_eq!(a.choice(question), None, "{question}");
    }
    // The kept answer is exported again, so a round trip loses nothing.
    let again = summary::export(framework(), a, NOW);
    assert!(
        again
            .set_aside_answers
            .iter()
            .any(|s| s.question_id == "mob_ecoles_pmr")
    );
}

#[test]
fn a_stored_assessment_with_old_ids_migrates_on_reading_and_migrating_twice_changes_nothing() {
    let raw = String::from_utf8(read("tests/fixtures/stored-assessment-v1.json")).unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&raw).unwrap();
    let answers = json["assessment"]["answers"].as_object_mut().unwrap();
    answers.insert("sc_competences".into(), serde_json::json!({ "choice": 3 }));
    answers.insert(
        "ene_eau_nature".into(),
        serde_json::json!({ "choice": 2, "note": "PCDN en cours" }),
    );
    let a = stored::decode_assessment(&json.to_string()).unwrap();
    assert_eq!(a.choice("gou_competences"), Some(level(3)));
    assert!(!a.answers.contains_key("sc_competences"));
    let aside = a
        .set_aside
        .iter()
        .find(|s| s.question_id == "ene_eau_nature")
        .expect("kept aside");
    assert_eq!(aside.answer.note, "PCDN en cours");
    assert!(a.note("ene_inondation").contains("niveau 2"));
    assert!(a.note("ene_biodiversite").contains("niveau 2"));

    let mut again = a.clone();
    assert!(!again.apply_content_migrations(framework()));
    assert_eq!(again, a);
    // Read back after being stored, it is the same.
    let reread = stored::decode_assessment(&stored::encode_assessment(&a)).unwrap();
    assert_eq!(reread, a);
}

#[test]
fn a_renamed_question_never_overwrites_an_answer_given_to_the_new_one() {
    let mut a = with_old_answer("sc_competences", level(1), "");
    a.set_choice("gou_competences", Some(level(4)), NOW);
    a.apply_content_migrations(framework());
    assert_eq!(a.choice("gou_competences"), Some(level(4)));
    assert!(
        a.set_aside
            .iter()
            .any(|s| s.question_id == "sc_competences")
    );
}

#[test]
fn an_answer_given_before_a_question_became_a_legal_duty_is_asked_again_never_read_as_compliance() {
    use autodiag_core::domain::obligations::{Compliance, obligations};
    // Under version 2.0.0 these ladders did not count the law: level 2 of transparency meant
    // « the agenda is online », short of it. Under 2.1.0 it left out the minutes of a session
    // with a resident's question (CDLD art. L1122-14). The same number now means « in order ».
    for (old, new) in [
        ("sc_transparence", "sc_publicite_conseil"),
        ("sc_publicite_active", "sc_publicite_conseil"),
        // Under 2.1.0 the school zone (royal decree of 26 April 2004) and the yearly
        // emergency exercise (royal decree of 22 May 2019) were not the legal minimum.
        ("mob_ecoles", "mob_ecoles_zone30"),
        ("qdv_crise", "qdv_plan_urgence"),
        // Under 2.2.0 the emergency planning coordinator (royal decree of 22 May 2019, art. 4)
        // was not part of the minimum.
        ("qdv_crise_planu", "qdv_plan_urgence"),
        // Under 2.1.0 consulting the DPO before a new processing (GDPR art. 38) was level 4.
        ("gou_rgpd", "gou_donnees_personnelles"),
        // Under 2.2.0 data published without a correspondant Open Data reached the minimum.
        ("gou_open_data", "gou_donnees_ouvertes_odwb"),
        ("ene_batiments", "ene_certificat_peb"),
        ("ene_dechets", "ene_dechets_menagers"),
        // Under 1.0.0 level 2 of these meant « some tenders are online », « a directory of
        // aid exists », « a few fixes were made »: they kept their id when 2.0.0 gave them a
        // legal minimum, so an old answer read as « Minimum légal ».
        ("eco_marches_publics", "eco_marches_electroniques"),
        ("qdv_social", "qdv_cpas_concertation"),
        ("sc_accessibilite", "sc_accessibilite_numerique"),
    ] {
        let mut a = with_old_answer(old, level(2), "");
        assert!(a.apply_content_migrations(framework()), "{old}");
        assert_eq!(a.choice(new), None, "{new}");
        assert!(a.note(new).contains("niveau 2"), "{new}");
        assert!(a.set_aside.iter().any(|s| s.question_id == old), "{old}");
        let duty = obligations(framework(), &a)
            .into_iter()
            .find(|o| o.question_id == new)
            .expect("a legal duty");
        assert_eq!(duty.compliance, Compliance::ToCheck, "{new}");
    }
}

#[test]
fn an_answer_to_a_reordered_ladder_is_asked_again_never_read_as_the_new_level() {
    // Under 2.3.0 level 2 of data management meant « decisions prepared in iA.Delib »; under
    // 2.4.0 it meant « a dated data inventory exists », which that commune may not have, and
    // since 2.8.0 level 2 asks decisions in iA.Delib or electronic mail.
    assert_asked_again_with_its_comment(
        ("gou_donnees", "gou_documents_donnees"),
        "2.4.0",
        2,
        "iA.Delib depuis 2021",
    );
}

/// An answer to `old` with a comment, migrated to `new`: no level is read, the note starts
/// with the version that changed the question and recalls the level and the comment, the old
/// answer waits aside, and migrating again changes nothing.
fn assert_asked_again_with_its_comment(
    (old, new): (&str, &str),
    version: &str,
    old_level: u8,
    comment: &str,
) {
    let mut a = with_old_answer(old, level(old_level), comment);
    assert!(a.apply_content_migrations(framework()));
    assert_eq!(a.choice(new), None);
    let note = a.note(new);
    assert!(
        note.starts_with(&format!("Avant la version {version}")),
        "{note}"
    );
    assert!(
        note.contains(&format!("niveau {old_level}")) && note.contains(comment),
        "{note}"
    );
    assert!(a.set_aside.iter().any(|s| s.question_id == old));
    assert_migrating_again_changes_nothing(&mut a);
}

#[test]
fn a_commune_comment_on_a_renamed_question_is_seen_on_the_new_one_once() {
    let mut a = with_old_answer(
        "qdv_crise",
        level(2),
        "PGUI revu en mars.\nExercice prévu avec la zone.",
    );
    assert!(a.apply_content_migrations(framework()));
    let note = a.note("qdv_plan_urgence");
    assert!(note.contains("niveau 2"), "{note}");
    assert!(
        note.contains("PGUI revu en mars.\nExercice prévu avec la zone."),
        "{note}"
    );
    // Run again (every load does), nothing is added twice.
    assert_migrating_again_changes_nothing(&mut a);
}

#[test]
fn an_assessment_migrated_under_2_1_gets_no_second_note_under_2_2() {
    // As 2.1.0 left it: the old PEB answer set aside, its reminder on the new question. The
    // note text of a shipped migration must never change, or this reminder is added again.
    let mut a = with_old_answer("ene_batiments", level(3), "");
    a.apply_content_migrations(framework());
    let migrated_under_2_1 = "Avant la version 2.1.0 du référentiel, cette question ne tenait pas compte de l'obligation légale décrite ci-dessus ; votre réponse était : niveau 3.";
    assert_eq!(a.note("ene_certificat_peb"), migrated_under_2_1);
    assert_migrating_again_changes_nothing(&mut a);
}

#[test]
fn an_assessment_migrated_under_2_2_gets_no_second_note_under_2_3() {
    let mut a = with_old_answer("gou_rgpd", level(2), "");
    a.apply_content_migrations(framework());
    let migrated_under_2_2 = "Avant la version 2.2.0 du référentiel, cette question ne tenait pas compte de l'obligation légale décrite ci-dessus ; votre réponse était : niveau 2.";
    assert_eq!(a.note("gou_donnees_personnelles"), migrated_under_2_2);
    assert_migrating_again_changes_nothing(&mut a);
}

#[test]
fn a_commune_migrated_under_2_2_and_renamed_again_under_2_3_reads_each_reminder_once() {
    // As 2.2.0 left it: the 2.1.0 answer set aside, a new answer and its reminder on
    // `qdv_crise_planu`, since renamed again.
    let mut a = with_old_answer("qdv_crise", level(3), "");
    a.set_aside
        .push(autodiag_core::domain::assessment::SetAsideAnswer {
            question_id: "qdv_crise".into(),
            answer: a.answers.remove("qdv_crise").unwrap(),
        });
    let under_2_2 = "Avant la version 2.2.0 du référentiel, cette question ne tenait pas compte de l'obligation légale décrite ci-dessus ; votre réponse était : niveau 3.";
    a.answers.insert(
        "qdv_crise_planu".into(),
        Answer {
            choice: Some(level(2)),
            note: under_2_2.into(),
            ..Default::default()
        },
    );
    assert!(a.apply_content_migrations(framework()));
    let note = a.note("qdv_plan_urgence");
    assert_eq!(a.choice("qdv_plan_urgence"), None);
    assert!(note.starts_with("Avant la version 2.3.0"), "{note}");
    assert!(note.contains("niveau 2"), "{note}");
    assert_eq!(note.matches(under_2_2).count(), 1, "{note}");
    assert_migrating_again_changes_nothing(&mut a);
}

#[test]
fn a_long_comment_carried_over_to_a_note_near_its_limit_is_no_change_on_the_next_load() {
    let long_comment = "é".repeat(autodiag_core::domain::assessment::MAX_NOTE_CHARS);
    let mut a = with_old_answer("mob_ecoles", level(2), &long_comment);
    a.set_note(
        "mob_ecoles_zone30",
        "Déjà noté sur la nouvelle question.",
        NOW,
    );
    assert!(a.apply_content_migrations(framework()));
    assert_eq!(
        a.note("mob_ecoles_zone30").chars().count(),
        autodiag_core::domain::assessment::MAX_NOTE_CHARS
    );
    assert_migrating_again_changes_nothing(&mut a);
}

#[test]
fn no_legal_duty_keeps_an_id_that_a_referentiel_1_0_summary_answered() {
    // A 1.0.0 summary answers every question of that référentiel, whose ladders ignored the
    // law. A duty under one of those ids would read such an answer as compliance.
    let bytes = read("tests/fixtures/summary-v1.json");
    let old_ids: Vec<String> = answers_in(&bytes).into_iter().map(|(id, _)| id).collect();
    assert!(old_ids.len() >= 30, "{}", old_ids.len());
    for (id, question) in &framework().questions {
        if question.legal_minimum.is_some() {
            assert!(
                !old_ids.contains(id),
                "{id} is a legal duty under an id answered in 1.0.0: rename it with a migration"
            );
        }
    }
}

#[test]
fn the_courcelles_example_does_not_show_its_1_0_answer_on_tenders_as_the_legal_minimum() {
    use autodiag_core::domain::obligations::{Compliance, obligations};
    // Courcelles answered level 2 under 1.0.0, « some tenders are published online »; level 2
    // now reads « every tender subject to publicity is on e-Procurement ».
    let bytes = read("../../examples/courcelles-2026-10-05.json");
    let imported = summary::import(framework(), &bytes, "x".into(), NOW).unwrap();
    let tenders = obligations(framework(), &imported.assessment)
        .into_iter()
        .find(|o| o.question_id == "eco_marches_electroniques")
        .expect("a legal duty");
    assert_eq!(tenders.compliance, Compliance::ToCheck);
    let note = imported.assessment.note("eco_marches_electroniques");
    assert!(note.contains("niveau 2"), "{note}");
}

fn roadmap_of(items: Vec<RoadmapItem>) -> Roadmap {
    let mut roadmap = Roadmap::default();
    roadmap.items.extend(items);
    roadmap
}

/// A roadmap item as an earlier release saved it.
fn saved_item(id: &str, status: ItemStatus) -> RoadmapItem {
    RoadmapItem {
        id: id.into(),
        horizon: Horizon::Medium,
        status,
        origin: ItemOrigin::Drafted,
        custom_title: None,
        first_step: None,
        owner: Some("Service travaux".into()),
        due: None,
        objective: None,
    }
}

#[test]
fn a_saved_roadmap_names_an_earlier_action_by_the_current_action_that_took_its_place() {
    let framework = framework();
    assert!(!framework.action_migrations.is_empty());
    for migration in &framework.action_migrations {
        let mut a = assessment("Lobbes");
        a.roadmap = Some(roadmap_of(vec![saved_item(
            &migration.from,
            ItemStatus::Done,
        )]));
        assert!(a.apply_content_migrations(framework), "{}", migration.from);
        let item = &a.roadmap.as_ref().unwrap().items[0];
        assert_eq!(item.id, migration.to);
        assert!(framework.action(&item.id).is_some());
        // What the commune said about it stays: done, in the medium term, its owner.
        assert_eq!(item.status, ItemStatus::Done);
        assert_eq!(item.horizon, Horizon::Medium);
        assert_eq!(item.owner.as_deref(), Some("Service travaux"));
        assert_migrating_again_changes_nothing(&mut a);
    }
}

#[test]
fn an_earlier_action_whose_successor_is_already_planned_is_left_as_it_was() {
    let migration = &framework().action_migrations[0];
    let mut a = assessment("Lobbes");
    a.roadmap = Some(roadmap_of(vec![
        saved_item(&migration.from, ItemStatus::Done),
        saved_item(&migration.to, ItemStatus::Planned),
    ]));
    let before = a.clone();
    assert!(!a.apply_content_migrations(framework()));
    assert_eq!(a, before);
}

#[test]
fn the_1_0_examples_roadmaps_keep_no_earlier_action_that_has_a_successor() {
    let framework = framework();
    for file in EXAMPLES {
        let imported = summary::import(framework, &read(file), "x".into(), NOW).unwrap();
        let items = &imported.assessment.roadmap.as_ref().unwrap().items;
        for item in items {
            let unknown = framework.action(&item.id).is_none() && item.custom_title.is_none();
            assert!(
                !(unknown
                    && framework
                        .action_migrations
                        .iter()
                        .any(|m| m.from == item.id)),
                "{file}: {} has a successor",
                item.id
            );
        }
        // Two earlier actions never become the same item.
        let ids: std::collections::HashSet<&str> = items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids.len(), items.len(), "{file}");
    }
}

#[test]
fn an_answer_to_water_and_flood_risk_is_asked_again_once_the_question_is_flood_risk_alone() {
    // Under 2.4.0 each level paired the buildings' water meters with flood risk; a commune
    // that mapped its flood zones but read no meter had no true answer.
    assert_asked_again_with_its_comment(
        ("ene_eau", "ene_inondation"),
        "2.5.0",
        3,
        "Avaloirs curés deux fois par an",
    );
}

#[test]
fn an_answer_to_the_school_zone_is_asked_again_once_its_legal_minimum_asks_only_what_the_law_does()
{
    // Under 2.5.0 the legal minimum also asked that the SPW had been asked for a zone on each
    // regional road, which no law requires: a commune in order on its own roads could only
    // answer « Sous le minimum légal ».
    assert_asked_again_with_its_comment(
        ("mob_ecoles_abords", "mob_ecoles_zone30"),
        "2.6.0",
        1,
        "Zones posées rue Haute et rue de l'Église",
    );
}

#[test]
fn an_answer_to_emergency_planning_is_asked_again_once_its_legal_minimum_counts_the_safety_cell() {
    // Under 2.5.0 the legal minimum left out the safety cell's yearly meeting (royal decree of
    // 22 May 2019): a commune whose cell never met read « Minimum légal ».
    assert_asked_again_with_its_comment(
        ("qdv_planification_urgence", "qdv_plan_urgence"),
        "2.6.0",
        2,
        "Exercice fait avec la zone en mars",
    );
    let mut a = with_old_answer("qdv_planification_urgence", level(2), "");
    a.apply_content_migrations(framework());
    let duty = autodiag_core::domain::obligations::obligations(framework(), &a)
        .into_iter()
        .find(|o| o.question_id == "qdv_plan_urgence")
        .expect("a legal duty");
    assert_eq!(
        duty.compliance,
        autodiag_core::domain::obligations::Compliance::ToCheck
    );
}

#[test]
fn an_answer_to_data_protection_is_asked_again_once_its_legal_minimum_counts_the_authority() {
    // Under 2.5.0 the legal minimum left out reporting the DPO to the Data Protection
    // Authority and notifying a risky breach within 72 hours (GDPR art. 37(7) and 33(1)).
    assert_asked_again_with_its_comment(
        ("gou_protection_donnees", "gou_donnees_personnelles"),
        "2.6.0",
        3,
        "DPO partagé avec le CPAS",
    );
}

#[test]
fn an_answer_to_open_data_is_asked_again_once_its_legal_minimum_follows_the_order_of_2026() {
    // Under 2.6.0 the legal minimum asked to publish « the inventory's » publishable data with
    // a description; the implementing order of 8 January 2026 asks for the data the commune
    // may release, with metadata and licence, and no inventory.
    assert_asked_again_with_its_comment(
        ("gou_donnees_ouvertes", "gou_donnees_ouvertes_odwb"),
        "2.7.0",
        3,
        "Trois jeux publiés en 2025",
    );
}

#[test]
fn an_answer_to_the_peb_certificate_is_asked_again_once_its_legal_minimum_names_the_buildings_the_law_does()
 {
    // Under 2.6.0 the legal minimum named every municipal building over 250 m² open to the
    // public; the PEB decree names those over 250 m² the commune occupies, owned or not, and
    // that the public visits often: a closed works depot never counted.
    assert_asked_again_with_its_comment(
        ("ene_batiments_peb", "ene_certificat_peb"),
        "2.7.0",
        1,
        "Dépôt communal sans certificat",
    );
}

/// A commune migrated once before (`oldest` answered at its level and set aside, or, without
/// it, an answer already carrying `earlier_note`), which then answered `between` at
/// `between_level` under the référentiel that asked it, migrated again to `newest` by
/// `version`: the earlier reminder is read once, the newer one once with the later level, and
/// migrating again changes nothing.
fn assert_each_reminder_read_once(
    oldest: Option<(&str, u8)>,
    (between, between_level): (&str, u8),
    earlier_note: &str,
    (newest, version): (&str, &str),
) {
    let mut a = with_old_answer(between, level(between_level), "");
    if let Some((oldest, oldest_level)) = oldest {
        // As the earlier référentiel left it: the oldest answer aside.
        let mut migrated = with_old_answer(oldest, level(oldest_level), "");
        migrated.apply_content_migrations(framework());
        a.set_aside = migrated.set_aside;
    }
    a.answers.get_mut(between).unwrap().note = earlier_note.into();
    assert!(a.apply_content_migrations(framework()));
    let note = a.note(newest);
    let earlier_version = &earlier_note[..earlier_note.find(" du référentiel").unwrap()];
    assert_eq!(note.matches(earlier_note).count(), 1, "{note}");
    assert_eq!(note.matches(earlier_version).count(), 1, "{note}");
    assert_eq!(
        note.matches(&format!("Avant la version {version}")).count(),
        1,
        "{note}"
    );
    assert!(note.contains(&format!("niveau {between_level}")), "{note}");
    assert_migrating_again_changes_nothing(&mut a);
}

#[test]
fn a_commune_migrated_under_2_0_and_again_under_2_5_reads_each_reminder_once() {
    assert_each_reminder_read_once(
        Some(("ene_eau_nature", 2)),
        ("ene_eau", 4),
        "Avant la version 2.0.0 du référentiel, la question « Eau et biodiversité » réunissait \
         ces deux sujets ; votre réponse était : niveau 2.",
        ("ene_inondation", "2.5.0"),
    );
}

#[test]
fn a_commune_migrated_under_2_2_and_again_under_2_6_reads_each_reminder_once() {
    assert_each_reminder_read_once(
        Some(("mob_ecoles", 3)),
        ("mob_ecoles_abords", 2),
        "Avant la version 2.2.0 du référentiel, cette question ne tenait pas compte de \
         l'obligation légale décrite ci-dessus ; votre réponse était : niveau 3.",
        ("mob_ecoles_zone30", "2.6.0"),
    );
}

#[test]
fn a_commune_migrated_under_2_3_and_again_under_2_6_reads_each_reminder_once() {
    assert_each_reminder_read_once(
        None,
        ("qdv_planification_urgence", 2),
        "Avant la version 2.3.0 du référentiel, cette question ne tenait pas compte de \
         l'obligation légale décrite ci-dessus ; votre réponse était : niveau 1.",
        ("qdv_plan_urgence", "2.6.0"),
    );
}

#[test]
fn a_commune_migrated_from_gou_rgpd_and_again_under_2_6_reads_each_reminder_once() {
    assert_each_reminder_read_once(
        Some(("gou_rgpd", 2)),
        ("gou_protection_donnees", 3),
        "Avant la version 2.2.0 du référentiel, cette question ne tenait pas compte de \
         l'obligation légale décrite ci-dessus ; votre réponse était : niveau 2.",
        ("gou_donnees_personnelles", "2.6.0"),
    );
}

#[test]
fn a_commune_migrated_under_2_3_and_again_under_2_7_reads_each_reminder_once() {
    assert_each_reminder_read_once(
        Some(("gou_open_data", 2)),
        ("gou_donnees_ouvertes", 3),
        "Avant la version 2.3.0 du référentiel, cette question ne tenait pas compte de \
         l'obligation légale décrite ci-dessus ; votre réponse était : niveau 2.",
        ("gou_donnees_ouvertes_odwb", "2.7.0"),
    );
}

#[test]
fn a_commune_migrated_under_2_1_and_again_under_2_7_reads_each_reminder_once() {
    assert_each_reminder_read_once(
        Some(("ene_batiments", 4)),
        ("ene_batiments_peb", 2),
        "Avant la version 2.1.0 du référentiel, cette question ne tenait pas compte de \
         l'obligation légale décrite ci-dessus ; votre réponse était : niveau 4.",
        ("ene_certificat_peb", "2.7.0"),
    );
}

#[test]
fn a_reminder_names_an_earlier_answer_without_a_level_in_words() {
    // « votre réponse était : niveau ? » told a commune nothing.
    let start = "Avant la version 2.7.0 du référentiel, le minimum légal visait tout bâtiment";
    for (choice, words) in [
        (Choice::Unknown, "votre réponse était : « Je ne sais pas »."),
        (
            Choice::NotApplicable,
            "votre réponse était : « Non applicable ».",
        ),
    ] {
        let mut a = with_old_answer("ene_batiments_peb", choice, "");
        assert!(a.apply_content_migrations(framework()));
        let note = a.note("ene_certificat_peb");
        assert!(note.starts_with(start) && note.ends_with(words), "{note}");
        assert!(!note.contains("niveau ?") && !note.contains("niveau –"));
        assert_migrating_again_changes_nothing(&mut a);
    }
    // A note with no answer, as a reminder chained from an earlier migration leaves it.
    let mut a = with_old_answer("ene_batiments_peb", Choice::Unknown, "");
    a.answers.get_mut("ene_batiments_peb").unwrap().choice = None;
    a.apply_content_migrations(framework());
    assert!(
        a.note("ene_certificat_peb")
            .contains("votre réponse était : aucun niveau.")
    );
}

#[test]
fn a_reminder_written_before_2_7_with_niveau_question_mark_is_not_written_again() {
    // As an earlier version left it: the answer aside, its reminder saying « niveau ? ».
    let mut a = with_old_answer("gou_donnees_ouvertes", Choice::Unknown, "");
    a.apply_content_migrations(framework());
    let words = "votre réponse était : « Je ne sais pas ».";
    let earlier = a
        .note("gou_donnees_ouvertes_odwb")
        .replace(words, "votre réponse était : niveau ?.");
    a.answers.get_mut("gou_donnees_ouvertes_odwb").unwrap().note = earlier.clone();
    assert_migrating_again_changes_nothing(&mut a);
    assert_eq!(a.note("gou_donnees_ouvertes_odwb"), earlier);
}

#[test]
fn an_answer_to_public_procurement_is_asked_again_once_its_legal_minimum_counts_the_award_notice() {
    // Under 2.7.0 the legal minimum asked publication and electronic tenders for contracts that
    // must be advertised; since 1 September 2023 (law of 8 February 2023, royal decree of
    // 13 August 2023) every contract but low-value ones also needs its award notice, and a
    // negotiated one without prior publication its tenders on the platform.
    assert_asked_again_with_its_comment(
        ("eco_marches_pme", "eco_marches_electroniques"),
        "2.8.0",
        2,
        "Tout passe par e-Procurement depuis 2020",
    );
}

#[test]
fn an_answer_to_data_management_is_asked_again_once_documents_come_before_the_inventory() {
    // Under 2.7.0 level 2 meant « a dated data inventory exists »; under 2.8.0 it means
    // decisions or mail handled electronically, which a commune with an inventory may lack.
    assert_asked_again_with_its_comment(
        ("gou_information_donnees", "gou_documents_donnees"),
        "2.8.0",
        2,
        "Inventaire dans un tableur",
    );
}

#[test]
fn a_commune_migrated_under_2_5_and_again_under_2_8_reads_each_reminder_once() {
    assert_each_reminder_read_once(
        Some(("eco_marches_publics", 2)),
        ("eco_marches_pme", 3),
        "Question posée à nouveau (version 2.5.0 du référentiel) : avant la version 2.0.0, ses \
         niveaux ne tenaient pas compte de l'obligation légale décrite ci-dessus, et l'outil ne \
         sait pas sous quelle version vous aviez répondu. Votre réponse était : niveau 2 ; \
         confirmez-la ou corrigez-la.",
        ("eco_marches_electroniques", "2.8.0"),
    );
}

#[test]
fn a_commune_migrated_under_2_4_and_again_under_2_8_reads_each_reminder_once() {
    assert_each_reminder_read_once(
        Some(("gou_donnees", 2)),
        ("gou_information_donnees", 4),
        "Avant la version 2.4.0 du référentiel, l'inventaire des données n'était demandé qu'au \
         niveau 3, avec la gestion électronique du courrier ; votre réponse était : niveau 2.",
        ("gou_documents_donnees", "2.8.0"),
    );
}

#[test]
fn an_answer_to_the_commune_cpas_duty_is_asked_again_once_its_minimum_names_the_quarterly_meetings()
{
    // Under 2.8.0 the legal minimum read « le comité de concertation se réunit »; the law asks
    // at least every three months, which a committee meeting once a year does not meet.
    assert_asked_again_with_its_comment(
        ("qdv_commune_cpas", "qdv_cpas_concertation"),
        "2.9.0",
        2,
        "Comité réuni en juin",
    );
}

#[test]
fn a_commune_migrated_under_2_5_and_again_under_2_9_reads_each_reminder_once() {
    assert_each_reminder_read_once(
        Some(("qdv_social", 2)),
        ("qdv_commune_cpas", 3),
        "Question posée à nouveau (version 2.5.0 du référentiel) : avant la version 2.0.0, ses \
         niveaux ne tenaient pas compte de l'obligation légale décrite ci-dessus, et l'outil ne \
         sait pas sous quelle version vous aviez répondu. Votre réponse était : niveau 2 ; \
         confirmez-la ou corrigez-la.",
        ("qdv_cpas_concertation", "2.9.0"),
    );
}

#[test]
fn an_answer_to_public_procurement_is_asked_again_once_its_legal_minimum_counts_electronic_invoices()
 {
    // Under 2.9.0 the legal minimum was e-Procurement alone; since 1 April 2019 (law of 7 April
    // 2019) a commune must also receive and process electronic invoices, which one that still
    // takes only paper or PDF invoices does not.
    assert_asked_again_with_its_comment(
        ("eco_marches_publicite", "eco_marches_electroniques"),
        "2.10.0",
        2,
        "Avis d'attribution publiés depuis 2023",
    );
}

#[test]
fn a_commune_migrated_under_2_8_and_again_under_2_10_reads_each_reminder_once() {
    assert_each_reminder_read_once(
        Some(("eco_marches_pme", 2)),
        ("eco_marches_publicite", 3),
        "Avant la version 2.8.0 du référentiel, le minimum légal ne comptait ni l'avis \
         d'attribution ni les offres électroniques des marchés sans publication préalable, que \
         la loi impose depuis le 1er septembre 2023 ; votre réponse était : niveau 2 (une réponse \
         de niveau 1 reste juste).",
        ("eco_marches_electroniques", "2.10.0"),
    );
}

#[test]
fn an_answer_to_web_accessibility_is_asked_again_once_its_legal_minimum_counts_mobile_apps() {
    // Under 2.9.0 the legal minimum was the website; the decree of 2 May 2019 covers the
    // commune's mobile apps too (since 23 June 2021), which a commune with an app may not meet.
    assert_asked_again_with_its_comment(
        ("sc_accessibilite_web", "sc_accessibilite_numerique"),
        "2.10.0",
        3,
        "Audit du site en 2025",
    );
}

#[test]
fn a_commune_migrated_under_2_5_and_again_under_2_10_reads_each_reminder_once() {
    assert_each_reminder_read_once(
        Some(("sc_accessibilite", 2)),
        ("sc_accessibilite_web", 3),
        "Question posée à nouveau (version 2.5.0 du référentiel) : avant la version 2.0.0, ses \
         niveaux ne tenaient pas compte de l'obligation légale décrite ci-dessus, et l'outil ne \
         sait pas sous quelle version vous aviez répondu. Votre réponse était : niveau 2 ; \
         confirmez-la ou corrigez-la.",
        ("sc_accessibilite_numerique", "2.10.0"),
    );
}

#[test]
fn the_earlier_rounds_note_of_a_question_changed_since_the_redo_is_shown_on_the_new_one() {
    // Redone under 2.7.0 from last year's diagnostic: « eco_marches_pme » still recalls that
    // round's answer and note, not yet answered again, when 2.8.0 asks it again.
    let mut a = assessment("Lobbes");
    a.answers.insert(
        "eco_marches_pme".into(),
        Answer {
            previous: Some(level(3)),
            previous_note: "Clauses sociales depuis 2024".into(),
            ..Default::default()
        },
    );
    assert!(a.apply_content_migrations(framework()));
    let new = a.answers.get("eco_marches_electroniques").unwrap();
    assert_eq!(new.previous_note, "Clauses sociales depuis 2024");
    assert_eq!(
        a.previous_note("eco_marches_electroniques"),
        Some("Clauses sociales depuis 2024")
    );
    // The old answer stays aside, its level in the reminder; the note is not in two places.
    let aside = a
        .set_aside
        .iter()
        .find(|s| s.question_id == "eco_marches_pme")
        .unwrap();
    assert_eq!(aside.answer.previous, Some(level(3)));
    assert!(aside.answer.previous_note.is_empty());
    assert!(
        new.note.contains("votre réponse était : niveau 3"),
        "{}",
        new.note
    );
    assert_migrating_again_changes_nothing(&mut a);
    // Taken into this round's note, it does not come back on the next load.
    assert!(a.take_previous_note("eco_marches_electroniques", NOW));
    assert_eq!(a.previous_note("eco_marches_electroniques"), None);
    assert_migrating_again_changes_nothing(&mut a);
}

#[test]
fn a_commune_coming_back_is_told_which_questions_the_referentiel_asks_again() {
    // Answered under 2.9.0: two duties whose minimum changed in 2.10.0, one renamed question
    // that keeps its level, and one unchanged.
    let mut a = with_old_answer("sc_accessibilite_web", level(3), "");
    for (question, answer) in [
        ("eco_marches_publicite", 2),
        ("sc_competences", 2),
        ("gou_pilotage", 3),
    ] {
        a.set_choice(question, Some(level(answer)), NOW);
    }
    assert!(a.asked_again(framework()).is_empty());
    assert!(a.apply_content_migrations(framework()));
    assert_eq!(
        a.asked_again(framework()),
        ["eco_marches_electroniques", "sc_accessibilite_numerique"]
    );
    // Answered again, a question is no longer listed, « Je ne sais pas » included.
    a.set_choice("eco_marches_electroniques", Some(Choice::Unknown), NOW);
    assert_eq!(a.asked_again(framework()), ["sc_accessibilite_numerique"]);
    // A commune that cleared the reminder from its note has read it.
    a.set_note("sc_accessibilite_numerique", "", NOW);
    assert!(a.asked_again(framework()).is_empty());
    // A diagnostic begun under the current référentiel has nothing asked again.
    let mut fresh = assessment("Thuin");
    fresh.set_note("sc_accessibilite_numerique", "Pas d'application.", NOW);
    assert!(fresh.asked_again(framework()).is_empty());
}

#[test]
fn a_diagnostic_redone_from_a_migrated_one_recalls_each_reminder_and_comment_once() {
    // Last year's file, answered under 1.0.0: « mob_ecoles_pmr » at 5 with the commune's
    // comment, split since into two questions; then redone a year later.
    let mut last_year = with_old_answer("mob_ecoles_pmr", level(5), "Rue scolaire depuis 2023");
    last_year.profile.date = "2025-06-12".into();
    assert!(last_year.apply_content_migrations(framework()));
    let mut redone = last_year.reassess("redone".into(), "2026-12-08", NOW);
    redone.apply_content_migrations(framework());
    let reminder = "Avant la version 2.0.0 du référentiel, la question « Abords d'écoles et \
                    accessibilité PMR » réunissait ces deux sujets ; votre réponse était : \
                    niveau 5.";
    for question in ["mob_ecoles_zone30", "mob_pmr"] {
        let answer = redone.answers.get(question).unwrap();
        let shown = format!("{}\n{}", answer.note, answer.previous_note);
        // The reminder once, where it is read; the comment once, as last round's note.
        assert_eq!(shown.matches(reminder).count(), 1, "{question}: {shown:?}");
        assert_eq!(
            shown.matches("Rue scolaire depuis 2023").count(),
            1,
            "{question}: {shown:?}"
        );
        assert_eq!(answer.choice, None, "{question} is asked again");
    }
    assert_migrating_again_changes_nothing(&mut redone);
    // Taking last round's note into this one's repeats nothing.
    redone.take_previous_note("mob_pmr", NOW);
    let note = &redone.answers.get("mob_pmr").unwrap().note;
    assert_eq!(note.matches(reminder).count(), 1, "{note:?}");
    assert_eq!(
        note.matches("Rue scolaire depuis 2023").count(),
        1,
        "{note:?}"
    );
}

#[test]
fn a_question_answered_after_it_changed_is_not_asked_again_when_the_diagnostic_is_redone() {
    let mut first = with_old_answer("mob_ecoles_pmr", level(5), "");
    first.profile.date = "2024-06-12".into();
    first.apply_content_migrations(framework());
    // That round answered the new question after reading the reminder.
    first.set_choice("mob_pmr", Some(level(3)), NOW);
    let mut redone = first.reassess("redone".into(), "2025-06-12", NOW);
    redone.apply_content_migrations(framework());
    let pmr = redone.answers.get("mob_pmr").unwrap();
    assert_eq!(pmr.previous, Some(level(3)));
    assert!(!pmr.note.contains("votre réponse était"), "{:?}", pmr.note);
    assert!(!redone.asked_again(framework()).contains(&"mob_pmr"));
    // The other half, still unanswered, keeps its one reminder.
    assert_eq!(redone.asked_again(framework()), ["mob_ecoles_zone30"]);
    // The reminder that round's note still holds is no note of the commune's to send.
    assert!(
        redone
            .previous_note("mob_pmr")
            .is_some_and(|n| n.contains("votre réponse était"))
    );
    assert!(redone.previous_notes_left(framework()).is_empty());
    // On the pillar page, both halves are to review: one recalls an answer, one was asked again.
    let mobility = framework().pillar_of("mob_pmr").unwrap();
    assert_eq!(redone.to_review(framework(), mobility), 2);
    // Not in a diagnostic that was not redone, whose home page speaks of the questions asked again.
    assert_eq!(first.to_review(framework(), mobility), 0);
    assert_migrating_again_changes_nothing(&mut redone);
}

#[test]
fn a_diagnostic_redone_twice_still_names_the_answer_set_aside() {
    let mut round = with_old_answer("mob_ecoles_pmr", level(5), "");
    round.profile.date = "2024-06-12".into();
    round.apply_content_migrations(framework());
    for (id, today) in [("second", "2025-06-12"), ("third", "2026-06-12")] {
        round = round.reassess(id.into(), today, NOW);
        round.profile.date = today.into();
        round.apply_content_migrations(framework());
    }
    let answer = round.answers.get("mob_ecoles_zone30").unwrap();
    let shown = format!("{}\n{}", answer.note, answer.previous_note);
    assert_eq!(
        shown.matches("votre réponse était : niveau 5.").count(),
        1,
        "{shown:?}"
    );
    assert!(!shown.contains("aucun niveau"), "{shown:?}");
    assert_migrating_again_changes_nothing(&mut round);
}

#[test]
fn a_comment_is_carried_whole_and_the_communes_paragraphs_are_kept() {
    // Last round's note on the new question is the commune's own, in two paragraphs; the old
    // question's short comment is not a part of it, even if its words are.
    let mut a = assessment("Lobbes");
    a.answers.insert(
        "mob_pmr".into(),
        Answer {
            previous_note: "Zone 30 non prévue\n\nÀ revoir".into(),
            ..Default::default()
        },
    );
    a.set_aside
        .push(autodiag_core::domain::assessment::SetAsideAnswer {
            question_id: "mob_ecoles_pmr".into(),
            answer: Answer {
                previous: Some(level(2)),
                previous_note: "non".into(),
                ..Default::default()
            },
        });
    a.apply_content_migrations(framework());
    assert_eq!(
        a.answers.get("mob_pmr").unwrap().previous_note,
        "Zone 30 non prévue\n\nÀ revoir\nnon"
    );
}
