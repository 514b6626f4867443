//! What a workshop facilitator relies on: the projector's pillar slides and keys, whose
//! assessment is projected, which assessment is done, and before/after in time order.

mod common;

use autodiag_core::LiteMap;
use autodiag_core::domain::assessment::{Assessment, Choice, Level};
use autodiag_core::domain::compare;
use autodiag_core::domain::consolidation::{self, Admission};
use autodiag_core::domain::profile::{Authorship, Profile};
use autodiag_core::domain::projector::{self, Shortlist, SlideMove};
use autodiag_core::domain::scoring;
use common::{NOW, WORKSHOP_DAY, answer_all, answer_pillar, assessment, framework, level};

/// Respondents merged with the group's levels left as proposed, on the workshop's day.
fn merge(respondents: &[Assessment], id: &str, name: &str) -> Assessment {
    consolidation::consolidate(
        framework(),
        respondents,
        &LiteMap::new_vec(),
        id.into(),
        name.into(),
        WORKSHOP_DAY,
        NOW,
    )
}

#[test]
fn a_shortlist_keeps_every_item_that_fits_and_counts_the_rest_on_its_last_line() {
    let items = ["a", "b", "c", "d", "e", "f"];
    assert_eq!(
        projector::shortlist(&items[..4], 4),
        Shortlist {
            shown: vec!["a", "b", "c", "d"],
            more: 0
        }
    );
    // Five items in four lines: three, then « + 2 autres », never « + 1 autre ».
    assert_eq!(
        projector::shortlist(&items[..5], 4),
        Shortlist {
            shown: vec!["a", "b", "c"],
            more: 2
        }
    );
    assert_eq!(
        projector::shortlist(&items, 4),
        Shortlist {
            shown: vec!["a", "b", "c"],
            more: 3
        }
    );
    assert_eq!(
        projector::shortlist::<&str>(&[], 4),
        Shortlist {
            shown: vec![],
            more: 0
        }
    );
}

#[test]
fn a_pillar_slide_lists_strengths_gaps_and_the_questions_to_check() {
    let pillar = framework().pillar("gouvernance").unwrap();
    let q = |i: usize| pillar.questions[i].as_str();
    let mut a = assessment("Thuin");
    for (i, choice) in [
        level(5),
        level(1),
        Choice::Unknown,
        level(3),
        Choice::Unknown,
        level(2),
        Choice::NotApplicable,
        Choice::Unknown,
    ]
    .into_iter()
    .enumerate()
    {
        a.set_choice(q(i), Some(choice), NOW);
    }
    let slide = projector::pillar_slide(framework(), pillar, &a);
    let l = |v| Level::new(v).unwrap();
    assert_eq!(slide.strengths, vec![(q(0), l(5)), (q(3), l(3))]);
    assert_eq!(slide.gaps, vec![(q(1), l(1)), (q(5), l(2))]);
    assert_eq!(slide.to_check.shown, vec![q(2), q(4), q(7)]);
    assert_eq!(slide.to_check.more, 0);
}

#[test]
fn every_duty_answered_under_its_legal_minimum_leads_the_gaps_even_past_their_number() {
    // A reviewer projected Gouvernance with data protection and open data at level 2, under
    // their minimum of 3: « À travailler » named two level-1 questions and neither duty.
    let pillar = framework().pillar("gouvernance").unwrap();
    let l = |v| Level::new(v).unwrap();
    let mut a = assessment("Lobbes");
    answer_pillar(&mut a, "gouvernance", level(1));
    for duty in ["gou_donnees_personnelles", "gou_donnees_ouvertes_odwb"] {
        a.set_choice(duty, Some(level(2)), NOW);
    }
    let slide = projector::pillar_slide(framework(), pillar, &a);
    assert_eq!(
        slide.gaps,
        vec![
            ("gou_donnees_personnelles", l(2)),
            ("gou_donnees_ouvertes_odwb", l(2))
        ]
    );
    // One duty under its minimum leaves room for the lowest other answer; a duty only met is
    // no strength, a duty gone beyond is one like any level 3.
    a.set_choice("gou_donnees_ouvertes_odwb", Some(level(3)), NOW);
    let slide = projector::pillar_slide(framework(), pillar, &a);
    assert_eq!(
        slide.gaps,
        vec![("gou_donnees_personnelles", l(2)), ("gou_pilotage", l(1))]
    );
    assert_eq!(slide.strengths, vec![]);
    a.set_choice("gou_donnees_ouvertes_odwb", Some(level(4)), NOW);
    let slide = projector::pillar_slide(framework(), pillar, &a);
    assert_eq!(slide.strengths, vec![("gou_donnees_ouvertes_odwb", l(4))]);
}

#[test]
fn a_pillar_all_unknown_shows_three_questions_and_how_many_more() {
    let pillar = framework().pillar("economie").unwrap();
    let mut a = assessment("Lobbes");
    answer_all(&mut a, Choice::Unknown);
    let slide = projector::pillar_slide(framework(), pillar, &a);
    assert!(slide.strengths.is_empty() && slide.gaps.is_empty());
    assert_eq!(
        slide.to_check.shown.len(),
        projector::MAX_TO_CHECK_LINES - 1
    );
    assert_eq!(
        slide.to_check.shown.len() + slide.to_check.more,
        pillar.questions.len()
    );
    assert_eq!(
        scoring::pillar_questions_to_check(pillar, &a).len(),
        pillar.questions.len()
    );
}

#[test]
fn space_and_enter_belong_to_the_focused_button_and_page_keys_always_move() {
    assert_eq!(projector::slide_move(" ", true), None);
    assert_eq!(projector::slide_move("Enter", true), None);
    assert_eq!(projector::slide_move(" ", false), Some(SlideMove::Next));
    assert_eq!(projector::slide_move("Enter", false), None);
    for on_control in [true, false] {
        assert_eq!(
            projector::slide_move("ArrowRight", on_control),
            Some(SlideMove::Next)
        );
        assert_eq!(
            projector::slide_move("PageDown", on_control),
            Some(SlideMove::Next)
        );
        assert_eq!(
            projector::slide_move("ArrowLeft", on_control),
            Some(SlideMove::Previous)
        );
        assert_eq!(
            projector::slide_move("PageUp", on_control),
            Some(SlideMove::Previous)
        );
        assert_eq!(
            projector::slide_move("Home", on_control),
            Some(SlideMove::First)
        );
        assert_eq!(
            projector::slide_move("End", on_control),
            Some(SlideMove::Last)
        );
        assert_eq!(
            projector::slide_move("Escape", on_control),
            Some(SlideMove::Leave)
        );
        assert_eq!(projector::slide_move("a", on_control), None);
    }
}

