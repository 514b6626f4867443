//! The assembled référentiel: structure (language-neutral) and texts (one set per language).
//!
//! `build.rs` includes this file too, to assemble and check `content/` at build time, so it
//! depends on nothing but `std` and `serde`.

use litemap::LiteMap;
use serde::{Deserialize, Serialize};

/// Serde for a `LiteMap` field that is a JSON object, even when empty: `LiteMap`'s own
/// serialisation writes an empty map as `[]`. Fields use it with `#[serde(with = …)]`.
pub mod json_object {
    use litemap::LiteMap;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<K: Serialize, V: Serialize, S: Serializer>(
        map: &LiteMap<K, V>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_map(map.iter())
    }

    pub fn deserialize<'de, K, V, D>(deserializer: D) -> Result<LiteMap<K, V>, D::Error>
    where
        K: Deserialize<'de> + Ord,
        V: Deserialize<'de>,
        D: Deserializer<'de>,
    {
        LiteMap::deserialize(deserializer)
    }
}

/// The names of a legal duty's levels up to its minimum, in the reader's language.
#[derive(Debug, Clone, Copy)]
pub struct LegalLevelNames<'a> {
    /// « Sous le minimum légal »: the commune is not in compliance.
    pub below: &'a str,
    /// « Minimum légal »: the level the law requires, whole.
    pub at: &'a str,
}

/// The language-neutral structure: pillars, their questions, and the action catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Framework {
    pub id: String,
    pub version: String,
    /// The earliest version whose territorial reference is read for this one: from it on, a
    /// question whose meaning changes gets a new id.
    #[serde(default)]
    pub references_from: String,
    pub pillars: Vec<Pillar>,
    /// Who answers each question and, for legal duties, the level the law requires.
    #[serde(with = "json_object")]
    pub questions: LiteMap<String, QuestionInfo>,
    /// The action catalogue: read from its own file (see `content::framework`), never with
    /// the rest, so the questionnaire's wasm carries no code to read actions.
    #[serde(skip)]
    pub actions: Vec<Action>,
    /// How answers to questions that were renamed, split or removed carry over.
    #[serde(default)]
    pub migrations: Vec<Migration>,
    /// Which current action takes the place of an earlier référentiel's action in a saved
    /// roadmap. Loaded with the action catalogue, which only the tools bundle carries.
    #[serde(skip)]
    pub action_migrations: Vec<ActionMigration>,
    /// Actions retired without a successor, for the roadmap screens (feature `actions`).
    #[serde(skip)]
    pub retired_actions: Vec<RetiredAction>,
    /// The communes of the territory and their electricity distribution system operator.
    #[serde(default)]
    pub communes: Vec<Commune>,
}

/// The language-neutral facts about one question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionInfo {
    /// Key of the service best placed to answer (`services` in `scale.toml`).
    pub respondent: String,
    /// For a legal duty: the lowest level at which the commune complies with the law.
    /// Levels below it are non-compliance, never a maturity stage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_minimum: Option<u8>,
    /// A legal duty that binds only some communes (those with a building the law names, say),
    /// so that « Non applicable » is a true answer; on any other duty it is not offered.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub conditional_duty: bool,
}

/// An answer to an old question id that carries over to the current framework.
/// Where a migration's note names the earlier answer; the answer in words replaces it when the
/// note is written into a question's.
pub const EARLIER_ANSWER: &str = "niveau {level}";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Migration {
    /// The question id that no longer exists.
    pub from: String,
    /// The current questions that take over its subject.
    pub to: Vec<String>,
    /// The level still means the same on the (single) new question: move it there.
    /// Otherwise the old answer is set aside and a note on each new question recalls it.
    #[serde(default)]
    pub keep_level: bool,
    /// Recalls the old answer in the notes, in the reference language; `{level}` is replaced.
    #[serde(default)]
    pub note: String,
}

/// An action an earlier référentiel had, and the current action that does the same thing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionMigration {
    pub from: String,
    pub to: String,
}

