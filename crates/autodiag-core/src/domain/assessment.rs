//! One commune's assessment: its profile, answers, pillar priorities and edited roadmap.

use super::content::{EARLIER_ANSWER, Framework, Pillar};
pub use super::format::truncate_chars;
use super::format::{find_str, replace_str};
use super::plan::Roadmap;
use super::profile::Profile;
use litemap::LiteMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A maturity level from 1 (Initial) to 5 (Exemplaire).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Level(u8);

impl Level {
    pub const MIN: u8 = 1;
    pub const MAX: u8 = 5;

    pub fn new(value: u8) -> Option<Level> {
        (Self::MIN..=Self::MAX)
            .contains(&value)
            .then_some(Level(value))
    }

    pub fn all() -> impl Iterator<Item = Level> {
        (Self::MIN..=Self::MAX).map(Level)
    }

    pub fn get(self) -> u8 {
        self.0
    }

    /// The score of a question answered at this level: (L − 1) / 4 × 100.
    pub fn score(self) -> f64 {
        f64::from(self.0 - 1) * 25.0
    }

    /// The same score as a whole number from 0 to 100, for charts and tables.
    pub fn points(self) -> u8 {
        (self.0 - 1) * 25
    }
}

impl Serialize for Level {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.0)
    }
}

impl<'de> Deserialize<'de> for Level {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = u8::deserialize(deserializer)?;
        Level::new(value).ok_or_else(|| {
            serde::de::Error::custom(format!("level {value} is out of range 1 to 5"))
        })
    }
}

/// What a respondent chose for one question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Choice {
    Level(Level),
    /// « Je ne sais pas ».
    Unknown,
    /// « Non applicable ».
    NotApplicable,
}

impl Choice {
    /// The value of this choice in a form control: `1`…`5`, `unknown` or `na`.
    pub fn form_value(self) -> String {
        match self {
            Choice::Level(level) => level.get().to_string(),
            Choice::Unknown => "unknown".into(),
            Choice::NotApplicable => "na".into(),
        }
    }

    /// Reads a form control's value back; anything else is no choice.
    pub fn from_form_value(value: &str) -> Option<Choice> {
        match value {
            "unknown" => Some(Choice::Unknown),
            "na" => Some(Choice::NotApplicable),
            other => other.parse().ok().and_then(Level::new).map(Choice::Level),
        }
    }

    pub fn level(self) -> Option<Level> {
        match self {
            Choice::Level(level) => Some(level),
            _ => None,
        }
    }
}

const UNKNOWN: &str = "unknown";
const NOT_APPLICABLE: &str = "not_applicable";

/// Serialised as a number from 1 to 5, or the strings `"unknown"` and `"not_applicable"`.
impl Serialize for Choice {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Choice::Level(level) => level.serialize(serializer),
            Choice::Unknown => serializer.serialize_str(UNKNOWN),
            Choice::NotApplicable => serializer.serialize_str(NOT_APPLICABLE),
        }
    }
}

impl<'de> Deserialize<'de> for Choice {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ChoiceVisitor;
        impl serde::de::Visitor<'_> for ChoiceVisitor {
            type Value = Choice;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a level from 1 to 5, \"unknown\" or \"not_applicable\"")
            }
            fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<Choice, E> {
                u8::try_from(value)
                    .ok()
                    .and_then(Level::new)
                    .map(Choice::Level)
                    .ok_or_else(|| E::custom(format!("level {value} is out of range 1 to 5")))
            }
            fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<Choice, E> {
                Err(E::custom(format!("level {value} is out of range 1 to 5")))
            }
            fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<Choice, E> {
                Err(E::custom(format!(
                    "level {value} is not a whole number from 1 to 5"
                )))
            }
            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<Choice, E> {
                match value {
                    UNKNOWN => Ok(Choice::Unknown),
                    NOT_APPLICABLE => Ok(Choice::NotApplicable),
                    other => Err(E::custom(format!(
                        "{other:?} is not a level (1 to 5, \"unknown\" or \"not_applicable\")"
                    ))),
                }
            }
        }
        deserializer.deserialize_any(ChoiceVisitor)
    }
}

