//! Who can help whom: on each question, communes well ahead are matched with communes that
//! are behind and made the pillar a priority. « Nous avons l'opportunité de mettre en contact
//! les communes les unes avec les autres. »

use super::assessment::Importance;
use super::content::Framework;
use super::territory::{Commune, Territory, level_of};
use serde::Serialize;

/// Adjustable thresholds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// A commune at this level or above can share its experience.
    pub ahead_from: u8,
    /// A commune at this level or below can learn.
    pub behind_up_to: u8,
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds {
            ahead_from: 4,
            behind_up_to: 2,
        }
    }
}

/// A commune on one side of a match, with what it wrote about the question.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Party {
    pub commune: String,
    pub level: u8,
    /// The note the commune wrote into its summary for this question; empty if none.
    pub note: String,
}

/// One experienced commune and the communes it could help on one question.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Match {
    pub pillar_id: String,
    pub question_id: String,
    pub ahead: Party,
    /// Sorted from the furthest behind.
    pub behind: Vec<Party>,
    /// How much the contact would help: the sum, over the communes behind, of the level gap
    /// weighted by the importance each gave the pillar. Helping more communes ranks higher.
    pub benefit: f64,
}

/// Every match, most helpful first. Deterministic: ties follow the framework's order, then
/// commune names.
pub fn find(framework: &Framework, territory: &Territory, thresholds: Thresholds) -> Vec<Match> {
    let mut matches = Vec::new();
    for pillar in &framework.pillars {
        for question in &pillar.questions {
            // Each learner with the weight of its importance, read once rather than once per
            // commune ahead, and sorted once: each match's communes behind keep this order.
            let mut learners: Vec<(&Commune, u8, f64)> = territory
                .communes
                .iter()
                .filter(|c| c.focus.contains(&pillar.id))
                .filter_map(|c| Some((c, level_of(c, question)?)))
                .filter(|(_, level)| *level <= thresholds.behind_up_to)
                .map(|(c, level)| {
                    let importance = c.assessment.settings(&pillar.id).importance;
                    (c, level, weight(importance))
                })
                .collect();
            if learners.is_empty() {
                continue;
            }
            crate::sort::sort_by(&mut learners, |a, b| {
                a.1.cmp(&b.1).then(a.0.name.cmp(&b.0.name))
            });
            for helper in &territory.communes {
                let Some(level) = level_of(helper, question) else {
                    continue;
                };
                if level < thresholds.ahead_from {
                    continue;
                }
                let behind: Vec<(&Commune, u8, f64)> = learners
                    .iter()
                    .copied()
                    // Never matched with itself, even through two names of one commune.
                    .filter(|(learner, _, _)| learner.key != helper.key)
                    .filter(|(_, learner_level, _)| *learner_level < level)
                    .collect();
                if behind.is_empty() {
                    continue;
                }
                let benefit = behind
                    .iter()
                    .map(|(_, learner_level, learner_weight)| {
                        f64::from(level - learner_level) * learner_weight
                    })
                    .sum();
                matches.push(Match {
                    pillar_id: pillar.id.clone(),
                    question_id: question.clone(),
                    ahead: party(helper, question, level),
                    behind: behind
                        .iter()
                        .map(|(c, l, _)| party(c, question, *l))
                        .collect(),
                    benefit,
                });
            }
        }
    }
    let position = |m: &Match| framework.question_ids().position(|q| *q == m.question_id);
    crate::sort::sort_by(&mut matches, |a, b| {
        b.benefit
            .total_cmp(&a.benefit)
            .then(position(a).cmp(&position(b)))
            .then(a.ahead.commune.cmp(&b.ahead.commune))
    });
    matches
}

fn weight(importance: Importance) -> f64 {
    importance.weight()
}

fn party(commune: &Commune, question: &str, level: u8) -> Party {
    Party {
        commune: commune.name.clone(),
        level,
        note: commune.assessment.note(question).to_string(),
    }
}

/// The matches seen from one commune: what it could learn, and whom it could help.
pub fn for_commune<'a>(matches: &'a [Match], commune: &str) -> (Vec<&'a Match>, Vec<&'a Match>) {
    let learn = matches
        .iter()
        .filter(|m| m.behind.iter().any(|p| p.commune == commune))
        .collect();
    let help = matches
        .iter()
        .filter(|m| m.ahead.commune == commune)
        .collect();
    (learn, help)
}

