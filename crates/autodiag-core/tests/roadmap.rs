//! Drafting the starter roadmap: focus, coverage, prerequisites, caps, determinism, profile.

mod common;
use autodiag_core::domain::assessment::{Assessment, Choice, Importance, Level};
use autodiag_core::domain::content::{ActionKind, Horizon};
use autodiag_core::domain::profile::{BudgetBand, PopulationBand, StrategyStatus};
use autodiag_core::domain::roadmap::{self, LaterReason, Reason, Roadmap};
use autodiag_core::domain::scoring;
use common::*;
use proptest::prelude::*;

fn draft(a: &Assessment) -> Roadmap {
    roadmap::draft(framework(), a, &scoring::score_all(framework(), a))
}

fn focus(a: &Assessment) -> (Vec<roadmap::FocusPillar>, Vec<roadmap::LaterPillar>) {
    roadmap::choose_focus(a, &scoring::score_all(framework(), a))
}

fn reasons(a: &Assessment, r: &Roadmap, id: &str) -> Vec<Reason> {
    let position = r.items.iter().position(|i| i.id == id).unwrap();
    roadmap::explain_all(framework(), a, &scoring::score_all(framework(), a), r)
        .swap_remove(position)
}

/// A low-maturity commune with no digital staff and a small budget: the typical first user.
fn small_commune() -> Assessment {
    let mut a = assessment("Froidchapelle");
    answer_all(&mut a, level(1));
    let gov = framework().pillar("gouvernance").unwrap().questions.clone();
    a.set_choice(&gov[0], Some(level(2)), NOW);
    a.profile.digital_staff_fte = Some(0.0);
    a.profile.digital_budget = Some(BudgetBand::Under10000);
    set_importance(&mut a, "smart_citizens", Importance::High);
    set_importance(&mut a, "mobilite", Importance::High);
    a
}

#[test]
fn at_most_three_focus_pillars_and_the_rest_later_with_a_reason() {
    let (focus, later) = focus(&small_commune());
    assert!(!focus.is_empty() && focus.len() <= roadmap::MAX_FOCUS_PILLARS);
    assert_eq!(focus.len() + later.len(), 6);
    assert!(later.iter().all(|l| l.reason == LaterReason::LowerPriority));
}

#[test]
fn a_pillar_whose_score_is_to_confirm_is_a_focus_only_after_those_whose_score_is_not() {
    let mut a = assessment("Froidchapelle");
    // At the default target (« Intégré »), but for mobility, the widest gap on one level among
    // « Je ne sais pas », and governance and economy, below it and answered throughout.
    answer_all(&mut a, level(4));
    let mobility = framework().pillar("mobilite").unwrap().questions.clone();
    a.set_choice(&mobility[0], Some(level(1)), NOW);
    for question in &mobility[1..] {
        a.set_choice(question, Some(Choice::Unknown), NOW);
    }
    answer_pillar(&mut a, "gouvernance", level(2));
    answer_pillar(&mut a, "economie", level(2));
    let ids =
        |a: &Assessment| -> Vec<String> { focus(a).0.into_iter().map(|f| f.pillar_id).collect() };
    assert!(scoring::score_all(framework(), &a)[0].to_confirm());
    // Two pillars need work for sure: they come first, then the one to confirm.
    assert_eq!(ids(&a), ["economie", "gouvernance", "mobilite"]);
    // With three, the pillar to confirm waits, told why on the roadmap.
    answer_pillar(&mut a, "smart_citizens", level(2));
    assert_eq!(ids(&a), ["economie", "gouvernance", "smart_citizens"]);
    let (_, later) = focus(&a);
    assert!(
        later
            .iter()
            .any(|l| l.pillar_id == "mobilite" && l.reason == LaterReason::LowerPriority)
    );
}

#[test]
fn focus_follows_the_gap_weighted_by_importance() {
    let mut a = assessment("Anderlues");
    answer_all(&mut a, level(3));
    answer_pillar(&mut a, "economie", level(1));
    set_importance(&mut a, "energie_environnement", Importance::High);
    set_importance(&mut a, "mobilite", Importance::Low);
    let (chosen, _) = focus(&a);
    let focus: Vec<&str> = chosen.iter().map(|f| f.pillar_id.as_str()).collect();
    // economie: gap 75 × 1; energie: gap 25 × 2; others 25 × 1; mobilite 25 × 0.5.
    assert_eq!(focus[0], "economie");
    assert_eq!(focus[1], "energie_environnement");
    assert!(!focus.contains(&"mobilite"));
}

#[test]
fn a_pillar_at_its_target_or_without_levels_is_left_for_later() {
    let mut a = assessment("Seneffe");
    answer_pillar(&mut a, "mobilite", level(5));
    answer_pillar(&mut a, "economie", level(2));
    a.set_target("economie", Level::new(2), NOW);
    answer_pillar(&mut a, "gouvernance", level(1));
    let (chosen, later) = focus(&a);
    let reason = |p: &str| {
        later
            .iter()
            .find(|l| l.pillar_id == p)
            .map(|l| l.reason.clone())
    };
    assert_eq!(
        reason("mobilite"),
        Some(LaterReason::TargetReached { target_level: 4 })
    );
    assert_eq!(
        reason("economie"),
        Some(LaterReason::TargetReached { target_level: 2 })
    );
    assert_eq!(reason("qualite_de_vie"), Some(LaterReason::NotAssessed));
    assert_eq!(chosen.len(), 1);
    assert_eq!(chosen[0].pillar_id, "gouvernance");
}

#[test]
fn every_item_says_why_and_addresses_an_actual_answer() {
    let a = small_commune();
    let r = draft(&a);
    assert!(!r.items.is_empty());
    for item in &r.items {
        let why = reasons(&a, &r, &item.id);
        assert!(!why.is_empty(), "{} has no reason", item.id);
        let action = framework().action(&item.id).unwrap();
        assert!(
            why.iter()
                .any(|w| matches!(w, Reason::Answer { .. } | Reason::NoDedicatedStaff)),
            "{}: {why:?}",
            item.id
        );
        for reason in &why {
            if let Reason::Answer { question_id, level } = reason {
                assert!(action.questions.contains(question_id));
                assert_eq!(
                    a.choice(question_id)
                        .and_then(Choice::level)
                        .map(Level::get),
                    Some(*level)
                );
                assert!(*level < action.to);
            }
        }
    }
}