/// After this many changes without a download, the app suggests saving a copy: some
/// municipal PCs wipe browser data at logout.
pub const DOWNLOAD_NUDGE_CHANGES: u32 = 15;

/// The longest note kept for one question.
pub const MAX_NOTE_CHARS: usize = 2_000;
/// The longest « à demander à » kept for one question.
pub const MAX_ASK_CHARS: usize = 200;

/// One question's answer. A note may exist before a choice is made.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Answer {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choice: Option<Choice>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// For « je ne sais pas »: whom to ask, so the answer can be checked later.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ask: String,
    /// In a diagnostic redone from an earlier one, that round's answer, shown beside the
    /// question until this round's is chosen: an answer is never carried over unread.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<Choice>,
    /// That round's note, shown beside the question until it is taken back into this round's
    /// note: last year's « pas de DPO depuis mars » must not reach IGRETEC as this year's.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub previous_note: String,
}

impl Answer {
    pub fn is_empty(&self) -> bool {
        self.is_blank_this_round() && !self.has_reminder()
    }

    /// An earlier round's reminder and nothing of this round. A summary leaves it out.
    pub fn is_only_a_reminder(&self) -> bool {
        self.has_reminder() && self.is_blank_this_round()
    }

    fn has_reminder(&self) -> bool {
        self.previous.is_some() || !self.previous_note.is_empty()
    }

    fn is_blank_this_round(&self) -> bool {
        self.choice.is_none() && self.note.is_empty() && self.ask.is_empty()
    }
}

/// How much a pillar matters to the commune right now.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Importance {
    Low,
    #[default]
    Medium,
    High,
}

impl Importance {
    pub const ALL: [Importance; 3] = [Importance::Low, Importance::Medium, Importance::High];

    /// Multiplier applied to a pillar's gap when choosing focus pillars.
    pub fn weight(self) -> f64 {
        match self {
            Importance::Low => 0.5,
            Importance::Medium => 1.0,
            Importance::High => 2.0,
        }
    }
}

/// The commune's choices for one pillar.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct PillarSettings {
    #[serde(default)]
    pub importance: Importance,
    /// The level the commune aims for, if it set one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Level>,
}

/// An answer to a question the current framework does not know, kept from an import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SetAsideAnswer {
    pub question_id: String,
    pub answer: Answer,
}

/// A commune's assessment, as kept in the browser.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Assessment {
    pub id: String,
    pub profile: Profile,
    /// Keyed by question id, so rewording a question never loses an answer.
    #[serde(with = "crate::domain::content::model::json_object", default)]
    pub answers: LiteMap<String, Answer>,
    #[serde(with = "crate::domain::content::model::json_object", default)]
    pub pillars: LiteMap<String, PillarSettings>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roadmap: Option<Roadmap>,
    /// Answers to questions this version of the framework does not have.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub set_aside: Vec<SetAsideAnswer>,
    pub created_at: String,
    pub updated_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_downloaded_at: Option<String>,
    /// Changes since the last download, to nudge the user to save a copy.
    #[serde(default)]
    pub changes_since_download: u32,
    /// Bumped on every change; tells storage what to write and detects edits from other tabs.
    #[serde(default)]
    pub revision: u64,
}

impl Assessment {
    /// Whether `other` holds the same answers, profile, priorities and roadmap: a copy of this
    /// assessment, whatever its revision or the dates it was saved and downloaded.
    pub fn same_content(&self, other: &Assessment) -> bool {
        self.profile == other.profile
            && self.answers == other.answers
            && self.pillars == other.pillars
            && self.roadmap == other.roadmap
            && self.set_aside == other.set_aside
    }