/// An action an earlier référentiel had and retired without a successor: its last title in
/// each language, so that a roadmap saved then still says what the item was.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetiredAction {
    pub id: String,
    pub titles: LiteMap<String, String>,
}

/// One commune of the territory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Commune {
    pub name: String,
    /// Key of its electricity distribution system operator (`grd` in `scale.toml`), if it is
    /// known for the whole commune.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grd: Option<String>,
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
    /// Who starts it on the commune's side.
    pub owner: Owner,
    /// Set when the action only suits small or only large communes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<PopulationFit>,
    #[serde(default)]
    pub prerequisites: Vec<String>,
}

/// Who starts an action, and so who must hold the power to do it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Owner {
    /// The collège communal: awards contracts, assigns staff, decides day to day.
    College,
    /// The conseil communal: votes the budget, adopts plans and regulations.
    Conseil,
    /// The bourgmestre: administrative police, emergency planning.
    Bourgmestre,
    /// The directeur général: organises the services.
    Dg,
    /// The référent numérique, once designated.
    Referent,
    /// The data protection officer, once designated.
    Dpo,
    /// An agent the directeur général names.
    Agent,
}

impl Owner {
    pub const ALL: [Owner; 7] = [
        Owner::College,
        Owner::Conseil,
        Owner::Bourgmestre,
        Owner::Dg,
        Owner::Referent,
        Owner::Dpo,
        Owner::Agent,
    ];

    /// How the French first step of an action with this owner begins.
    pub fn french_opening(self) -> &'static str {
        match self {
            Owner::College => "Le collège",
            Owner::Conseil => "Le conseil communal",
            Owner::Bourgmestre => "Le bourgmestre",
            Owner::Dg => "Le directeur général",
            Owner::Referent => "Le référent numérique",
            Owner::Dpo => "Le DPO",
            Owner::Agent => "",
        }
    }
}

/// Communes an action suits, when not every commune.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PopulationFit {
    /// Under 10,000 inhabitants: the light or pooled way.
    Small,
    /// Under 20,000 inhabitants: planned with neighbours, as an intercommunal mobility plan is.
    #[serde(rename = "under_20000")]
    Under20000,
    /// Over 20,000 inhabitants: needs a team or a system of the commune's own.
    Large,
}

impl Action {
    /// Whether the action fits a commune currently at `level` on one of its questions.
    pub fn fits_level(&self, level: u8) -> bool {
        self.from <= level && level < self.to
    }

    /// Whether a commune with no digital staff can start it next month: short, cheap, and
    /// (checked on its text) neither a purchase nor a study.
    pub fn is_startable(&self) -> bool {
        self.horizon == Horizon::Short && matches!(self.cost, CostBand::None | CostBand::Low)
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

    /// The value of this horizon in a form control and in test hooks.
    pub fn form_value(self) -> &'static str {
        match self {
            Horizon::Short => "short",
            Horizon::Medium => "medium",
            Horizon::Long => "long",
        }
    }

    /// Reads a form control's value back.
    pub fn from_form_value(value: &str) -> Option<Horizon> {
        Horizon::ALL.into_iter().find(|h| h.form_value() == value)
    }
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

/// The part of a commune's PST (programme stratégique transversal) a question belongs to: the
/// volet interne is the administration itself (its organisation, staff, data, tools,
/// buildings and vehicles), the volet externe the commune's policies for its territory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Volet {
    Interne,
    Externe,
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
    #[serde(with = "json_object")]
    pub pillars: LiteMap<String, PillarText>,
    #[serde(with = "json_object")]
    pub questions: LiteMap<String, QuestionText>,
    #[serde(with = "json_object")]
    pub actions: LiteMap<String, ActionText>,
}