#[test]
fn no_staff_puts_the_governance_foundations_first() {
    let a = small_commune();
    let r = draft(&a);
    let short: Vec<&str> = r.items_in(Horizon::Short).map(|i| i.id.as_str()).collect();
    let medium: Vec<&str> = r.items_in(Horizon::Medium).map(|i| i.id.as_str()).collect();
    // The referent comes before everything else in the short term.
    assert_eq!(short[0], roadmap::STAFF_FOUNDATIONS[0]);
    // Mail and decisions still on paper (level 1) come before the data inventory, which the
    // ladder puts at level 3: the commune starts with the step that fits its answer, which
    // the director starts without waiting for the référent.
    let foundations = [
        roadmap::STAFF_FOUNDATIONS[0],
        DATA_STEP_AT_LEVEL_1,
        roadmap::STAFF_FOUNDATIONS[2],
    ];
    assert!(short.contains(&DATA_STEP_AT_LEVEL_1), "{short:?}");
    // The référent's own tasks follow in the medium term.
    assert!(
        medium.contains(&roadmap::STAFF_FOUNDATIONS[2]),
        "{medium:?}"
    );
    assert!(
        r.item(roadmap::STAFF_FOUNDATIONS[1]).is_none(),
        "{medium:?}"
    );
    for foundation in foundations {
        assert!(reasons(&a, &r, foundation).contains(&Reason::NoDedicatedStaff));
    }
    // Waiting for the referent is not a lack of room.
    let item = r.item(roadmap::STAFF_FOUNDATIONS[2]).unwrap();
    assert_eq!(
        roadmap::deferred_by_cap(framework(), &a.profile, &r, item),
        None
    );
}

/// The step a commune without staff starts from when its mail and decisions are on paper.
const DATA_STEP_AT_LEVEL_1: &str = "gou_courrier_registre";

#[test]
fn the_data_inventory_is_a_foundation_once_mail_and_decisions_are_electronic() {
    let mut a = small_commune();
    let inventory = framework().action(roadmap::STAFF_FOUNDATIONS[1]).unwrap();
    for question in &inventory.questions {
        a.set_choice(question, Some(level(inventory.from)), NOW);
    }
    let r = draft(&a);
    assert!(r.item(roadmap::STAFF_FOUNDATIONS[1]).is_some());
    assert!(r.item(DATA_STEP_AT_LEVEL_1).is_none());
    assert!(reasons(&a, &r, roadmap::STAFF_FOUNDATIONS[1]).contains(&Reason::NoDedicatedStaff));
}

#[test]
fn once_a_referent_is_named_the_other_foundations_start_at_once() {
    let mut a = small_commune();
    let referent = framework().action(roadmap::STAFF_FOUNDATIONS[0]).unwrap();
    for question in &referent.questions {
        a.set_choice(question, Some(level(referent.to)), NOW);
    }
    let r = draft(&a);
    let short: Vec<&str> = r.items_in(Horizon::Short).map(|i| i.id.as_str()).collect();
    assert!(!short.contains(&roadmap::STAFF_FOUNDATIONS[0]), "{short:?}");
    for foundation in &roadmap::STAFF_FOUNDATIONS[1..] {
        if r.item(foundation).is_some() {
            assert!(
                short.contains(foundation),
                "{foundation} not short: {short:?}"
            );
        }
    }
}

#[test]
fn with_staff_the_foundations_are_not_forced() {
    let mut a = small_commune();
    a.profile.digital_staff_fte = Some(2.0);
    let r = draft(&a);
    assert!(
        r.items
            .iter()
            .all(|i| !reasons(&a, &r, &i.id).contains(&Reason::NoDedicatedStaff))
    );
}

#[test]
fn a_small_budget_favours_quick_wins_and_pooled_actions() {
    let mut a = small_commune();
    a.profile.digital_staff_fte = Some(1.0);
    let small = draft(&a);
    a.profile.digital_budget = Some(BudgetBand::Over200000);
    let large = draft(&a);
    // Among the optional items: legal duties take their place whatever the budget, and a
    // stretched commune takes their second steps later, which leaves different room.
    let favoured = |r: &Roadmap, a: &Assessment| {
        let optional: Vec<_> = r
            .items
            .iter()
            .filter(|i| {
                !reasons(a, r, &i.id)
                    .iter()
                    .any(|w| matches!(w, Reason::LegalMinimum { .. }))
            })
            .filter_map(|i| framework().action(&i.id))
            .collect();
        let quick_or_pooled = optional
            .iter()
            .filter(|x| x.kind == ActionKind::QuickWin || x.pooled)
            .count();
        quick_or_pooled as f64 / optional.len().max(1) as f64
    };
    let large_budget = a.clone();
    let mut small_budget = a.clone();
    small_budget.profile.digital_budget = Some(BudgetBand::Under10000);
    assert!(
        favoured(&small, &small_budget) >= favoured(&large, &large_budget),
        "{} < {}",
        favoured(&small, &small_budget),
        favoured(&large, &large_budget)
    );
    assert!(
        small
            .items
            .iter()
            .any(|i| reasons(&small_budget, &small, &i.id).contains(&Reason::SmallBudget))
    );
    assert!(
        large
            .items
            .iter()
            .all(|i| !reasons(&a, &large, &i.id).contains(&Reason::SmallBudget))
    );
}

#[test]
fn a_redraft_keeps_what_the_commune_marked_done() {
    let mut earlier = draft(&small_commune());
    let (done, planned) = (earlier.items[0].id.clone(), earlier.items[1].id.clone());
    earlier.set_status(&done, roadmap::ItemStatus::Done);
    let mut again = draft(&small_commune());
    assert!(!again.edited);
    again.keep_done_of(&earlier);
    assert_eq!(again.item(&done).unwrap().status, roadmap::ItemStatus::Done);
    assert_eq!(
        again.item(&planned).unwrap().status,
        roadmap::ItemStatus::Planned
    );
    // A mark is an edit: the next arrival on the roadmap does not draft it away.
    assert!(again.edited);
    // Nothing done before, nothing changes.
    let mut untouched = draft(&small_commune());
    untouched.keep_done_of(&draft(&small_commune()));
    assert!(!untouched.edited);
}