    pub fn new(id: String, commune: String, now: String) -> Assessment {
        Assessment {
            id,
            profile: Profile {
                commune,
                date: now.get(..10).unwrap_or_default().to_string(),
                ..Profile::default()
            },
            created_at: now.clone(),
            updated_at: now,
            ..Assessment::default()
        }
    }

    pub fn choice(&self, question: &str) -> Option<Choice> {
        self.answers.get(question).and_then(|a| a.choice)
    }

    /// The level chosen for `question`: none for no answer, « je ne sais pas » or « non
    /// applicable ».
    pub fn level(&self, question: &str) -> Option<Level> {
        self.choice(question).and_then(Choice::level)
    }

    pub fn note(&self, question: &str) -> &str {
        self.answers.get(question).map_or("", |a| a.note.as_str())
    }

    pub fn settings(&self, pillar: &str) -> PillarSettings {
        self.pillars.get(pillar).copied().unwrap_or_default()
    }

    /// Sets or clears a question's choice.
    pub fn set_choice(&mut self, question: &str, choice: Option<Choice>, now: &str) {
        let answer = self.answers.entry(question.to_string()).or_default();
        answer.choice = choice;
        self.forget_if_empty(question);
        self.touch(now);
    }

    /// Sets a question's note, cut to [`MAX_NOTE_CHARS`]: one change.
    pub fn set_note(&mut self, question: &str, note: &str, now: &str) {
        self.write_note(question, note);
        self.touch(now);
    }

    /// Saves a note again while it is still being typed: stored, but not one more change
    /// towards the download reminder, since one edit of a note counts once.
    pub fn continue_note(&mut self, question: &str, note: &str, now: &str) {
        self.write_note(question, note);
        self.continue_edit(now);
    }

    /// Records that a text still being typed was saved again: stored (a new revision), but
    /// not one more change towards the download reminder.
    pub fn continue_edit(&mut self, now: &str) {
        self.updated_at = now.to_string();
        self.revision += 1;
    }

    /// Records whom to ask about a question answered « je ne sais pas ».
    pub fn set_ask(&mut self, question: &str, who: &str, now: &str) {
        self.write_ask(question, who);
        self.touch(now);
    }

    /// Saves « à demander à » again while it is still being typed: one change in all.
    pub fn continue_ask(&mut self, question: &str, who: &str, now: &str) {
        self.write_ask(question, who);
        self.continue_edit(now);
    }

    fn write_ask(&mut self, question: &str, who: &str) {
        let answer = self.answers.entry(question.to_string()).or_default();
        answer.ask = truncate_chars(who, MAX_ASK_CHARS);
        self.forget_if_empty(question);
    }

    /// Takes an earlier round's note back into this round's, after what is already typed;
    /// not while the two would pass [`MAX_NOTE_CHARS`], which would cut it off. Whether the
    /// note was taken.
    pub fn take_previous_note(&mut self, question: &str, now: &str) -> bool {
        let Some(answer) = self.answers.get_mut(question) else {
            return false;
        };
        let mut note = answer.note.trim_end().to_string();
        if !note.is_empty() {
            note.push('\n');
        }
        note.push_str(&answer.previous_note);
        if answer.previous_note.is_empty()
            || truncate_chars(&note, MAX_NOTE_CHARS).len() < note.len()
        {
            return false;
        }
        answer.previous_note.clear();
        self.set_note(question, &note, now);
        true
    }

    fn write_note(&mut self, question: &str, note: &str) {
        let answer = self.answers.entry(question.to_string()).or_default();
        answer.note = truncate_chars(note, MAX_NOTE_CHARS);
        self.forget_if_empty(question);
    }