/// The five named maturity levels, shared by every question.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    /// Level names, from level 1 to level 5.
    pub names: Vec<String>,
    /// How to choose when only part of a level is true; shown on every question page.
    pub rule: String,
    /// What a pillar score in each band means, from band 1 to band 5.
    pub bands: Vec<String>,
    /// Names of the services that answer questions, by key.
    #[serde(with = "json_object")]
    pub services: LiteMap<String, String>,
    /// How texts name each electricity distribution system operator (`{grd}`), by key; the
    /// key `unknown` names it when the commune's operator is not known.
    #[serde(with = "json_object")]
    pub grd: LiteMap<String, String>,
    /// Acronyms and what they stand for. The build writes the meaning after each acronym's
    /// first use on a pillar's page and in its actions, so the app carries no glossary.
    #[serde(with = "json_object", default, skip_serializing)]
    pub glossary: LiteMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PillarText {
    pub name: String,
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionText {
    /// Read from `content/`; in the JSON files it is the member's name, written once.
    #[serde(skip_serializing)]
    pub id: String,
    pub title: String,
    pub help: String,
    /// For a legal duty: the law, in a short sentence with its reference.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub legal_basis: String,
    /// Observable descriptions of levels 1 to 5.
    pub levels: Vec<String>,
}

/// Written in `content/` with its field names, and in the JSON files as `[title, first_step]`:
/// 170 actions need not repeat the two names.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionText {
    pub title: String,
    pub first_step: String,
}

impl Serialize for ActionText {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (&self.title, &self.first_step).serialize(serializer)
    }
}

/// The reference language: its files define which questions exist and in what order.
pub const REFERENCE_LANGUAGE: &str = "fr";

/// A year that can end a name which starts with an acronym, as in « FAST 2030 »: the build
/// writes the acronym's meaning after it, and the word count takes it out from there.
pub fn is_year(word: &str) -> bool {
    word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit())
}

/// A level's text without the meanings the build writes after acronyms (« UREBA (…) »,
/// « (… CPAS […]) »):
/// explaining a term must not push a level over its length limit.
#[allow(
    clippy::string_slice,
    reason = "run by the build on checked content, never in a bundle"
)]
pub fn without_acronym_meanings(text: &str) -> String {
    let is_acronym = |word: &str| word.chars().filter(char::is_ascii_uppercase).count() >= 2;
    let mut result = String::with_capacity(text.len());
    let mut rest = text;
    // The build writes « ACR (meaning) », and « ACR [meaning] » inside parentheses.
    while let Some(open) = rest.find(' ') {
        let before = &rest[..open];
        let last_word = |text: &str| {
            text.rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or_default()
                .to_string()
        };
        let mut word = last_word(before);
        // « FAST 2030 (meaning) »: the year is part of the name the meaning follows, and the
        // words before it are already in `result`.
        if is_year(&word)
            && before.len() == word.len()
            && let Some(name) = result.strip_suffix(' ')
        {
            word = last_word(name);
        }
        let tail = &rest[open..];
        let close = if tail.starts_with(" (") {
            tail.find(')')
        } else if tail.starts_with(" [") {
            tail.find(']')
        } else {
            None
        };
        match close {
            Some(close) if is_acronym(&word) => {
                result.push_str(before);
                rest = &rest[open + close + 1..];
            }
            _ => {
                result.push_str(&rest[..open + 1]);
                rest = &rest[open + 1..];
            }
        }
    }
    result.push_str(rest);
    result
}

/// Limits that keep the questionnaire under 45 minutes.
pub const QUESTIONS_PER_PILLAR: std::ops::RangeInclusive<usize> = 6..=8;
pub const MAX_RESPONDENT_WORDS: usize = 8_000;
pub const MAX_LEVEL_WORDS: usize = 30;
/// An action moves a question at most this many levels: a bigger jump is several actions.
pub const MAX_ACTION_SPAN: u8 = 2;
/// At most this many level-5 texts may speak of other communes: level 5 is specific to each
/// question, not a template.
pub const MAX_SHARED_LEVEL_FIVE: usize = 6;
/// The placeholder for the commune's electricity distribution system operator.
pub const GRD_PLACEHOLDER: &str = "{grd}";

pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Accessors that never panic: texts fetched at run time may come from another release (an old
/// cache), so a missing entry shows its id or nothing rather than crashing the page.
impl Texts {
    /// The pillar's name, or its id.
    pub fn pillar_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.pillars.get(id).map_or(id, |p| p.name.as_str())
    }

    /// The question's title, or its id: a file from another référentiel may name a question
    /// this one no longer asks.
    pub fn question_title<'a>(&'a self, id: &'a str) -> &'a str {
        self.questions.get(id).map_or(id, |q| q.title.as_str())
    }

    /// The pillar's one-sentence summary, or nothing.
    pub fn pillar_summary(&self, id: &str) -> &str {
        self.pillars.get(id).map_or("", |p| p.summary.as_str())
    }

    /// The name of the level at `index` (0 for level 1), or nothing.
    pub fn level_name_at(&self, index: usize) -> &str {
        self.scale.names.get(index).map_or("", String::as_str)
    }

    /// What a pillar score in the band at `index` (0 for band 1) means, or nothing.
    pub fn band_meaning_at(&self, index: usize) -> &str {
        self.scale.bands.get(index).map_or("", String::as_str)
    }

    /// The question's texts, or its id as title and empty levels.
    pub fn question<'a>(&'a self, id: &str) -> std::borrow::Cow<'a, QuestionText> {
        match self.questions.get(id) {
            Some(text) => std::borrow::Cow::Borrowed(text),
            None => std::borrow::Cow::Owned(QuestionText {
                id: id.to_string(),
                title: id.to_string(),
                levels: vec![String::new(); 5],
                ..QuestionText::default()
            }),
        }
    }
}

impl QuestionText {
    /// The description of the level at `index` (0 for level 1), or nothing.
    pub fn level_at(&self, index: usize) -> &str {
        self.levels.get(index).map_or("", String::as_str)
    }
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
                    + word_count(&q.legal_basis)
                    + q.levels.iter().map(|l| word_count(l)).sum::<usize>()
            })
            .sum();
        let scale = word_count(&self.scale.rule)
            + self
                .scale
                .names
                .iter()
                .map(|n| word_count(n))
                .sum::<usize>();
        pillars + questions + scale
    }
}

/// Every problem found in the content, as sentences naming the file to fix.
/// An empty list means the content is complete and consistent.
pub fn validate(framework: &Framework, languages: &[(&str, &Texts)]) -> Vec<String> {
    let mut problems = Vec::new();
    check_structure(framework, &mut problems);
    check_questions(framework, &mut problems);
    check_migrations(framework, &mut problems);
    for (lang, texts) in languages {
        check_texts(framework, lang, texts, &mut problems);
        check_retired_titles(framework, lang, &mut problems);
        if *lang == REFERENCE_LANGUAGE {
            check_french(framework, texts, &mut problems);
        }
    }
    if let Some((_, french)) = languages.iter().find(|(l, _)| *l == REFERENCE_LANGUAGE) {
        for (lang, texts) in languages.iter().filter(|(l, _)| *l != REFERENCE_LANGUAGE) {
            check_translated(framework, lang, texts, french, &mut problems);
        }
    }
    problems
}

/// A text pasted from French and left untranslated: the check for a missing text passes it.
/// Names alone (« BE-Alert », « POLLEC ») are the same in every language: only texts of more
/// than three words count.
fn check_translated(
    framework: &Framework,
    lang: &str,
    texts: &Texts,
    french: &Texts,
    problems: &mut Vec<String>,
) {
    let same = |a: &str, b: &str| a == b && word_count(a) > 3;
    for pillar in &framework.pillars {
        let file = format!("content/{lang}/{}.toml", pillar.id);
        for question in &pillar.questions {
            let (Some(text), Some(fr)) = (
                texts.questions.get(question),
                french.questions.get(question),
            ) else {
                continue;
            };
            let pairs = [(&text.title, &fr.title), (&text.help, &fr.help)]
                .into_iter()
                .chain(text.levels.iter().zip(&fr.levels));
            if pairs.into_iter().any(|(a, b)| same(a, b)) {
                problems.push(format!(
                    "{file}, question {question}: a text is still the French one: translate it"
                ));
            }
        }
    }
    for action in &framework.actions {
        let (Some(text), Some(fr)) = (
            texts.actions.get(&action.id),
            french.actions.get(&action.id),
        ) else {
            continue;
        };
        if same(&text.title, &fr.title) || same(&text.first_step, &fr.first_step) {
            problems.push(format!(
                "content/{lang}/{}.toml, action {}: a text is still the French one: translate it",
                action.pillar, action.id
            ));
        }
    }
}