#[test]
fn edits_remove_move_mark_add_and_custom_items() {
    let mut r = draft(&small_commune());
    assert!(!r.edited);
    let first = r.items[0].id.clone();
    r.move_to(&first, Horizon::Long);
    assert_eq!(r.item(&first).unwrap().horizon, Horizon::Long);
    r.set_status(&first, roadmap::ItemStatus::Done);
    assert_eq!(r.item(&first).unwrap().status, roadmap::ItemStatus::Done);
    r.remove(&first);
    assert!(r.item(&first).is_none());
    let extra = framework()
        .actions
        .iter()
        .find(|a| r.item(&a.id).is_none())
        .unwrap();
    assert!(r.add_action(extra));
    assert!(!r.add_action(extra), "an action is never added twice");
    let custom = r
        .add_custom("  Organiser une soirée citoyenne  ", Horizon::Medium)
        .unwrap();
    assert_eq!(
        r.item(&custom).unwrap().custom_title.as_deref(),
        Some("Organiser une soirée citoyenne")
    );
    assert_eq!(r.add_custom("   ", Horizon::Short), None);
    let second = r.add_custom("Deuxième", Horizon::Short).unwrap();
    assert_ne!(custom, second);
    assert!(r.edited);
}

#[test]
fn three_contrasting_communes_get_concrete_roadmaps_printed_for_review() {
    // Shown with `cargo test three_contrasting -- --nocapture`: what a mayor would read, for
    // three contrasting communes of Charleroi Métropole.
    for a in [rural_botte_commune(), mid_sized_commune(), charleroi()] {
        let r = draft(&a);
        // Something to start now, and every step a commune can read.
        assert!(
            r.items_in(Horizon::Short).count() > 0,
            "{}",
            a.profile.commune
        );
        let texts = autodiag_core::domain::content::action_texts("fr");
        assert!(r.items.iter().all(|i| texts.contains_key(&i.id)));
        let scores = scoring::score_all(framework(), &a);
        let why = roadmap::explain_all(framework(), &a, &scores, &r);
        let fr = autodiag_core::domain::content::texts("fr");
        let grd = framework().grd_of(&a.profile.commune);
        let texts = autodiag_core::domain::content::action_texts("fr");
        let text = |t: &str| autodiag_core::domain::content::with_grd(t, fr, grd).into_owned();
        println!("\n#### {} ({:?})", a.profile.commune, a.profile.population);
        for horizon in Horizon::ALL {
            println!("== {horizon:?}");
            for (item, reasons) in r
                .items
                .iter()
                .zip(&why)
                .filter(|(i, _)| i.horizon == horizon)
            {
                let legal = reasons
                    .iter()
                    .any(|r| matches!(r, Reason::LegalMinimum { .. }));
                println!(
                    "- {}{} — {}",
                    if legal { "[obligation légale] " } else { "" },
                    text(&texts[&item.id].title),
                    text(&texts[&item.id].first_step)
                );
            }
        }
    }
}

/// Froidchapelle: about 4,000 inhabitants in the Botte du Hainaut, no digital staff, no
/// strategy, low maturity, and two duties not yet met.
fn rural_botte_commune() -> Assessment {
    let mut a = assessment("Froidchapelle");
    answer_all(&mut a, level(2));
    answer_pillar(&mut a, "gouvernance", level(1));
    answer_pillar(&mut a, "energie_environnement", level(1));
    a.set_choice("sc_accessibilite_numerique", Some(level(1)), NOW);
    a.profile.population = Some(PopulationBand::Under5000);
    a.profile.digital_staff_fte = Some(0.0);
    a.profile.digital_budget = Some(BudgetBand::Under10000);
    a.profile.digital_strategy = Some(StrategyStatus::None);
    set_importance(&mut a, "mobilite", Importance::High);
    set_importance(&mut a, "energie_environnement", Importance::High);
    a
}

/// A commune of about 15,000 inhabitants with a part-time référent and a strategy in progress.
fn mid_sized_commune() -> Assessment {
    let mut a = assessment("Fleurus");
    answer_all(&mut a, level(3));
    answer_pillar(&mut a, "economie", level(2));
    answer_pillar(&mut a, "smart_citizens", level(2));
    a.profile.population = Some(PopulationBand::From10000To20000);
    a.profile.digital_staff_fte = Some(0.5);
    a.profile.digital_budget = Some(BudgetBand::From10000To50000);
    a.profile.digital_strategy = Some(StrategyStatus::InProgress);
    set_importance(&mut a, "economie", Importance::High);
    set_importance(&mut a, "smart_citizens", Importance::High);
    a
}

/// Charleroi: over 50,000 inhabitants, a digital team and an adopted strategy.
fn charleroi() -> Assessment {
    let mut a = assessment("Charleroi");
    answer_all(&mut a, level(3));
    answer_pillar(&mut a, "mobilite", level(2));
    answer_pillar(&mut a, "smart_citizens", level(2));
    a.profile.population = Some(PopulationBand::Over50000);
    a.profile.digital_staff_fte = Some(6.0);
    a.profile.digital_budget = Some(BudgetBand::Over200000);
    a.profile.digital_strategy = Some(StrategyStatus::Adopted);
    set_importance(&mut a, "mobilite", Importance::High);
    set_importance(&mut a, "smart_citizens", Importance::High);
    a
}

/// The same answers under two profiles.
fn same_answers_two_profiles() -> (Assessment, Assessment) {
    let mut small = assessment("Froidchapelle");
    answer_all(&mut small, level(2));
    // No mobility plan yet, and participation without a written method.
    small.set_choice("mob_pcm", Some(level(1)), NOW);
    small.set_choice("sc_participation", Some(level(3)), NOW);
    set_importance(&mut small, "mobilite", Importance::High);
    set_importance(&mut small, "smart_citizens", Importance::High);
    set_importance(&mut small, "gouvernance", Importance::High);
    let mut large = small.clone();
    large.profile.commune = "Charleroi".into();
    small.profile.population = Some(PopulationBand::Under5000);
    small.profile.digital_staff_fte = Some(0.0);
    small.profile.digital_strategy = Some(StrategyStatus::None);
    large.profile.population = Some(PopulationBand::Over50000);
    large.profile.digital_staff_fte = Some(6.0);
    large.profile.digital_strategy = Some(StrategyStatus::Adopted);
    (small, large)
}