    /// Which commune this assesses, for every screen that groups or pairs assessments (the
    /// territory, consolidation, before/after, the PST): its name, whatever its case, accents,
    /// spaces or hyphens, which every file carries and every reader sees. The NIS code is
    /// optional and typed by hand, so it serves only when there is no name: a file without it,
    /// or with a typo, must not make one commune two or hide another. None without either.
    /// « Ville de Châtelet » and « Commune d'Aiseau-Presles » are Châtelet and Aiseau-Presles,
    /// « Commune des Bons Villers » and « Bons Villers » are Les Bons Villers.
    pub fn commune_key(&self) -> Option<String> {
        let name = self.profile.commune.trim();
        if name.is_empty() {
            return self.nis_code().map(|code| format!("nis:{code}"));
        }
        Some(super::profile::name_key(name))
    }

    /// Whether `other` assesses the same commune (see [`Assessment::commune_key`]).
    pub fn same_commune(&self, other: &Assessment) -> bool {
        self.commune_key()
            .is_some_and(|key| other.commune_key() == Some(key))
    }

    /// A valid NIS code, if the profile has one.
    pub fn nis_code(&self) -> Option<&str> {
        let code = self.profile.nis_code.trim();
        super::profile::is_nis_code(code).then_some(code)
    }

    pub fn set_importance(&mut self, pillar: &str, importance: Importance, now: &str) {
        self.pillars
            .entry(pillar.to_string())
            .or_default()
            .importance = importance;
        self.touch(now);
    }

    pub fn set_target(&mut self, pillar: &str, target: Option<Level>, now: &str) {
        self.pillars.entry(pillar.to_string()).or_default().target = target;
        self.touch(now);
    }

    /// Records a change: bumps `updated_at` and the count since the last download.
    /// Words a pillar's objectif stratégique for the PST the commune's way (empty: back to
    /// the proposal). Nothing to word without a roadmap.
    pub fn set_strategic_objective(&mut self, pillar: &str, wording: &str, now: &str) {
        if let Some(roadmap) = self.roadmap.as_mut() {
            roadmap.set_strategic_objective(pillar, wording);
            self.touch(now);
        }
    }

    pub fn touch(&mut self, now: &str) {
        self.updated_at = now.to_string();
        self.changes_since_download = self.changes_since_download.saturating_add(1);
        self.revision += 1;
    }

    pub fn mark_downloaded(&mut self, now: &str) {
        self.last_downloaded_at = Some(now.to_string());
        self.changes_since_download = 0;
        self.revision += 1;
    }

    /// Whether there is anything a copy would keep beyond the commune's name: answers,
    /// priorities or a roadmap, or a copy already made. Before that, « Copie de sauvegarde :
    /// jamais » would nudge towards saving an empty diagnostic.
    pub fn holds_work(&self) -> bool {
        !self.answers.is_empty()
            || !self.pillars.is_empty()
            || self.roadmap.is_some()
            || !self.set_aside.is_empty()
            || self.last_downloaded_at.is_some()
    }

    /// Read back from a copy of the commune's answers: that copy now counts as the last one.
    /// The copy holds no date of its own, so it is dated by the answers it holds (their last
    /// change, or an earlier copy recorded in it if later): never the import's moment, which
    /// would make a copy of last June look made today.
    pub fn restored_from_copy(&mut self) {
        let answers_of = self.updated_at.as_str();
        let copy = match self.last_downloaded_at.as_deref() {
            Some(recorded) if recorded > answers_of => recorded,
            _ => answers_of,
        };
        self.last_downloaded_at = (!copy.is_empty()).then(|| copy.to_string());
        self.changes_since_download = 0;
    }

    /// Enough changes since the last download that a copy is worth making.
    pub fn should_nudge_download(&self) -> bool {
        self.changes_since_download >= DOWNLOAD_NUDGE_CHANGES
    }

    /// A copy under a new id, for example to re-assess the next year.
    pub fn duplicate(&self, id: String, name: String, now: &str) -> Assessment {
        Assessment {
            id,
            profile: Profile {
                commune: name,
                ..self.profile.clone()
            },
            created_at: now.to_string(),
            updated_at: now.to_string(),
            last_downloaded_at: None,
            changes_since_download: 0,
            revision: 0,
            ..self.clone()
        }
    }

