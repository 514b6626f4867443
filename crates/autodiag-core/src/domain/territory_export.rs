//! What the territory view exports as JSON: everything it shows, recomputed from the files,
//! with who can help whom. Apart from `territory` so that `matching` can build on it.

use super::content::Framework;
use super::json_tree::JsonWriter;
use super::matching::Party;
use super::summary::ImportError;
use super::territory::{ObligationCount, PoolingCandidate, Spread, SupersededReason, Territory};
use litemap::LiteMap;
use serde::Serialize;

/// What the territory view exports as JSON: everything it shows, recomputed from the files.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Aggregate {
    pub format: &'static str,
    pub generated_at: String,
    pub framework_version: String,
    pub communes: Vec<AggregateCommune>,
    /// The communes of the territory (`content/communes.toml`) with no file loaded, as the
    /// screen's « Pas encore reçu » lists them; empty when none loaded is one of them.
    pub not_received: Vec<String>,
    /// The communes loaded that are none of the territory's, as the screen names them: a name
    /// written another way leaves its commune in `not_received` too. Empty when none loaded is
    /// one of the territory's, as `not_received` is.
    pub outside_territory: Vec<String>,
    /// Per pillar, in framework order.
    pub spreads: Vec<PillarSpread>,
    pub common_priorities: Vec<PriorityCount>,
    /// Per legal duty: the communes below its minimum.
    pub legal_obligations: Vec<TitledObligation>,
    pub pooling_min_communes: usize,
    pub pooling_candidates: Vec<TitledPooling>,
    pub matches: Vec<super::matching::Match>,
    pub rejected_files: Vec<RejectedFile>,
    pub superseded_files: Vec<SupersededFile>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AggregateCommune {
    pub commune: String,
    pub nis_code: String,
    /// The commune's population band, so that communes of a size can be compared; null
    /// when its profile does not say.
    pub population: Option<super::profile::PopulationBand>,
    pub date: String,
    pub file: String,
    /// Questions answered, « Je ne sais pas » and « Non applicable » included, out of
    /// `questions`, the questionnaire's count.
    pub questions_answered: usize,
    pub questions: usize,
    /// Per pillar id: the recomputed score, or null when not assessed.
    #[serde(with = "crate::domain::content::model::json_object")]
    pub scores: LiteMap<String, Option<u8>>,
    /// The pillars whose score rests on fewer than half of their questions: to confirm.
    pub scores_to_confirm: Vec<String>,
    pub focus_pillars: Vec<String>,
    /// The référentiel version the file was answered with.
    pub framework_version: String,
    /// Assessed more than 12 months before the export: the screen marks it « ancienne ».
    pub older_than_12_months: bool,
    /// Dated after the day of the export: a typo to have corrected, which the screen marks.
    pub date_in_future: bool,
    /// How many people the file speaks for: more than one for a workshop's synthesis.
    pub respondents: u32,
    /// Whom to call: the respondent, or a synthesis's participants ([`Commune::respondent`]).
    ///
    /// [`Commune::respondent`]: super::territory::Commune::respondent
    pub respondent: String,
    /// How many legal duties it answered below their minimum.
    pub duties_below: usize,
    /// How many legal duties it left to check ([`Commune::duties_to_check`]).
    ///
    /// [`Commune::duties_to_check`]: super::territory::Commune::duties_to_check
    pub duties_to_check: usize,
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

/// A legal duty's count with the question's title in the exporter's language, so that a note
/// can quote it without looking the id up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TitledObligation {
    pub title: String,
    #[serde(flatten)]
    pub count: ObligationCount,
}

/// A pooling candidate with the action's title in the exporter's language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TitledPooling {
    pub title: String,
    #[serde(flatten)]
    pub candidate: PoolingCandidate,
}

/// How the export words what it names, in the language of the person who exports.
pub struct ExportTexts<'a> {
    /// An import error.
    pub reason: &'a dyn Fn(&ImportError) -> String,
    /// A question's title, by id.
    pub question_title: &'a dyn Fn(&str) -> String,
    /// An action's title, by id.
    pub action_title: &'a dyn Fn(&str) -> String,
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
    /// Why, as a code a script can test: `older_date`, `future_date` (dated after the day of
    /// reading, ranked at its download day), `generated_earlier`, `same_download`,
    /// `counted_in_synthesis`, `other_respondent` (another person's answers of the same
    /// round, to consolidate with the file used) or `fewer_answers` (the same round's file
    /// used, though older, answers more questions).
    pub reason: &'static str,
}

