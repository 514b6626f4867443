//! The roadmap in the PST's structure: the mapping on the three examples, the CSV's columns and
//! the evaluation against a later assessment.

mod common;
use autodiag_core::domain::assessment::{Assessment, Choice};
use autodiag_core::domain::content::{self, ActionText, LegalLevelNames, Volet};
use autodiag_core::domain::plan::ItemStatus;
use autodiag_core::domain::pst::{self, Evaluation, Pst, PstWords};
use autodiag_core::domain::{roadmap, scoring, summary};
use common::*;

const EXAMPLES: [&str; 3] = [
    "courcelles-2026-10-05.json",
    "lobbes-2026-11-20.json",
    "thuin-2025-06-12.json",
];

fn example(file: &str) -> Assessment {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(file);
    let bytes = std::fs::read(&path).unwrap();
    let mut a = summary::import(framework(), &bytes, "x".into(), NOW)
        .unwrap()
        .assessment;
    roadmap::refresh(framework(), &mut a, NOW);
    a
}

fn pst_of(a: &Assessment) -> Pst {
    pst::build(framework(), a, &scoring::score_all(framework(), a))
}

fn words() -> PstWords<'static> {
    PstWords {
        headers: [
            "N°",
            "Volet",
            "Objectif stratégique",
            "Objectif opérationnel",
            "Indicateur",
            "Niveau actuel",
            "Niveau visé",
            "Obligation légale",
            "Action",
            "Première étape",
            "Responsable",
            "Échéance",
            "Horizon",
            "Effort",
            "Coût",
            "Mutualisable",
            "Statut",
            "Évaluation",
        ],
        operational: "Atteindre le niveau {level} sur « {question} »",
        operational_legal: "Se mettre en conformité : « {question} »",
        operational_beyond_legal: "Se mettre en conformité, puis atteindre le niveau {level} sur « {question} »",
        owner_to_confirm: "À confirmer : {role}",
        owner_roles: [
            "le collège communal",
            "le conseil communal",
            "le bourgmestre",
            "le directeur général",
            "le référent numérique",
            "le DPO",
            "un agent désigné par le directeur général",
        ]
        .map(String::from),
        legal_levels: LegalLevelNames {
            below: "Sous le minimum légal",
            at: "Minimum légal",
        },
        other_actions: "Autres actions de la commune",
        retired: "{title} (action retirée du référentiel)".into(),
        volets: ["Interne", "Externe"],
        horizons: ["Court terme", "Moyen terme", "Long terme"],
        efforts: ["faible", "moyen", "élevé"],
        costs: ["sans coût", "< 10 000 €", "10 000 à 50 000 €", "> 50 000 €"],
        yes_no: ["oui", "non"],
        statuses: ["prévue", "réalisée"],
        evaluations: [
            "Atteint (niveau {level})",
            "Pas encore (niveau {level})",
            "Non évalué",
        ],
    }
}

/// A roadmap item the PST writes out: a catalogue action, the commune's own wording, or an
/// action an older référentiel had, under its last title.
fn written_in_the_pst(item: &autodiag_core::domain::roadmap::RoadmapItem) -> bool {
    framework().action(&item.id).is_some()
        || item.custom_title.is_some()
        || framework()
            .retired_actions
            .iter()
            .any(|r| r.id == item.id && r.titles.contains_key("fr"))
}

fn action_text(id: &str) -> Option<ActionText> {
    content::action_texts("fr").get(id).cloned()
}

/// The assessment as IGRETEC reads it back from its summary file.
fn through_a_file(a: &Assessment) -> Assessment {
    let file = summary::to_json(&summary::export(framework(), a, NOW));
    summary::import(framework(), file.as_bytes(), "y".into(), NOW)
        .unwrap()
        .assessment
}

/// What `pst::rows` and `pst::csv` read besides the structure, in French.
fn sources<'a>(a: &'a Assessment, later: Option<&'a Assessment>) -> pst::Sources<'a> {
    pst::Sources {
        framework: framework(),
        texts: content::texts("fr"),
        lang: "fr",
        assessment: a,
        action_text: &action_text,
        later,
    }
}

fn csv_of(a: &Assessment, later: Option<&Assessment>) -> String {
    pst::csv(&pst_of(a), &words(), &sources(a, later))
}

