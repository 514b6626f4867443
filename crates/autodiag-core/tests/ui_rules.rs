//! Rules that used to live in UI files, each with one definition here: the redraft policy,
//! counting note edits, which assessments are of the same commune, totals and where to resume,
//! and adopting another tab's version without losing ours.

mod common;
use autodiag_core::domain::roadmap;
use autodiag_core::domain::scoring;
use autodiag_core::domain::workspace::Workspace;
use common::*;

#[test]
fn the_roadmap_is_redrafted_from_new_answers_until_the_commune_edits_it() {
    let mut a = assessment("Chimay");
    answer_all(&mut a, level(2));
    assert!(roadmap::refresh(framework(), &mut a, NOW), "first draft");
    assert!(
        !roadmap::refresh(framework(), &mut a, NOW),
        "nothing new: nothing written"
    );
    let before = a.roadmap.clone();
    answer_pillar(&mut a, "gouvernance", level(4));
    assert!(roadmap::refresh(framework(), &mut a, NOW));
    assert_ne!(a.roadmap, before, "the draft follows the answers");
    // Once edited, the roadmap is the commune's: new answers do not overwrite it.
    let first = a.roadmap.as_ref().unwrap().items[0].id.clone();
    a.roadmap.as_mut().unwrap().remove(&first);
    let edited = a.roadmap.clone();
    answer_pillar(&mut a, "mobilite", level(5));
    assert!(!roadmap::refresh(framework(), &mut a, NOW));
    assert_eq!(a.roadmap, edited);
}

#[test]
fn typing_one_note_counts_as_one_change_towards_the_download_reminder() {
    let mut a = assessment("Thuin");
    a.set_note("mob_pcm", "P", NOW);
    for typed in ["PC", "PCM", "PCM de", "PCM de 2019"] {
        a.continue_note("mob_pcm", typed, NOW);
    }
    assert_eq!(a.note("mob_pcm"), "PCM de 2019");
    assert_eq!(a.changes_since_download, 1);
    // Each save is still a new revision, so storage writes it.
    assert_eq!(a.revision, 5);
    a.set_note("mob_stationnement", "zone bleue", NOW);
    assert_eq!(a.changes_since_download, 2);
}

#[test]
fn the_same_commune_is_the_same_name_and_the_nis_code_only_without_one() {
    let mut a = assessment("Fontaine-l'Évêque");
    let mut b = assessment("fontaine l'eveque");
    assert!(a.same_commune(&b));
    // The optional code, typed by hand, neither splits a commune nor joins two.
    a.profile.nis_code = "52022".into();
    assert!(a.same_commune(&b), "one file without the code");
    b.profile.nis_code = "52021".into();
    assert!(a.same_commune(&b), "a mistyped code");
    let mut gerpinnes = assessment("Gerpinnes");
    gerpinnes.profile.nis_code = "52022".into();
    assert!(
        !a.same_commune(&gerpinnes),
        "another commune with the same code"
    );
    // Without a name, the code decides; without either, nothing is the same commune.
    let mut nameless = assessment("");
    nameless.profile.nis_code = "52022".into();
    let mut also_nameless = assessment("  ");
    also_nameless.profile.nis_code = "52022".into();
    assert!(nameless.same_commune(&also_nameless));
    also_nameless.profile.nis_code = "56078".into();
    assert!(!nameless.same_commune(&also_nameless));
    let (mut x, mut y) = (assessment(""), assessment(""));
    x.profile.nis_code.clear();
    y.profile.nis_code.clear();
    assert!(!x.same_commune(&y));
    let c = assessment("Courcelles");
    let workspace = Workspace {
        assessments: vec![a.clone(), b.clone(), c, assessment("fontaine-l-eveque")],
    };
    let others: Vec<&str> = workspace
        .others_of_same_commune(&a)
        .map(|x| x.profile.commune.as_str())
        .collect();
    assert_eq!(others, ["fontaine l'eveque", "fontaine-l-eveque"]);
}