impl Territory {
    /// The aggregate export. `texts` word errors, questions and actions in the user's
    /// language; `today`, the reader's own day, says which assessments are more than 12 months
    /// old, as the screen does.
    pub fn aggregate(
        &self,
        framework: &Framework,
        matches: Vec<super::matching::Match>,
        pooling_min_communes: usize,
        texts: &ExportTexts,
        (generated_at, today): (&str, &str),
    ) -> Aggregate {
        let pillar_ids: Vec<&String> = framework.pillars.iter().map(|p| &p.id).collect();
        let super::territory::RollCall {
            not_received,
            outside: outside_territory,
        } = self.roll_call(framework);
        Aggregate {
            format: "autodiag-territory",
            generated_at: generated_at.to_string(),
            framework_version: framework.version.clone(),
            communes: self
                .communes
                .iter()
                .map(|c| {
                    let (questions_answered, questions) = c.completeness(framework);
                    AggregateCommune {
                        commune: c.name.clone(),
                        nis_code: c.assessment.profile.nis_code.clone(),
                        population: c.assessment.profile.population,
                        date: c.assessment.profile.date.clone(),
                        file: c.file.clone(),
                        questions_answered,
                        questions,
                        scores: crate::sort::ordered_map(
                            pillar_ids
                                .iter()
                                .zip(&c.scores)
                                .map(|(id, score)| ((*id).clone(), *score)),
                        ),
                        scores_to_confirm: c.to_confirm_pillars(framework).cloned().collect(),
                        focus_pillars: c.focus.clone(),
                        framework_version: c.framework_version.clone(),
                        older_than_12_months: c.is_old(today),
                        date_in_future: c.is_future(today),
                        respondents: c.assessment.profile.consolidated_respondents.max(1),
                        respondent: c.respondent(),
                        duties_below: c.duties_below,
                        duties_to_check: c.duties_to_check,
                    }
                })
                .collect(),
            not_received,
            outside_territory,
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
            legal_obligations: self
                .obligation_counts(framework)
                .into_iter()
                .map(|count| TitledObligation {
                    title: (texts.question_title)(&count.question_id),
                    count,
                })
                .collect(),
            pooling_min_communes,
            pooling_candidates: self
                .pooling_candidates(framework, pooling_min_communes)
                .into_iter()
                .map(|candidate| TitledPooling {
                    title: (texts.action_title)(&candidate.action_id),
                    candidate,
                })
                .collect(),
            matches,
            rejected_files: self
                .rejected
                .iter()
                .map(|r| RejectedFile {
                    file: r.file.clone(),
                    reason: (texts.reason)(&r.error),
                })
                .collect(),
            superseded_files: self
                .superseded
                .iter()
                .map(|s| SupersededFile {
                    file: s.file.clone(),
                    commune: s.commune.clone(),
                    used_instead: s.used.clone(),
                    reason: match s.reason {
                        SupersededReason::OlderDate => "older_date",
                        SupersededReason::FutureDate => "future_date",
                        SupersededReason::GeneratedEarlier => "generated_earlier",
                        SupersededReason::SameDownload => "same_download",
                        SupersededReason::CountedInSynthesis => "counted_in_synthesis",
                        SupersededReason::OtherRespondent => "other_respondent",
                        SupersededReason::FewerAnswers => "fewer_answers",
                    },
                })
                .collect(),
        }
    }
}

