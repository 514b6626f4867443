//! Every assessment kept in this browser: a facilitator may help several communes.

use super::assessment::Assessment;
use super::profile::MAX_NAME_CHARS;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Workspace {
    /// In creation order.
    pub assessments: Vec<Assessment>,
}

impl Workspace {
    pub fn get(&self, id: &str) -> Option<&Assessment> {
        self.assessments.iter().find(|a| a.id == id)
    }

    pub fn get_mut(&mut self, id: &str) -> Option<&mut Assessment> {
        self.assessments.iter_mut().find(|a| a.id == id)
    }

    pub fn add(&mut self, assessment: Assessment) {
        self.assessments.push(assessment);
    }

    /// Takes an assessment out, with its position so that an undo puts it back in place.
    pub fn remove(&mut self, id: &str) -> Option<(usize, Assessment)> {
        let index = self.assessments.iter().position(|a| a.id == id)?;
        Some((index, self.assessments.remove(index)))
    }

    /// Puts a removed assessment back where it was.
    pub fn restore(&mut self, index: usize, assessment: Assessment) {
        if self.get(&assessment.id).is_none() {
            let index = index.min(self.assessments.len());
            self.assessments.insert(index, assessment);
        }
    }

    /// Renames the commune of an assessment. An empty name is refused.
    pub fn rename(&mut self, id: &str, name: &str, now: &str) -> bool {
        let name = super::assessment::truncate_chars(name.trim(), MAX_NAME_CHARS);
        match self.get_mut(id) {
            Some(assessment) if !name.is_empty() => {
                assessment.profile.commune = name;
                assessment.touch(now);
                true
            }
            _ => false,
        }
    }

    /// An assessment of the same commune on the same date, which an import must not overwrite
    /// without asking.
    pub fn same_commune_and_date(&self, other: &Assessment) -> Option<&Assessment> {
        let key = |a: &Assessment| {
            (
                super::profile::slug(&a.profile.commune),
                a.profile.date.clone(),
            )
        };
        self.assessments.iter().find(|a| key(a) == key(other))
    }
}