#[test]
fn an_earlier_year_knows_the_later_assessment_of_its_commune() {
    let dated = |id: &str, commune: &str, date: &str| {
        let mut a = assessment(commune);
        a.id = id.into();
        a.profile.date = date.into();
        a
    };
    let workspace = Workspace {
        assessments: vec![
            dated("2025", "Thuin", "2025-11-18"),
            dated("2026", "Thuin", "2026-12-05"),
            dated("2024", "thuin", "2024-10-01"),
            dated("other", "Lobbes", "2027-01-01"),
        ],
    };
    let later = |id: &str| {
        workspace
            .later_of_same_commune(workspace.get(id).unwrap())
            .map(|a| a.id.as_str())
    };
    assert_eq!(later("2024"), Some("2026"), "the latest, not the next");
    assert_eq!(later("2025"), Some("2026"));
    assert_eq!(later("2026"), None, "the latest has none");
    assert_eq!(
        later("other"),
        None,
        "another commune's date does not count"
    );
    // In a facilitator's browser, one respondent's file is not another's earlier year; a
    // synthesis takes the place of each.
    let signed = |id: &str, date: &str, who: &str| {
        let mut a = dated(id, "Walcourt", date);
        a.profile.respondent_name = who.into();
        a
    };
    let mut synthesis = signed("group", "2026-11-21", "synthèse de 2 répondants");
    synthesis.profile.consolidated_respondents = 2;
    let workspace = Workspace {
        assessments: vec![
            signed("dg", "2026-11-19", "Marie"),
            signed("mayor", "2026-11-20", "Paul"),
            signed("dg-again", "2026-11-20", "Marie"),
        ],
    };
    let later = |w: &Workspace, id: &str| {
        w.later_of_same_commune(w.get(id).unwrap())
            .map(|a| a.id.clone())
    };
    assert_eq!(later(&workspace, "dg"), Some("dg-again".to_string()));
    assert_eq!(later(&workspace, "mayor"), None);
    // The same person whatever the case, accents or role's wording.
    let mut renamed = workspace.clone();
    renamed.assessments[2].profile.respondent_name = "  MARIE ".into();
    renamed.assessments[2].profile.respondent_role = "DG".into();
    assert_eq!(later(&renamed, "dg"), Some("dg-again".to_string()));
    let mut with_synthesis = workspace.clone();
    with_synthesis.assessments.push(synthesis);
    assert_eq!(later(&with_synthesis, "mayor"), Some("group".to_string()));
    // Next year's round by someone else takes its place too: a reviewer's edit to « last
    // year » went unwarned into the baseline the comparison reads.
    let mut next_year = workspace.clone();
    next_year
        .assessments
        .push(signed("new-dg", "2027-11-25", "Julie"));
    assert_eq!(later(&next_year, "mayor"), Some("new-dg".to_string()));
    assert_eq!(later(&next_year, "dg"), Some("new-dg".to_string()));
    // Undated, nothing can be said.
    let mut undated = with_synthesis.clone();
    undated.assessments[1].profile.date.clear();
    assert_eq!(later(&undated, "mayor"), None);
}

#[test]
fn a_new_year_knows_which_actions_an_earlier_year_marked_done() {
    use autodiag_core::domain::roadmap::{ItemStatus, Roadmap};
    let dated = |id: &str, date: &str| {
        let mut a = assessment("Thuin");
        a.id = id.into();
        a.profile.date = date.into();
        a
    };
    let mut earlier = dated("2025", "2025-11-18");
    let mut roadmap = Roadmap::default();
    let action = &framework().actions[0];
    roadmap.add_action(action);
    roadmap.set_status(&action.id, ItemStatus::Done);
    earlier.roadmap = Some(roadmap.clone());
    let mut planned = dated("2024", "2024-10-01");
    roadmap.set_status(&action.id, ItemStatus::Planned);
    planned.roadmap = Some(roadmap);
    let workspace = Workspace {
        assessments: vec![planned, earlier, dated("2026", "2026-12-05")],
    };
    let this_year = workspace.get("2026").unwrap();
    assert_eq!(
        workspace
            .done_earlier(this_year, &action.id)
            .map(|a| a.id.as_str()),
        Some("2025")
    );
    assert_eq!(workspace.done_earlier(this_year, "not-an-action"), None);
    // Only earlier years count, and only « Fait ».
    let last_year = workspace.get("2025").unwrap();
    assert_eq!(workspace.done_earlier(last_year, &action.id), None);
    // An undated one has no year to name.
    let mut undated = workspace.clone();
    undated.assessments[1].profile.date.clear();
    assert_eq!(
        undated.done_earlier(undated.get("2026").unwrap(), &action.id),
        None
    );
}