impl Aggregate {
    /// The export as JSON, two spaces to a level, exactly as serde_json wrote it (the tests
    /// compare the bytes): no serde code in the wasm.
    pub fn to_json(&self) -> String {
        let mut out = JsonWriter::new("  ");
        out.open('{');
        out.text("format", self.format);
        out.text("generated_at", &self.generated_at);
        out.text("framework_version", &self.framework_version);
        out.key("communes").list(&self.communes, |out, commune| {
            out.open('{');
            out.text("commune", &commune.commune);
            out.text("nis_code", &commune.nis_code);
            match commune.population {
                Some(band) => out.key("population").string(band.code()),
                None => out.key("population").null(),
            }
            out.text("date", &commune.date);
            out.text("file", &commune.file);
            out.key("questions_answered")
                .whole(commune.questions_answered as u64);
            out.key("questions").whole(commune.questions as u64);
            out.key("scores").map(&commune.scores, |out, score| {
                out.whole_or_null(score.map(u64::from));
            });
            out.key("scores_to_confirm")
                .strings(&commune.scores_to_confirm);
            out.key("focus_pillars").strings(&commune.focus_pillars);
            out.text("framework_version", &commune.framework_version);
            out.key("older_than_12_months")
                .boolean(commune.older_than_12_months);
            out.key("date_in_future").boolean(commune.date_in_future);
            out.key("respondents").whole(u64::from(commune.respondents));
            out.text("respondent", &commune.respondent);
            out.key("duties_below").whole(commune.duties_below as u64);
            out.key("duties_to_check")
                .whole(commune.duties_to_check as u64);
            out.close('}');
        });
        out.key("not_received").strings(&self.not_received);
        out.key("outside_territory")
            .strings(&self.outside_territory);
        out.key("spreads").list(&self.spreads, |out, spread| {
            out.open('{');
            out.text("pillar_id", &spread.pillar_id);
            match &spread.spread {
                Some(s) => {
                    let out = out.key("spread");
                    out.open('{');
                    out.key("count").whole(s.count as u64);
                    for (name, value) in [
                        ("min", s.min),
                        ("q1", s.q1),
                        ("median", s.median),
                        ("q3", s.q3),
                        ("max", s.max),
                        ("mean", s.mean),
                    ] {
                        out.key(name).float(value);
                    }
                    out.close('}');
                }
                None => out.key("spread").null(),
            }
            out.close('}');
        });
        out.key("common_priorities")
            .list(&self.common_priorities, |out, priority| {
                out.open('{');
                out.text("pillar_id", &priority.pillar_id);
                out.key("communes").whole(priority.communes as u64);
                out.close('}');
            });
        out.key("legal_obligations")
            .list(&self.legal_obligations, |out, titled| {
                let count = &titled.count;
                out.open('{');
                out.text("title", &titled.title);
                out.text("question_id", &count.question_id);
                out.key("legal_minimum")
                    .whole(u64::from(count.legal_minimum));
                out.key("below").strings(&count.below);
                out.key("met").whole(count.met as u64);
                out.key("to_check").whole(count.to_check.len() as u64);
                out.close('}');
            });
        out.key("pooling_min_communes")
            .whole(self.pooling_min_communes as u64);
        out.key("pooling_candidates")
            .list(&self.pooling_candidates, |out, titled| {
                let candidate = &titled.candidate;
                out.open('{');
                out.text("title", &titled.title);
                out.text("action_id", &candidate.action_id);
                out.text("pillar_id", &candidate.pillar_id);
                out.key("pooled").boolean(candidate.pooled);
                out.key("communes").strings(&candidate.communes);
                out.close('}');
            });
        out.key("matches").list(&self.matches, |out, found| {
            let party = |out: &mut JsonWriter, party: &Party| {
                out.open('{');
                out.text("commune", &party.commune);
                out.key("level").whole(u64::from(party.level));
                out.text("note", &party.note);
                out.close('}');
            };
            out.open('{');
            out.text("pillar_id", &found.pillar_id);
            out.text("question_id", &found.question_id);
            party(out.key("ahead"), &found.ahead);
            out.key("behind").list(&found.behind, party);
            out.key("benefit").float(found.benefit);
            out.close('}');
        });
        out.key("rejected_files")
            .list(&self.rejected_files, |out, file| {
                out.open('{');
                out.text("file", &file.file);
                out.text("reason", &file.reason);
                out.close('}');
            });
        out.key("superseded_files")
            .list(&self.superseded_files, |out, file| {
                out.open('{');
                out.text("file", &file.file);
                out.text("commune", &file.commune);
                out.text("used_instead", &file.used_instead);
                out.text("reason", file.reason);
                out.close('}');
            });
        out.close('}');
        out.out
    }
}
