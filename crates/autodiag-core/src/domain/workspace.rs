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
        self.assessments
            .iter()
            .find(|a| a.same_commune(other) && a.profile.date == other.profile.date)
    }

    /// The assessments of the commune a user is about to type in as new: the same name as
    /// every other screen reads it (`profile::name_key`), « Bons Villers » for Les Bons
    /// Villers included.
    pub fn of_commune_named<'a>(&'a self, name: &str) -> impl Iterator<Item = &'a Assessment> {
        let wanted = super::profile::name_key(name);
        self.assessments
            .iter()
            .filter(move |a| super::profile::name_key(&a.profile.commune) == wanted)
    }

    /// The other assessments of the same commune, for a before/after comparison.
    pub fn others_of_same_commune<'a>(
        &'a self,
        assessment: &'a Assessment,
    ) -> impl Iterator<Item = &'a Assessment> {
        self.assessments
            .iter()
            .filter(move |a| a.id != assessment.id && a.same_commune(assessment))
    }

    /// The latest assessment of the same commune dated after `assessment` that takes its place,
    /// if any: a screen showing an earlier year's says so, since its summary is not the one to
    /// send. A synthesis, one by the same respondent (or by the commune, unsigned), or one of a
    /// later round (more than `consolidation::OUT_OF_TIME_MONTHS` after) takes its place: in a
    /// facilitator's browser, one respondent's file of a workshop is not another's earlier
    /// year, but next year's diagnostic by a new DG is.
    /// Whether `assessment` is one to redo rather than continue: of an earlier round, and the
    /// latest of its commune here (a later one is this round's, already started).
    pub fn offers_redo(&self, assessment: &Assessment, today: &str) -> bool {
        assessment.is_of_an_earlier_round(today) && self.later_of_same_commune(assessment).is_none()
    }

    pub fn later_of_same_commune<'a>(
        &'a self,
        assessment: &'a Assessment,
    ) -> Option<&'a Assessment> {
        if assessment.profile.date.is_empty() {
            return None;
        }
        // The same person whatever the case, accents or role wording; unsigned, the commune.
        let author = |a: &Assessment| super::profile::slug(&a.profile.respondent_name);
        self.others_of_same_commune(assessment)
            .filter(|a| a.profile.date > assessment.profile.date)
            .filter(|a| {
                a.profile.is_synthesis()
                    || author(a) == author(assessment)
                    || super::profile::older_than_months(
                        &assessment.profile.date,
                        &a.profile.date,
                        super::assessment::OUT_OF_TIME_MONTHS,
                    )
            })
            .max_by(|a, b| a.profile.date.cmp(&b.profile.date))
    }

    /// The latest assessment of the same commune, dated before `assessment`, whose roadmap marks
    /// `action_id` done: a new year's draft may propose it again from the answers, and the
    /// commune should see that it said it was done.
    pub fn done_earlier<'a>(
        &'a self,
        assessment: &'a Assessment,
        action_id: &str,
    ) -> Option<&'a Assessment> {
        self.others_of_same_commune(assessment)
            .filter(|a| !a.profile.date.is_empty() && a.profile.date < assessment.profile.date)
            .filter(|a| {
                a.roadmap.as_ref().is_some_and(|r| {
                    r.item(action_id)
                        .is_some_and(|item| item.status == super::roadmap::ItemStatus::Done)
                })
            })
            .max_by(|a, b| a.profile.date.cmp(&b.profile.date))
    }

    /// Another tab saved `theirs` over an assessment this tab had changed too: theirs is
    /// adopted, and ours is kept as a copy named `<commune> (<suffix>)` under `copy_id`, so
    /// neither edit is lost. Returns the copy's name, if there was anything of ours to keep.
    pub fn adopt_theirs(
        &mut self,
        theirs: Assessment,
        copy_id: String,
        suffix: &str,
        now: &str,
    ) -> Option<String> {
        let mut copy_name = None;
        if let Some(ours) = self.get(&theirs.id).cloned() {
            let name = format!("{} ({suffix})", ours.profile.commune);
            let mut copy = ours.duplicate(copy_id, name.clone(), now);
            // Revision 1: new to storage, so the next sync writes it.
            copy.revision = 1;
            self.add(copy);
            copy_name = Some(name);
        }
        match self.get_mut(&theirs.id) {
            Some(slot) => *slot = theirs,
            None => self.add(theirs),
        }
        copy_name
    }
}