#[test]
fn totals_and_where_to_resume() {
    let mut a = assessment("Anderlues");
    let (answered, total) = scoring::answered_total(framework(), &a);
    assert_eq!((answered, total), (0, framework().question_count()));
    assert_eq!(
        scoring::first_unfinished_pillar(framework(), &a).map(|p| p.id.as_str()),
        Some("mobilite")
    );
    answer_pillar(&mut a, "mobilite", level(3));
    a.set_choice(
        "qdv_securite",
        Some(autodiag_core::domain::assessment::Choice::Unknown),
        NOW,
    );
    let mobility = framework().pillar("mobilite").unwrap().questions.len();
    assert_eq!(scoring::answered_total(framework(), &a).0, mobility + 1);
    assert_eq!(
        scoring::first_unfinished_pillar(framework(), &a).map(|p| p.id.as_str()),
        Some("qualite_de_vie")
    );
    answer_all(&mut a, level(2));
    assert!(scoring::first_unfinished_pillar(framework(), &a).is_none());
}

#[test]
fn another_tabs_version_is_adopted_and_ours_is_kept_as_a_copy() {
    let mut ours = assessment("Gerpinnes");
    ours.set_choice("mob_pcm", Some(level(2)), NOW);
    let mut theirs = ours.clone();
    theirs.set_choice("mob_pcm", Some(level(4)), NOW);
    let mut workspace = Workspace {
        assessments: vec![ours.clone()],
    };
    let name = workspace.adopt_theirs(theirs.clone(), "copy".into(), "copie de cet onglet", NOW);
    assert_eq!(name.as_deref(), Some("Gerpinnes (copie de cet onglet)"));
    assert_eq!(workspace.get(&ours.id), Some(&theirs));
    let copy = workspace.get("copy").unwrap();
    assert_eq!(
        copy.choice("mob_pcm"),
        Some(level(2)),
        "our edit survives in the copy"
    );
    assert_eq!(copy.revision, 1);
}

#[test]
fn coming_back_finds_the_commune_by_name_and_resumes_at_the_first_unanswered_question() {
    let mut a = assessment("Froidchapelle");
    answer_pillar(&mut a, "mobilite", level(2));
    a.set_choice("qdv_securite", Some(level(3)), NOW);
    let workspace = Workspace {
        assessments: vec![a.clone(), assessment("Chimay")],
    };
    let found: Vec<&str> = workspace
        .of_commune_named("  froidchapelle ")
        .map(|x| x.id.as_str())
        .collect();
    assert_eq!(found, [a.id.as_str()]);
    assert_eq!(workspace.of_commune_named("Couvin").count(), 0);
    let (pillar, question) = scoring::first_unanswered_question(framework(), &a).unwrap();
    assert_eq!(
        (pillar.id.as_str(), question),
        ("qualite_de_vie", "qdv_proprete")
    );
    answer_all(&mut a, level(1));
    assert!(scoring::first_unanswered_question(framework(), &a).is_none());
}

