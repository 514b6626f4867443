//! The roadmap as the commune keeps it: its items, drafted then edited. Drafting and the
//! reasons behind each item are `roadmap`'s; this module only holds what is stored, so the
//! assessment can hold a roadmap without depending on how one is drafted.

use super::content::{Action, Horizon};
use super::format::truncate_chars;
use serde::{Deserialize, Serialize};

/// The longest item title in the commune's words, in characters.
pub const MAX_CUSTOM_TITLE_CHARS: usize = 200;
/// The longest first step in the commune's words, in characters.
pub const MAX_FIRST_STEP_CHARS: usize = 400;
/// The longest « Responsable », in characters: a name and a service.
pub const MAX_OWNER_CHARS: usize = 120;
/// The longest question id an item may name as its objective, in bytes.
pub const MAX_OBJECTIVE_ID_BYTES: usize = 64;
/// The longest objectif stratégique in the commune's words, in characters.
pub const MAX_STRATEGIC_OBJECTIVE_CHARS: usize = 200;

/// The roadmap as the commune keeps it: its items, drafted then edited. Focus pillars and the
/// reasons behind each item are not stored: they are worked out from the current answers, so
/// they are always true.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Roadmap {
    pub items: Vec<RoadmapItem>,
    /// The commune changed the draft; redrafting would discard its changes.
    #[serde(default)]
    pub edited: bool,
    #[serde(default)]
    pub(crate) next_custom_number: u32,
    /// The commune's own wording of its PST objectives, one `key<TAB>wording` per line: a
    /// pillar's id for its objectif stratégique, a question's for its objectif opérationnel
    /// (the two never share an id). One text rather than a map: the questionnaire bundle stores
    /// roadmaps without reading them, and a map's code cost its first load about 0.5 KB
    /// gzipped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) strategic_objectives: Option<String>,
    /// The date of the earlier round's diagnostic whose edited plan a redo carried over, until
    /// the commune regenerates it: « rédigée à partir de vos réponses » would pass last year's
    /// plan off as this year's advice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried_from: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    #[default]
    Planned,
    Done,
}

impl ItemStatus {
    pub const ALL: [ItemStatus; 2] = [ItemStatus::Planned, ItemStatus::Done];
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RoadmapItem {
    /// The catalogue action's id, or `custom_<n>` for the commune's own items.
    pub id: String,
    pub horizon: Horizon,
    pub status: ItemStatus,
    pub origin: ItemOrigin,
    /// The commune's own wording of the title: always for custom items, and for a catalogue
    /// item the commune rephrased.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_title: Option<String>,
    /// The commune's own wording of the first step, replacing the catalogue's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_step: Option<String>,
    /// « Responsable »: who carries the item, in the commune's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// « Échéance »: the date the item is due, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<String>,
    /// The question whose objectif opérationnel the commune's own item serves in the PST;
    /// a catalogue action serves its own questions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objective: Option<String>,
}

/// One field of an item that the commune writes itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemField {
    Title,
    FirstStep,
    Owner,
    Due,
    /// A question's id, or empty for none.
    Objective,
}

/// Why an edit was not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditError {
    /// A custom item needs a title: it has no catalogue one to fall back on.
    TitleRequired,
    /// The due date does not read as a calendar date.
    DueNotADate,
    NoSuchItem,
}

impl RoadmapItem {
    /// Whether this action of a round's plan was done: marked « Fait » in that plan, or in
    /// `later`, the next round's roadmap. A redone diagnostic carries the plan's actions over,
    /// and its roadmap is where the commune ticks what it did during the year.
    pub fn done_by(&self, later: Option<&Roadmap>) -> bool {
        self.status == ItemStatus::Done
            || later
                .and_then(|roadmap| roadmap.item(&self.id))
                .is_some_and(|item| item.status == ItemStatus::Done)
    }

    /// Due before `today` (both `YYYY-MM-DD`) and not done: a date the commune has let pass,
    /// such as last year's plan carried into a new assessment.
    pub fn is_overdue(&self, today: &str) -> bool {
        self.status != ItemStatus::Done
            && self
                .due
                .as_deref()
                .is_some_and(|due| !due.is_empty() && due < today)
    }

    /// Due after its horizon ends, counted from `start` (the assessment's date, both
    /// `YYYY-MM-DD`): a « court terme » step due in three years says two things at once, and
    /// IGRETEC would read both. A long-term item has no end; a done one is past asking.
    pub fn is_due_after_horizon(&self, start: &str) -> bool {
        let years = match self.horizon {
            Horizon::Short => 1,
            Horizon::Medium => 3,
            Horizon::Long => return false,
        };
        self.status != ItemStatus::Done
            && self
                .due
                .as_deref()
                .is_some_and(|due| super::profile::older_than_months(start, due, years * 12))
    }