/// The action that designates the référent numérique; actions the référent starts need it first.
pub const REFERENT_ACTION: &str = "gou_referent_designer";
/// The action that designates the DPO; actions the DPO starts need it first.
pub const DPO_ACTION: &str = "gou_dpo_designer";

/// Words that make a first step a purchase or a study, which a commune cannot start next month.
const NOT_STARTABLE_WORDS: [&str; 7] = [
    "achète",
    "acheter",
    "achat",
    "commande",
    "commander",
    "étude",
    "étudier",
];

/// Roles a small commune often lacks: a first step opening with one must say who acts
/// otherwise, with « à défaut ».
const ROLES_SMALL_COMMUNES_LACK: [&str; 5] = [
    "Le webmaster",
    "Le responsable communication",
    "L'éco-conseiller",
    "L'ADL",
    "Le conseiller en mobilité",
];

/// What IGRETEC documents that it offers communes; a first step naming IGRETEC asks for one.
const IGRETEC_OFFER: [&str; 4] = [
    "accompagnement",
    "POLLEC",
    "parc d'activités",
    "parcs d'activités",
];

fn has_word(text: &str, word: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .any(|w| w == word || w.to_lowercase() == word)
}

/// The words content never uses (content/README.md): any word that starts with « courriel » or
/// « inspire » (« courriels », « inspirent »), and « ORES » as a word.
pub(crate) fn banned_word(text: &str) -> Option<&'static str> {
    text.split(|c: char| !c.is_alphanumeric()).find_map(|w| {
        let lower = w.to_lowercase();
        if lower.starts_with("courriel") {
            Some("courriel")
        } else if lower.starts_with("inspire") {
            Some("inspire")
        } else {
            (w == "ORES").then_some("ORES")
        }
    })
}

/// Whether the action's French first step is something to do, not something to buy or study.
pub fn first_step_is_startable(first_step: &str) -> bool {
    !NOT_STARTABLE_WORDS.iter().any(|w| has_word(first_step, w))
}

/// Every action that must be done before `id`, directly or through another prerequisite.
pub fn upstream<'a>(framework: &'a Framework, id: &str) -> std::collections::BTreeSet<&'a str> {
    let mut found = std::collections::BTreeSet::new();
    let mut queue: Vec<&str> = framework
        .action(id)
        .map(|a| a.prerequisites.iter().map(String::as_str).collect())
        .unwrap_or_default();
    while let Some(next) = queue.pop() {
        if let Some(action) = framework.actions.iter().find(|a| a.id == next)
            && found.insert(action.id.as_str())
        {
            queue.extend(action.prerequisites.iter().map(String::as_str));
        }
    }
    found
}

fn check_questions(framework: &Framework, problems: &mut Vec<String>) {
    for pillar in &framework.pillars {
        for question in &pillar.questions {
            let file = format!("content/actions/{}.toml", pillar.id);
            match framework.questions.get(question) {
                None => problems.push(format!(
                    "{file}: question {question} needs a [[questions]] entry with its respondent"
                )),
                Some(info) => {
                    if info.legal_minimum.is_some_and(|m| !(2..=5).contains(&m)) {
                        problems.push(format!(
                            "{file}: question {question}: legal_minimum must be 2 to 5"
                        ));
                    }
                    if info.conditional_duty && info.legal_minimum.is_none() {
                        problems.push(format!(
                            "{file}: question {question}: conditional_duty goes with a legal_minimum"
                        ));
                    }
                }
            }
        }
    }
    for question in framework.questions.keys() {
        if !framework.has_question(question) {
            problems.push(format!(
                "content/actions: [[questions]] entry {question} is not a question of content/fr/"
            ));
        }
    }
    for action in &framework.actions {
        let where_ = format!(
            "content/actions/{}.toml, action {}",
            action.pillar, action.id
        );
        if action.to.saturating_sub(action.from) > MAX_ACTION_SPAN {
            problems.push(format!(
                "{where_}: moves {} levels; at most {MAX_ACTION_SPAN}, split it into steps",
                action.to.saturating_sub(action.from)
            ));
        }
        for (owner, designation) in [(Owner::Referent, REFERENT_ACTION), (Owner::Dpo, DPO_ACTION)] {
            if action.owner == owner
                && action.id != designation
                && !upstream(framework, &action.id).contains(designation)
            {
                problems.push(format!(
                    "{where_}: its owner must first be designated: add {designation} to its prerequisites"
                ));
            }
        }
    }
}