#[test]
fn the_results_name_each_pillar_left_with_its_count_and_first_open_question() {
    use autodiag_core::domain::assessment::Choice;
    let mut a = assessment("Froidchapelle");
    answer_all(&mut a, level(3));
    assert!(scoring::unanswered_by_pillar(framework(), &a).is_empty());
    // « Je ne sais pas » and « non applicable » are answers: nothing is left in their pillar.
    a.set_choice("mob_pcm", Some(Choice::Unknown), NOW);
    a.set_choice("eco_tourisme", Some(Choice::NotApplicable), NOW);
    assert!(scoring::unanswered_by_pillar(framework(), &a).is_empty());
    for question in ["qdv_sport", "qdv_proprete", "gou_donnees_personnelles"] {
        a.set_choice(question, None, NOW);
    }
    let left: Vec<(&str, usize, &str)> = scoring::unanswered_by_pillar(framework(), &a)
        .into_iter()
        .map(|(pillar, count, first)| (pillar.id.as_str(), count, first))
        .collect();
    assert_eq!(
        left,
        [
            ("qualite_de_vie", 2, "qdv_proprete"),
            ("gouvernance", 1, "gou_donnees_personnelles")
        ]
    );
    let (answered, total) = scoring::answered_total(framework(), &a);
    assert_eq!(
        total - answered,
        3,
        "the counts add up to what the progress shows"
    );
}

#[test]
fn je_ne_sais_pas_becomes_a_list_to_check_with_whom_to_ask_kept_in_the_summary() {
    use autodiag_core::domain::assessment::Choice;
    let mut a = assessment("Lobbes");
    a.set_choice("gou_donnees_personnelles", Some(Choice::Unknown), NOW);
    a.set_choice("mob_pcm", Some(Choice::Unknown), NOW);
    a.set_choice("mob_actif", Some(level(2)), NOW);
    a.set_ask("gou_donnees_personnelles", "le DPO du CPAS", NOW);
    let list: Vec<(&str, Vec<&str>)> = scoring::questions_to_check(framework(), &a)
        .into_iter()
        .map(|(p, qs)| (p.id.as_str(), qs))
        .collect();
    assert_eq!(
        list,
        [
            ("mobilite", vec!["mob_pcm"]),
            ("gouvernance", vec!["gou_donnees_personnelles"])
        ]
    );
    let summary = autodiag_core::domain::summary::export(framework(), &a, NOW);
    let json = autodiag_core::domain::summary::to_json(&summary);
    let back =
        autodiag_core::domain::summary::import(framework(), json.as_bytes(), "x".into(), NOW)
            .unwrap()
            .assessment;
    assert_eq!(
        back.answers.get("gou_donnees_personnelles").unwrap().ask,
        "le DPO du CPAS"
    );
}

#[test]
fn form_values_of_choices_and_horizons_read_back() {
    use autodiag_core::domain::assessment::Choice;
    use autodiag_core::domain::content::Horizon;
    for choice in [level(1), level(5), Choice::Unknown, Choice::NotApplicable] {
        assert_eq!(Choice::from_form_value(&choice.form_value()), Some(choice));
    }
    assert_eq!(Choice::from_form_value(""), None);
    assert_eq!(Choice::from_form_value("6"), None);
    for horizon in Horizon::ALL {
        assert_eq!(
            Horizon::from_form_value(horizon.form_value()),
            Some(horizon)
        );
    }
    assert_eq!(Horizon::from_form_value("bientôt"), None);
}

#[test]
fn continuing_leads_to_the_profile_then_the_first_unfinished_pillar_then_the_results() {
    use autodiag_core::route::Route;
    let framework = common::framework();
    let mut assessment = common::assessment("Thuin");
    assert_eq!(Route::to_continue(framework, &assessment), Route::Profile);
    let first = &framework.pillars[0].id;
    common::answer_pillar(&mut assessment, first, common::level(2));
    assert_eq!(
        Route::to_continue(framework, &assessment),
        Route::Pillar(framework.pillars[1].id.clone())
    );
    common::answer_all(&mut assessment, common::level(3));
    assert_eq!(Route::to_continue(framework, &assessment), Route::Results);
}

