//! What the territory view exports as JSON: everything it shows, recomputed from the files,
//! with who can help whom. Apart from `territory` so that `matching` can build on it.

use super::content::Framework;
use super::summary::ImportError;
use super::territory::{ObligationCount, PoolingCandidate, Spread, Territory};
use serde::Serialize;
use std::collections::BTreeMap;

/// What the territory view exports as JSON: everything it shows, recomputed from the files.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Aggregate {
    pub format: &'static str,
    pub generated_at: String,
    pub framework_version: String,
    pub communes: Vec<AggregateCommune>,
    /// Per pillar, in framework order.
    pub spreads: Vec<PillarSpread>,
    pub common_priorities: Vec<PriorityCount>,
    /// Per legal duty: the communes below its minimum.
    pub legal_obligations: Vec<ObligationCount>,
    pub pooling_min_communes: usize,
    pub pooling_candidates: Vec<PoolingCandidate>,
    pub matches: Vec<super::matching::Match>,
    pub rejected_files: Vec<RejectedFile>,
    pub superseded_files: Vec<SupersededFile>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AggregateCommune {
    pub commune: String,
    pub nis_code: String,
    pub date: String,
    pub file: String,
    /// Per pillar id: the recomputed score, or null when not assessed.
    pub scores: BTreeMap<String, Option<u8>>,
    pub focus_pillars: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PillarSpread {
    pub pillar_id: String,
    pub spread: Option<Spread>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PriorityCount {
    pub pillar_id: String,
    pub communes: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RejectedFile {
    pub file: String,
    /// The reason, in the language of the person who exported.
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SupersededFile {
    pub file: String,
    pub commune: String,
    pub used_instead: String,
}

impl Territory {
    /// The aggregate export. `reason` words an import error in the user's language.
    pub fn aggregate(
        &self,
        framework: &Framework,
        matches: Vec<super::matching::Match>,
        pooling_min_communes: usize,
        reason: impl Fn(&ImportError) -> String,
        generated_at: &str,
    ) -> Aggregate {
        let pillar_ids: Vec<&String> = framework.pillars.iter().map(|p| &p.id).collect();
        Aggregate {
            format: "autodiag-territory",
            generated_at: generated_at.to_string(),
            framework_version: framework.version.clone(),
            communes: self
                .communes
                .iter()
                .map(|c| AggregateCommune {
                    commune: c.name.clone(),
                    nis_code: c.assessment.profile.nis_code.clone(),
                    date: c.assessment.profile.date.clone(),
                    file: c.file.clone(),
                    scores: crate::sort::ordered_map(
                        pillar_ids
                            .iter()
                            .zip(&c.scores)
                            .map(|(id, score)| ((*id).clone(), *score)),
                    ),
                    focus_pillars: c.focus.clone(),
                })
                .collect(),
            spreads: pillar_ids
                .iter()
                .zip(self.spreads(framework))
                .map(|(id, spread)| PillarSpread {
                    pillar_id: (*id).clone(),
                    spread,
                })
                .collect(),
            common_priorities: self
                .common_priorities(framework)
                .into_iter()
                .map(|(pillar_id, communes)| PriorityCount {
                    pillar_id,
                    communes,
                })
                .collect(),
            legal_obligations: self.obligation_counts(framework),
            pooling_min_communes,
            pooling_candidates: self.pooling_candidates(framework, pooling_min_communes),
            matches,
            rejected_files: self
                .rejected
                .iter()
                .map(|r| RejectedFile {
                    file: r.file.clone(),
                    reason: reason(&r.error),
                })
                .collect(),
            superseded_files: self
                .superseded
                .iter()
                .map(|s| SupersededFile {
                    file: s.file.clone(),
                    commune: s.commune.clone(),
                    used_instead: s.used.clone(),
                })
                .collect(),
        }
    }
}