#[test]
fn every_roadmap_item_of_the_examples_lands_once_under_the_objective_of_its_question() {
    for file in EXAMPLES {
        let a = example(file);
        let roadmap = a.roadmap.as_ref().unwrap();
        assert!(!roadmap.items.is_empty(), "{file}: no roadmap");
        let pst = pst_of(&a);
        let mut placed: Vec<&str> = pst.other_item_ids.iter().map(String::as_str).collect();
        for strategic in &pst.strategic {
            assert!(
                content::strategic_objective("fr", &strategic.pillar_id)
                    .is_some_and(|t| t.starts_with("Être une")),
                "{file}: {}",
                strategic.pillar_id
            );
            for operational in &strategic.operational {
                let pillar = framework().pillar_of(&operational.question_id).unwrap();
                assert_eq!(pillar.id, strategic.pillar_id, "{file}");
                assert!(
                    operational
                        .current_level
                        .is_none_or(|level| level < operational.target_level),
                    "{file}: {operational:?} does not move up"
                );
                for id in &operational.item_ids {
                    let action = framework().action(id).unwrap();
                    assert!(action.questions.contains(&operational.question_id));
                    assert!(action.to <= operational.target_level);
                    placed.push(id);
                }
            }
        }
        // Items of actions an older framework had join the commune's own under their last
        // title; an id no référentiel had, never reworded, has nothing to write.
        let mut expected: Vec<&str> = roadmap
            .items
            .iter()
            .filter(|i| written_in_the_pst(i))
            .map(|i| i.id.as_str())
            .collect();
        autodiag_core::sort::sort(&mut placed);
        autodiag_core::sort::sort(&mut expected);
        assert_eq!(placed, expected, "{file}");
    }
}

#[test]
fn a_legal_duty_is_an_objective_of_compliance_citing_its_law_even_when_unsure() {
    // A DG read « Atteindre le niveau 3 sur « Données ouvertes » » and « Niveau 3 requis par
    // la loi »: the tutelle reads neither. A duty answered « je ne sais pas » had no mark.
    let duties: Vec<&String> = framework()
        .question_ids()
        .filter(|q| framework().legal_minimum(q).is_some())
        .collect();
    let mut worded = 0;
    for (question, answer) in duties.iter().map(|q| (*q, Some(level(1)))) {
        let mut a = assessment("Lobbes");
        answer_all(&mut a, level(4));
        a.set_choice(question, answer, NOW);
        roadmap::refresh(framework(), &mut a, NOW);
        let pst = pst_of(&a);
        let objective = pst
            .strategic
            .iter()
            .flat_map(|s| &s.operational)
            .find(|o| &o.question_id == question);
        let objective = objective.unwrap_or_else(|| panic!("{question}: no objective"));
        assert!(objective.is_legal_duty(), "{question} {answer:?}");
        let sources = sources(&a, None);
        let text = content::texts("fr").question(question);
        let row = pst::rows(&pst, &words(), &sources)
            .into_iter()
            .find(|r| &r.question_id == question)
            .unwrap();
        // Beyond the duty, the level above it is named after compliance.
        let expected = if objective.is_compliance() {
            worded += 1;
            format!("Se mettre en conformité : « {} »", text.title)
        } else {
            assert!(objective.target_level > framework().legal_minimum(question).unwrap());
            format!(
                "Se mettre en conformité, puis atteindre le niveau {} sur « {} »",
                objective.target_level, text.title
            )
        };
        assert_eq!(row.operational, expected, "{question}");
        assert_eq!(row.legal, text.legal_basis.trim(), "{question}");
    }
    assert!(worded > 0);
    // Courcelles answered an older référentiel: a duty asked since has no answer, and its
    // objective is still one of compliance, its law cited.
    let a = example("courcelles-2026-10-05.json");
    let pst = pst_of(&a);
    let unsure: Vec<_> = pst
        .strategic
        .iter()
        .flat_map(|s| &s.operational)
        .filter(|o| {
            o.current_level.is_none() && framework().legal_minimum(&o.question_id).is_some()
        })
        .collect();
    assert!(!unsure.is_empty());
    assert!(unsure.iter().all(|o| o.is_legal_duty()));
    let sources = sources(&a, None);
    for row in pst::rows(&pst, &words(), &sources) {
        if unsure.iter().any(|o| o.question_id == row.question_id) {
            assert!(
                row.legal.starts_with("Décret") || row.legal.contains("art."),
                "{}",
                row.legal
            );
            assert!(
                row.operational.starts_with("Se mettre en conformité"),
                "{}",
                row.operational
            );
        }
    }
}