#[test]
fn authorship_names_the_respondent_else_the_commune() {
    let mut p = Profile {
        commune: "Fleurus".into(),
        ..Profile::default()
    };
    assert_eq!(p.authorship(), Authorship::Commune);
    p.respondent_role = " Directrice générale ".into();
    assert_eq!(
        p.authorship(),
        Authorship::Respondent("Directrice générale".into())
    );
    p.respondent_name = "Marie Dubois".into();
    assert_eq!(
        p.authorship(),
        Authorship::Respondent("Marie Dubois (Directrice générale)".into())
    );
    p.respondent_role.clear();
    assert_eq!(
        p.authorship(),
        Authorship::Respondent("Marie Dubois".into())
    );
}

#[test]
fn a_consolidated_assessment_counts_its_respondents_and_says_so() {
    let mut people = Vec::new();
    for who in ["Bourgmestre", "Directeur général", "Informaticien", ""] {
        let mut a = assessment("Walcourt");
        a.profile.respondent_name = who.into();
        answer_all(&mut a, level(3));
        people.push(a);
    }
    people[1].profile.respondent_role = "DG".into();
    let merged = merge(
        &people,
        "merged",
        "Consolidation (Bourgmestre, Directeur général, Informaticien)",
    );
    assert_eq!(merged.profile.consolidated_respondents, 4);
    assert_eq!(
        merged.profile.authorship(),
        Authorship::Consolidation { respondents: 4 }
    );
    // The summary names who took part; a respondent who gave no name is counted, not listed.
    assert_eq!(
        merged.profile.participants,
        ["Bourgmestre", "Directeur général (DG)", "Informaticien"]
    );
    assert_eq!(merged.profile.unnamed_participants(), 1);
    // One made before participants were kept names nobody, and nobody is said to be nameless.
    let mut older = merged.clone();
    older.profile.participants.clear();
    assert_eq!(older.profile.unnamed_participants(), 0);
    // Merged again with a fifth person, it counts five people, not two files, and lists the
    // people, not the earlier consolidation's label.
    let mut fifth = assessment("Walcourt");
    fifth.profile.respondent_name = "Échevine".into();
    let again = merge(&[merged, fifth], "again", "Consolidation");
    assert_eq!(again.profile.consolidated_respondents, 5);
    assert_eq!(
        again.profile.participants,
        [
            "Bourgmestre",
            "Directeur général (DG)",
            "Informaticien",
            "Échevine"
        ]
    );
    // Someone already among a consolidation's participants is listed once.
    let mut mayor = assessment("Walcourt");
    mayor.profile.respondent_name = "Bourgmestre".into();
    let with_mayor = merge(&[again, mayor], "with-mayor", "Consolidation");
    assert_eq!(
        with_mayor.profile.participants,
        [
            "Bourgmestre",
            "Directeur général (DG)",
            "Informaticien",
            "Échevine"
        ]
    );
}

#[test]
fn a_consolidation_is_dated_the_workshop_day_with_the_latest_figures_and_signed_notes_once() {
    let question = framework().pillars[0].questions[0].clone();
    let mut people = Vec::new();
    for (who, date, staff) in [
        ("Directeur général", "2026-11-20", 2.0),
        ("Bourgmestre", "2026-11-22", 3.5),
        ("Informaticien", "2026-11-21", 1.0),
    ] {
        let mut a = assessment("Walcourt");
        a.profile.respondent_name = who.into();
        a.profile.date = date.into();
        a.profile.digital_staff_fte = Some(staff);
        // Only the DG, the earliest, typed the NIS code.
        if date == "2026-11-20" {
            a.profile.nis_code = "52075".into();
        }
        answer_all(&mut a, level(3));
        a.set_note(&question, &format!("vu par {who}"), NOW);
        people.push(a);
    }
    let merged = merge(&people, "merged", "Consolidation");
    // Not the first file's day, which a later single respondent's file would supersede.
    assert_eq!(merged.profile.date, WORKSHOP_DAY);
    // The commune's figures are the latest answers', whatever order the files came in.
    assert_eq!(merged.profile.digital_staff_fte, Some(3.5));
    // A figure the latest respondent left blank comes from the next latest who gave it.
    assert_eq!(merged.profile.nis_code, "52075");
    people.rotate_left(1);
    let reordered = merge(&people, "reordered", "Consolidation");
    assert_eq!(reordered.profile.digital_staff_fte, Some(3.5));
    // On the same day, the file changed last gives the figures, whatever order they came in.
    for person in &mut people {
        person.profile.date = "2026-11-20".into();
    }
    people[0].updated_at = "2026-11-30T16:00:00Z".into();
    people[0].profile.digital_staff_fte = Some(9.0);
    for order in [0, 1, 2] {
        people.rotate_left(order);
        let merged = merge(&people, "same-day", "Consolidation");
        assert_eq!(merged.profile.digital_staff_fte, Some(9.0));
    }
    // Merged again with a fourth person, each note keeps its one signature.
    let mut fourth = assessment("Walcourt");
    fourth.profile.respondent_name = "Échevine".into();
    fourth.set_note(&question, "à revoir", NOW);
    let again = merge(&[merged, fourth], "again", "Consolidation");
    assert_eq!(
        again.note(&question),
        "Directeur général : vu par Directeur général\nBourgmestre : vu par Bourgmestre\n\
         Informaticien : vu par Informaticien\nÉchevine : à revoir"
    );
}

#[test]
fn a_consolidation_loaded_again_speaks_for_its_people_not_as_one_voice() {
    let mut group = assessment("Walcourt");
    group.profile.respondent_name = "synthèse de 3 répondants".into();
    group.profile.consolidated_respondents = 3;
    answer_all(&mut group, level(4));
    let pillar = &framework().pillars[0].id;
    group.set_target(pillar, Level::new(4), NOW);
    let mut newcomer = assessment("Walcourt");
    newcomer.profile.respondent_name = "Échevine".into();
    answer_all(&mut newcomer, level(1));
    newcomer.set_target(pillar, Level::new(2), NOW);
    let respondents = [group, newcomer];
    // Four people: three at 4, one at 1. As two voices the median rounded down was 1.
    let spreads = consolidation::compare(framework(), &respondents);
    let duties = spreads.iter().filter(|s| s.unmet_duty).count();
    assert!(
        duties > 0,
        "the legal duties still propose the lowest answer"
    );
    for spread in spreads.iter().filter(|s| !s.unmet_duty) {
        assert_eq!(spread.proposed, Some(level(4)), "{}", spread.question_id);
    }
    let merged = merge(&respondents, "merged", "Consolidation");
    assert_eq!(merged.pillars[pillar].target, Level::new(4));
    assert_eq!(
        consolidation::weighted_median_level(&[(1, 1), (4, 3)]),
        Some(4)
    );
    assert_eq!(
        consolidation::weighted_median_level(&[(1, 2), (4, 2)]),
        Some(1)
    );
    assert_eq!(consolidation::weighted_median_level(&[]), None);
    assert_eq!(consolidation::weighted_median_level(&[(3, 0)]), None);
}

