//! The assembled référentiel: structure (language-neutral) and texts (one set per language).
//!
//! `build.rs` includes this file too, to assemble and check `content/` at build time, so it
//! depends on nothing but `std` and `serde`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The language-neutral structure: pillars, their questions, and the action catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Framework {
    pub id: String,
    pub version: String,
    pub pillars: Vec<Pillar>,
    pub actions: Vec<Action>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pillar {
    pub id: String,
    /// Question ids, in display order.
    pub questions: Vec<String>,
}

/// One entry of the action catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub id: String,
    #[serde(default)]
    pub pillar: String,
    /// Questions of the same pillar that the action improves.
    pub questions: Vec<String>,
    /// The action fits a commune answering from level `from` up to `to - 1`…
    pub from: u8,
    /// …and brings it to level `to`.
    pub to: u8,
    pub horizon: Horizon,
    pub effort: Effort,
    pub cost: CostBand,
    /// 1 modest, 2 clear, 3 strong.
    pub impact: u8,
    pub kind: ActionKind,
    pub pooled: bool,
    #[serde(default)]
    pub prerequisites: Vec<String>,
}

impl Action {
    /// Whether the action fits a commune currently at `level` on one of its questions.
    pub fn fits_level(&self, level: u8) -> bool {
        self.from <= level && level < self.to
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Horizon {
    /// 0–12 months.
    Short,
    /// 1–3 years.
    Medium,
    /// 3 years and more.
    Long,
}

impl Horizon {
    pub const ALL: [Horizon; 3] = [Horizon::Short, Horizon::Medium, Horizon::Long];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Effort {
    Low,
    Medium,
    High,
}

impl Effort {
    /// Divisor used when ordering actions: cheap actions first at equal benefit.
    pub fn weight(self) -> u32 {
        match self {
            Effort::Low => 1,
            Effort::Medium => 2,
            Effort::High => 3,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CostBand {
    None,
    Low,
    Medium,
    High,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    QuickWin,
    Foundation,
    Project,
}

/// Everything a respondent reads, in one language.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Texts {
    pub scale: Scale,
    pub pillars: BTreeMap<String, PillarText>,
    pub questions: BTreeMap<String, QuestionText>,
    pub actions: BTreeMap<String, ActionText>,
}

/// The five named maturity levels, shared by every question.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    /// Level names, from level 1 to level 5.
    pub names: Vec<String>,
    /// What a pillar score in each band means, from band 1 to band 5.
    pub bands: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PillarText {
    pub name: String,
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionText {
    pub id: String,
    pub title: String,
    pub help: String,
    /// Observable descriptions of levels 1 to 5.
    pub levels: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionText {
    pub title: String,
    pub first_step: String,
}

/// Limits that keep the questionnaire under 45 minutes.
pub const QUESTIONS_PER_PILLAR: std::ops::RangeInclusive<usize> = 6..=8;
pub const MAX_RESPONDENT_WORDS: usize = 8_000;
pub const MAX_LEVEL_WORDS: usize = 40;

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

impl Texts {
    /// Words a respondent reads when completing the questionnaire.
    pub fn respondent_words(&self) -> usize {
        let pillars: usize = self
            .pillars
            .values()
            .map(|p| word_count(&p.name) + word_count(&p.summary))
            .sum();
        let questions: usize = self
            .questions
            .values()
            .map(|q| {
                word_count(&q.title)
                    + word_count(&q.help)
                    + q.levels.iter().map(|l| word_count(l)).sum::<usize>()
            })
            .sum();
        pillars + questions
    }
}

/// Every problem found in the content, as sentences naming the file to fix.
/// An empty list means the content is complete and consistent.
pub fn validate(framework: &Framework, languages: &[(&str, &Texts)]) -> Vec<String> {
    let mut problems = Vec::new();
    check_structure(framework, &mut problems);
    for (lang, texts) in languages {
        check_texts(framework, lang, texts, &mut problems);
    }
    problems
}

fn check_structure(framework: &Framework, problems: &mut Vec<String>) {
    let mut question_ids = std::collections::BTreeSet::new();
    let mut question_pillar = BTreeMap::new();
    for pillar in &framework.pillars {
        if !QUESTIONS_PER_PILLAR.contains(&pillar.questions.len()) {
            problems.push(format!(
                "pillar {}: {} questions, expected 6 to 8",
                pillar.id,
                pillar.questions.len()
            ));
        }
        for question in &pillar.questions {
            if !is_valid_id(question) {
                problems.push(format!(
                    "question id {question:?} must be lowercase snake_case"
                ));
            }
            if !question_ids.insert(question.as_str()) {
                problems.push(format!("question id {question} is used twice"));
            }
            question_pillar.insert(question.as_str(), pillar.id.as_str());
        }
    }
    let mut action_ids = std::collections::BTreeSet::new();
    for action in &framework.actions {
        if !action_ids.insert(action.id.as_str()) {
            problems.push(format!("action id {} is used twice", action.id));
        }
    }
    for action in &framework.actions {
        let where_ = format!(
            "content/actions/{}.toml, action {}",
            action.pillar, action.id
        );
        if !is_valid_id(&action.id) {
            problems.push(format!("{where_}: id must be lowercase snake_case"));
        }
        if !(1 <= action.from && action.from < action.to && action.to <= 5) {
            problems.push(format!("{where_}: need 1 <= from < to <= 5"));
        }
        if !(1..=3).contains(&action.impact) {
            problems.push(format!("{where_}: impact must be 1, 2 or 3"));
        }
        if action.questions.is_empty() {
            problems.push(format!("{where_}: names no question"));
        }
        for question in &action.questions {
            match question_pillar.get(question.as_str()) {
                None => problems.push(format!("{where_}: unknown question {question}")),
                Some(pillar) if *pillar != action.pillar => problems.push(format!(
                    "{where_}: question {question} belongs to pillar {pillar}"
                )),
                Some(_) => {}
            }
        }
        for prerequisite in &action.prerequisites {
            if !action_ids.contains(prerequisite.as_str()) {
                problems.push(format!("{where_}: unknown prerequisite {prerequisite}"));
            }
        }
    }
    for pillar in &framework.pillars {
        for question in &pillar.questions {
            for level in 1..5 {
                let covered = framework
                    .actions
                    .iter()
                    .any(|a| a.questions.contains(question) && a.fits_level(level));
                if !covered {
                    problems.push(format!(
                        "content/actions/{}.toml: no action for question {question} at level {level}",
                        pillar.id
                    ));
                }
            }
        }
    }
    if let Some(cycle) = find_prerequisite_cycle(framework) {
        problems.push(format!("prerequisite cycle: {}", cycle.join(" -> ")));
    }
}

fn check_texts(framework: &Framework, lang: &str, texts: &Texts, problems: &mut Vec<String>) {
    if texts.scale.names.len() != 5 || texts.scale.names.iter().any(|n| n.trim().is_empty()) {
        problems.push(format!("content/{lang}/scale.toml: needs 5 level names"));
    }
    if texts.scale.bands.len() != 5 || texts.scale.bands.iter().any(|b| b.trim().is_empty()) {
        problems.push(format!("content/{lang}/scale.toml: needs 5 band meanings"));
    }
    for pillar in &framework.pillars {
        let file = format!("content/{lang}/{}.toml", pillar.id);
        match texts.pillars.get(&pillar.id) {
            Some(text) if !text.name.trim().is_empty() && !text.summary.trim().is_empty() => {}
            _ => problems.push(format!("{file}: needs a name and a summary")),
        }
        for question in &pillar.questions {
            let Some(text) = texts.questions.get(question) else {
                problems.push(format!("{file}: question {question} is missing"));
                continue;
            };
            if text.title.trim().is_empty() || text.help.trim().is_empty() {
                problems.push(format!(
                    "{file}: question {question} needs a title and a help"
                ));
            }
            if text.levels.len() != 5 || text.levels.iter().any(|l| l.trim().is_empty()) {
                problems.push(format!(
                    "{file}: question {question} needs 5 non-empty levels"
                ));
            }
            for (index, level) in text.levels.iter().enumerate() {
                if word_count(level) > MAX_LEVEL_WORDS {
                    problems.push(format!(
                        "{file}: question {question}, level {} is over {MAX_LEVEL_WORDS} words",
                        index + 1
                    ));
                }
            }
        }
    }
    let known_questions: std::collections::BTreeSet<&str> = framework
        .pillars
        .iter()
        .flat_map(|p| p.questions.iter().map(String::as_str))
        .collect();
    for question in texts.questions.keys() {
        if !known_questions.contains(question.as_str()) {
            problems.push(format!(
                "content/{lang}: question {question} is not in the framework"
            ));
        }
    }
    for action in &framework.actions {
        let file = format!("content/{lang}/{}.toml", action.pillar);
        match texts.actions.get(&action.id) {
            Some(text) if !text.title.trim().is_empty() && !text.first_step.trim().is_empty() => {}
            _ => problems.push(format!(
                "{file}: action {} needs a title and a first_step",
                action.id
            )),
        }
    }
    for action in texts.actions.keys() {
        if !framework.actions.iter().any(|a| &a.id == action) {
            problems.push(format!("content/{lang}: text for unknown action {action}"));
        }
    }
}

fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some('a'..='z'))
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// The first prerequisite cycle found, as a path of action ids, if any.
pub fn find_prerequisite_cycle(framework: &Framework) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let index: BTreeMap<&str, &Action> = framework
        .actions
        .iter()
        .map(|a| (a.id.as_str(), a))
        .collect();
    let mut marks: BTreeMap<&str, Mark> = index.keys().map(|id| (*id, Mark::New)).collect();

    fn visit<'a>(
        id: &'a str,
        index: &BTreeMap<&'a str, &'a Action>,
        marks: &mut BTreeMap<&'a str, Mark>,
        path: &mut Vec<String>,
    ) -> bool {
        match marks.get(id) {
            Some(Mark::Done) | None => return false,
            Some(Mark::Open) => {
                path.push(id.to_string());
                return true;
            }
            Some(Mark::New) => {}
        }
        marks.insert(id, Mark::Open);
        path.push(id.to_string());
        for prerequisite in &index[id].prerequisites {
            if visit(prerequisite, index, marks, path) {
                return true;
            }
        }
        path.pop();
        marks.insert(id, Mark::Done);
        false
    }

    let ids: Vec<&str> = index.keys().copied().collect();
    for id in ids {
        let mut path = Vec::new();
        if visit(id, &index, &mut marks, &mut path) {
            return Some(path);
        }
    }
    None
}