#[test]
fn an_action_without_a_named_owner_carries_the_catalogues_suggestion_to_confirm() {
    let mut a = example("lobbes-2026-11-20.json");
    let named = a.roadmap.as_ref().unwrap().items[0].id.clone();
    a.roadmap.as_mut().unwrap().items[0].owner = Some("Julie Martin".into());
    let sources = sources(&a, None);
    let rows = pst::rows(&pst_of(&a), &words(), &sources);
    let by_action = |id: &str| {
        let title = &action_text(id).unwrap().title;
        rows.iter().find(|r| &r.action == title).unwrap()
    };
    assert_eq!(by_action(&named).owner, "Julie Martin");
    let unnamed = a.roadmap.as_ref().unwrap().items[1].id.clone();
    let role = match framework().action(&unnamed).unwrap().owner {
        content::Owner::College => "le collège communal",
        content::Owner::Conseil => "le conseil communal",
        content::Owner::Bourgmestre => "le bourgmestre",
        content::Owner::Dg => "le directeur général",
        content::Owner::Referent => "le référent numérique",
        content::Owner::Dpo => "le DPO",
        content::Owner::Agent => "un agent désigné par le directeur général",
    };
    assert_eq!(by_action(&unnamed).owner, format!("À confirmer : {role}"));
}

#[test]
fn legal_duties_below_their_minimum_come_first() {
    for file in EXAMPLES {
        let pst = pst_of(&example(file));
        let has_legal =
            |s: &pst::StrategicObjective| s.operational.iter().any(|o| o.is_legal_duty());
        let first_without = pst.strategic.iter().position(|s| !has_legal(s));
        if let Some(index) = first_without {
            assert!(
                pst.strategic[index..].iter().all(|s| !has_legal(s)),
                "{file}"
            );
        }
        for strategic in &pst.strategic {
            let first_other = strategic
                .operational
                .iter()
                .position(|o| !o.is_legal_duty());
            if let Some(index) = first_other {
                assert!(
                    strategic.operational[index..]
                        .iter()
                        .all(|o| !o.is_legal_duty()),
                    "{file}"
                );
            }
        }
    }
    // Lobbes as the roadmap tests make it: accessibility below its legal minimum.
    let mut a = assessment("Lobbes");
    answer_all(&mut a, level(4));
    a.set_choice("sc_accessibilite_numerique", Some(level(1)), NOW);
    roadmap::refresh(framework(), &mut a, NOW);
    let pst = pst_of(&a);
    let first = &pst.strategic[0];
    assert_eq!(first.pillar_id, "smart_citizens");
    assert_eq!(
        first.operational[0].question_id,
        "sc_accessibilite_numerique"
    );
    assert_eq!(
        first.operational[0].legal_minimum,
        framework().legal_minimum("sc_accessibilite_numerique")
    );
}

#[test]
fn a_legal_duty_objective_aims_at_the_minimum_and_never_names_a_level_below_it_a_stage() {
    let legal: Vec<(String, u8)> = framework()
        .question_ids()
        .filter_map(|q| Some((q.clone(), framework().legal_minimum(q)?)))
        .collect();
    assert!(!legal.is_empty());
    for (question, minimum) in &legal {
        for answered in 1..*minimum {
            let mut a = assessment("Lobbes");
            answer_all(&mut a, level(4));
            a.set_choice(question, Some(level(answered)), NOW);
            roadmap::refresh(framework(), &mut a, NOW);
            // A commune that kept only the first step towards compliance.
            let roadmap = a.roadmap.as_mut().unwrap();
            let steps: Vec<String> = roadmap
                .items
                .iter()
                .filter(|i| {
                    framework()
                        .action(&i.id)
                        .is_some_and(|action| &action.questions[0] == question)
                })
                .map(|i| i.id.clone())
                .collect();
            assert!(!steps.is_empty(), "{question} at {answered}: no step");
            for later_step in &steps[1..] {
                roadmap.remove(later_step);
            }
            let pst = pst_of(&a);
            let objective = pst
                .strategic
                .iter()
                .flat_map(|s| &s.operational)
                .find(|o| &o.question_id == question)
                .unwrap_or_else(|| panic!("{question} at {answered}: no objective"));
            assert!(
                objective.target_level >= *minimum,
                "{question} at {answered}: aims at {}, the law requires {minimum}",
                objective.target_level
            );
            let sources = sources(&a, None);
            let rows = pst::rows(&pst, &words(), &sources);
            let row = rows
                .iter()
                .find(|r| {
                    r.operational
                        .contains(&content::texts("fr").question(question).title)
                })
                .unwrap();
            assert_eq!(
                row.current_level,
                format!("{answered} — Sous le minimum légal"),
                "{question}"
            );
            assert!(!row.target_level.contains("Sous le minimum"), "{question}");
            if objective.target_level == *minimum {
                assert_eq!(
                    row.target_level,
                    format!("{minimum} — Minimum légal"),
                    "{question}"
                );
            }
        }
    }
}