#[test]
fn a_legal_duty_some_call_not_applicable_is_discussed_even_when_the_levels_agree() {
    let duty = framework()
        .question_ids()
        .find(|q| framework().legal_minimum(q).is_some())
        .expect("the framework has legal duties")
        .clone();
    let minimum = framework().legal_minimum(&duty).unwrap();
    let mut first = assessment("Walcourt");
    let mut second = assessment("Walcourt");
    let mut third = assessment("Walcourt");
    // Two at the minimum (met, no spread), the third: « the law does not concern us ».
    first.set_choice(&duty, Some(level(minimum)), NOW);
    second.set_choice(&duty, Some(level(minimum)), NOW);
    third.set_choice(&duty, Some(Choice::NotApplicable), NOW);
    let spreads = consolidation::compare(framework(), &[first, second, third]);
    let spread = spreads.iter().find(|s| s.question_id == duty).unwrap();
    assert_eq!(spread.spread, Some(0));
    assert!(!spread.unmet_duty);
    assert!(spread.applicability_disputed);
    assert!(spread.to_discuss() && spread.duty_at_stake());
    // « Je ne sais pas » beside « non applicable », with no level at all: still the group's
    // to settle. Everyone at « non applicable »: nothing to settle.
    let mut unsure = assessment("Walcourt");
    let mut not_concerned = assessment("Walcourt");
    unsure.set_choice(&duty, Some(Choice::Unknown), NOW);
    not_concerned.set_choice(&duty, Some(Choice::NotApplicable), NOW);
    let spreads = consolidation::compare(framework(), &[unsure, not_concerned.clone()]);
    let spread = spreads.iter().find(|s| s.question_id == duty).unwrap();
    assert_eq!(spread.spread, None);
    assert!(spread.applicability_disputed && spread.to_discuss());
    let spreads = consolidation::compare(framework(), &[not_concerned.clone(), not_concerned]);
    let spread = spreads.iter().find(|s| s.question_id == duty).unwrap();
    assert!(!spread.applicability_disputed && !spread.to_discuss());
}

#[test]
fn a_question_some_call_not_applicable_while_others_give_a_level_is_put_to_the_group() {
    let plain = framework()
        .question_ids()
        .find(|q| framework().legal_minimum(q).is_none())
        .unwrap()
        .clone();
    let mut first = assessment("Walcourt");
    let mut second = assessment("Walcourt");
    first.set_choice(&plain, Some(level(3)), NOW);
    second.set_choice(&plain, Some(Choice::NotApplicable), NOW);
    let spreads = consolidation::compare(framework(), &[first.clone(), second.clone()]);
    let spread = spreads.iter().find(|s| s.question_id == plain).unwrap();
    // « Non applicable » takes the question out of the score: the level alone would decide.
    assert_eq!(spread.proposed, Some(level(3)));
    assert!(spread.applicability_disputed && spread.to_discuss());
    // Not a legal duty: discussed after the duties at stake, by its spread.
    assert!(!spread.duty && !spread.duty_at_stake());
    // « Je ne sais pas » beside « non applicable » gives no score either way: nothing to settle
    // on a question the law does not impose.
    let mut unsure = assessment("Walcourt");
    unsure.set_choice(&plain, Some(Choice::Unknown), NOW);
    let spreads = consolidation::compare(framework(), &[unsure, second]);
    let spread = spreads.iter().find(|s| s.question_id == plain).unwrap();
    assert!(!spread.applicability_disputed && !spread.to_discuss());
}

#[test]
fn a_discussed_question_shows_each_answer_once_with_who_chose_it_highest_first() {
    let l = |n| Some(Choice::Level(Level::new(n).unwrap()));
    let spread = consolidation::QuestionSpread {
        question_id: "mob_stationnement".into(),
        choices: vec![
            l(2),
            None,
            l(5),
            Some(Choice::Unknown),
            l(2),
            l(5),
            l(1),
            Some(Choice::NotApplicable),
        ],
        spread: Some(4),
        proposed: l(2),
        unmet_duty: false,
        duty: false,
        applicability_disputed: false,
    };
    assert_eq!(
        spread.by_choice(),
        vec![
            (l(5), vec![2, 5]),
            (l(2), vec![0, 4]),
            (l(1), vec![6]),
            (Some(Choice::Unknown), vec![3]),
            (Some(Choice::NotApplicable), vec![7]),
            (None, vec![1]),
        ]
    );
    // Every respondent is in exactly one group.
    let mut groups_of = [0; 8];
    for (_, who) in spread.by_choice() {
        who.into_iter().for_each(|i| groups_of[i] += 1);
    }
    assert_eq!(groups_of, [1; 8]);
}

#[test]
fn the_respondent_count_survives_the_summary_file() {
    use autodiag_core::domain::summary;
    let mut a = assessment("Walcourt");
    a.profile.consolidated_respondents = 3;
    let json = summary::to_json(&summary::export(framework(), &a, NOW));
    let back = summary::import(framework(), json.as_bytes(), "back".into(), NOW).unwrap();
    assert_eq!(
        back.assessment.profile.authorship(),
        Authorship::Consolidation { respondents: 3 }
    );
}

#[test]
fn an_assessment_is_complete_when_every_question_has_an_answer() {
    let mut a = assessment("Chimay");
    assert!(!scoring::is_complete(framework(), &a));
    answer_all(&mut a, Choice::NotApplicable);
    assert!(scoring::is_complete(framework(), &a));
    let last = framework()
        .pillars
        .last()
        .unwrap()
        .questions
        .last()
        .unwrap()
        .clone();
    a.set_choice(&last, None, NOW);
    assert!(!scoring::is_complete(framework(), &a));
    a.set_choice(&last, Some(Choice::Unknown), NOW);
    assert!(scoring::is_complete(framework(), &a));
}