    /// The same commune assessed again, from these answers: the commune keeps its name, so
    /// that before/after and IGRETEC see one commune, and the copy is dated `today`, which
    /// tells the two apart in the list.
    /// From a diagnostic of an earlier round (more than six months old, as the home page
    /// offers to redo it), its answers become the questions' reminders ([`Answer::previous`]),
    /// not this round's answers: a copy that counted them would be « complete » before a
    /// question was read, and could reach IGRETEC as this year's diagnostic. Its notes become
    /// reminders too ([`Answer::previous_note`]); « à demander à » stays. A copy within the
    /// same round, for a colleague, keeps the answers.
    ///
    /// A synthesis's copy is one person's to carry on: the group's label and participants stay
    /// with the synthesis. A copy kept naming a workshop's three participants in its summary
    /// after the DG had put his own name in.
    pub fn reassess(&self, id: String, today: &str, now: &str) -> Assessment {
        let mut copy = self.duplicate(id, self.profile.commune.clone(), now);
        copy.profile.date = today.to_string();
        if copy.profile.is_synthesis() {
            copy.profile.consolidated_respondents = 0;
            copy.profile.participants.clear();
            copy.profile.respondent_name.clear();
            copy.profile.respondent_role.clear();
        }
        if !self.is_of_an_earlier_round(today) {
            return copy;
        }
        copy.profile.redone_from = self.profile.date.clone();
        // An edited plan is not redrafted from today's answers: it stays that round's plan,
        // and says so, until the commune regenerates it.
        if let Some(plan) = copy.roadmap.as_mut().filter(|r| r.edited) {
            plan.carried_from = Some(self.profile.date.clone());
        }
        // Only that round's own answers and notes: a reminder it never confirmed is older than
        // its date.
        for (_, answer) in copy.answers.iter_mut() {
            answer.previous = answer.choice.take();
            answer.previous_note = std::mem::take(&mut answer.note);
        }
        for aside in &mut copy.set_aside {
            // Redone twice, the answer set aside still names its level in the reminder.
            aside.answer.previous = aside.answer.choice.take().or(aside.answer.previous);
            aside.answer.previous_note = std::mem::take(&mut aside.answer.note);
        }
        copy
    }

    /// Dated more than six months before `today` (`OUT_OF_TIME_MONTHS`): another round's
    /// diagnostic, which is redone rather than continued.
    pub fn is_of_an_earlier_round(&self, today: &str) -> bool {
        super::profile::older_than_months(&self.profile.date, today, OUT_OF_TIME_MONTHS)
    }

    /// The earlier round's answer that `question` recalls, until this round's is chosen (and
    /// again if it is cleared: a misclick must not lose it).
    pub fn previous_choice(&self, question: &str) -> Option<Choice> {
        self.answers
            .get(question)
            .filter(|a| a.choice.is_none())
            .and_then(|a| a.previous)
    }