#[test]
fn a_removed_item_comes_back_where_it_was_and_edits_are_checked() {
    use autodiag_core::domain::roadmap::{EditError, ItemField};
    let mut a = assessment("Chimay");
    answer_all(&mut a, level(2));
    roadmap::refresh(framework(), &mut a, NOW);
    let r = a.roadmap.as_mut().unwrap();
    let before = r.items.clone();
    let id = before[1].id.clone();
    let (index, item) = r.remove(&id).unwrap();
    assert!(r.item(&id).is_none());
    assert!(r.edited);
    r.restore_removed(index, item.clone());
    assert_eq!(r.items, before, "same item, same place");
    r.restore_removed(index, item);
    assert_eq!(r.items, before, "restoring twice adds nothing");

    assert_eq!(
        r.set_field(&id, ItemField::Due, "31/03/2027"),
        Err(EditError::DueNotADate)
    );
    assert_eq!(
        r.set_field("nope", ItemField::Owner, "x"),
        Err(EditError::NoSuchItem)
    );
    r.set_field(&id, ItemField::Title, "Nos mots").unwrap();
    r.set_field(&id, ItemField::Title, "  ").unwrap();
    assert_eq!(
        r.item(&id).unwrap().custom_title,
        None,
        "empty goes back to the catalogue's title"
    );
    let custom = r
        .add_custom(
            "Notre projet",
            autodiag_core::domain::content::Horizon::Short,
        )
        .unwrap();
    assert_eq!(
        r.set_field(&custom, ItemField::Title, ""),
        Err(EditError::TitleRequired)
    );
    assert_eq!(
        r.item(&custom).unwrap().custom_title.as_deref(),
        Some("Notre projet")
    );
}

#[test]
fn french_counts_zero_and_one_in_the_singular_english_only_one() {
    use autodiag_core::domain::format::takes_singular;
    assert!(takes_singular("fr", 0) && takes_singular("fr", 1) && !takes_singular("fr", 2));
    assert!(!takes_singular("en", 0) && takes_singular("en", 1) && !takes_singular("en", 2));
}

#[test]
fn a_pillar_names_its_strengths_and_gaps_by_one_rule_for_results_and_slides() {
    use autodiag_core::domain::assessment::Level;
    use autodiag_core::domain::projector;
    let at = |n: u8| Level::new(n).unwrap();
    let pillar = framework().pillar("mobilite").unwrap();
    let mut a = assessment("Thuin");
    answer_pillar(&mut a, "mobilite", level(3));
    let all_at_3 = scoring::standouts(framework(), pillar, &a);
    assert!(all_at_3.uniform, "all equal: nothing stands out");
    assert!(all_at_3.gaps.is_empty());
    let (second, third) = (&pillar.questions[1], &pillar.questions[2]);
    a.set_choice(second, Some(level(5)), NOW);
    a.set_choice(third, Some(level(1)), NOW);
    let standouts = scoring::standouts(framework(), pillar, &a);
    assert!(!standouts.uniform);
    assert_eq!(standouts.strengths[0], (second.as_str(), at(5)));
    assert_eq!(standouts.gaps, vec![(third.as_str(), at(1))]);
    // A level-2 strength is none: the results said « Point fort » of a level 2, the slide not.
    answer_pillar(&mut a, "mobilite", level(2));
    a.set_choice(third, Some(level(1)), NOW);
    let standouts = scoring::standouts(framework(), pillar, &a);
    assert!(standouts.strengths.is_empty());
    assert_eq!(standouts.gaps[0], (third.as_str(), at(1)));
    // A duty under its minimum leads the gaps, whatever the other levels, and is never a
    // strength; the slide shows the first of the same lists.
    let duty = pillar
        .questions
        .iter()
        .find(|q| framework().legal_minimum(q).is_some_and(|m| m >= 2))
        .expect("a legal duty in mobility");
    answer_pillar(&mut a, "mobilite", level(4));
    a.set_choice(duty, Some(level(1)), NOW);
    a.set_choice(third, Some(level(1)), NOW);
    let standouts = scoring::standouts(framework(), pillar, &a);
    assert_eq!(standouts.gaps[0], (duty.as_str(), at(1)));
    assert_eq!(standouts.unlawful, 1);
    assert!(standouts.strengths.iter().all(|(q, _)| q != duty));
    let slide = projector::pillar_slide(framework(), pillar, &a);
    assert_eq!(slide.gaps[0], standouts.gaps[0]);
    assert_eq!(slide.strengths[0], standouts.strengths[0]);
}