#[test]
fn a_small_rural_commune_and_charleroi_with_the_same_answers_get_different_plans() {
    let (small, large) = same_answers_two_profiles();
    let (small_plan, large_plan) = (draft(&small), draft(&large));
    let later = |r: &Roadmap| -> Vec<String> {
        r.items
            .iter()
            .filter(|i| i.horizon != Horizon::Short)
            .map(|i| i.id.clone())
            .collect()
    };
    assert_ne!(later(&small_plan), later(&large_plan));
    let fit = |id: &str| framework().action(id).and_then(|a| a.population);
    use autodiag_core::domain::content::PopulationFit;
    // Each gets the way that suits its size.
    assert!(
        small_plan
            .items
            .iter()
            .all(|i| fit(&i.id) != Some(PopulationFit::Large))
    );
    assert!(
        large_plan
            .items
            .iter()
            .all(|i| fit(&i.id) != Some(PopulationFit::Small))
    );
    // Size alone changes the later horizons: same answers, same staff, same strategy.
    let mut large_size_only = small.clone();
    large_size_only.profile.population = Some(PopulationBand::Over50000);
    let size_only = draft(&large_size_only);
    assert_ne!(
        later(&small_plan),
        later(&size_only),
        "{small_plan:?}\n{size_only:?}"
    );
    let sized = |r: &Roadmap| r.items.iter().filter(|i| fit(&i.id).is_some()).count();
    assert!(sized(&small_plan) + sized(&size_only) > 0);
    // Without a mobility plan, a small commune is offered to plan with its neighbours.
    assert!(
        small_plan.item("mob_picm_voisines").is_some(),
        "{small_plan:?}"
    );
    assert!(size_only.item("mob_picm_voisines").is_none());
    // Intercommunal mobility plans also bring together communes of 10,000 to 20,000.
    let mut mid_sized = small.clone();
    mid_sized.profile.population = Some(PopulationBand::From10000To20000);
    let mid_plan = draft(&mid_sized);
    assert!(mid_plan.item("mob_picm_voisines").is_some(), "{mid_plan:?}");
    let mut just_over = small.clone();
    just_over.profile.population = Some(PopulationBand::From20000To50000);
    assert!(draft(&just_over).item("mob_picm_voisines").is_none());
    // No strategy: IGRETEC's free accompaniment first. An adopted strategy is not rewritten.
    assert!(
        reasons(&small, &small_plan, roadmap::STRATEGY_ACCOMPANIMENT).contains(&Reason::NoStrategy)
    );
    assert!(large_plan.items.iter().all(|i| {
        framework().action(&i.id).is_none_or(|a| {
            !(a.questions.iter().any(|q| q == roadmap::STRATEGY_QUESTION) && a.to <= 3)
        })
    }));
}

#[test]
fn a_legal_duty_below_its_minimum_comes_first_in_the_short_term_whatever_the_focus() {
    let mut a = assessment("Lobbes");
    answer_all(&mut a, level(4));
    // Accessibility is below its legal minimum while smart citizens is not a focus pillar.
    a.set_choice("sc_accessibilite_numerique", Some(level(1)), NOW);
    set_importance(&mut a, "mobilite", Importance::High);
    set_importance(&mut a, "smart_citizens", Importance::Low);
    let r = draft(&a);
    let first = r
        .items_in(Horizon::Short)
        .next()
        .expect("a short-term item");
    let action = framework().action(&first.id).unwrap();
    assert!(
        action
            .questions
            .iter()
            .any(|q| q == "sc_accessibilite_numerique"),
        "{r:?}"
    );
    assert!(
        reasons(&a, &r, &first.id).contains(&Reason::LegalMinimum {
            question_id: "sc_accessibilite_numerique".into(),
            legal_minimum: framework()
                .legal_minimum("sc_accessibilite_numerique")
                .unwrap(),
        })
    );
    // Once the minimum is met, nothing is drafted for it as a legal duty.
    a.set_choice("sc_accessibilite_numerique", Some(level(4)), NOW);
    let r = draft(&a);
    let scores = scoring::score_all(framework(), &a);
    for reasons in roadmap::explain_all(framework(), &a, &scores, &r) {
        assert!(
            !reasons
                .iter()
                .any(|r| matches!(r, Reason::LegalMinimum { .. }))
        );
    }
}