    /// Questions the référentiel changed since this commune answered them, still without a new
    /// answer, in the order of `content/migrations.toml`: each note holds the reminder that
    /// says why. A commune coming back finds them unanswered; the home page says so.
    pub fn asked_again<'a>(&self, framework: &'a Framework) -> Vec<&'a str> {
        let mut questions: Vec<&'a str> = Vec::new();
        for m in &framework.migrations {
            // The reminder as written, up to the earlier answer it names. Only a migration that
            // set an answer aside has one, and only it writes it into a note.
            let Some((reminder, _)) = super::content::reminder_around_answer(m) else {
                continue;
            };
            for question in &m.to {
                let waiting = self.answers.get(question).is_some_and(|answer| {
                    answer.choice.is_none() && find_str(&answer.note, reminder).is_some()
                });
                if waiting && !questions.contains(&question.as_str()) {
                    questions.push(question);
                }
            }
        }
        questions
    }

    /// Questions, in the questionnaire's order, whose earlier round's note was never taken
    /// back: the summary goes without those notes, which the commune may still want sent. A
    /// note that only recalls a change of the référentiel is not the commune's to send.
    pub fn previous_notes_left<'a>(&self, framework: &'a Framework) -> Vec<&'a str> {
        framework
            .question_ids()
            .filter(|question| {
                self.previous_note(question).is_some_and(|note| {
                    note.lines().any(|line| {
                        !line.trim().is_empty() && !super::content::is_reminder(framework, line)
                    })
                })
            })
            .map(String::as_str)
            .collect()
    }

    /// How many of `pillar`'s questions a redone diagnostic still has to review: those that
    /// recall last round's answer, and those the référentiel changed since, whose note says
    /// why. None in a diagnostic that was not redone.
    pub fn to_review(&self, framework: &Framework, pillar: &Pillar) -> usize {
        if self.profile.redone_from.is_empty() {
            return 0;
        }
        let asked_again = self.asked_again(framework);
        pillar
            .questions
            .iter()
            .filter(|q| self.previous_choice(q).is_some() || asked_again.contains(&q.as_str()))
            .count()
    }

    /// The earlier round's note that `question` recalls, until it is taken back.
    pub fn previous_note(&self, question: &str) -> Option<&str> {
        self.answers
            .get(question)
            .map(|a| a.previous_note.as_str())
            .filter(|note| !note.is_empty())
    }

    /// Carries answers to questions that the framework renamed, split or removed over to the
    /// current questions (`content/migrations.toml`). A renamed question keeps its answer; any
    /// other old answer is set aside, never dropped, and each new question's note recalls it.
    /// Running it again changes nothing. Returns whether anything changed.
    pub fn apply_content_migrations(&mut self, framework: &Framework) -> bool {
        let mut changed = false;
        for migration in &framework.migrations {
            let set_aside_at = self
                .set_aside
                .iter()
                .position(|s| s.question_id == migration.from);
            let old = match (self.answers.remove(&migration.from), set_aside_at) {
                (Some(answer), _) => {
                    // Kept aside first: moved back out below if the new question takes it.
                    changed = true;
                    self.set_aside.push(SetAsideAnswer {
                        question_id: migration.from.clone(),
                        answer: answer.clone(),
                    });
                    answer
                }
                (None, Some(index)) => self.set_aside[index].answer.clone(),
                (None, None) => continue,
            };
            let target = &migration.to[0];
            if migration.keep_level && !self.answers.contains_key(target) {
                self.answers.insert(target.clone(), old);
                self.set_aside.retain(|s| s.question_id != migration.from);
                changed = true;
                continue;
            }
            // The earlier answer in words. Until 2.7.0 an answer without a level read « niveau ? »
            // or « niveau – », which told a commune nothing; a reminder already written that way
            // is not written again.
            let (answered, written_before) = match old.choice.or(old.previous) {
                Some(Choice::Level(level)) => (format!("niveau {}", level.get()), None),
                Some(Choice::Unknown) => ("« Je ne sais pas »".to_string(), Some("niveau ?")),
                Some(Choice::NotApplicable) => ("« Non applicable »".to_string(), Some("niveau –")),
                None => ("aucun niveau".to_string(), Some("niveau –")),
            };
            // Content checks give every migration that sets an answer aside a note, with
            // « niveau {level} » in it. The commune's own comment comes along with the
            // reminder: set aside alone, it would be kept in the file but never seen where
            // the question is answered again.
            let mut reminder = replace_str(&migration.note, EARLIER_ANSWER, &answered);
            if !old.note.is_empty() {
                reminder.push('\n');
                reminder.push_str(&old.note);
            }
            let reminder_before =
                written_before.map(|before| replace_str(&migration.note, EARLIER_ANSWER, before));
            // The targets whose last-round note held this reminder, then the commune's own
            // comment: that comment is already where last round's notes are shown.
            let mut recalled: Vec<&String> = Vec::new();
            for target in &migration.to {
                let answer = self.answers.entry(target.clone()).or_default();
                // Redone from a round that answered the question after it changed: the
                // reminder belongs to an answer already replaced.
                if answer.previous.is_some() {
                    continue;
                }
                // Redone from a diagnostic migrated before: last round's note, shown apart
                // with « Reprendre dans la note », holds this reminder, which goes back to the
                // note below; the box keeps the commune's own words.
                for written in std::iter::once(&reminder).chain(reminder_before.as_ref()) {
                    if let Some(rest) = without_line(&answer.previous_note, written) {
                        answer.previous_note = rest;
                        recalled.push(target);
                        changed = true;
                    }
                }
                let already = find_str(&answer.note, &reminder).is_some()
                    || reminder_before
                        .as_ref()
                        .is_some_and(|before| find_str(&answer.note, before).is_some());
                if !already {
                    let mut note = answer.note.clone();
                    if !note.is_empty() {
                        note.push('\n');
                    }
                    note.push_str(&reminder);
                    // A note cut at its limit may never hold the whole reminder: compare what
                    // is kept, so that every load does not count as a change.
                    let note = truncate_chars(&note, MAX_NOTE_CHARS);
                    if note != answer.note {
                        answer.note = note;
                        changed = true;
                    }
                }
            }
            // A diagnostic redone before the question changed: the earlier round's note goes
            // where such notes are shown, with « Reprendre dans la note ». Set aside, it
            // stayed in the file but was never seen.
            if let Some(aside) = self
                .set_aside
                .iter_mut()
                .find(|s| s.question_id == migration.from)
                && !aside.answer.previous_note.is_empty()
            {
                let carried = std::mem::take(&mut aside.answer.previous_note);
                for target in &migration.to {
                    // Already there when last round's note carried it after its reminder.
                    if recalled.contains(&target) {
                        continue;
                    }
                    let answer = self.answers.entry(target.clone()).or_default();
                    if !answer.previous_note.is_empty() {
                        answer.previous_note.push('\n');
                    }
                    answer.previous_note.push_str(&carried);
                }
                changed = true;
            }
        }
        #[cfg(feature = "actions")]
        {
            changed |= self.migrate_roadmap_actions(framework);
        }
        changed
    }

    /// Gives a saved roadmap's actions of an earlier référentiel the id of the current action
    /// that took their place, keeping horizon, status and the commune's own words. An action
    /// already in the roadmap under its new id is left alone, and so is the old item.
    #[cfg(feature = "actions")]
    fn migrate_roadmap_actions(&mut self, framework: &Framework) -> bool {
        let Some(roadmap) = self.roadmap.as_mut() else {
            return false;
        };
        let mut changed = false;
        for migration in &framework.action_migrations {
            let taken = roadmap.items.iter().any(|item| item.id == migration.to);
            if let Some(item) = roadmap.items.iter_mut().find(|i| i.id == migration.from)
                && !taken
            {
                item.id = migration.to.clone();
                changed = true;
            }
        }
        changed
    }

    fn forget_if_empty(&mut self, question: &str) {
        if self.answers.get(question).is_some_and(Answer::is_empty) {
            self.answers.remove(question);
        }
    }
}

/// Months between a respondent's answers and the latest respondent's past which the file is
/// likely another workshop's, such as a predecessor's summary from an earlier year, or an
/// assessment of an earlier round, which is redone rather than continued.
pub const OUT_OF_TIME_MONTHS: u32 = 6;

/// `text` without `line` and one line break beside it, if it holds it.
fn without_line(text: &str, line: &str) -> Option<String> {
    let (before, after) = super::format::split_around(text, line)?;
    let (before, after) = match after.strip_prefix('\n') {
        Some(after) => (before, after),
        None => (before.strip_suffix('\n').unwrap_or(before), after),
    };
    let mut rest = before.to_string();
    rest.push_str(after);
    Some(rest)
}