#[test]
fn before_and_after_follow_the_assessment_dates_then_creation() {
    let mut earlier = assessment("Gerpinnes");
    earlier.profile.date = "2025-03-01".into();
    let mut later = assessment("Gerpinnes");
    later.profile.date = "2026-03-01".into();
    let (before, after) = compare::in_time_order(&later, &earlier);
    assert_eq!(
        (before.profile.date.as_str(), after.profile.date.as_str()),
        ("2025-03-01", "2026-03-01")
    );
    let (before, _) = compare::in_time_order(&earlier, &later);
    assert_eq!(before.profile.date, "2025-03-01");
    later.profile.date = earlier.profile.date.clone();
    later.created_at = "2026-12-01T09:00:00.000Z".into();
    let (before, after) = compare::in_time_order(&later, &earlier);
    assert_eq!(
        (before.created_at.as_str(), after.created_at.as_str()),
        (NOW, "2026-12-01T09:00:00.000Z")
    );
}

#[test]
fn a_level_is_explained_on_the_first_pillar_slide_at_that_level_only() {
    let mut a = assessment("Fontaine-l'Évêque");
    // Mobilité and Économie at level 3, Qualité de vie at 2, Énergie at 3, the rest unanswered.
    for (pillar, choice) in [
        ("mobilite", level(3)),
        ("qualite_de_vie", level(2)),
        ("economie", level(3)),
        ("energie_environnement", level(3)),
    ] {
        answer_pillar(&mut a, pillar, choice);
    }
    let scores = scoring::score_all(framework(), &a);
    let explained: Vec<bool> = (0..=scores.len())
        .map(|i| projector::explains_its_band(&scores, i))
        .collect();
    assert_eq!(
        explained,
        [true, true, false, false, false, false, false],
        "Structuré once, Exploratoire once, unanswered pillars and past the end never"
    );
}

#[test]
fn a_score_to_confirm_explains_no_level_and_leaves_its_level_to_the_next_slide() {
    let mut a = assessment("Fontaine-l'Évêque");
    // Mobilité at level 3 on three questions only: « à confirmer », no level shown.
    let mobility = &framework().pillars[0].questions;
    for question in &mobility[..3] {
        a.set_choice(question, Some(level(3)), NOW);
    }
    answer_pillar(&mut a, "qualite_de_vie", level(3));
    let scores = scoring::score_all(framework(), &a);
    assert!(scores[0].to_confirm() && !scores[1].to_confirm());
    assert_eq!(scores[0].band, scores[1].band);
    let explained: Vec<bool> = (0..2)
        .map(|i| projector::explains_its_band(&scores, i))
        .collect();
    assert_eq!(explained, [false, true]);
}

#[test]
fn the_closing_slide_keeps_the_first_steps_that_fit_a_720p_screen_and_always_the_first() {
    use autodiag_core::domain::projector::{MAX_NEXT_STEPS_WORDS, next_steps_that_fit};
    let words = |n: usize| vec!["mot"; n].join(" ");
    // Three short steps all fit.
    assert_eq!(
        next_steps_that_fit([words(20), words(20), words(20)]).len(),
        3
    );
    // Three long ones (a legal duty's run to 60 words) do not: the third waits.
    assert_eq!(
        next_steps_that_fit([words(35), words(35), words(60)]).len(),
        2
    );
    // Never more than three, and the first even when alone it is long.
    assert_eq!(
        next_steps_that_fit([words(5), words(5), words(5), words(5)]).len(),
        3
    );
    assert_eq!(
        next_steps_that_fit([words(MAX_NEXT_STEPS_WORDS + 20), words(5)]),
        vec![words(MAX_NEXT_STEPS_WORDS + 20)]
    );
    // A step that would go past the limit ends the list rather than being skipped: the
    // slide keeps the roadmap's order.
    assert_eq!(
        next_steps_that_fit([words(60), words(50), words(5)]).len(),
        1
    );
}

#[test]
fn a_slide_shows_the_respondents_own_words_not_the_referentiels_reminder() {
    use autodiag_core::domain::consolidation::note_for_slide;
    // A question asked again: the reminder comes first, the respondent's words after it.
    let mut a = assessment("Courcelles");
    a.set_choice("eco_marches_pme", Some(level(4)), NOW);
    a.set_note(
        "eco_marches_pme",
        "Vérifié avec le service marchés en mai.",
        NOW,
    );
    a.apply_content_migrations(framework());
    let note = a.note("eco_marches_electroniques").to_string();
    assert!(note.starts_with("Avant la version 2.8.0"), "{note}");
    assert_eq!(
        note_for_slide(framework(), &note, 160),
        "Vérifié avec le service marchés en mai."
    );
    // Only a reminder: nothing to show.
    assert_eq!(
        note_for_slide(framework(), note.lines().next().unwrap(), 160),
        ""
    );
    // A long note, on one line, cut after a whole word.
    let long =
        "Pas de DPO désigné depuis le départ de M. X en mars ;\nle collège en parlera en janvier. "
            .repeat(5);
    let shown = note_for_slide(framework(), &long, 160);
    assert!(shown.ends_with("…") && !shown.contains('\n'), "{shown}");
    assert!(shown.chars().count() <= 161, "{shown}");
    assert!(
        long.replace('\n', " ")
            .starts_with(shown.trim_end_matches('…')),
        "{shown}"
    );
}

#[test]
fn someone_counted_in_a_synthesis_is_not_counted_again_whichever_file_comes_first() {
    let person = |name: &str, role: &str| {
        let mut a = assessment("Walcourt");
        a.id = format!("id-{name}");
        a.profile.respondent_name = name.into();
        a.profile.respondent_role = role.into();
        answer_all(&mut a, level(3));
        a
    };
    let (mayor, dg) = (
        person("Paul Hermant", "Bourgmestre"),
        person("Marie Dubois", "DG"),
    );
    let synthesis = merge(
        &[mayor.clone(), dg],
        "synthesis",
        "synthèse de 2 répondants",
    );
    let counted = Admission::CountedIn {
        person: "Paul Hermant (Bourgmestre)".into(),
        synthesis: "synthèse de 2 répondants".into(),
    };
    // His own later file, after the synthesis or before it: either way he would count twice.
    let mut later = mayor.clone();
    later.id = "id-later".into();
    later.profile.date = "2026-12-10".into();
    assert_eq!(
        consolidation::admit(std::slice::from_ref(&synthesis), &later),
        counted
    );
    assert_eq!(consolidation::admit(&[mayor], &synthesis), counted);
    // Someone new joins the synthesis; a synthesis sharing one person with it does not.
    let newcomer = person("Sophie Lambert", "Échevine");
    assert_eq!(
        consolidation::admit(std::slice::from_ref(&synthesis), &newcomer),
        Admission::Admitted
    );
    // One name, another role: another person. A name with brackets and no role: the same one.
    let namesake = person("Paul Hermant", "DPO");
    assert_eq!(
        consolidation::admit(std::slice::from_ref(&synthesis), &namesake),
        Admission::Admitted
    );
    let bracketed = person("Jean (Jeannot)", "");
    let with_jean = merge(
        &[bracketed.clone(), person("Marie Dubois", "DG")],
        "with-jean",
        "",
    );
    let mut jean_again = bracketed;
    jean_again.id = "id-jean-again".into();
    assert!(matches!(
        consolidation::admit(std::slice::from_ref(&with_jean), &jean_again),
        Admission::CountedIn { ref person, .. } if person == "Jean (Jeannot)"
    ));
    let mut other = synthesis.clone();
    other.id = "other".into();
    other.profile.participants = vec!["Marie Dubois (DG)".into(), "Luc Martin".into()];
    assert!(matches!(
        consolidation::admit(&[synthesis], &other),
        Admission::CountedIn { ref person, .. } if person == "Marie Dubois (DG)"
    ));
}

