//! The roadmap as the commune keeps it: its items, drafted then edited. Drafting and the
//! reasons behind each item are `roadmap`'s; this module only holds what is stored, so the
//! assessment can hold a roadmap without depending on how one is drafted.

use super::content::{Action, Horizon};
use super::format::truncate_chars;
use serde::{Deserialize, Serialize};

/// The longest custom item title, in characters.
pub const MAX_CUSTOM_TITLE_CHARS: usize = 200;

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
    next_custom_number: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    #[default]
    Planned,
    Done,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RoadmapItem {
    /// The catalogue action's id, or `custom_<n>` for the commune's own items.
    pub id: String,
    pub horizon: Horizon,
    pub status: ItemStatus,
    pub origin: ItemOrigin,
    /// The commune's own wording, for custom items only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_title: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ItemOrigin {
    Drafted,
    Catalogue,
    Custom,
}

/// Ways the commune can change its roadmap. Each marks the roadmap as edited.
impl Roadmap {
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
        }
    }

    pub fn remove(&mut self, id: &str) {
        self.items.retain(|i| i.id != id);
        self.edited = true;
    }

    pub fn move_to(&mut self, id: &str, horizon: Horizon) {
        if let Some(item) = self.items.iter_mut().find(|i| i.id == id) {
            item.horizon = horizon;
            self.edited = true;
        }
        self.items.sort_by_key(|item| item.horizon);
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
        self.items.push(RoadmapItem {
            id: action.id.clone(),
            horizon: action.horizon,
            status: ItemStatus::Planned,
            origin: ItemOrigin::Catalogue,
            custom_title: None,
        });
        self.items.sort_by_key(|item| item.horizon);
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
            id: id.clone(),
            horizon,
            status: ItemStatus::Planned,
            origin: ItemOrigin::Custom,
            custom_title: Some(title),
        });
        self.items.sort_by_key(|item| item.horizon);
        self.edited = true;
        Some(id)
    }
}