/// What one commune could learn on one question, and from whom.
#[derive(Debug, Clone, PartialEq)]
pub struct Lesson<'a> {
    pub pillar_id: &'a str,
    pub question_id: &'a str,
    /// The learning commune's level on that question.
    pub level: u8,
    /// The communes ahead, most helpful first.
    pub teachers: Vec<&'a Party>,
}

/// One commune's matches as learner, one entry per question: a screen lists each question
/// once with everyone who could help, rather than once per experienced commune. Questions
/// come in the order of their most helpful match.
pub fn lessons_for<'a>(matches: &'a [Match], commune: &str) -> Vec<Lesson<'a>> {
    let mut lessons: Vec<Lesson<'a>> = Vec::new();
    for m in matches {
        let Some(learner) = m.behind.iter().find(|p| p.commune == commune) else {
            continue;
        };
        match lessons.iter_mut().find(|l| l.question_id == m.question_id) {
            Some(lesson) => lesson.teachers.push(&m.ahead),
            None => lessons.push(Lesson {
                pillar_id: &m.pillar_id,
                question_id: &m.question_id,
                level: learner.level,
                teachers: vec![&m.ahead],
            }),
        }
    }
    lessons
}

/// One question with every commune behind on it and every commune that can help: the
/// screen's table has one row per question instead of one sentence per experienced commune.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionContacts<'a> {
    pub pillar_id: &'a str,
    pub question_id: &'a str,
    /// Each commune once, from the furthest behind, then by name.
    pub behind: Vec<&'a Party>,
    /// Most helpful first.
    pub helpers: Vec<&'a Party>,
}

/// The matches grouped per question, questions in the order of their most helpful match.
pub fn by_question<'a>(matches: impl IntoIterator<Item = &'a Match>) -> Vec<QuestionContacts<'a>> {
    let mut rows: Vec<QuestionContacts<'a>> = Vec::new();
    // The communes already in each row (behind, helpers), sorted: with hundreds of communes,
    // scanning a row for each learner of each match took seconds.
    let mut listed: Vec<(Vec<&'a str>, Vec<&'a str>)> = Vec::new();
    for m in matches {
        let index = match rows.iter().position(|r| r.question_id == m.question_id) {
            Some(index) => index,
            None => {
                rows.push(QuestionContacts {
                    pillar_id: &m.pillar_id,
                    question_id: &m.question_id,
                    behind: Vec::new(),
                    helpers: Vec::new(),
                });
                listed.push((Vec::new(), Vec::new()));
                rows.len() - 1
            }
        };
        let (row, (behind, helpers)) = (&mut rows[index], &mut listed[index]);
        if insert_new(helpers, &m.ahead.commune) {
            row.helpers.push(&m.ahead);
        }
        for learner in &m.behind {
            if insert_new(behind, &learner.commune) {
                row.behind.push(learner);
            }
        }
    }
    for row in &mut rows {
        crate::sort::sort_by(&mut row.behind, |a, b| {
            a.level.cmp(&b.level).then(a.commune.cmp(&b.commune))
        });
    }
    rows
}

/// Adds `commune` to the sorted `communes` unless it is there already; true if added.
fn insert_new<'a>(communes: &mut Vec<&'a str>, commune: &'a str) -> bool {
    match communes.binary_search(&commune) {
        Ok(_) => false,
        Err(at) => {
            communes.insert(at, commune);
            true
        }
    }
}

/// The matches as CSV, one row per commune that could learn, ending with the contact as a
/// sentence. Decimals follow `lang`, as the spreadsheet of a reader of that language expects.
pub fn csv(matches: &[Match], texts: &CsvTexts, headers: &[&str; 9], lang: &str) -> String {
    let mut csv = super::csv::Csv::new();
    csv.row(headers);
    for m in matches {
        for learner in &m.behind {
            csv.row([
                (texts.pillar_name)(&m.pillar_id).as_str(),
                &(texts.question_title)(&m.question_id),
                &m.ahead.commune,
                &m.ahead.level.to_string(),
                &m.ahead.note,
                &learner.commune,
                &learner.level.to_string(),
                &super::format::number(m.benefit, lang, 1),
                &(texts.sentence)(m, learner),
            ]);
        }
    }
    csv.finish()
}

/// How the contacts CSV words pillars, questions and each contact, in the reader's language.
pub struct CsvTexts<'a> {
    pub pillar_name: &'a dyn Fn(&str) -> String,
    pub question_title: &'a dyn Fn(&str) -> String,
    /// One contact as a sentence: the commune ahead and one commune behind.
    pub sentence: &'a dyn Fn(&Match, &Party) -> String,
}