/// A workshop may not reach its last slide: a legal duty at stake comes first, however close
/// the answers, then the widest spreads, then the référentiel's order.
#[test]
fn a_workshop_discusses_duties_at_stake_first_then_the_widest_spreads() {
    let mut first = assessment("Walcourt");
    let mut second = assessment("Walcourt");
    answer_all(&mut first, level(3));
    answer_all(&mut second, level(3));
    // Two levels apart, early in the référentiel; four levels apart, later; a duty at 3 and 2.
    first.set_choice("mob_pcm", Some(level(2)), NOW);
    second.set_choice("mob_pcm", Some(level(4)), NOW);
    first.set_choice("sc_inclusion", Some(level(1)), NOW);
    second.set_choice("sc_inclusion", Some(level(5)), NOW);
    second.set_choice("gou_donnees_personnelles", Some(level(2)), NOW);
    let spreads = consolidation::compare(framework(), &[first, second]);
    let order: Vec<&str> = consolidation::discussion_order(&spreads)
        .into_iter()
        .map(|i| spreads[i].question_id.as_str())
        .collect();
    assert_eq!(
        order,
        ["gou_donnees_personnelles", "sc_inclusion", "mob_pcm"]
    );
}

#[test]
fn the_roadmap_slide_never_counts_a_legal_duty_among_the_others() {
    use autodiag_core::domain::content::Horizon;
    use autodiag_core::domain::plan::{ItemOrigin, ItemStatus, Roadmap, RoadmapItem};
    use autodiag_core::domain::roadmap::Reason;
    let item = |id: &str, status: ItemStatus| RoadmapItem {
        id: id.into(),
        horizon: Horizon::Short,
        status,
        origin: ItemOrigin::Drafted,
        custom_title: None,
        first_step: None,
        owner: None,
        due: None,
        objective: None,
    };
    let duty = || {
        vec![Reason::LegalMinimum {
            question_id: "sc_publicite_conseil".into(),
            legal_minimum: 2,
        }]
    };
    fn ids(list: &Shortlist<&RoadmapItem>) -> Vec<String> {
        list.shown.iter().map(|i| i.id.clone()).collect()
    }
    // Three steps, then two duties: the duties come first, and a done one last.
    let roadmap = Roadmap::drafted(vec![
        item("a", ItemStatus::Planned),
        item("b", ItemStatus::Done),
        item("c", ItemStatus::Planned),
        item("d", ItemStatus::Planned),
        item("e", ItemStatus::Planned),
    ]);
    let reasons = vec![vec![], duty(), vec![], duty(), duty()];
    let column = projector::roadmap_column(&roadmap, &reasons, Horizon::Short);
    assert_eq!(ids(&column), ["d", "e", "a"]);
    assert_eq!(column.more, 2, "c, and b done, whose duty is met");
    // Five duties and two other steps: every duty, then « + 2 autres ».
    let mut many: Vec<RoadmapItem> = ["p", "q"].map(|id| item(id, ItemStatus::Planned)).to_vec();
    many.extend(["v", "w", "x", "y", "z"].map(|id| item(id, ItemStatus::Planned)));
    let reasons: Vec<Vec<Reason>> = (0..7)
        .map(|i| if i < 2 { vec![] } else { duty() })
        .collect();
    let seven = Roadmap::drafted(many.clone());
    let column = projector::roadmap_column(&seven, &reasons, Horizon::Short);
    assert_eq!(ids(&column), ["v", "w", "x", "y", "z"]);
    assert_eq!(column.more, 2);
    // One other step left: shown rather than « + 1 autre ».
    many.remove(0);
    let six = Roadmap::drafted(many);
    let column = projector::roadmap_column(&six, &reasons[1..], Horizon::Short);
    assert_eq!(ids(&column), ["v", "w", "x", "y", "z", "q"]);
    assert_eq!(column.more, 0);
    // Other horizons are not this column's.
    assert!(
        projector::roadmap_column(&roadmap, &[], Horizon::Long)
            .shown
            .is_empty()
    );
    // The closing slide's first steps follow the same order, without what is done: the
    // duties first, as the slide before names them.
    let (next, duties) =
        projector::next_step_items(&roadmap, &[vec![], duty(), vec![], duty(), duty()]);
    let next: Vec<&str> = next.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(next, ["d", "e", "a", "c"]);
    assert_eq!(duties, 2);
    // The room's own action, and a step it gave an owner, come right after the duties: left
    // in « + 2 autres », the room could not see what it had just decided.
    let mut decided = roadmap.clone();
    let own = decided
        .add_custom("Installer deux compteurs vélo", Horizon::Short)
        .unwrap();
    let mut reasons = vec![vec![], duty(), vec![], duty(), duty()];
    reasons.push(vec![]);
    let column = projector::roadmap_column(&decided, &reasons, Horizon::Short);
    assert_eq!(ids(&column), ["d", "e", own.as_str()]);
    assert_eq!(column.more, 3);
    decided.items[2].owner = Some("Sophie Renard".into());
    let (next, _) = projector::next_step_items(&decided, &reasons);
    assert_eq!(
        next[..4].iter().map(|i| i.id.as_str()).collect::<Vec<_>>(),
        ["d", "e", "c", own.as_str()]
    );
}