#[test]
fn consolidation_refuses_another_commune_and_a_respondent_loaded_twice() {
    use autodiag_core::domain::consolidation::{Admission, admit};
    let mut dg = assessment("Courcelles");
    dg.profile.respondent_name = "Marie Dubois".into();
    dg.profile.date = "2026-11-20".into();
    answer_all(&mut dg, level(2));
    let mut mayor = dg.clone();
    mayor.id = "mayor".into();
    mayor.profile.respondent_name = "Paul Hermant".into();
    answer_all(&mut mayor, level(4));
    assert_eq!(admit(&[], &dg), Admission::Admitted);
    assert_eq!(
        admit(std::slice::from_ref(&dg), &mayor),
        Admission::Admitted
    );
    let loaded = [dg.clone(), mayor.clone()];

    let mut walcourt = mayor.clone();
    walcourt.id = "w".into();
    walcourt.profile.commune = "Walcourt".into();
    walcourt.profile.respondent_name = "Agent Walcourt".into();
    assert_eq!(
        admit(&loaded, &walcourt),
        Admission::OtherCommune {
            theirs: "Walcourt".into(),
            ours: "Courcelles".into()
        }
    );
    // A respondent who typed the name without its article, or « Commune de … », answers for
    // the same commune.
    for typed in ["courcelles", "Commune de Courcelles"] {
        let mut same = walcourt.clone();
        same.profile.commune = typed.into();
        assert_eq!(admit(&loaded, &same), Admission::Admitted, "{typed}");
    }
    let mut bons_villers = dg.clone();
    bons_villers.profile.commune = "Les Bons Villers".into();
    let mut without_article = walcourt.clone();
    without_article.profile.commune = "Bons Villers".into();
    assert!(bons_villers.same_commune(&without_article));
    let mut roeulx = walcourt.clone();
    roeulx.profile.commune = "Commune du Roeulx".into();
    without_article.profile.commune = "Roeulx".into();
    assert!(roeulx.same_commune(&without_article));
    assert!(!roeulx.same_commune(&bons_villers));
    // The same file imported again gets a new id but is the same answers and profile.
    let mut again = mayor.clone();
    again.id = "again".into();
    assert_eq!(
        admit(&loaded, &again),
        Admission::AlreadyLoaded {
            label: "Paul Hermant".into()
        }
    );
    // The same person, answers saved at the same moment: counted once.
    let mut changed = dg.clone();
    changed.id = "changed".into();
    changed.profile.respondent_name = "marie  DUBOIS".into();
    answer_all(&mut changed, level(3));
    assert!(matches!(
        admit(&loaded, &changed),
        Admission::AlreadyLoaded { .. }
    ));
    // The same person's later file, the same day or another, takes the place of the earlier
    // one: that person is counted once, with their latest answers.
    let replaces_marie = Admission::Replaces {
        index: 0,
        label: "Marie Dubois".into(),
    };
    changed.updated_at = "2026-11-28T16:00:00.000Z".into();
    assert_eq!(admit(&loaded, &changed), replaces_marie);
    changed.updated_at = dg.updated_at.clone();
    changed.profile.date = "2026-11-27".into();
    assert_eq!(admit(&loaded, &changed), replaces_marie);
    // Her earlier file, picked after the later one, is not counted either.
    let later_loaded = [changed, mayor];
    let mut earlier = dg;
    earlier.id = "earlier".into();
    assert!(matches!(
        admit(&later_loaded, &earlier),
        Admission::AlreadyLoaded { .. }
    ));
}

#[test]
fn consolidation_admits_respondents_who_left_their_name_blank() {
    use autodiag_core::domain::consolidation::{Admission, admit};
    // Only the commune's name is required: three people of one commune, same day, no name.
    let respondent = |id: &str, answer: u8| {
        let mut a = assessment("Courcelles");
        a.id = id.into();
        a.profile.date = "2026-12-03".into();
        answer_all(&mut a, level(answer));
        a
    };
    let (first, second, third) = (respondent("a", 2), respondent("b", 3), respondent("c", 4));
    assert_eq!(
        admit(std::slice::from_ref(&first), &second),
        Admission::Admitted
    );
    let loaded = [first.clone(), second];
    assert_eq!(admit(&loaded, &third), Admission::Admitted);
    // A second copy of a nameless file is still the same file.
    let mut copy = first.clone();
    copy.id = "copy".into();
    assert!(matches!(
        admit(&loaded, &copy),
        Admission::AlreadyLoaded { .. }
    ));
}