#[test]
fn the_volet_is_interne_for_the_administration_and_externe_for_the_territory() {
    for question in &framework().pillar("gouvernance").unwrap().questions {
        assert_eq!(content::volet(question), Volet::Interne, "{question}");
    }
    for question in &framework().pillar("mobilite").unwrap().questions {
        assert_eq!(content::volet(question), Volet::Externe, "{question}");
    }
    assert_eq!(content::volet("ene_certificat_peb"), Volet::Interne);
}

#[test]
fn every_pillar_has_an_objectif_strategique_in_every_language() {
    for lang in ["fr", "en"] {
        for pillar in &framework().pillars {
            let text = content::strategic_objective(lang, &pillar.id)
                .unwrap_or_else(|| panic!("{lang} {}", pillar.id));
            assert!(
                !text.is_empty() && text.chars().count() <= 140,
                "{lang}: {text}"
            );
        }
    }
    assert_ne!(
        content::strategic_objective("en", "mobilite"),
        content::strategic_objective("fr", "mobilite")
    );
}

#[test]
fn the_indicator_is_the_text_of_the_target_level() {
    let a = example("lobbes-2026-11-20.json");
    let pst = pst_of(&a);
    let texts = content::texts("fr");
    let operational = &pst.strategic[0].operational[0];
    let question = &texts.questions[&operational.question_id];
    assert_eq!(
        pst::indicator(texts, operational),
        question.levels[usize::from(operational.target_level - 1)]
    );
    let expected = if operational.is_compliance() {
        format!("Se mettre en conformité : « {} »", question.title)
    } else if operational.is_legal_duty() {
        format!(
            "Se mettre en conformité, puis atteindre le niveau {} sur « {} »",
            operational.target_level, question.title
        )
    } else {
        format!(
            "Atteindre le niveau {} sur « {} »",
            operational.target_level, question.title
        )
    };
    assert_eq!(
        pst::operational_title(&words(), texts, operational),
        expected
    );
}

#[test]
fn the_csv_has_its_columns_a_bom_and_one_row_per_action() {
    let a = example("courcelles-2026-10-05.json");
    let text = csv_of(&a, None);
    assert!(text.starts_with('\u{feff}'));
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], words().headers[..17].join(";"));
    let written = a
        .roadmap
        .as_ref()
        .unwrap()
        .items
        .iter()
        .filter(|i| written_in_the_pst(i))
        .count();
    assert_eq!(lines.len() - 1, written);
    // Each line its own number, « 1.2.1 » under objective 1.2: a PST table numbers its lines.
    let numbers: Vec<String> = lines[1..]
        .iter()
        .map(|line| split_fields(line)[0].clone())
        .collect();
    let mut unique = numbers.clone();
    autodiag_core::sort::sort(&mut unique);
    unique.dedup();
    assert_eq!(unique.len(), numbers.len(), "{numbers:?}");
    assert_eq!(numbers[0], "1.1.1");
    for line in &lines[1..] {
        // No field of these examples holds a quote, so splitting on quotes finds the fields.
        let fields = split_fields(line);
        assert_eq!(fields.len(), 17, "{line}");
        assert!(
            fields[3].starts_with("Atteindre le niveau")
                || fields[3].starts_with("Se mettre en conformité")
                || fields[2] == "Autres actions de la commune",
            "{line}"
        );
        assert!(!fields[8].is_empty(), "an action without a title: {line}");
    }
    // With a later assessment, the evaluation column comes last.
    let with_later = csv_of(&a, Some(&a));
    let header = with_later.lines().next().unwrap();
    assert!(header.ends_with(";Évaluation"), "{header}");
}

/// Fields of one CSV line, quotes honoured.
fn split_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                fields.last_mut().unwrap().push('"');
            }
            '"' => quoted = !quoted,
            ';' if !quoted => fields.push(String::new()),
            c => fields.last_mut().unwrap().push(c),
        }
    }
    fields
}