    /// A planned item, with nothing yet in the commune's own words.
    pub fn planned(id: String, horizon: Horizon, origin: ItemOrigin) -> RoadmapItem {
        RoadmapItem {
            id,
            horizon,
            status: ItemStatus::Planned,
            origin,
            custom_title: None,
            first_step: None,
            owner: None,
            due: None,
            objective: None,
        }
    }

    /// Keeps what a file may hold within the lengths the app allows, and drops a due date
    /// that is not one. Returns whether something had to change.
    pub fn bound(&mut self) -> bool {
        let before = self.clone();
        for (value, max) in [
            (&mut self.custom_title, MAX_CUSTOM_TITLE_CHARS),
            (&mut self.first_step, MAX_FIRST_STEP_CHARS),
            (&mut self.owner, MAX_OWNER_CHARS),
        ] {
            if let Some(text) = value.as_mut() {
                *text = truncate_chars(text.trim(), max);
            }
        }
        if self
            .due
            .as_deref()
            .is_some_and(|d| !super::profile::is_iso_date(d))
        {
            self.due = None;
        }
        // A question's id is short: anything longer is no question of any référentiel.
        if self
            .objective
            .as_deref()
            .is_some_and(|q| q.is_empty() || q.len() > MAX_OBJECTIVE_ID_BYTES)
        {
            self.objective = None;
        }
        *self != before
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ItemOrigin {
    Drafted,
    Catalogue,
    Custom,
}

impl ItemOrigin {
    pub const ALL: [ItemOrigin; 3] = [
        ItemOrigin::Drafted,
        ItemOrigin::Catalogue,
        ItemOrigin::Custom,
    ];
}

/// Ways the commune can change its roadmap. Each marks the roadmap as edited.
impl Roadmap {
    /// The commune's own wording of `pillar`'s objectif stratégique, or of a question's
    /// objectif opérationnel when `pillar` is a question's id, if it gave one.
    pub fn strategic_objective(&self, pillar: &str) -> Option<&str> {
        self.strategic_objectives()
            .find(|(id, _)| *id == pillar)
            .map(|(_, wording)| wording)
    }

    /// Every objectif stratégique the commune worded, by pillar.
    pub fn strategic_objectives(&self) -> impl Iterator<Item = (&str, &str)> {
        self.strategic_objectives
            .as_deref()
            .unwrap_or_default()
            .lines()
            .filter_map(|line| line.split_once('\t'))
    }

    /// Words `pillar`'s objectif stratégique the commune's way; an empty text goes back to
    /// the proposal. One line, within the length the app allows. Not an edit of the items:
    /// a redraft keeps it.
    pub fn set_strategic_objective(&mut self, pillar: &str, wording: &str) {
        let wording: String = wording
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .take(MAX_STRATEGIC_OBJECTIVE_CHARS)
            .collect();
        let mut lines: Vec<(String, String)> = self
            .strategic_objectives()
            .filter(|(id, _)| *id != pillar)
            .map(|(id, text)| (id.to_string(), text.to_string()))
            .collect();
        if !wording.is_empty() && !pillar.contains(['\t', '\n']) {
            lines.push((pillar.to_string(), wording));
        }
        crate::sort::sort(&mut lines);
        self.strategic_objectives = (!lines.is_empty()).then(|| {
            lines
                .iter()
                .map(|(id, text)| format!("{id}\t{text}"))
                .collect::<Vec<_>>()
                .join("\n")
        });
    }

    /// Keeps another roadmap's objectifs stratégiques: a redraft changes the items only.
    pub fn keep_strategic_objectives_of(&mut self, other: &Roadmap) {
        self.strategic_objectives = other.strategic_objectives.clone();
    }

    pub fn item(&self, id: &str) -> Option<&RoadmapItem> {
        self.items.iter().find(|i| i.id == id)
    }

    pub fn items_in(&self, horizon: Horizon) -> impl Iterator<Item = &RoadmapItem> {
        self.items.iter().filter(move |i| i.horizon == horizon)
    }

    /// A fresh draft: not edited, custom items numbered from 1.
    pub fn drafted(items: Vec<RoadmapItem>) -> Roadmap {
        Roadmap {
            items,
            edited: false,
            next_custom_number: 1,
            strategic_objectives: None,
            carried_from: None,
        }
    }

    /// A roadmap read back from a summary, ready to be edited further.
    pub fn restore(items: Vec<RoadmapItem>, edited: bool) -> Roadmap {
        let next_custom_number = items
            .iter()
            .filter_map(|i| i.id.strip_prefix("custom_")?.parse::<u32>().ok())
            .max()
            .unwrap_or(0)
            .saturating_add(1);
        Roadmap {
            items,
            edited,
            next_custom_number,
            strategic_objectives: None,
            carried_from: None,
        }
    }

    /// Removes an item, and gives it back with its place so « Annuler » can restore it.
    pub fn remove(&mut self, id: &str) -> Option<(usize, RoadmapItem)> {
        let index = self.items.iter().position(|i| i.id == id)?;
        self.edited = true;
        Some((index, self.items.remove(index)))
    }

    /// Puts back an item that `remove` took out, where it was, unless it is back already.
    pub fn restore_removed(&mut self, index: usize, item: RoadmapItem) {
        if self.item(&item.id).is_some() {
            return;
        }
        self.items.insert(index.min(self.items.len()), item);
        crate::sort::sort_by_key(&mut self.items, |item| item.horizon);
        self.edited = true;
    }

    /// Sets one field in the commune's words; an empty value goes back to the catalogue's
    /// wording, or to nothing for the owner and the due date.
    pub fn set_field(&mut self, id: &str, field: ItemField, value: &str) -> Result<(), EditError> {
        let item = self
            .items
            .iter_mut()
            .find(|i| i.id == id)
            .ok_or(EditError::NoSuchItem)?;
        let value = value.trim();
        let text = |max: usize| (!value.is_empty()).then(|| truncate_chars(value, max));
        match field {
            ItemField::Title if value.is_empty() && item.origin == ItemOrigin::Custom => {
                return Err(EditError::TitleRequired);
            }
            ItemField::Title => item.custom_title = text(MAX_CUSTOM_TITLE_CHARS),
            ItemField::FirstStep => item.first_step = text(MAX_FIRST_STEP_CHARS),
            ItemField::Owner => item.owner = text(MAX_OWNER_CHARS),
            ItemField::Due if !value.is_empty() && !super::profile::is_iso_date(value) => {
                return Err(EditError::DueNotADate);
            }
            ItemField::Due => item.due = text(10),
            ItemField::Objective => {
                item.objective = (!value.is_empty() && value.len() <= MAX_OBJECTIVE_ID_BYTES)
                    .then(|| value.to_string());
            }
        }
        self.edited = true;
        Ok(())
    }

    pub fn move_to(&mut self, id: &str, horizon: Horizon) {
        if let Some(item) = self.items.iter_mut().find(|i| i.id == id) {
            item.horizon = horizon;
            self.edited = true;
        }
        crate::sort::sort_by_key(&mut self.items, |item| item.horizon);
    }

    /// Carries `earlier`'s « Fait » marks over to the same actions of this roadmap: a redraft
    /// proposes again what the commune has done, and must not call it still to do.
    pub fn keep_done_of(&mut self, earlier: &Roadmap) {
        for item in &mut self.items {
            if item.status != ItemStatus::Done && item.done_by(Some(earlier)) {
                item.status = ItemStatus::Done;
                self.edited = true;
            }
        }
    }

    pub fn set_status(&mut self, id: &str, status: ItemStatus) {
        if let Some(item) = self.items.iter_mut().find(|i| i.id == id) {
            item.status = status;
            self.edited = true;
        }
    }

    /// Adds a catalogue action on its own horizon. Returns false if it is already there.
    pub fn add_action(&mut self, action: &Action) -> bool {
        if self.item(&action.id).is_some() {
            return false;
        }
        self.items.push(RoadmapItem::planned(
            action.id.clone(),
            action.horizon,
            ItemOrigin::Catalogue,
        ));
        crate::sort::sort_by_key(&mut self.items, |item| item.horizon);
        self.edited = true;
        true
    }

    /// Adds the commune's own item. Returns its id, or `None` for an empty title.
    pub fn add_custom(&mut self, title: &str, horizon: Horizon) -> Option<String> {
        let title = truncate_chars(title.trim(), MAX_CUSTOM_TITLE_CHARS);
        if title.is_empty() {
            return None;
        }
        let mut number = self.next_custom_number.max(1);
        while self.item(&format!("custom_{number}")).is_some() {
            // Past the last number (only a crafted file gets there), start again from 1.
            number = number.checked_add(1).unwrap_or(1);
        }
        let id = format!("custom_{number}");
        self.next_custom_number = number.saturating_add(1);
        self.items.push(RoadmapItem {
            custom_title: Some(title),
            ..RoadmapItem::planned(id.clone(), horizon, ItemOrigin::Custom)
        });
        crate::sort::sort_by_key(&mut self.items, |item| item.horizon);
        self.edited = true;
        Some(id)
    }
}