fn check_migrations(framework: &Framework, problems: &mut Vec<String>) {
    for migration in &framework.migrations {
        let where_ = format!("content/migrations.toml, from {}", migration.from);
        if framework.has_question(&migration.from) {
            problems.push(format!("{where_}: that question still exists"));
        }
        if migration.to.is_empty() {
            problems.push(format!("{where_}: names no new question"));
        }
        for question in &migration.to {
            if !framework.has_question(question) {
                problems.push(format!("{where_}: unknown question {question}"));
            }
        }
        if migration.keep_level && migration.to.len() != 1 {
            problems.push(format!(
                "{where_}: keep_level needs exactly one new question"
            ));
        }
        if !migration.keep_level && !migration.note.contains(EARLIER_ANSWER) {
            problems.push(format!(
                "{where_}: needs a note that recalls the old answer with « niveau {{level}} »"
            ));
        }
    }
    for migration in &framework.action_migrations {
        let where_ = format!("content/migrations.toml, action {}", migration.from);
        if framework.action(&migration.from).is_some() {
            problems.push(format!("{where_}: that action still exists"));
        }
        if framework.action(&migration.to).is_none() {
            problems.push(format!("{where_}: unknown action {}", migration.to));
        }
    }
    for (index, retired) in framework.retired_actions.iter().enumerate() {
        let where_ = format!("content/migrations.toml, retired action {}", retired.id);
        let successor = framework
            .action_migrations
            .iter()
            .any(|m| m.from == retired.id);
        if framework.action(&retired.id).is_some() || successor {
            problems.push(format!(
                "{where_}: that action still exists or has a successor"
            ));
        }
        if framework.retired_actions[..index]
            .iter()
            .any(|earlier| earlier.id == retired.id)
        {
            problems.push(format!("{where_}: listed twice"));
        }
    }
}

/// A retired action's title in each language of the texts: a saved roadmap names it in any.
fn check_retired_titles(framework: &Framework, lang: &str, problems: &mut Vec<String>) {
    for retired in &framework.retired_actions {
        if retired
            .titles
            .get(lang)
            .is_none_or(|title| title.trim().is_empty())
        {
            problems.push(format!(
                "content/migrations.toml, retired action {}: no title in {lang}",
                retired.id
            ));
        }
    }
}