#[test]
fn a_replace_prompt_knows_which_answers_differ_between_the_two_copies() {
    use autodiag_core::domain::compare;
    let mut here = assessment("Fontaine-l'Évêque");
    answer_all(&mut here, level(3));
    let mut file = here.clone();
    assert!(compare::different_answers(framework(), &here, &file).is_empty());
    // A colleague changed a level, another added a note; an empty answer is no difference.
    let questions: Vec<&String> = framework().question_ids().collect();
    file.set_choice(questions[5], Some(level(4)), NOW);
    here.set_note(questions[1], "PCM adopté en 2019", NOW);
    file.set_choice(questions[9], None, NOW);
    here.set_choice(questions[9], None, NOW);
    assert_eq!(
        compare::different_answers(framework(), &here, &file),
        vec![questions[1].as_str(), questions[5].as_str()]
    );
}

#[test]
fn a_redone_diagnostic_says_its_roadmap_is_the_earlier_rounds_plan_until_regenerated() {
    use autodiag_core::domain::roadmap::{ItemField, ItemStatus, Roadmap};
    use autodiag_core::domain::stored;
    let mut earlier = assessment("Thuin");
    earlier.id = "2025".into();
    earlier.profile.date = "2025-06-12".into();
    for question in framework().question_ids() {
        earlier.set_choice(question, Some(level(2)), "2025-06-12T10:00:00Z");
    }
    let scores = scoring::score_all(framework(), &earlier);
    let mut plan = roadmap::draft(framework(), &earlier, &scores);
    let first = plan.items[0].id.clone();
    plan.set_status(&first, ItemStatus::Done);
    earlier.roadmap = Some(plan);
    let redone = earlier.reassess("2026".into(), "2026-12-07", "2026-12-07T10:00:00Z");
    let carried = |a: &autodiag_core::domain::assessment::Assessment| {
        a.roadmap.as_ref().and_then(|r| r.carried_from.clone())
    };
    assert_eq!(carried(&redone).as_deref(), Some("2025-06-12"));
    // Kept in this browser's storage.
    let stored_back = stored::decode_assessment(&stored::encode_assessment(&redone)).unwrap();
    assert_eq!(carried(&stored_back).as_deref(), Some("2025-06-12"));
    // This year's owner on it: still last year's plan.
    let mut owned = redone.clone();
    let roadmap = owned.roadmap.as_mut().unwrap();
    roadmap
        .set_field(&first, ItemField::Owner, "Julie, DG")
        .unwrap();
    assert_eq!(carried(&owned).as_deref(), Some("2025-06-12"));
    // Regenerated with the very same answers, as the page does: this year's draft keeps the
    // « Fait » marks (and so reads as edited), and is no longer last year's plan.
    let mut answered = redone.clone();
    for question in framework().question_ids() {
        answered.set_choice(question, Some(level(2)), "2026-12-07T11:00:00Z");
    }
    let scores = scoring::score_all(framework(), &answered);
    let mut draft: Roadmap = roadmap::draft(framework(), &answered, &scores);
    draft.keep_done_of(answered.roadmap.as_ref().unwrap());
    assert!(draft.edited);
    assert_eq!(draft.carried_from, None);
    // A plan never edited is redrafted from today's answers: nothing to say.
    let mut unedited = earlier.clone();
    unedited.roadmap.as_mut().unwrap().edited = false;
    let redone = unedited.reassess("2026".into(), "2026-12-07", "2026-12-07T10:00:00Z");
    assert_eq!(carried(&redone), None);
    // A copy within the same round keeps its answers and its plan as they are.
    let copy = earlier.reassess("copy".into(), "2025-07-01", "2025-07-01T10:00:00Z");
    assert_eq!(carried(&copy), None);
}