#[test]
fn a_later_assessment_says_which_objectives_were_reached() {
    let before = example("lobbes-2026-11-20.json");
    let pst = pst_of(&before);
    let operational: Vec<&pst::OperationalObjective> =
        pst.strategic.iter().flat_map(|s| &s.operational).collect();
    assert!(operational.len() >= 2);
    let mut after = before.clone();
    // The first objective reached, the second still one level short, the rest not answered.
    after.set_choice(
        &operational[0].question_id,
        Some(level(operational[0].target_level)),
        NOW,
    );
    let short = operational[1].target_level - 1;
    after.set_choice(&operational[1].question_id, Some(level(short)), NOW);
    for o in &operational[2..] {
        after.set_choice(&o.question_id, Some(Choice::Unknown), NOW);
    }
    assert_eq!(
        operational[0].evaluate(&after),
        Evaluation::Reached(operational[0].target_level)
    );
    assert_eq!(
        operational[1].evaluate(&after),
        Evaluation::NotReached(short)
    );
    for o in &operational[2..] {
        assert_eq!(o.evaluate(&after), Evaluation::NotAssessed);
    }
    let csv = csv_of(&before, Some(&after));
    assert!(csv.contains(&format!("Atteint (niveau {})", operational[0].target_level)));
    assert!(csv.contains(&format!("Pas encore (niveau {short})")));
}

#[test]
fn an_action_done_in_the_next_rounds_roadmap_is_done_in_the_plans_evaluation() {
    let before = example("lobbes-2026-11-20.json");
    let plan = before.roadmap.as_ref().unwrap();
    let index = plan
        .items
        .iter()
        .position(|i| i.status != ItemStatus::Done && action_text(&i.id).is_some())
        .unwrap();
    let first = plan.items[index].id.clone();
    let title = action_text(&first).unwrap().title;
    let status_of = |later: Option<&Assessment>| {
        let rows = pst::rows(&pst_of(&before), &words(), &sources(&before, later));
        rows.iter()
            .find(|row| row.action == title)
            .map(|row| row.status.clone())
            .unwrap()
    };
    assert_eq!(status_of(None), "prévue");
    // The redone diagnostic carries the plan over; the commune ticks the action there.
    let mut after = before.clone();
    after
        .roadmap
        .as_mut()
        .unwrap()
        .set_status(&first, ItemStatus::Done);
    assert_eq!(status_of(Some(&after)), "réalisée");
    assert!(plan.items[index].done_by(after.roadmap.as_ref()));
    assert!(!plan.items[index].done_by(None));
    assert!(!plan.items[index].done_by(before.roadmap.as_ref()));
}

/// An action that improves several questions, none of them a legal duty.
fn action_of_several_questions() -> &'static content::Action {
    framework()
        .actions
        .iter()
        .find(|a| {
            a.questions.len() >= 2
                && a.questions
                    .iter()
                    .all(|q| framework().legal_minimum(q).is_none())
        })
        .expect("the catalogue has an action for several questions")
}

fn with_only(a: &mut Assessment, action: &content::Action) {
    let mut roadmap = autodiag_core::domain::plan::Roadmap::drafted(Vec::new());
    assert!(roadmap.add_action(action));
    a.roadmap = Some(roadmap);
}

#[test]
fn an_action_serves_the_objective_of_a_question_it_still_improves_never_one_already_reached() {
    let action = action_of_several_questions();
    let (first, second) = (&action.questions[0], &action.questions[1]);
    let mut a = assessment("Fontaine-l'Évêque");
    // The first question already at the top, the second at the bottom: the objective is the
    // second's, not « Atteindre le niveau 5 » where the commune already is.
    for (question, value) in [(first, 5), (second, 1)] {
        a.set_choice(question, Some(level(value)), NOW);
    }
    with_only(&mut a, action);
    let pst = pst_of(&a);
    let operational = &pst.strategic[0].operational;
    assert_eq!(operational.len(), 1, "{pst:?}");
    assert_eq!(&operational[0].question_id, second);
    assert_eq!(operational[0].current_level, Some(1));
    assert!(operational[0].target_level >= action.to.max(2));
    // Every question at the top: the action serves no objective and is listed with the
    // commune's other actions.
    for question in &action.questions {
        a.set_choice(question, Some(level(5)), NOW);
    }
    let pst = pst_of(&a);
    assert!(pst.strategic.is_empty(), "{pst:?}");
    assert_eq!(pst.other_item_ids, std::slice::from_ref(&action.id));
    // « Je ne sais pas » on the second: its objective, from an unknown level.
    a.set_choice(second, Some(Choice::Unknown), NOW);
    let operational = &pst_of(&a).strategic[0].operational;
    assert_eq!(&operational[0].question_id, second);
    assert_eq!(operational[0].current_level, None);
    // « Non applicable » instead: no objective on a question that does not concern the
    // commune.
    a.set_choice(second, Some(Choice::NotApplicable), NOW);
    let pst = pst_of(&a);
    assert!(pst.strategic.is_empty(), "{pst:?}");
    assert_eq!(pst.other_item_ids, std::slice::from_ref(&action.id));
}