/// Checks on the French texts that carry the rules a directeur général would check.
fn check_french(framework: &Framework, texts: &Texts, problems: &mut Vec<String>) {
    let lang = REFERENCE_LANGUAGE;
    let mut shared_level_five = 0;
    for pillar in &framework.pillars {
        let file = format!("content/{lang}/{}.toml", pillar.id);
        for question in &pillar.questions {
            let Some(text) = texts.questions.get(question) else {
                continue;
            };
            let all = format!(
                "{} {} {} {}",
                text.title,
                text.help,
                text.legal_basis,
                text.levels.join(" ")
            );
            if let Some(word) = banned_word(&all) {
                problems.push(format!(
                    "{file}: question {question} says « {word} » (see content/README.md)"
                ));
            }
            if text
                .levels
                .get(4)
                .is_some_and(|l| l.contains("autres communes") || l.contains("communes voisines"))
            {
                shared_level_five += 1;
            }
            for level in 1..5 {
                let startable = framework.actions.iter().any(|a| {
                    a.questions.contains(question)
                        && a.fits_level(level)
                        && a.is_startable()
                        && texts
                            .actions
                            .get(&a.id)
                            .is_some_and(|t| first_step_is_startable(&t.first_step))
                });
                if !startable {
                    problems.push(format!(
                        "content/actions/{}.toml: question {question} at level {level} has no \
                         action a commune can start next month (short horizon, cost none or low, \
                         no purchase or study in its first step)",
                        pillar.id
                    ));
                }
            }
        }
    }
    if shared_level_five > MAX_SHARED_LEVEL_FIVE {
        problems.push(format!(
            "content/{lang}: {shared_level_five} level-5 texts speak of other communes; at most \
             {MAX_SHARED_LEVEL_FIVE}: make level 5 specific to each question"
        ));
    }
    for action in &framework.actions {
        let Some(text) = texts.actions.get(&action.id) else {
            continue;
        };
        let where_ = format!(
            "content/{lang}/{}.toml, action {}",
            action.pillar, action.id
        );
        let step = &text.first_step;
        let opening = action.owner.french_opening();
        if !opening.is_empty() && !step.starts_with(opening) {
            problems.push(format!(
                "{where_}: first_step must start with « {opening} »"
            ));
        }
        if action.owner == Owner::Agent && !step.contains("désigné") {
            problems.push(format!(
                "{where_}: owner agent: say who designates the agent (« désigné par le directeur général »)"
            ));
        }
        if ROLES_SMALL_COMMUNES_LACK
            .iter()
            .any(|r| step.starts_with(r))
            && !step.contains("à défaut")
        {
            problems.push(format!(
                "{where_}: starts with a role a small commune may lack; say who acts « à défaut »"
            ));
        }
        if step.contains("IGRETEC") && !IGRETEC_OFFER.iter().any(|o| step.contains(o)) {
            problems.push(format!(
                "{where_}: names IGRETEC for something outside its documented offer \
                 (accompagnement, POLLEC, parcs d'activités)"
            ));
        }
        if let Some(word) = banned_word(&format!("{} {step}", text.title)) {
            problems.push(format!("{where_}: says « {word} » (see content/README.md)"));
        }
    }
    for (id, pillar) in &texts.pillars {
        let all = format!("{} {}", pillar.name, pillar.summary);
        if let Some(word) = banned_word(&all) {
            problems.push(format!(
                "content/{lang}/{id}.toml: the pillar's name or summary says « {word} » (see content/README.md)"
            ));
        }
    }
}

/// Whether version `found` (« 2.7.0 ») comes before `current`; `false` for anything else.
pub fn is_earlier_version(found: &str, current: &str) -> bool {
    let parts = |version: &str| -> Option<Vec<u32>> {
        version.split('.').map(|part| part.parse().ok()).collect()
    };
    match (parts(found), parts(current)) {
        (Some(found), Some(current)) => found < current,
        _ => false,
    }
}