fn arbitrary_assessment() -> impl Strategy<Value = Assessment> {
    let questions = framework().question_count();
    (
        proptest::collection::vec(0u8..8, questions),
        proptest::collection::vec(0u8..4, 6),
        proptest::option::of(0.0f64..3.0),
        proptest::option::of(0usize..4),
    )
        .prop_map(|(answers, priorities, fte, budget)| {
            let mut a = assessment("Propriété");
            let all: Vec<String> = framework()
                .pillars
                .iter()
                .flat_map(|p| p.questions.clone())
                .collect();
            for (question, value) in all.iter().zip(answers) {
                let choice = match value {
                    1..=5 => Some(level(value)),
                    6 => Some(Choice::Unknown),
                    7 => Some(Choice::NotApplicable),
                    _ => None,
                };
                a.set_choice(question, choice, NOW);
            }
            for (pillar, value) in pillar_ids().iter().zip(priorities) {
                match value {
                    0 => set_importance(&mut a, pillar, Importance::Low),
                    1 => set_importance(&mut a, pillar, Importance::High),
                    2 => a.set_target(pillar, Level::new(3), NOW),
                    _ => {}
                }
            }
            a.profile.digital_staff_fte = fte;
            a.profile.digital_budget = budget.map(|i| BudgetBand::ALL[i]);
            a
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn drafting_is_deterministic(a in arbitrary_assessment()) {
        prop_assert_eq!(draft(&a), draft(&a.clone()));
    }

    #[test]
    fn focus_is_never_more_than_three_and_caps_hold(a in arbitrary_assessment()) {
        let r = draft(&a);
        prop_assert!(focus(&a).0.len() <= roadmap::MAX_FOCUS_PILLARS);
        // Legal duties and foundations are not optional and go beyond the cap; everything
        // else respects it. Each legal duty below its minimum brings one step and its
        // prerequisites (at most the three foundations and the designation of its owner).
        let below = autodiag_core::domain::obligations::below(framework(), &a).len();
        let essential = below * 2 + roadmap::STAFF_FOUNDATIONS.len() + 1;
        for horizon in Horizon::ALL {
            prop_assert!(r.items_in(horizon).count() <= roadmap::MAX_ITEMS_PER_HORIZON + essential);
            if below == 0 && horizon != Horizon::Short {
                prop_assert!(r.items_in(horizon).count() <= roadmap::MAX_ITEMS_PER_HORIZON);
            }
        }
        let mut ids: Vec<&str> = r.items.iter().map(|i| i.id.as_str()).collect();
        autodiag_core::sort::sort(&mut ids);
        ids.dedup();
        prop_assert_eq!(ids.len(), r.items.len());
    }

    #[test]
    fn prerequisites_come_before_their_dependents(a in arbitrary_assessment()) {
        let r = draft(&a);
        for (index, item) in r.items.iter().enumerate() {
            let action = framework().action(&item.id).unwrap();
            for prerequisite in &action.prerequisites {
                if let Some(position) = r.items.iter().position(|i| &i.id == prerequisite) {
                    prop_assert!(position < index, "{} after {}", prerequisite, item.id);
                    prop_assert!(r.items[position].horizon <= item.horizon);
                }
            }
        }
    }

    #[test]
    fn the_gap_a_focus_pillars_results_name_gets_a_step(a in arbitrary_assessment()) {
        // What the results call « à renforcer » in a focus pillar gets a step whenever the
        // catalogue has one for its level and the horizons have room. A duty under its minimum,
        // which the results name first, has its own test: every one gets its first step.
        let r = draft(&a);
        let full = Horizon::ALL.iter().all(|h| r.items_in(*h).count() >= roadmap::horizon_cap(&a.profile, *h));
        for focus in &focus(&a).0 {
            let pillar = framework().pillar(&focus.pillar_id).unwrap();
            let standouts = scoring::standouts(framework(), pillar, &a);
            let Some((question, level)) = standouts.gaps.first().copied() else {
                continue;
            };
            if standouts.uniform || standouts.unlawful > 0 {
                continue;
            }
            let steps = |id: &str| framework().action(id).is_some_and(|x| x.questions.iter().any(|q| q == question));
            let possible = framework().actions.iter().any(|x| {
                steps(&x.id) && x.fits_level(level.get()) && x.population != Some(autodiag_core::domain::content::PopulationFit::Large)
            });
            let has = r.items.iter().any(|i| steps(&i.id));
            prop_assert!(!possible || has || full, "nothing on {} {:?}", question, r.items.iter().map(|i| (&i.id, i.horizon)).collect::<Vec<_>>());
        }
    }

    #[test]
    fn any_level_below_five_in_a_focus_pillar_gets_a_suggestion(a in arbitrary_assessment()) {
        // Coverage through the drafting itself: every focus pillar with a weak answer gets at
        // least one action, unless every horizon is already full.
        let r = draft(&a);
        let full = Horizon::ALL.iter().all(|h| r.items_in(*h).count() >= roadmap::horizon_cap(&a.profile, *h));
        for focus in &focus(&a).0 {
            let pillar = framework().pillar(&focus.pillar_id).unwrap();
            let weak = pillar.questions.iter().any(|q| a.choice(q).and_then(Choice::level).is_some_and(|l| l.get() < 5));
            let has = r.items.iter().any(|i| framework().action(&i.id).is_some_and(|x| x.pillar == pillar.id));
            prop_assert!(!weak || has || full, "no action for focus pillar {} {:?} {:?}", pillar.id, r.items.iter().map(|i| (&i.id, i.horizon)).collect::<Vec<_>>(), a.profile);
        }
    }
}

#[test]
fn a_focus_pillars_first_step_works_on_the_question_its_results_name_a_gap() {
    // The walk's commune: answers at 2, « Propreté » at 1, qualité de vie a high priority.
    let mut a = small_commune();
    answer_all(&mut a, level(2));
    a.set_choice("qdv_proprete", Some(level(1)), NOW);
    set_importance(&mut a, "qualite_de_vie", Importance::High);
    let pillar = framework().pillar("qualite_de_vie").unwrap();
    let standouts = scoring::standouts(framework(), pillar, &a);
    assert_eq!(standouts.gaps[standouts.unlawful].0, "qdv_proprete");
    let r = draft(&a);
    let on_proprete: Vec<&str> = r
        .items
        .iter()
        .filter(|i| {
            framework()
                .action(&i.id)
                .is_some_and(|x| x.questions.iter().any(|q| q == "qdv_proprete"))
        })
        .map(|i| i.id.as_str())
        .collect();
    assert!(!on_proprete.is_empty(), "{:?}", r.items);
}

#[test]
fn a_stretched_commune_gets_a_short_first_horizon() {
    // The same answers, with and without people and budget for digital.
    let mut staffed = assessment("Gerpinnes");
    answer_all(&mut staffed, level(3));
    staffed.profile.digital_staff_fte = Some(2.0);
    staffed.profile.digital_budget = Some(BudgetBand::From50000To200000);
    let mut stretched = staffed.clone();
    stretched.profile.digital_staff_fte = Some(0.2);
    stretched.profile.digital_budget = Some(BudgetBand::Under10000);
    let short = |a: &Assessment| draft(a).items_in(Horizon::Short).count();
    assert_eq!(short(&staffed), roadmap::MAX_ITEMS_PER_HORIZON);
    assert_eq!(short(&stretched), roadmap::MAX_SHORT_ITEMS_WHEN_STRETCHED);
}

#[test]
fn a_commune_without_staff_or_strategy_starts_with_the_referent_the_accompaniment_and_its_duties() {
    // Froidchapelle as the review tried it: no staff, no budget, no strategy, five duties unmet
    // (RGPD, open data, accessibility, the PEB certificate and the coût-vérité).
    let a = rural_botte_commune();
    let r = draft(&a);
    let legal = |id: &str| {
        reasons(&a, &r, id)
            .iter()
            .any(|reason| matches!(reason, Reason::LegalMinimum { .. }))
    };
    let short: Vec<&str> = r.items_in(Horizon::Short).map(|i| i.id.as_str()).collect();
    let chosen: Vec<&str> = short.iter().copied().filter(|id| !legal(id)).collect();
    // The director's own first step on mail, the foundation that fits level 1, does not
    // wait for the référent.
    assert_eq!(
        chosen,
        [
            roadmap::STRATEGY_ACCOMPANIMENT,
            roadmap::STAFF_FOUNDATIONS[0],
            "gou_courrier_registre"
        ],
        "{short:?}"
    );
    assert!(chosen.len() <= roadmap::MAX_SHORT_ITEMS_WHEN_STRETCHED);
    // A legal duty is never put off to make room.
    let unmet = autodiag_core::domain::obligations::below(framework(), &a).len();
    assert_eq!(unmet, 5);
    assert_eq!(short.len() - chosen.len(), unmet, "{short:?}");
}

#[test]
fn an_action_put_off_because_its_horizon_is_full_says_so_and_no_other_does() {
    // A quick, free action drafted at medium term read as « this can wait three years ».
    let mut found = 0;
    for a in [small_commune(), {
        let mut a = assessment("Thuin");
        answer_all(&mut a, level(1));
        a
    }] {
        let mut r = draft(&a);
        // What holds an item back: a prerequisite, or an earlier step on one of its questions,
        // planned at its horizon or later, or a foundation that waits for the referent.
        let held_back = |r: &Roadmap, item: &roadmap::RoadmapItem| {
            let action = framework().action(&item.id).unwrap();
            r.items.iter().any(|other| {
                let first = framework().action(&other.id).unwrap();
                other.horizon >= item.horizon
                    && (action.prerequisites.contains(&other.id)
                        || (first.from < action.from
                            && first.questions.iter().any(|q| action.questions.contains(q))))
            }) || (item.id != roadmap::STAFF_FOUNDATIONS[0]
                && r.item(roadmap::STAFF_FOUNDATIONS[0]).is_some()
                && reasons(&a, r, &item.id).contains(&Reason::NoDedicatedStaff)
                && (action.owner == autodiag_core::domain::content::Owner::Referent
                    || action
                        .prerequisites
                        .iter()
                        .any(|p| p == roadmap::STAFF_FOUNDATIONS[0])))
        };
        for item in &r.items {
            let action = framework().action(&item.id).unwrap();
            match roadmap::deferred_by_cap(framework(), &a.profile, &r, item) {
                Some((horizon, filled)) => {
                    found += 1;
                    assert_eq!(horizon, action.horizon);
                    assert!(item.horizon > horizon, "{}", item.id);
                    // That horizon is full indeed, and nothing holds the item back.
                    assert_eq!(filled, r.items_in(horizon).count());
                    assert!(filled >= roadmap::horizon_cap(&a.profile, horizon));
                    assert!(!held_back(&r, item), "{}", item.id);
                }
                None => assert!(
                    item.horizon <= action.horizon || held_back(&r, item),
                    "{}",
                    item.id
                ),
            }
        }
        // Once the commune edits its roadmap, its moves are its own.
        r.edited = true;
        assert!(
            r.items
                .iter()
                .all(|item| roadmap::deferred_by_cap(framework(), &a.profile, &r, item).is_none())
        );
    }
    assert!(found > 0, "no drafted item waits for room");
}

/// Level 1 everywhere, so every legal duty is below its minimum: a commune with no staff
/// and the smallest budget for digital, whose short term has the least room, and the same
/// commune staffed.
fn below_every_duty(name: &str) -> (Assessment, Assessment) {
    let mut stretched = assessment(name);
    answer_all(&mut stretched, level(1));
    stretched.profile.digital_staff_fte = Some(0.0);
    stretched.profile.digital_budget = Some(BudgetBand::Under10000);
    let mut staffed = stretched.clone();
    staffed.profile.digital_staff_fte = Some(3.0);
    staffed.profile.digital_budget = Some(BudgetBand::Over200000);
    (stretched, staffed)
}

#[test]
fn every_step_up_to_a_legal_minimum_is_planned_later_for_a_stretched_commune() {
    // Level 1 everywhere: data protection, open data and web accessibility each need two
    // steps to reach their minimum. A reviewer found the second ones dropped for room.
    let second_steps = [
        "gou_registre_traitements",
        "gou_open_data_publier",
        "sc_accessibilite_declaration",
    ];
    let (stretched, staffed) = below_every_duty("Momignies");
    for (a, horizon) in [(&stretched, Horizon::Medium), (&staffed, Horizon::Short)] {
        let r = draft(a);
        for id in second_steps {
            let item = r.item(id).unwrap_or_else(|| panic!("{id} missing"));
            // A stretched commune's first year stays one it can do; otherwise at once.
            assert_eq!(item.horizon, horizon, "{id}");
            assert!(
                reasons(a, &r, id)
                    .iter()
                    .any(|w| matches!(w, Reason::LegalMinimum { .. })),
                "{id}"
            );
        }
    }
}

#[test]
fn every_legal_duty_below_its_minimum_has_its_first_step_in_the_short_term() {
    // What the results and the report promise: « la première étape au court terme ». Every
    // duty below its minimum at once, on a commune with no staff and the smallest budget,
    // whose short term has the least room, and on a staffed one.
    let (stretched, staffed) = below_every_duty("Froidchapelle");
    let duties: Vec<&String> = framework()
        .question_ids()
        .filter(|q| {
            framework()
                .legal_minimum(q)
                .is_some_and(|minimum| minimum > 1)
        })
        .collect();
    assert!(duties.len() >= 8, "{duties:?}");
    for a in [&stretched, &staffed] {
        let r = draft(a);
        for question in &duties {
            let first = r.items_in(Horizon::Short).find(|item| {
                reasons(a, &r, &item.id).iter().any(|w| {
                    matches!(w, Reason::LegalMinimum { question_id, .. } if question_id == *question)
                })
            });
            assert!(first.is_some(), "{question}: no short-term step in {r:?}");
        }
    }
}

#[test]
fn a_question_already_at_its_target_comes_after_those_below_it() {
    // Charleroi: a focus pillar with questions at the target (4) and three below it (3). A
    // step from 4 to 5 once led the pillar, ahead of the steps towards the target.
    let mut a = assessment("Charleroi");
    answer_all(&mut a, level(4));
    let questions = framework()
        .pillar("qualite_de_vie")
        .unwrap()
        .questions
        .clone();
    for question in &questions[..3] {
        a.set_choice(question, Some(level(3)), NOW);
    }
    a.profile.digital_staff_fte = Some(12.0);
    a.profile.digital_budget = Some(BudgetBand::Over200000);
    let r = draft(&a);
    let steps_from: Vec<u8> = r
        .items
        .iter()
        .filter_map(|item| framework().action(&item.id))
        .filter(|action| action.pillar == "qualite_de_vie")
        .map(|action| action.from)
        .collect();
    assert!(steps_from.contains(&3), "{steps_from:?}");
    let first_beyond = steps_from.iter().position(|from| *from >= 4);
    let last_towards = steps_from.iter().rposition(|from| *from < 4);
    assert!(
        first_beyond.is_none_or(|beyond| last_towards.is_some_and(|towards| towards < beyond)),
        "{steps_from:?}"
    );
}

#[test]
fn a_duty_the_edited_roadmap_has_no_step_towards_is_named_with_its_first_step() {
    let mut a = assessment("Thuin");
    answer_all(&mut a, level(3));
    autodiag_core::domain::roadmap::refresh(framework(), &mut a, NOW);
    // A drafted roadmap always plans the duties.
    assert!(roadmap::duties_without_a_step(framework(), &a).is_empty());
    a.roadmap.as_mut().unwrap().edited = true;
    // A year later the commune answers below the data-protection minimum; its roadmap, edited,
    // is its own and is not drafted again.
    a.set_choice("gou_donnees_personnelles", Some(level(1)), NOW);
    autodiag_core::domain::roadmap::refresh(framework(), &mut a, NOW);
    let missing = roadmap::duties_without_a_step(framework(), &a);
    let ids: Vec<(&str, &str)> = missing
        .iter()
        .map(|(question, action)| (question.as_str(), action.as_str()))
        .collect();
    assert_eq!(ids, [("gou_donnees_personnelles", "gou_dpo_designer")]);
    // Added, the duty has its first step, but that alone stops below the minimum (3): the
    // register is the next one to plan.
    let step = framework().action(&missing[0].1).unwrap();
    a.roadmap.as_mut().unwrap().add_action(step);
    let next: Vec<String> = roadmap::duties_without_a_step(framework(), &a)
        .into_iter()
        .map(|(_, action)| action)
        .collect();
    assert_eq!(next, ["gou_registre_traitements"]);
    let register = framework().action(&next[0]).unwrap();
    a.roadmap.as_mut().unwrap().add_action(register);
    assert!(roadmap::duties_without_a_step(framework(), &a).is_empty());
    // The first step marked done before the answers are updated, the second still to do: the
    // duty is planned. A walk found « plus aucune action à faire » printed above that step.
    a.roadmap
        .as_mut()
        .unwrap()
        .set_status("gou_dpo_designer", roadmap::ItemStatus::Done);
    assert!(roadmap::duties_without_a_step(framework(), &a).is_empty());
    // Every step done while the answer is still below (the DPO left since): nothing is left
    // to do, and the duty is named again, with the first step from the answer.
    a.roadmap
        .as_mut()
        .unwrap()
        .set_status("gou_registre_traitements", roadmap::ItemStatus::Done);
    let again: Vec<String> = roadmap::duties_without_a_step(framework(), &a)
        .into_iter()
        .map(|(_, action)| action)
        .collect();
    assert_eq!(again, ["gou_dpo_designer"]);
}

#[test]
fn a_second_step_up_to_a_legal_minimum_takes_the_short_term_before_optional_steps_when_there_is_room()
 {
    // A review's case: all at 3 but data protection at 1, no staff. The register went to the
    // medium term while two optional steps took the short term.
    let mut a = assessment("Chimay");
    answer_all(&mut a, level(3));
    a.set_choice("gou_donnees_personnelles", Some(level(1)), NOW);
    a.profile.digital_staff_fte = Some(0.0);
    let r = draft(&a);
    let short: Vec<&str> = r.items_in(Horizon::Short).map(|i| i.id.as_str()).collect();
    assert!(short.contains(&"gou_dpo_designer"), "{short:?}");
    assert!(short.contains(&"gou_registre_traitements"), "{short:?}");
    assert!(
        short.len() <= roadmap::MAX_SHORT_ITEMS_WHEN_STRETCHED,
        "{short:?}"
    );
}

#[test]
fn an_item_is_overdue_once_its_date_has_passed_unless_done() {
    let mut r = draft(&small_commune());
    let id = r.items[0].id.clone();
    let item = |r: &roadmap::Roadmap| r.item(&id).unwrap().clone();
    assert!(!item(&r).is_overdue("2026-12-06"), "no date, never overdue");
    r.items[0].due = Some("2026-09-30".into());
    assert!(item(&r).is_overdue("2026-12-06"));
    assert!(
        !item(&r).is_overdue("2026-09-30"),
        "due today is not late yet"
    );
    r.set_status(&id, roadmap::ItemStatus::Done);
    assert!(!item(&r).is_overdue("2026-12-06"));
}

#[test]
fn a_due_date_past_the_end_of_its_horizon_is_flagged_until_done() {
    use autodiag_core::domain::content::Horizon;
    let mut item = roadmap::RoadmapItem::planned(
        "gou_cyber_bases".into(),
        Horizon::Short,
        roadmap::ItemOrigin::Drafted,
    );
    let start = "2026-12-07";
    assert!(!item.is_due_after_horizon(start), "no date, nothing to say");
    item.due = Some("2027-12-07".into());
    assert!(
        !item.is_due_after_horizon(start),
        "a year on is still short term"
    );
    item.due = Some("2027-12-08".into());
    assert!(item.is_due_after_horizon(start));
    item.horizon = Horizon::Medium;
    assert!(!item.is_due_after_horizon(start));
    item.due = Some("2029-12-08".into());
    assert!(item.is_due_after_horizon(start));
    item.horizon = Horizon::Long;
    assert!(
        !item.is_due_after_horizon(start),
        "the long term has no end"
    );
    item.horizon = Horizon::Short;
    assert!(
        !item.is_due_after_horizon(""),
        "an undated assessment gives no start"
    );
    assert!(
        item.is_due_after_horizon("2028-02-29"),
        "29 February a year on still orders"
    );
    item.due = Some("2029-02-28".into());
    assert!(!item.is_due_after_horizon("2028-02-29"));
    item.due = Some("2029-03-01".into());
    assert!(item.is_due_after_horizon("2028-02-29"));
    item.due = Some("2029-13-01".into());
    assert!(
        !item.is_due_after_horizon(start),
        "a date that cannot be read says nothing"
    );
    item.status = roadmap::ItemStatus::Done;
    item.due = Some("2035-01-01".into());
    assert!(!item.is_due_after_horizon(start));
}

#[test]
fn a_focus_pillars_named_gap_gets_its_step_later_when_another_question_took_the_room() {
    // Found by a property run: a commune without staff, whose near horizons fill with its legal
    // duties and foundations. Énergie's results name « Certificat PEB » (level 2) « à
    // renforcer »; its step found no room, a step on renewables (level 4) took the long term,
    // and the roadmap said nothing on the gap the results pointed at.
    let mut a = assessment("Propriété");
    a.profile.digital_staff_fte = Some(0.0);
    let answers = [
        ("eco_connectivite", 3),
        ("ene_certificat_peb", 2),
        ("ene_dechets_menagers", 2),
        ("ene_renouvelable", 4),
        // Half of the pillar's questions: a score that is not to confirm, so that it stays a
        // focus (a pillar to confirm comes after the others).
        ("ene_flotte", 4),
        ("gou_documents_donnees", 2),
        ("gou_donnees_ouvertes_odwb", 1),
        ("gou_donnees_personnelles", 1),
        ("gou_mutualisation", 1),
        ("gou_pilotage", 2),
        ("mob_actif", 2),
        ("mob_donnees", 2),
        ("mob_partagee", 3),
        ("mob_stationnement", 4),
        ("mob_transport_public", 2),
        ("qdv_culture", 2),
        ("qdv_nuisances", 2),
        ("qdv_plan_urgence", 3),
        ("qdv_proprete", 2),
        ("qdv_securite", 2),
        ("qdv_sport", 2),
        ("qdv_urbanisme", 2),
        ("sc_accessibilite_numerique", 4),
        ("sc_initiatives", 2),
        ("sc_site_communication", 5),
    ];
    for (question, value) in answers {
        a.set_choice(question, Some(level(value)), NOW);
    }
    set_importance(&mut a, "economie", Importance::Low);
    set_importance(&mut a, "gouvernance", Importance::High);
    set_importance(&mut a, "qualite_de_vie", Importance::High);
    set_importance(&mut a, "smart_citizens", Importance::Low);
    a.set_target("mobilite", Level::new(3), NOW);
    let (focus, _) = focus(&a);
    assert!(
        focus.iter().any(|f| f.pillar_id == "energie_environnement"),
        "{focus:?}"
    );
    let pillar = framework().pillar("energie_environnement").unwrap();
    let standouts = scoring::standouts(framework(), pillar, &a);
    assert_eq!(
        standouts.gaps.first().map(|g| g.0),
        Some("ene_certificat_peb")
    );
    let r = draft(&a);
    let on_peb: Vec<(&str, Horizon)> = r
        .items
        .iter()
        .filter(|i| {
            framework()
                .action(&i.id)
                .is_some_and(|x| x.questions.iter().any(|q| q == "ene_certificat_peb"))
        })
        .map(|i| (i.id.as_str(), i.horizon))
        .collect();
    assert!(!on_peb.is_empty(), "{:?}", r.items);
    // It takes room the caps leave: no horizon over its cap for it.
    for horizon in Horizon::ALL {
        let essential = autodiag_core::domain::obligations::below(framework(), &a).len() * 2
            + roadmap::STAFF_FOUNDATIONS.len()
            + 1;
        assert!(
            r.items_in(horizon).count() <= roadmap::horizon_cap(&a.profile, horizon) + essential
        );
    }
}

#[test]
fn an_edited_roadmap_flags_the_steps_the_answers_have_since_reached() {
    let mut a = small_commune();
    roadmap::refresh(framework(), &mut a, NOW);
    let question = "gou_donnees_personnelles";
    let items = a.roadmap.as_ref().unwrap().items.clone();
    let step = items
        .iter()
        .find(|i| {
            framework()
                .action(&i.id)
                .is_some_and(|x| x.questions == [question])
        })
        .expect("a step towards the GDPR duty")
        .clone();
    let reached = |a: &Assessment| -> Vec<String> {
        let roadmap = a.roadmap.as_ref().unwrap();
        roadmap
            .items
            .iter()
            .filter(|i| roadmap::already_reached(framework(), a, i))
            .map(|i| i.id.clone())
            .collect()
    };
    assert!(reached(&a).is_empty(), "{:?}", reached(&a));
    // The commune moves one card, then answers that it now has its DPO and its register.
    let roadmap = a.roadmap.as_mut().unwrap();
    roadmap.move_to(&items[0].id, Horizon::Long);
    let to = framework().action(&step.id).unwrap().to;
    a.set_choice(question, Some(level(to)), NOW);
    assert!(!roadmap::refresh(framework(), &mut a, NOW));
    assert!(reached(&a).contains(&step.id), "{:?}", reached(&a));
    // One below where the step leads is still a step to take.
    a.set_choice(question, Some(level(to - 1)), NOW);
    assert!(!reached(&a).contains(&step.id));
    // Done, it is the commune's record, not a step to flag.
    a.set_choice(question, Some(level(to)), NOW);
    a.roadmap
        .as_mut()
        .unwrap()
        .set_status(&step.id, roadmap::ItemStatus::Done);
    assert!(!reached(&a).contains(&step.id));
}

#[test]
fn a_pillar_left_for_later_only_by_the_pillars_order_is_said_to_be_tied() {
    // Six pillars at the same level and importance: the first three by order are the focus.
    let mut a = assessment("Anderlues");
    answer_all(&mut a, level(2));
    let scores = scoring::score_all(framework(), &a);
    let (chosen, later) = focus(&a);
    let last = chosen.last().unwrap().pillar_id.clone();
    for pillar in &later {
        assert_eq!(pillar.reason, LaterReason::LowerPriority);
        let tied = roadmap::tied_with_last_focus(&a, &scores, &chosen, &pillar.pillar_id);
        assert_eq!(tied.map(|f| f.pillar_id.as_str()), Some(last.as_str()));
    }
    // A lower importance is a real reason, not a tie.
    let other = later[0].pillar_id.clone();
    set_importance(&mut a, &other, Importance::Low);
    let scores = scoring::score_all(framework(), &a);
    let (chosen, _) = focus(&a);
    assert_eq!(
        roadmap::tied_with_last_focus(&a, &scores, &chosen, &other),
        None
    );
}

#[test]
fn a_draft_plans_each_focus_pillar_and_a_later_priority_without_an_action_is_found() {
    let mut a = small_commune();
    let plan = draft(&a);
    let ids = |f: Vec<roadmap::FocusPillar>| f.into_iter().map(|f| f.pillar_id).collect::<Vec<_>>();
    let drafted = ids(focus(&a).0);
    assert!(roadmap::focus_without_an_action(framework(), &plan, &drafted).is_empty());
    // Économie becomes the first priority after the plan was kept: none of its actions.
    set_importance(&mut a, "economie", Importance::High);
    answer_pillar(&mut a, "economie", level(1));
    let now = ids(focus(&a).0);
    let mut kept = plan.clone();
    kept.items.retain(|i| !i.id.starts_with("eco_"));
    assert!(now.contains(&"economie".to_string()), "{now:?}");
    assert_eq!(
        roadmap::focus_without_an_action(framework(), &kept, &now),
        ["economie"]
    );
    // The commune's own action serving one of its questions answers it too.
    let own = kept
        .add_custom("Guichet commerces locaux", Horizon::Short)
        .unwrap();
    let question = &framework().pillar("economie").unwrap().questions[0];
    kept.set_field(
        &own,
        autodiag_core::domain::plan::ItemField::Objective,
        question,
    )
    .unwrap();
    assert!(roadmap::focus_without_an_action(framework(), &kept, &now).is_empty());
}