#[test]
fn the_communes_own_items_come_last_under_their_own_heading() {
    let mut a = example("thuin-2025-06-12.json");
    let id = a
        .roadmap
        .as_mut()
        .unwrap()
        .add_custom(
            "Former les agents d'accueil",
            autodiag_core::domain::content::Horizon::Short,
        )
        .unwrap();
    let pst = pst_of(&a);
    assert!(pst.other_item_ids.contains(&id), "{pst:?}");
    // Thuin kept an action on its PAEDC, which it answered « non applicable »: no objective
    // aims at that question, and the action is listed with the commune's own.
    assert!(
        pst.other_item_ids.iter().any(|i| i == "ene_paedc_pst"),
        "{pst:?}"
    );
    let csv = csv_of(&a, None);
    let row = csv
        .lines()
        .find(|line| line.contains("Former les agents d'accueil"))
        .unwrap();
    assert!(row.contains("Autres actions de la commune;"), "{row}");
    let last = csv.lines().last().unwrap();
    assert!(last.contains("Autres actions de la commune;"), "{last}");
}

#[test]
fn without_a_roadmap_there_is_nothing_to_export() {
    let a = assessment("Anderlues");
    assert_eq!(pst_of(&a), Pst::default());
}

#[test]
fn the_commune_rewords_an_objectif_strategique_and_keeps_it_through_a_redraft_and_a_file() {
    let mut a = assessment("Fleurus");
    answer_all(&mut a, level(2));
    // Mobility first, so its objective is in the PST.
    set_importance(
        &mut a,
        "mobilite",
        autodiag_core::domain::assessment::Importance::High,
    );
    roadmap::refresh(framework(), &mut a, NOW);
    let roadmap = a.roadmap.as_mut().unwrap();
    roadmap.set_strategic_objective("mobilite", "  Une commune\tsûre\npour les piétons  ");
    assert_eq!(
        roadmap.strategic_objective("mobilite"),
        Some("Une commune sûre pour les piétons")
    );
    roadmap.set_strategic_objective("gouvernance", &"x".repeat(1_000));
    assert_eq!(
        roadmap
            .strategic_objective("gouvernance")
            .unwrap()
            .chars()
            .count(),
        autodiag_core::domain::plan::MAX_STRATEGIC_OBJECTIVE_CHARS
    );
    roadmap.set_strategic_objective("gouvernance", "   ");
    assert_eq!(roadmap.strategic_objective("gouvernance"), None);
    assert!(
        !roadmap.edited,
        "wording an objective is not editing the items"
    );

    // A redraft from new answers keeps it.
    a.set_choice("eco_tourisme", Some(level(4)), NOW);
    roadmap::refresh(framework(), &mut a, NOW);
    let roadmap = a.roadmap.as_ref().unwrap();
    assert_eq!(
        roadmap.strategic_objective("mobilite"),
        Some("Une commune sûre pour les piétons")
    );
    // The export writes it, and it comes back from the file.
    assert!(
        pst_of(&a)
            .strategic
            .iter()
            .any(|s| s.pillar_id == "mobilite")
    );
    assert!(csv_of(&a, None).contains(";Une commune sûre pour les piétons;"));
    let back = through_a_file(&a);
    assert_eq!(
        back.roadmap
            .as_ref()
            .unwrap()
            .strategic_objective("mobilite"),
        Some("Une commune sûre pour les piétons")
    );
    assert_eq!(
        pst::strategic_title(&back, "fr", "economie"),
        content::strategic_objective("fr", "economie").unwrap()
    );
}

#[test]
fn the_commune_rewords_an_objectif_operationnel_on_its_fiche_in_the_csv_and_in_its_file() {
    let mut a = assessment("Fleurus");
    answer_all(&mut a, level(2));
    roadmap::refresh(framework(), &mut a, NOW);
    let pst = pst_of(&a);
    let objective = &pst.strategic[0].operational[0];
    let question = objective.question_id.clone();
    let proposed = pst::operational_title(&words(), content::texts("fr"), objective);
    assert!(
        proposed.starts_with("Atteindre le niveau")
            || proposed.starts_with("Se mettre en conformité"),
        "{proposed}"
    );
    a.set_strategic_objective(&question, "Traiter chaque signalement en une semaine", NOW);
    assert!(csv_of(&a, None).contains(";Traiter chaque signalement en une semaine;"));
    assert!(!csv_of(&a, None).contains(&proposed));
    // The objectif stratégique above it keeps its own wording.
    let pillar = &pst.strategic[0].pillar_id;
    assert_eq!(
        pst::strategic_title(&a, "fr", pillar),
        content::strategic_objective("fr", pillar).unwrap()
    );
    let back = through_a_file(&a);
    assert_eq!(
        back.roadmap
            .as_ref()
            .unwrap()
            .strategic_objective(&question),
        Some("Traiter chaque signalement en une semaine")
    );
    // Back to the proposal.
    a.set_strategic_objective(&question, "", NOW);
    assert!(csv_of(&a, None).contains(&proposed));
}