fn check_structure(framework: &Framework, problems: &mut Vec<String>) {
    let (from, version) = (&framework.references_from, &framework.version);
    if from != version && !is_earlier_version(from, version) {
        problems.push(format!(
            "content/framework.toml: references_from {from:?} must be a version up to {version}"
        ));
    }
    let mut question_ids = std::collections::BTreeSet::new();
    let mut question_pillar = LiteMap::new_vec();
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
    if texts.scale.rule.trim().is_empty() {
        problems.push(format!(
            "content/{lang}/scale.toml: needs the rule for partly true levels"
        ));
    }
    for (question, info) in &framework.questions {
        if !texts.scale.services.contains_key(&info.respondent) {
            problems.push(format!(
                "content/{lang}/scale.toml: [services] has no name for {:?} (respondent of {question})",
                info.respondent
            ));
        }
        if let Some(text) = texts.questions.get(question)
            && info.legal_minimum.is_some() == text.legal_basis.trim().is_empty()
        {
            problems.push(format!(
                "content/{lang}: question {question}: a legal_basis goes with a legal_minimum, and only with one"
            ));
        }
    }
    let grd_keys = framework
        .communes
        .iter()
        .filter_map(|c| c.grd.as_deref())
        .chain(["unknown"]);
    for key in grd_keys {
        if !texts.scale.grd.contains_key(key) {
            problems.push(format!(
                "content/{lang}/scale.toml: [grd] has no name for {key:?}"
            ));
        }
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
            // Each level's length is checked as written, before the build adds meanings
            // (`source::assemble`).
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
    let index: LiteMap<&str, &Action> = framework
        .actions
        .iter()
        .map(|a| (a.id.as_str(), a))
        .collect();
    let mut marks: LiteMap<&str, Mark> = index.keys().map(|id| (*id, Mark::New)).collect();

    fn visit<'a>(
        id: &'a str,
        index: &LiteMap<&'a str, &'a Action>,
        marks: &mut LiteMap<&'a str, Mark>,
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
        for prerequisite in &index[&id].prerequisites {
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

impl Framework {
    pub fn pillar(&self, id: &str) -> Option<&Pillar> {
        self.pillars.iter().find(|p| p.id == id)
    }

    pub fn action(&self, id: &str) -> Option<&Action> {
        self.actions.iter().find(|a| a.id == id)
    }

    /// An action an older référentiel had: its last title in `lang` (content/migrations.toml).
    pub fn retired_title(&self, id: &str, lang: &str) -> Option<&String> {
        self.retired_actions
            .iter()
            .find(|r| r.id == id)
            .and_then(|r| r.titles.get(lang))
    }

    /// The pillar a question belongs to.
    pub fn pillar_of(&self, question: &str) -> Option<&Pillar> {
        self.pillars
            .iter()
            .find(|p| p.questions.iter().any(|q| q == question))
    }

    /// Every question's id, pillar by pillar, in the questionnaire's order.
    pub fn question_ids(&self) -> impl Iterator<Item = &String> + Clone {
        self.pillars.iter().flat_map(|p| &p.questions)
    }

    pub fn question_count(&self) -> usize {
        self.pillars.iter().map(|p| p.questions.len()).sum()
    }

    pub fn has_question(&self, id: &str) -> bool {
        self.pillar_of(id).is_some()
    }

    /// The level the law requires on this question, if it is a legal duty.
    pub fn legal_minimum(&self, question: &str) -> Option<u8> {
        self.questions.get(question).and_then(|q| q.legal_minimum)
    }

    /// How many questions are legal duties.
    pub fn legal_duty_count(&self) -> usize {
        self.questions
            .values()
            .filter(|q| q.legal_minimum.is_some())
            .count()
    }

    /// Whether « Non applicable » is a possible answer: on every question but a legal duty that
    /// binds every commune (`conditional_duty` in content).
    pub fn offers_not_applicable(&self, question: &str) -> bool {
        self.questions
            .get(question)
            .is_none_or(|q| q.legal_minimum.is_none() || q.conditional_duty)
    }

    /// Whether `level` on `question` leaves a legal duty unmet.
    pub fn below_legal_minimum(&self, question: &str, level: u8) -> bool {
        self.legal_minimum(question)
            .is_some_and(|minimum| level < minimum)
    }

    /// The name of `level` on `question`. On a legal duty the levels up to the minimum say
    /// where the commune stands with the law (« Sous le minimum légal », « Minimum légal »),
    /// since compliance is not maturity; the scale's maturity names start above it.
    pub fn level_name_on<'a>(
        &self,
        texts: &'a Texts,
        question: &str,
        level: u8,
        legal_names: LegalLevelNames<'a>,
    ) -> &'a str {
        match self.legal_minimum(question) {
            Some(minimum) if level < minimum => legal_names.below,
            Some(minimum) if level == minimum => legal_names.at,
            _ => texts.level_name_at(usize::from(level.saturating_sub(1))),
        }
    }

    /// Key of the service best placed to answer this question.
    pub fn respondent(&self, question: &str) -> Option<&str> {
        self.questions.get(question).map(|q| q.respondent.as_str())
    }
}