#[test]
fn the_closing_slide_always_asks_to_check_the_duties_answered_i_do_not_know() {
    use autodiag_core::domain::projector::{MAX_NEXT_STEPS, MAX_NEXT_STEPS_WORDS, closing_steps};
    let words = |n: usize, tag: &str| format!("{tag} {}", "mot ".repeat(n - 1).trim_end());
    let verify = || Some(words(20, "verify"));
    let tags = |steps: Vec<String>| -> Vec<String> {
        steps
            .iter()
            .map(|s| s.split(' ').next().unwrap().to_string())
            .collect()
    };
    // Two long duty steps: the first, then the check; the second waits for the roadmap slide.
    assert_eq!(
        tags(closing_steps(
            vec![words(47, "d1"), words(45, "d2")],
            verify(),
            [words(10, "o")]
        )),
        ["d1", "verify"]
    );
    // Short steps: the duties, the check, then the others, three in all.
    assert_eq!(
        tags(closing_steps(
            vec![words(10, "d1")],
            verify(),
            [words(10, "o1"), words(10, "o2")]
        )),
        ["d1", "verify", "o1"]
    );
    assert_eq!(
        tags(closing_steps(
            vec![],
            verify(),
            [words(10, "o1"), words(10, "o2"), words(10, "o3")]
        )),
        ["verify", "o1", "o2"]
    );
    // Without anything to check, the same as next_steps_that_fit.
    assert_eq!(
        closing_steps(
            vec![words(30, "d1")],
            None,
            [words(30, "o1"), words(30, "o2"), words(30, "o3")]
        )
        .len(),
        MAX_NEXT_STEPS
    );
    let shown = closing_steps(vec![words(60, "d1")], verify(), [words(10, "o1")]);
    assert!(
        shown
            .iter()
            .map(|s| s.split_whitespace().count())
            .sum::<usize>()
            <= MAX_NEXT_STEPS_WORDS
    );
}

#[test]
fn a_legal_duty_not_known_to_be_met_is_to_check_with_what_was_answered() {
    use autodiag_core::domain::obligations::{self, Unsettled};
    let mut a = assessment("Froidchapelle");
    // Every question answered, so that only the duties below are unsettled.
    for question in framework().question_ids() {
        a.set_choice(question, Some(level(5)), NOW);
    }
    a.set_choice("gou_donnees_personnelles", Some(Choice::Unknown), NOW);
    a.set_choice("sc_accessibilite_numerique", Some(Choice::Unknown), NOW);
    a.set_choice("ene_certificat_peb", Some(Choice::NotApplicable), NOW);
    a.set_choice("sc_publicite_conseil", None, NOW);
    // A question that is no duty, and a duty answered, are not to check.
    a.set_choice("mob_pcm", Some(Choice::Unknown), NOW);
    a.set_choice("gou_donnees_ouvertes_odwb", Some(level(1)), NOW);
    let to_check = obligations::to_check(framework(), &a);
    assert_eq!(
        to_check.answered(Unsettled::Unknown),
        ["gou_donnees_personnelles", "sc_accessibilite_numerique"]
    );
    assert_eq!(
        to_check.answered(Unsettled::NotApplicable),
        ["ene_certificat_peb"]
    );
    assert_eq!(
        to_check.answered(Unsettled::Unanswered),
        ["sc_publicite_conseil"]
    );
    // Grouped in the order a sentence names them, each group in questionnaire order.
    let groups: Vec<Unsettled> = to_check
        .by_answer()
        .into_iter()
        .map(|(why, _)| why)
        .collect();
    assert_eq!(groups, Unsettled::ALL);
    assert!(to_check.contains("sc_publicite_conseil"));
    assert!(!to_check.contains("mob_pcm"));
    assert!(!to_check.contains("gou_donnees_ouvertes_odwb"));
}

#[test]
fn a_respondent_from_long_before_the_others_is_out_of_time() {
    let dated = |date: &str| {
        let mut a = assessment("Thuin");
        a.profile.date = date.into();
        a
    };
    let respondents = [
        dated("2026-12-06"),
        dated("2025-06-12"),
        dated("2026-06-06"),
        dated("2026-06-05"),
        dated(""),
    ];
    // Six months before the latest is still this workshop; a day more is not; an unreadable
    // date is never called old.
    assert_eq!(
        consolidation::out_of_time(&respondents),
        [false, true, false, true, false]
    );
    assert!(consolidation::out_of_time(&[]).is_empty());
}

#[test]
fn a_figure_most_respondents_give_is_the_communes_and_the_facilitator_is_told_they_differ() {
    use autodiag_core::domain::profile::PopulationBand;
    let mut people = Vec::new();
    for (who, date, band) in [
        (
            "Directeur général",
            "2026-11-20",
            PopulationBand::From10000To20000,
        ),
        (
            "Bourgmestre",
            "2026-11-20",
            PopulationBand::From10000To20000,
        ),
        ("Échevine", "2026-11-21", PopulationBand::From10000To20000),
        // A late arrival's file, the latest, with another band.
        (
            "Informaticien",
            "2026-11-25",
            PopulationBand::From20000To50000,
        ),
    ] {
        let mut a = assessment("Walcourt");
        a.profile.respondent_name = who.into();
        a.profile.date = date.into();
        a.profile.population = Some(band);
        a.profile.digital_staff_fte = Some(1.0);
        people.push(a);
    }
    assert_eq!(
        consolidation::profile_differences(&people),
        vec![consolidation::ProfileField::Population]
    );
    let merged = merge(&people, "merged", "Consolidation");
    assert_eq!(
        merged.profile.population,
        Some(PopulationBand::From10000To20000)
    );
    assert_eq!(merged.profile.digital_staff_fte, Some(1.0));
    // Alike, they need no check.
    for person in &mut people {
        person.profile.population = Some(PopulationBand::From10000To20000);
    }
    assert!(consolidation::profile_differences(&people).is_empty());
}

#[test]
fn a_late_arrival_who_answers_a_settled_question_otherwise_sends_it_back_to_the_group() {
    let questions: Vec<&String> = framework().question_ids().collect();
    let mut decisions: LiteMap<String, Option<Choice>> = LiteMap::new_vec();
    decisions.insert(questions[3].clone(), Some(level(4)));
    decisions.insert(questions[1].clone(), Some(level(2)));
    decisions.insert(questions[7].clone(), Some(Choice::Unknown));
    let mut kevin = assessment("Walcourt");
    kevin.set_choice(questions[3], Some(level(1)), NOW);
    kevin.set_choice(questions[1], Some(level(2)), NOW);
    // He left the third unanswered: no other view.
    assert_eq!(
        consolidation::settled_before_arrival(framework(), &decisions, &kevin, None),
        vec![questions[3].as_str()]
    );
    let earlier = kevin.clone();
    kevin.set_choice(questions[7], Some(level(3)), NOW);
    assert_eq!(
        consolidation::settled_before_arrival(framework(), &decisions, &kevin, None),
        vec![questions[3].as_str(), questions[7].as_str()]
    );
    // His later file, replacing the one the group heard, reopens only what it changes.
    assert_eq!(
        consolidation::settled_before_arrival(framework(), &decisions, &kevin, Some(&earlier)),
        vec![questions[7].as_str()]
    );
}