#[test]
fn a_file_cannot_word_an_unknown_pillar_or_overflow() {
    let mut a = assessment("Fleurus");
    answer_all(&mut a, level(2));
    roadmap::refresh(framework(), &mut a, NOW);
    let mut value: serde_json::Value =
        serde_json::from_str(&summary::to_json(&summary::export(framework(), &a, NOW))).unwrap();
    value["roadmap"]["strategic_objectives"] = serde_json::json!({
        "mobilite": "é".repeat(5_000),
        "pilier_inconnu": "Rien",
    });
    let back = summary::import(framework(), value.to_string().as_bytes(), "y".into(), NOW)
        .unwrap()
        .assessment;
    let roadmap = back.roadmap.unwrap();
    assert_eq!(roadmap.strategic_objectives().count(), 1);
    assert_eq!(
        roadmap
            .strategic_objective("mobilite")
            .unwrap()
            .chars()
            .count(),
        autodiag_core::domain::plan::MAX_STRATEGIC_OBJECTIVE_CHARS
    );
}

#[test]
fn an_action_an_older_referentiel_had_joins_the_communes_own_under_its_last_title() {
    use autodiag_core::domain::roadmap::ItemStatus;
    let mut a = example(EXAMPLES[0]);
    let retired = framework()
        .retired_actions
        .iter()
        .find(|r| a.roadmap.as_ref().unwrap().item(&r.id).is_none())
        .unwrap();
    let roadmap = a.roadmap.as_mut().unwrap();
    let mut item = roadmap.items[0].clone();
    item.id = retired.id.clone();
    item.custom_title = None;
    item.status = ItemStatus::Done;
    roadmap.items.push(item);
    let pst = pst_of(&a);
    assert!(pst.other_item_ids.contains(&retired.id), "{pst:?}");
    let csv = csv_of(&a, None);
    let title = format!(
        "{} (action retirée du référentiel)",
        retired.titles.get("fr").unwrap()
    );
    let line = csv
        .lines()
        .find(|line| line.contains(&title))
        .unwrap_or_else(|| panic!("no « {title} » in {csv}"));
    assert!(
        line.contains("Autres actions de la commune") && line.contains("réalisée"),
        "{line}"
    );
    // An id no référentiel had, never reworded, has no text to write: it stays out.
    let roadmap = a.roadmap.as_mut().unwrap();
    let mut unknown = roadmap.items[0].clone();
    unknown.id = "never-an-action".into();
    unknown.custom_title = None;
    roadmap.items.push(unknown);
    assert!(
        !pst_of(&a)
            .other_item_ids
            .iter()
            .any(|id| id == "never-an-action")
    );
}

