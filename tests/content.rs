//! The référentiel shipped in the app is complete, consistent and short enough to answer.

use autodiag::domain::content::{self, model};

fn all_texts() -> Vec<(&'static str, content::Texts)> {
    content::languages()
        .map(|l| (l, content::full_texts(l)))
        .collect()
}

#[test]
fn shipped_content_has_no_problems() {
    let texts = all_texts();
    let borrowed: Vec<(&str, &content::Texts)> = texts.iter().map(|(l, t)| (*l, t)).collect();
    let problems = model::validate(content::framework(), &borrowed);
    assert!(
        problems.is_empty(),
        "content problems:\n{}",
        problems.join("\n")
    );
}

#[test]
fn french_and_english_are_both_embedded() {
    let languages: Vec<&str> = content::languages().collect();
    assert!(
        languages.contains(&"fr") && languages.contains(&"en"),
        "{languages:?}"
    );
}

#[test]
fn there_are_exactly_the_six_programme_pillars() {
    let ids: Vec<&str> = content::framework()
        .pillars
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "mobilite",
            "qualite_de_vie",
            "economie",
            "energie_environnement",
            "gouvernance",
            "smart_citizens"
        ]
    );
    let names: Vec<&str> = ids
        .iter()
        .map(|id| content::texts("fr").pillars[*id].name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "Mobilité",
            "Qualité de vie",
            "Économie",
            "Énergie & environnement",
            "Gouvernance",
            "Smart Citizens"
        ]
    );
}

#[test]
fn every_pillar_has_six_to_eight_questions_with_five_levels_in_every_language() {
    let framework = content::framework();
    let total = framework.question_count();
    assert!((36..=48).contains(&total), "{total} questions");
    for (lang, texts) in all_texts() {
        let texts = &texts;
        for pillar in &framework.pillars {
            assert!((6..=8).contains(&pillar.questions.len()), "{}", pillar.id);
            for question in &pillar.questions {
                let text = &texts.questions[question];
                assert_eq!(text.levels.len(), 5, "{lang} {question}");
                assert!(
                    text.levels.iter().all(|l| !l.trim().is_empty()),
                    "{lang} {question}"
                );
                assert!(!text.title.trim().is_empty() && !text.help.trim().is_empty());
            }
        }
    }
}

#[test]
fn ids_are_unique_across_the_framework() {
    let framework = content::framework();
    let mut questions: Vec<&String> = framework
        .pillars
        .iter()
        .flat_map(|p| &p.questions)
        .collect();
    let count = questions.len();
    questions.sort();
    questions.dedup();
    assert_eq!(questions.len(), count);
    let mut actions: Vec<&String> = framework.actions.iter().map(|a| &a.id).collect();
    let count = actions.len();
    actions.sort();
    actions.dedup();
    assert_eq!(actions.len(), count);
}

#[test]
fn the_french_questionnaire_reads_in_under_forty_five_minutes() {
    let words = content::texts("fr").respondent_words();
    assert!(words <= model::MAX_RESPONDENT_WORDS, "{words} words");
    // One or two sentences per level.
    for (id, question) in &content::texts("fr").questions {
        for level in &question.levels {
            let sentences = level.matches(". ").count() + 1;
            assert!(sentences <= 2, "{id}: {level}");
        }
    }
}

#[test]
fn every_question_at_every_level_below_five_has_an_action() {
    let framework = content::framework();
    for question in framework.pillars.iter().flat_map(|p| &p.questions) {
        for level in 1..5 {
            assert!(
                framework
                    .actions
                    .iter()
                    .any(|a| a.questions.contains(question) && a.fits_level(level)),
                "{question} at level {level}"
            );
        }
    }
}

#[test]
fn every_prerequisite_resolves_and_there_is_no_cycle() {
    let framework = content::framework();
    for action in &framework.actions {
        for prerequisite in &action.prerequisites {
            assert!(
                framework.action(prerequisite).is_some(),
                "{} needs {prerequisite}",
                action.id
            );
        }
    }
    assert_eq!(model::find_prerequisite_cycle(framework), None);
}

#[test]
fn the_staff_foundations_exist_in_gouvernance() {
    for id in autodiag::domain::roadmap::STAFF_FOUNDATIONS {
        let action = content::framework()
            .action(id)
            .unwrap_or_else(|| panic!("{id}"));
        assert_eq!(action.pillar, "gouvernance");
    }
}

// The checks themselves must catch broken content, or the tests above prove nothing.

fn broken_copy() -> (model::Framework, model::Texts) {
    (content::framework().clone(), content::full_texts("fr"))
}

#[test]
fn validation_reports_a_missing_level_text() {
    let (framework, mut texts) = broken_copy();
    let question = framework.pillars[0].questions[0].clone();
    texts.questions.get_mut(&question).unwrap().levels.pop();
    let problems = model::validate(&framework, &[("fr", &texts)]);
    assert!(
        problems
            .iter()
            .any(|p| p.contains(&question) && p.contains("5 non-empty levels")),
        "{problems:?}"
    );
}

#[test]
fn validation_reports_a_missing_translation_of_an_action() {
    let (framework, mut texts) = broken_copy();
    let action = framework.actions[0].id.clone();
    texts.actions.remove(&action);
    let problems = model::validate(&framework, &[("fr", &texts)]);
    assert!(problems.iter().any(|p| p.contains(&action)), "{problems:?}");
}

#[test]
fn validation_reports_an_uncovered_level_and_a_cycle() {
    let (mut framework, texts) = broken_copy();
    let question = framework.pillars[1].questions[2].clone();
    framework
        .actions
        .retain(|a| !a.questions.contains(&question));
    let problems = model::validate(&framework, &[("fr", &texts)]);
    assert!(
        problems
            .iter()
            .any(|p| p.contains(&format!("no action for question {question} at level 1"))),
        "{problems:?}"
    );

    let (mut framework, _) = broken_copy();
    let first = framework.actions[0].id.clone();
    let second = framework.actions[1].id.clone();
    framework.actions[0].prerequisites = vec![second.clone()];
    framework.actions[1].prerequisites = vec![first.clone()];
    assert!(model::find_prerequisite_cycle(&framework).is_some());
}

#[test]
fn validation_reports_a_pillar_with_too_few_questions() {
    let (mut framework, texts) = broken_copy();
    framework.pillars[0].questions.truncate(5);
    let problems = model::validate(&framework, &[("fr", &texts)]);
    assert!(
        problems
            .iter()
            .any(|p| p.contains("5 questions, expected 6 to 8")),
        "{problems:?}"
    );
}