#[test]
fn the_groups_decision_heads_the_note_and_keeps_its_place_when_the_notes_are_full() {
    let mut first = assessment("Lobbes");
    let mut second = assessment("Lobbes");
    answer_all(&mut first, level(2));
    answer_all(&mut second, level(4));
    let questions: Vec<String> = framework()
        .pillars
        .iter()
        .flat_map(|p| p.questions.clone())
        .collect();
    let (noted, full, silent) = (&questions[0], &questions[1], &questions[2]);
    first.set_note(noted, "Pas de DPO désigné.", NOW);
    second.set_note(full, &"x".repeat(3_000), NOW);
    let mut merged = merge(&[first, second], "m", "Synthèse");
    let before = merged.clone();
    let line = |q: &str| {
        (
            q.to_string(),
            format!("Atelier du 06/12/2026 : retenu 3 ({q})"),
        )
    };
    consolidation::record_workshop(&mut merged, &[line(noted), line(full), line(silent)]);
    let note = |q: &str| merged.note(q).to_string();
    assert!(
        note(noted).starts_with(&format!("{}\n", line(noted).1)),
        "{}",
        note(noted)
    );
    assert!(
        note(noted).ends_with("Pas de DPO désigné."),
        "{}",
        note(noted)
    );
    assert!(note(full).starts_with(&line(full).1));
    assert_eq!(
        note(full).chars().count(),
        autodiag_core::domain::assessment::MAX_NOTE_CHARS
    );
    // A question nobody wrote about gets the line alone, its level untouched.
    assert_eq!(note(silent), line(silent).1);
    for q in [noted, full, silent] {
        assert_eq!(merged.choice(q), before.choice(q));
    }
}

#[test]
fn pillars_whose_priority_respondents_set_far_apart_are_named_for_the_room() {
    use autodiag_core::domain::assessment::Importance;
    let mut people: Vec<Assessment> = (0..3).map(|_| assessment("Lobbes")).collect();
    for person in &mut people {
        answer_all(person, level(2));
    }
    assert!(consolidation::priority_differences(framework(), &people).is_empty());
    // « Moyenne » beside « Haute » is no dispute; « Basse » beside « Haute » is.
    people[0].set_importance("gouvernance", Importance::High, NOW);
    assert!(consolidation::priority_differences(framework(), &people).is_empty());
    people[1].set_importance("gouvernance", Importance::Low, NOW);
    // Targets 3 and 4 are close; 2 and 4 are not, whoever left theirs unset.
    people[0].set_target("mobilite", Level::new(4), NOW);
    people[1].set_target("mobilite", Level::new(3), NOW);
    assert_eq!(
        consolidation::priority_differences(framework(), &people),
        ["gouvernance"]
    );
    people[2].set_target("mobilite", Level::new(2), NOW);
    assert_eq!(
        consolidation::priority_differences(framework(), &people),
        ["mobilite", "gouvernance"]
    );
}

#[test]
fn a_pillar_left_to_a_colleague_keeps_the_priority_of_whoever_answered_it() {
    use autodiag_core::domain::assessment::Importance;
    // The services share the pillars: mobility for one officer, energy for another, the rest
    // for the director general, each with « Haute » on their own pillar only.
    let mut mobility = assessment("Thuin");
    answer_pillar(&mut mobility, "mobilite", level(2));
    mobility.set_importance("mobilite", Importance::High, NOW);
    mobility.set_target("mobilite", Level::new(4), NOW);
    let mut energy = assessment("Thuin");
    answer_pillar(&mut energy, "energie_environnement", level(3));
    energy.set_importance("energie_environnement", Importance::High, NOW);
    let mut director = assessment("Thuin");
    for pillar in [
        "qualite_de_vie",
        "economie",
        "gouvernance",
        "smart_citizens",
    ] {
        answer_pillar(&mut director, pillar, level(3));
    }
    director.set_importance("gouvernance", Importance::High, NOW);
    director.set_target("gouvernance", Level::new(3), NOW);
    // One who does not know is no view on the pillar's priority.
    let mut unsure = assessment("Thuin");
    answer_pillar(&mut unsure, "mobilite", Choice::Unknown);
    let people = [mobility, energy, director, unsure];
    let merged = merge(&people, "synthese", "Atelier");
    for pillar in ["mobilite", "energie_environnement", "gouvernance"] {
        assert_eq!(
            merged.settings(pillar).importance,
            Importance::High,
            "{pillar}"
        );
    }
    assert_eq!(merged.settings("mobilite").target, Level::new(4));
    assert_eq!(merged.settings("gouvernance").target, Level::new(3));
    assert_eq!(merged.settings("economie").importance, Importance::Medium);
    // Nobody's view on a pillar: the default, from everyone.
    let blank: Vec<Assessment> = (0..2).map(|_| assessment("Thuin")).collect();
    assert_eq!(
        merge(&blank, "vide", "Atelier").settings("mobilite"),
        Default::default()
    );
    // Someone who answered the pillar still counts with « Moyenne », and one who only set
    // its importance counts too.
    let mut people = people;
    answer_pillar(&mut people[2], "mobilite", level(2));
    people[1].set_importance("mobilite", Importance::Medium, NOW);
    people[1].set_importance("mobilite", Importance::Low, NOW);
    let merged = merge(&people, "synthese", "Atelier");
    assert_eq!(merged.settings("mobilite").importance, Importance::Medium);
    // « Haute » beside a colleague's untouched « Moyenne » is no dispute to settle; beside
    // a « Basse » it is.
    assert_eq!(
        consolidation::priority_differences(framework(), &people),
        ["mobilite"]
    );
}

#[test]
fn a_question_only_one_person_answered_has_no_spread() {
    let question = framework().question_ids().next().unwrap().clone();
    let mut answered = assessment("Thuin");
    answered.set_choice(&question, Some(level(3)), NOW);
    let mut unsure = assessment("Thuin");
    unsure.set_choice(&question, Some(Choice::Unknown), NOW);
    let people = [answered, unsure, assessment("Thuin")];
    let spreads = consolidation::compare(framework(), &people);
    let spread = spreads.iter().find(|s| s.question_id == question).unwrap();
    // An « Écart » of 0 would read as agreement where nobody else gave a level.
    assert_eq!(spread.spread, None);
    assert_eq!(spread.proposed, Some(level(3)));
    assert!(!spread.to_discuss());
}