#[test]
fn the_communes_own_item_serves_the_objective_it_names_even_through_a_file() {
    let mut a = example("thuin-2025-06-12.json");
    let questions = || framework().question_ids();
    let before = pst_of(&a);
    let with_objective = |objective: &String| {
        before
            .strategic
            .iter()
            .flat_map(|s| &s.operational)
            .any(|o| &o.question_id == objective)
    };
    // One the roadmap works on already, one it does not, one « non applicable ».
    let shared = before.strategic[0].operational[0].question_id.clone();
    let alone = questions()
        .find(|q| {
            !with_objective(q)
                && framework().legal_minimum(q).is_none()
                && a.level(q).is_some_and(|l| l.get() < 4)
        })
        .unwrap()
        .clone();
    let not_applicable = questions()
        .find(|q| a.choice(q) == Some(Choice::NotApplicable))
        .unwrap()
        .clone();
    let roadmap = a.roadmap.as_mut().unwrap();
    let mut add = |title: &str, objective: &str| {
        let id = roadmap.add_custom(title, content::Horizon::Short).unwrap();
        roadmap
            .set_field(
                &id,
                autodiag_core::domain::plan::ItemField::Objective,
                objective,
            )
            .unwrap();
        id
    };
    let joins = add("Former les agents d'accueil", &shared);
    let opens = add("Visiter une commune voisine", &alone);
    let aside = add("Rédiger une note", &not_applicable);
    let unknown = add("Autre chose", "pas_une_question");
    for a in [a.clone(), through_a_file(&a)] {
        let pst = pst_of(&a);
        let objective_of = |id: &String| {
            pst.strategic
                .iter()
                .flat_map(|s| &s.operational)
                .find(|o| o.item_ids.contains(id))
        };
        let shared_objective = objective_of(&joins).unwrap();
        assert_eq!(shared_objective.question_id, shared);
        // It reaches no level of its own: the objective aims where the catalogue's did.
        let before_target = before.strategic[0].operational[0].target_level;
        assert_eq!(shared_objective.target_level, before_target);
        let own = objective_of(&opens).unwrap();
        assert_eq!(own.question_id, alone);
        assert_eq!(own.item_ids, vec![opens.clone()]);
        assert_eq!(own.target_level, a.level(&alone).unwrap().get() + 1);
        assert!(objective_of(&aside).is_none());
        assert!(objective_of(&unknown).is_none());
        assert!(pst.other_item_ids.contains(&aside), "{pst:?}");
        assert!(pst.other_item_ids.contains(&unknown), "{pst:?}");
        let csv = csv_of(&a, None);
        let row = csv
            .lines()
            .find(|line| line.contains("Visiter une commune voisine"))
            .unwrap();
        assert!(!row.contains("Autres actions de la commune"), "{row}");
        assert!(row.contains("Atteindre le niveau"), "{row}");
    }
}

#[test]
fn an_indicator_drops_the_closing_clause_that_says_what_the_level_lacks() {
    let objective = |question: &str, target_level: u8| pst::OperationalObjective {
        question_id: question.into(),
        volet: Volet::Externe,
        current_level: Some(target_level - 1),
        target_level,
        legal_minimum: None,
        item_ids: Vec::new(),
    };
    // Written here rather than read from content: an editor rewording a level must not break a
    // test of the rule.
    assert_eq!(
        pst::without_shortcoming(
            "Les places du centre et leur occupation ont été comptées au moins une fois, sans plan de stationnement fondé sur ce comptage."
        ),
        "Les places du centre et leur occupation ont été comptées au moins une fois."
    );
    // A clause followed by another sentence is part of what the level asks.
    let asked = "Le service oriente vers le CPAS, sans que la personne répète sa demande. Ces orientations sont comptées.";
    assert_eq!(pst::without_shortcoming(asked), asked);
    // The indicator is the aimed level's text, so shortened.
    let fr = content::texts("fr");
    assert_eq!(
        pst::indicator(fr, &objective("mob_stationnement", 2)),
        pst::without_shortcoming(&fr.questions[&"mob_stationnement".to_string()].levels[1])
    );
    // Every level a PST may aim at, in every language: a sentence, the start of the level's own.
    for lang in ["fr", "en"] {
        let texts = content::texts(lang);
        for (id, question) in &texts.questions {
            for (index, level) in question.levels.iter().enumerate().skip(1) {
                let indicator = pst::indicator(texts, &objective(id, index as u8 + 1));
                assert!(
                    indicator.ends_with('.'),
                    "{lang} {id} {}: {indicator}",
                    index + 1
                );
                assert!(
                    level.starts_with(indicator.trim_end_matches('.')) && indicator.len() >= 30,
                    "{lang} {id} {}: {indicator}",
                    index + 1
                );
            }
        }
    }
}

#[test]
fn the_indicator_names_the_communes_network_operator_as_its_questionnaire_does() {
    for (commune, operator) in [
        ("Fontaine-l'Évêque", "suit avec ORES l'avancement"),
        ("Chimay", "suit avec l'AIESH l'avancement"),
        // Couvin's operator differs from one part of the commune to another.
        (
            "Couvin",
            "suit avec votre gestionnaire de réseau de distribution (GRD) l'avancement",
        ),
    ] {
        let mut a = assessment(commune);
        // Aiming at level 3, whose text names the operator.
        a.set_choice("ene_eclairage", Some(level(1)), NOW);
        a.set_target("energie_environnement", level(2).level(), NOW);
        roadmap::refresh(framework(), &mut a, NOW);
        let pst = pst_of(&a);
        let rows = pst::rows(&pst, &words(), &sources(&a, None));
        let row = rows
            .iter()
            .find(|r| r.question_id == "ene_eclairage")
            .unwrap();
        assert!(
            row.indicator.contains(operator),
            "{commune}: {}",
            row.indicator
        );
    }
}