#[test]
fn whom_each_respondent_would_ask_reaches_the_synthesis_once() {
    let question = framework().question_ids().next().unwrap().clone();
    let mut people: Vec<Assessment> = (0..3).map(|_| assessment("Thuin")).collect();
    for person in &mut people {
        person.set_choice(&question, Some(Choice::Unknown), NOW);
    }
    people[0].set_ask(&question, "TEC Charleroi, M. Leroy", NOW);
    people[1].set_ask(&question, " TEC Charleroi, M. Leroy ", NOW);
    people[2].set_ask(&question, "Service travaux", NOW);
    let merged = merge(&people, "synthese", "Atelier");
    assert_eq!(
        merged.answers.get(&question).map(|a| a.ask.as_str()),
        Some("TEC Charleroi, M. Leroy ; Service travaux")
    );
    // Someone who has since chosen a level asks no one; a level the group keeps needs no one.
    people[2].set_choice(&question, Some(level(3)), NOW);
    let merged = merge(&people, "synthese", "Atelier");
    assert_eq!(
        merged.answers.get(&question).map(|a| a.ask.as_str()),
        Some("TEC Charleroi, M. Leroy")
    );
    let kept = LiteMap::from_iter([(question.clone(), Some(level(3)))]);
    let settled = consolidation::consolidate(
        framework(),
        &people,
        &kept,
        "s".into(),
        "Atelier".into(),
        WORKSHOP_DAY,
        NOW,
    );
    assert_eq!(
        settled.answers.get(&question).map(|a| a.ask.as_str()),
        Some("")
    );
}

#[test]
fn respondents_who_edited_their_roadmap_are_named_before_the_synthesis_drafts_a_new_one() {
    use autodiag_core::domain::plan::Roadmap;
    let edited = || {
        let mut roadmap = Roadmap::default();
        roadmap.edited = true;
        roadmap
    };
    let mut people: Vec<Assessment> = (0..3).map(|_| assessment("Thuin")).collect();
    people[0].profile.respondent_name = "Sophie Lambert".into();
    people[0].roadmap = Some(edited());
    // A draft nobody touched holds no choice to carry over.
    people[1].roadmap = Some(Roadmap::default());
    people[2].roadmap = Some(edited());
    assert_eq!(
        consolidation::edited_roadmaps(&people),
        ["Sophie Lambert", "#3"]
    );
    assert!(consolidation::edited_roadmaps(&people[1..2]).is_empty());
}

#[test]
fn a_participants_own_answers_say_which_synthesis_counts_them() {
    let person = |id: &str, commune: &str, name: &str, date: &str| {
        let mut a = assessment(commune);
        a.id = id.into();
        a.profile.respondent_name = name.into();
        a.profile.date = date.into();
        a
    };
    let mut synthesis = person(
        "synthese",
        "Courcelles",
        "Atelier du 8 décembre",
        "2026-12-08",
    );
    synthesis.profile.consolidated_respondents = 2;
    synthesis.profile.participants = vec![
        "Luc Martin (Conseiller en mobilité)".into(),
        "Marie Dubois".into(),
    ];
    let luc = person("luc", "Courcelles", "Luc Martin", "2026-12-08");
    // A year later Luc answers alone: the workshop of last year does not count that.
    let luc_later = person("luc-2027", "Courcelles", "Luc Martin", "2027-11-30");
    let namesake = person("autre", "Chimay", "Luc Martin", "2026-12-08");
    let unnamed = person("salle", "Courcelles", "", "2026-12-08");
    let all = vec![
        synthesis.clone(),
        luc.clone(),
        luc_later.clone(),
        namesake.clone(),
        unnamed.clone(),
    ];
    let counted = |a: &Assessment| consolidation::counted_in(&all, a).map(|s| s.id.as_str());
    assert_eq!(counted(&luc), Some("synthese"));
    assert_eq!(counted(&luc_later), None);
    assert_eq!(counted(&namesake), None);
    assert_eq!(counted(&unnamed), None);
    assert_eq!(
        counted(&synthesis),
        None,
        "a synthesis is not its own participant"
    );
    // Luc's answers of the year before: this year's file is the one the workshop counted.
    let luc_earlier = person("luc-2025", "Courcelles", "Luc Martin", "2025-11-20");
    let all = vec![synthesis.clone(), luc.clone(), luc_earlier.clone()];
    assert_eq!(
        consolidation::counted_in(&all, &luc_earlier).map(|s| s.id.as_str()),
        None
    );
    assert_eq!(
        consolidation::counted_in(&all, &luc).map(|s| s.id.as_str()),
        Some("synthese")
    );
    // Two workshops: the first one on or after the file counts it, whatever the list's order.
    let mut later_workshop = synthesis.clone();
    later_workshop.id = "synthese-2027".into();
    later_workshop.profile.date = "2027-12-01".into();
    let all = vec![later_workshop, synthesis.clone(), luc.clone()];
    assert_eq!(
        consolidation::counted_in(&all, &luc).map(|s| s.id.as_str()),
        Some("synthese")
    );
}

#[test]
fn a_workshop_takes_one_assessment_from_a_copy_the_latest_with_answers_of_its_commune() {
    let dated = |id: &str, commune: &str, date: &str, answered: bool| {
        let mut a = assessment(commune);
        a.id = id.into();
        a.profile.date = date.into();
        if answered {
            answer_pillar(&mut a, "mobilite", level(3));
        }
        a
    };
    let copy = vec![
        dated("courcelles-2025", "Courcelles", "2025-11-20", true),
        dated("courcelles-2026", "Courcelles", "2026-11-20", true),
        dated("vide", "Courcelles", "2026-12-01", false),
        dated("chimay", "Chimay", "2026-12-05", true),
    ];
    let pick = |loaded: &[Assessment]| {
        consolidation::respondent_in_copy(&copy, loaded).map(|a| a.id.as_str())
    };
    // The first file of a workshop: the copy's latest diagnostic with answers.
    assert_eq!(pick(&[]), Some("chimay"));
    // Once Courcelles is loaded: its latest round, never the blank one nor last year's.
    let loaded = [dated("dg", "Courcelles", "2026-11-20", true)];
    assert_eq!(pick(&loaded), Some("courcelles-2026"));
    // Nothing of the workshop's commune: nothing to take.
    let elsewhere = [dated("walcourt", "Walcourt", "2026-11-20", true)];
    assert_eq!(pick(&elsewhere), None);
}
