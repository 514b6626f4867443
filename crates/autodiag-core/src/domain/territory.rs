//! Many communes at once, for the intercommunale: scores side by side, spreads per pillar,
//! shared priorities, and the actions worth pooling.
//!
//! Everything is computed from the summaries' answers: scores are recomputed, never trusted.

use super::assessment::{Assessment, Choice};
use super::content::Framework;
use super::plan::ItemStatus;
use super::roadmap;
use super::scoring;
use super::summary::{self, ImportError};
use litemap::LiteMap;
use serde::Serialize;

/// One commune in the territory view, from its newest summary.
#[derive(Debug, Clone, PartialEq)]
pub struct Commune {
    /// What identifies a commune across files: [`Assessment::commune_key`], or the file's own
    /// name when the summary has neither a commune name nor a NIS code.
    pub key: String,
    pub name: String,
    pub file: String,
    pub assessment: Assessment,
    /// Recomputed score per pillar, in framework order.
    pub scores: Vec<Option<u8>>,
    /// Per pillar, in framework order: its score rests on fewer than half of its questions,
    /// which the commune's own results mark « à confirmer : peu de réponses ».
    pub to_confirm: Vec<bool>,
    /// Focus pillars of its roadmap, or of a draft when the summary has no roadmap.
    pub focus: Vec<String>,
    /// How many legal duties it answered below their minimum: whom IGRETEC calls first.
    pub duties_below: usize,
    /// How many it left to check (« je ne sais pas », « non applicable », no answer): a file
    /// of an older questionnaire or a partial one is not below any minimum, nor known to meet
    /// them.
    pub duties_to_check: usize,
    /// Catalogue actions its roadmap still plans: one it has done is no longer to pool.
    pub actions: Vec<String>,
    /// The référentiel version the file was answered with, and how many of today's questions
    /// it changed since: they are unanswered in this commune's row until it is asked again.
    pub framework_version: String,
    pub asked_again: usize,
    /// Files of the same round from other people, set aside
    /// ([`SupersededReason::OtherRespondent`]): the row is one view among several until they
    /// are consolidated.
    pub other_respondents: usize,
}

/// What the heat map's rows, and its CSV's, are sorted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortBy {
    #[default]
    Name,
    /// The most duties below their minimum first: whom IGRETEC calls first.
    DutiesBelow,
    /// A pillar's score, by its index, highest first.
    Pillar(usize),
}

/// How the territory's CSV words its marks, in the reader's language, and the reader's day
/// (`YYYY-MM-DD`) they are judged on: see [`Territory::csv`].
#[derive(Debug, Clone, Copy)]
pub struct CsvMarks<'a> {
    pub old: &'a str,
    pub to_confirm: &'a str,
    pub future: &'a str,
    pub today: &'a str,
    /// The reader's language code, for the dates.
    pub lang: &'a str,
}

/// Names an id (an action's, a pillar's) as the screen does.
pub type Namer = dyn Fn(&str) -> String;

/// A file that could not be used, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejected {
    pub file: String,
    pub error: ImportError,
}

/// A file set aside because a newer summary of the same commune was given.
#[derive(Debug, Clone, PartialEq)]
pub struct Superseded {
    pub file: String,
    pub commune: String,
    /// The file used instead.
    pub used: String,
    pub reason: SupersededReason,
    /// For [`SupersededReason::CountedInSynthesis`]: the synthesis that counts its author.
    pub synthesis: Option<String>,
    /// For [`SupersededReason::OtherRespondent`]: who answered this file, and who the file
    /// used.
    pub respondents: Option<(String, String)>,
    /// Questions answered in this file and in the file used, as [`Commune::completeness`]
    /// counts them: a partial file of the round gives way to a complete one.
    pub answered: (usize, usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SupersededReason {
    /// The used file's assessment date is later.
    OlderDate,
    /// The set-aside file's assessment date lies after today, a typo: it ranked at the day
    /// it was downloaded instead, which came before the used file's.
    FutureDate,
    /// Same assessment date; the used file was generated later.
    GeneratedEarlier,
    /// Same assessment date, generated at the same moment: two copies of one download.
    SameDownload,
    /// One respondent's own file, whose respondent a group's synthesis of the same commune
    /// already counts (`Superseded::synthesis`): whatever its date, that person's view is in it.
    CountedInSynthesis,
    /// Another person's answers of the same round (`Superseded::respondents`): they add to
    /// the file used rather than replace it, and belong together in a consolidation. A group's
    /// synthesis of the round is used before one person's file.
    OtherRespondent,
    /// Same round, same person (or nobody named), but the used file, though not the latest,
    /// answers more questions (`Superseded::answered`): a partial save gives way to the whole.
    FewerAnswers,
}

/// Whether two files of one commune (at most `consolidation::OUT_OF_TIME_MONTHS` apart: one
/// round) hold different people's answers: both say who answered
/// and the names differ, or one is a group's synthesis and the other one person's file.
fn different_respondents(a: &Assessment, b: &Assessment) -> bool {
    if a.profile.is_synthesis() != b.profile.is_synthesis() {
        return true;
    }
    let person = |x: &Assessment| super::profile::slug(&x.profile.respondent_name);
    let (first, second) = (person(a), person(b));
    !first.is_empty() && !second.is_empty() && first != second
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Territory {
    /// Sorted by name.
    pub communes: Vec<Commune>,
    pub rejected: Vec<Rejected>,
    pub superseded: Vec<Superseded>,
}

/// Whether `earlier`, a summary already read, was saved after `again`, a file of the same
/// name and commune picked later: `again` is then an older copy (a mail answered twice, a
/// folder sorted by name), and `earlier` stays. A file that cannot say when it was saved, or
/// another commune's, never stays.
pub fn saved_later(earlier: &[u8], again: &[u8]) -> bool {
    let saved = |bytes: &[u8]| {
        let bytes = summary::as_utf8(bytes);
        let tree = super::json_tree::parse(std::str::from_utf8(&bytes).ok()?).ok()?;
        let fields = super::json_tree::Fields::of(&tree).ok()?;
        let commune = super::json_tree::Fields::of(fields.get("profile")?)
            .ok()?
            .get("commune")?
            .string()
            .ok()?;
        let at = fields.get("generated_at")?.string().ok()?;
        Some((super::profile::name_key(&commune), at))
    };
    match (saved(earlier), saved(again)) {
        (Some((commune, earlier)), Some((same, again))) => commune == same && earlier > again,
        _ => false,
    }
}

/// Reads every file; bad ones are listed with their reason and the good ones still load.
/// `now` is the moment of reading (ISO 8601) and `today` the reader's day, `YYYY-MM-DD`.
pub fn load(
    framework: &Framework,
    files: &[(String, Vec<u8>)],
    now: &str,
    today: &str,
) -> Territory {
    let mut loader = TerritoryLoader::default();
    for (file, bytes) in files {
        loader.add(framework, file, bytes, now);
    }
    loader.finish(today)
}

/// The day a summary ranks at among its commune's files: its assessment date, unless that
/// lies after `today` (a typo, « 2062 » for « 2026 », which would otherwise make it the
/// newest for decades). It then ranks at the day it was downloaded, or with the undated
/// files if that day is unreadable or after `today` too (a computer's clock set wrong).
fn ranking_date<'a>(date: &'a str, generated_at: &'a str, today: &str) -> &'a str {
    if !super::profile::is_after(date, today) {
        return date;
    }
    match generated_at.get(..10) {
        Some(day) if super::profile::is_iso_date(day) && day <= today => day,
        _ => "",
    }
}

/// Builds a territory one file at a time, so the browser can parse the first files while it
/// still reads the others. The result is the same as [`load`] over the files in any order.
#[derive(Default)]
pub struct TerritoryLoader {
    rejected: Vec<Rejected>,
    /// Per commune key, where its summaries sit in `loaded`. The map holds indices, so that
    /// inserting into its sorted vector moves a few bytes per commune, not whole communes.
    by_commune: LiteMap<String, Vec<usize>>,
    /// Every summary read, with its `generated_at` and how many questions it answers: which
    /// one a commune uses is chosen once all are there, so that the choice never depends on
    /// the order they came in.
    loaded: Vec<(Commune, String, usize)>,
    files: usize,
    /// Each commune of `content/communes.toml` by its key, worked out on the first file
    /// rather than for each of 600.
    official_names: Vec<(String, String)>,
}

impl TerritoryLoader {
    /// Lists a file refused before parsing, for example one too large to read.
    pub fn reject(&mut self, file: &str, error: ImportError) {
        self.files += 1;
        self.rejected.push(Rejected {
            file: file.to_string(),
            error,
        });
    }

    pub fn add(&mut self, framework: &Framework, file: &str, bytes: &[u8], now: &str) {
        let index = self.files;
        self.files += 1;
        // Summaries reach the intercommunale by e-mail, some opened and saved again.
        let bytes = summary::as_utf8(bytes);
        let mut imported =
            match summary::import(framework, &bytes, format!("territory-{index}"), now) {
                Ok(imported) => imported,
                Err(error) => {
                    self.rejected.push(Rejected {
                        file: file.to_string(),
                        error,
                    });
                    return;
                }
            };
        let generated_at = std::mem::take(&mut imported.generated_at);
        if self.official_names.is_empty() {
            self.official_names = official_names(framework);
        }
        let commune = to_commune(framework, &self.official_names, file, imported);
        self.by_commune
            .entry(commune.key.clone())
            .or_default()
            .push(self.loaded.len());
        let answered = commune.completeness(framework).0;
        self.loaded.push((commune, generated_at, answered));
    }

    /// Per commune, the summary in use: of those no synthesis of the same commune already
    /// speaks for, a group's synthesis of the latest round, then of the latest round's files
    /// the one that answers most questions (a colleague's partial save two days after a whole
    /// diagnostic does not hide it), then the latest by assessment date, then by when it was
    /// saved, then by file name. Every other one is listed as set aside, with its reason
    /// against that choice. A file dated after `today` ranks at its download day
    /// ([`ranking_date`]).
    pub fn finish(self, today: &str) -> Territory {
        let loaded = self.loaded;
        let ranking_dates: Vec<&str> = loaded
            .iter()
            .map(|(commune, generated_at, _)| {
                ranking_date(&commune.assessment.profile.date, generated_at, today)
            })
            .collect();
        let counted_in = |index: usize, group: &[usize]| {
            group.iter().copied().find(|&other| {
                super::consolidation::counts_in_synthesis(
                    &loaded[other].0.assessment,
                    &loaded[index].0.assessment,
                )
            })
        };
        let date = |index: usize| ranking_dates[index];
        let recency = |index: usize| {
            let (commune, generated_at, _) = &loaded[index];
            (date(index), generated_at, &commune.file)
        };
        let same_round = |a: usize, b: usize| {
            let (earlier, later) = if date(a) <= date(b) { (a, b) } else { (b, a) };
            // One round, as a workshop takes its respondents' files.
            !super::profile::older_than_months(
                date(earlier),
                date(later),
                super::assessment::OUT_OF_TIME_MONTHS,
            )
        };
        // For each summary, the one its commune uses, and the synthesis that counts its author.
        let mut used_of: Vec<usize> = (0..loaded.len()).collect();
        let mut synthesis_of: Vec<Option<usize>> = vec![None; loaded.len()];
        // The summaries in use, each with its commune's NIS code: keyed by name, the one in use
        // may lack the code another file of the same commune gave, which the exports keep.
        let mut chosen: Vec<(usize, Option<String>)> = Vec::new();
        for group in self.by_commune.values() {
            for &index in group {
                synthesis_of[index] = counted_in(index, group);
            }
            // A synthesis is never counted in another, so one always remains.
            let latest = group.iter().copied().max_by(|a, b| date(*a).cmp(date(*b)));
            // A group's synthesis of the latest round speaks for the commune before one
            // person's later file: a mayor who missed the workshop does not replace it.
            let rank = |index: usize| {
                // An undated file belongs to no round: it could be years old.
                let this_round = super::profile::is_iso_date(date(index))
                    && latest.is_some_and(|latest| same_round(index, latest));
                let recent_synthesis =
                    this_round && loaded[index].0.assessment.profile.is_synthesis();
                (
                    recent_synthesis,
                    this_round.then_some(loaded[index].2),
                    recency(index),
                )
            };
            let Some(used) = group
                .iter()
                .copied()
                .filter(|&index| synthesis_of[index].is_none())
                .max_by(|a, b| rank(*a).cmp(&rank(*b)))
            else {
                continue;
            };
            let code = group
                .iter()
                .find_map(|&index| loaded[index].0.assessment.nis_code())
                .map(str::to_string);
            chosen.push((used, code));
            for &index in group {
                used_of[index] = used;
            }
        }
        // In the order the files came in.
        let superseded = (0..loaded.len())
            .filter(|&index| used_of[index] != index)
            .map(|other| {
                let used = used_of[other];
                let synthesis = synthesis_of[other];
                let (used_assessment, other_assessment) =
                    (&loaded[used].0.assessment, &loaded[other].0.assessment);
                let other_person = synthesis.is_none()
                    && same_round(used, other)
                    && different_respondents(used_assessment, other_assessment);
                let reason = if synthesis.is_some() {
                    SupersededReason::CountedInSynthesis
                } else if other_person {
                    SupersededReason::OtherRespondent
                } else if recency(used) < recency(other) {
                    SupersededReason::FewerAnswers
                } else if date(other) != other_assessment.profile.date {
                    SupersededReason::FutureDate
                } else if recency(used).0 != recency(other).0 {
                    SupersededReason::OlderDate
                } else if recency(used).1 != recency(other).1 {
                    SupersededReason::GeneratedEarlier
                } else {
                    SupersededReason::SameDownload
                };
                Superseded {
                    file: loaded[other].0.file.clone(),
                    commune: loaded[other].0.name.clone(),
                    used: loaded[used].0.file.clone(),
                    reason,
                    synthesis: synthesis.map(|index| loaded[index].0.file.clone()),
                    respondents: other_person.then(|| {
                        let who = |a: &Assessment| a.profile.respondent_label().unwrap_or_default();
                        (who(other_assessment), who(used_assessment))
                    }),
                    answered: (loaded[other].2, loaded[used].2),
                }
            })
            .collect::<Vec<Superseded>>();
        let mut slots: Vec<Option<Commune>> = loaded
            .into_iter()
            .map(|(commune, ..)| Some(commune))
            .collect();
        let mut communes: Vec<Commune> = chosen
            .into_iter()
            .filter_map(|(used, code)| {
                let mut commune = slots[used].take()?;
                commune.other_respondents = superseded
                    .iter()
                    .filter(|s| {
                        s.reason == SupersededReason::OtherRespondent && s.used == commune.file
                    })
                    .count();
                if commune.assessment.nis_code().is_none()
                    && let Some(code) = code
                {
                    commune.assessment.profile.nis_code = code;
                }
                Some(commune)
            })
            .collect();
        // By the commune's name as a list writes it: « Ville de Châtelet » is at C, « Les Bons
        // Villers » at L. Each key is a new string: worked out once per commune, not twice per
        // comparison.
        crate::sort::sort_by_cached_key(&mut communes, |c| {
            (super::profile::commune_slug(&c.name), c.key.clone())
        });
        Territory {
            communes,
            rejected: self.rejected,
            superseded,
        }
    }
}

impl Commune {
    /// Whether the file settled none of the framework's `duties` legal duties: neither below
    /// nor met, so the heat map's « — » and the CSV's blank, never a 0 read as in order.
    pub fn settled_no_duty(&self, duties: usize) -> bool {
        self.duties_below == 0 && self.duties_to_check >= duties
    }

    /// Questions answered out of the questionnaire's. « Je ne sais pas » and « non applicable »
    /// count as answered: the commune did look at the question.
    pub fn completeness(&self, framework: &Framework) -> (usize, usize) {
        let total = framework.question_count();
        let answered = framework
            .question_ids()
            .filter(|q| self.assessment.choice(q).is_some())
            .count();
        (answered, total)
    }

    /// Whether the score of the pillar at `index` (framework order) is to confirm.
    pub fn score_to_confirm(&self, index: usize) -> bool {
        self.to_confirm.get(index).copied().unwrap_or(false)
    }

    /// Its focus pillars that count as its priorities, in its roadmap's order: not one whose
    /// score is to confirm, as a score on two answers of eight says little of what the commune
    /// needs. The screen's « Priorités communes » and the CSV count the same ones.
    pub fn priorities<'a>(&'a self, framework: &'a Framework) -> impl Iterator<Item = &'a String> {
        self.focus.iter().filter(|id| {
            let index = framework.pillars.iter().position(|p| p.id == **id);
            !index.is_some_and(|index| self.score_to_confirm(index))
        })
    }

    /// Whom IGRETEC calls about this file: its respondent, or a synthesis's participants,
    /// whose label names the group and not a person.
    pub fn respondent(&self) -> String {
        let profile = &self.assessment.profile;
        if profile.is_synthesis() && !profile.participants.is_empty() {
            profile.participants.join(", ")
        } else {
            profile.respondent_label().unwrap_or_default()
        }
    }

    /// The pillars whose score is to confirm, by id, in framework order.
    pub fn to_confirm_pillars<'a>(
        &'a self,
        framework: &'a Framework,
    ) -> impl Iterator<Item = &'a String> {
        framework
            .pillars
            .iter()
            .zip(&self.to_confirm)
            .filter(|(_, flagged)| **flagged)
            .map(|(pillar, _)| &pillar.id)
    }

    /// The assessment is dated after `today`: a typo, which would make the file its commune's
    /// newest until a file dated later still comes.
    pub fn is_future(&self, today: &str) -> bool {
        super::profile::is_after(&self.assessment.profile.date, today)
    }

    /// The assessment is more than 12 months older than `today`, so its answers may no
    /// longer describe the commune.
    pub fn is_old(&self, today: &str) -> bool {
        older_than_12_months(&self.assessment.profile.date, today)
    }

    /// What its name carries wherever the territory lists it, on `today`.
    pub fn date_mark(&self, today: &str) -> Option<DateMark> {
        if self.is_future(today) {
            Some(DateMark::Future)
        } else if self.is_old(today) {
            Some(DateMark::Old)
        } else {
            None
        }
    }
}

/// Why a commune's name is marked in every list of the territory: its file's date, which an
/// analyst must see before quoting its answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateMark {
    /// More than 12 months old: its answers may no longer describe the commune.
    Old,
    /// After the reader's day: a typo, to have corrected.
    Future,
}

/// The communes whose name is marked, by name ([`Territory::date_marks`]).
pub type DateMarks = LiteMap<String, DateMark>;

/// The territory's communes split by `content/communes.toml`: see [`Territory::roll_call`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RollCall {
    /// The communes of the list with no file on screen, in the list's order.
    pub not_received: Vec<String>,
    /// The communes on screen that are none of the list's, in the screen's order.
    pub outside: Vec<String>,
}

/// Whether `date` lies more than 12 months before `today`, both `YYYY-MM-DD`. Exactly 12
/// months is not older. A date that cannot be read is never called old: nothing says so.
pub fn older_than_12_months(date: &str, today: &str) -> bool {
    super::profile::older_than_months(date, today, 12)
}

/// Each commune of `content/communes.toml`, in its order, with the key a file naming it gets
/// (« Ville de Châtelet » and « Châtelet » alike).
fn official_names(framework: &Framework) -> Vec<(String, String)> {
    framework
        .communes
        .iter()
        .map(|c| (super::profile::name_key(&c.name), c.name.clone()))
        .collect()
}

fn to_commune(
    framework: &Framework,
    official_names: &[(String, String)],
    file: &str,
    imported: summary::Imported,
) -> Commune {
    let assessment = imported.assessment;
    let scores = scoring::score_all(framework, &assessment);
    let drafted;
    let roadmap = match &assessment.roadmap {
        Some(roadmap) => roadmap,
        None => {
            drafted = roadmap::draft(framework, &assessment, &scores);
            &drafted
        }
    };
    let (focus, _) = roadmap::choose_focus(&assessment, &scores);
    // Both counts from one pass over the duties: this runs for each of hundreds of files.
    let (mut duties_below, mut duties_to_check) = (0, 0);
    for obligation in super::obligations::obligations(framework, &assessment) {
        match obligation.compliance {
            super::obligations::Compliance::Below => duties_below += 1,
            super::obligations::Compliance::ToCheck => duties_to_check += 1,
            super::obligations::Compliance::Met => {}
        }
    }
    let key = assessment
        .commune_key()
        .unwrap_or_else(|| format!("file:{file}"));
    // A commune of the territory reads as its list writes it (« Ville de Chatelet » is
    // « Châtelet »), in the heat map, the lists read aloud and the CSV matched with IGRETEC's
    // own; another name stays as typed. A summary without one goes by its file's, never by a
    // blank.
    let official = official_names.iter().find(|(official, _)| *official == key);
    let name = match (official, assessment.profile.commune.trim()) {
        (Some((_, name)), _) => name.clone(),
        (None, "") => file.to_string(),
        (None, typed) => typed.to_string(),
    };
    Commune {
        key,
        name,
        file: file.to_string(),
        scores: scores.iter().map(|s| s.score).collect(),
        to_confirm: scores
            .iter()
            .map(scoring::PillarScore::to_confirm)
            .collect(),
        focus: focus.into_iter().map(|f| f.pillar_id).collect(),
        duties_below,
        duties_to_check,
        actions: roadmap
            .items
            .iter()
            .filter(|i| framework.action(&i.id).is_some() && i.status != ItemStatus::Done)
            .map(|i| i.id.clone())
            .collect(),
        framework_version: imported.framework_version,
        asked_again: imported.asked_again,
        other_respondents: 0,
        assessment,
    }
}

/// Min, quartiles, median and max of one pillar's scores across communes.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Spread {
    pub count: usize,
    pub min: f64,
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
    pub max: f64,
    pub mean: f64,
}

/// The spread of a set of values, or `None` when it is empty. Quartiles interpolate linearly
/// between the closest ranks (the method spreadsheets call QUARTILE.INC).
pub fn spread(values: &[f64]) -> Option<Spread> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    crate::sort::sort_by(&mut sorted, f64::total_cmp);
    let quantile = |p: f64| {
        let rank = p * (sorted.len() - 1) as f64;
        let (low, high) = (rank.floor() as usize, rank.ceil() as usize);
        sorted[low] + (sorted[high] - sorted[low]) * (rank - low as f64)
    };
    Some(Spread {
        count: sorted.len(),
        min: sorted[0],
        q1: quantile(0.25),
        median: quantile(0.5),
        q3: quantile(0.75),
        max: sorted[sorted.len() - 1],
        mean: sorted.iter().sum::<f64>() / sorted.len() as f64,
    })
}

impl Territory {
    /// Per pillar, in framework order: the spread of the communes' scores, without those to
    /// confirm: a score on one answer of eight would move the minimum or the median as much as
    /// a whole pillar answered.
    pub fn spreads(&self, framework: &Framework) -> Vec<Option<Spread>> {
        (0..framework.pillars.len())
            .map(|index| {
                let values: Vec<f64> = self
                    .communes
                    .iter()
                    .filter(|c| !c.score_to_confirm(index))
                    .filter_map(|c| c.scores.get(index).copied().flatten())
                    .map(f64::from)
                    .collect();
                spread(&values)
            })
            .collect()
    }

    /// Per legal duty, the one most communes are below first (ties in questionnaire order):
    /// how many communes are below its minimum, meet it, or have it still to check. What many
    /// communes lack is what the intercommunale can help pool (a shared DPO, an accessibility
    /// review…).
    pub fn obligation_counts(&self, framework: &Framework) -> Vec<ObligationCount> {
        use super::obligations::{Compliance, obligations};
        let mut counts: Vec<ObligationCount> = Vec::new();
        for commune in &self.communes {
            for (index, obligation) in obligations(framework, &commune.assessment)
                .into_iter()
                .enumerate()
            {
                if counts.len() <= index {
                    counts.push(ObligationCount {
                        question_id: obligation.question_id.clone(),
                        legal_minimum: obligation.legal_minimum,
                        below: Vec::new(),
                        met: 0,
                        to_check: Vec::new(),
                    });
                }
                let count = &mut counts[index];
                match obligation.compliance {
                    Compliance::Below => count.below.push(commune.name.clone()),
                    Compliance::Met => count.met += 1,
                    Compliance::ToCheck => count.to_check.push(commune.name.clone()),
                }
            }
        }
        // The duty most communes are below first: the committee's first item. Ties keep the
        // questionnaire's order.
        crate::sort::sort_by_key(&mut counts, |count| std::cmp::Reverse(count.below.len()));
        counts
    }

    /// The legal duties' table as CSV, in the screen's order: each duty (named by `title`),
    /// its legal minimum, how many communes are below it and which, how many are in order,
    /// how many are to check and which. The committee's list of whom to help, in a
    /// spreadsheet rather than retyped from the aggregate JSON. `commune` words each name, as
    /// the screen does (a file more than 12 months old is marked).
    pub fn obligations_csv(
        &self,
        framework: &Framework,
        (title, commune): (&Namer, &Namer),
        headers: &[&str; 7],
    ) -> String {
        let names = |names: &[String]| {
            names
                .iter()
                .map(|name| commune(name))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut csv = super::csv::Csv::new();
        csv.row(headers);
        for count in self.obligation_counts(framework) {
            csv.row([
                title(&count.question_id),
                count.legal_minimum.to_string(),
                count.below.len().to_string(),
                names(&count.below),
                count.met.to_string(),
                count.to_check.len().to_string(),
                names(&count.to_check),
            ]);
        }
        csv.finish()
    }

    /// The actions to pool as CSV, in the screen's order (those the catalogue marks worth
    /// pooling first, then the others, each list most shared first) and with its minimum:
    /// each action (titled by `action_title`), its pillar (by `pillar_name`), `pooled` when the
    /// catalogue marks it, how many communes plan it and which (each worded by `commune`, with
    /// its level on the action's question worded by `level`).
    pub fn pooling_csv(
        &self,
        framework: &Framework,
        min_communes: usize,
        names: (&Namer, &Namer, &Namer, &dyn Fn(Option<u8>) -> String),
        pooled: &str,
        headers: &[&str; 5],
    ) -> String {
        let (action_title, pillar_name, commune, level) = names;
        let mut csv = super::csv::Csv::new();
        csv.row(headers);
        let mut candidates = self.pooling_candidates(framework, min_communes);
        crate::sort::sort_by_key(&mut candidates, |candidate| !candidate.pooled);
        for candidate in candidates {
            csv.row([
                action_title(&candidate.action_id),
                pillar_name(&candidate.pillar_id),
                if candidate.pooled { pooled } else { "" }.to_string(),
                candidate.communes.len().to_string(),
                candidate
                    .communes
                    .iter()
                    .zip(&candidate.levels)
                    .map(|(name, at)| format!("{} ({})", commune(name), level(*at)))
                    .collect::<Vec<_>>()
                    .join(", "),
            ]);
        }
        csv.finish()
    }

    /// The communes of `content/communes.toml` with no summary on screen, in its order, each
    /// known as a file's commune is (« Ville de Châtelet » is Châtelet), and the communes on
    /// screen that are none of them, in the screen's order (a name written another way leaves
    /// its commune « not received » too, so both are said). Both empty when no commune on
    /// screen is one of the list's: a test territory of other names misses nobody.
    pub fn roll_call(&self, framework: &Framework) -> RollCall {
        let official = official_names(framework);
        let listed = |c: &Commune| official.iter().any(|(key, _)| c.key == *key);
        if !self.communes.iter().any(listed) {
            return RollCall::default();
        }
        RollCall {
            not_received: official
                .iter()
                .filter(|(key, _)| !self.communes.iter().any(|c| c.key == *key))
                .map(|(_, name)| name.clone())
                .collect(),
            outside: self
                .communes
                .iter()
                .filter(|c| !listed(c))
                .map(|c| c.name.clone())
                .collect(),
        }
    }

    /// The communes whose name is marked ([`Commune::date_mark`]), by name: every list below
    /// the heat map looks each of its names up, so the map is sorted once rather than scanned.
    pub fn date_marks(&self, today: &str) -> DateMarks {
        crate::sort::ordered_map(
            self.communes
                .iter()
                .filter_map(|c| Some((c.name.clone(), c.date_mark(today)?))),
        )
    }

    /// Whether a refused file may be some commune's summary, which « Pas encore reçu » would
    /// then list as not received: a territorial reference given here by mistake is no one's.
    pub fn refused_a_commune_file(&self) -> bool {
        self.rejected
            .iter()
            .any(|r| !matches!(r.error, ImportError::Reference))
    }

    /// NIS codes that more than one commune on screen carries, each with those communes'
    /// names: « Ham-sur-Heure » and « Ham-sur-Heure-Nalinnes », both 56086, are probably one
    /// commune under two names, or one code mistyped. Communes are told apart by name (see
    /// [`Assessment::commune_key`]), so the view asks rather than merges.
    pub fn shared_nis_codes(&self) -> Vec<(String, Vec<String>)> {
        let mut by_code: LiteMap<&str, Vec<String>> = LiteMap::new();
        for commune in &self.communes {
            if let Some(code) = commune.assessment.nis_code() {
                by_code.entry(code).or_default().push(commune.name.clone());
            }
        }
        by_code
            .into_iter()
            .filter(|(_, names)| names.len() > 1)
            .map(|(code, names)| (code.to_string(), names))
            .collect()
    }

    /// How many communes chose each pillar as a focus, most chosen first.
    pub fn common_priorities(&self, framework: &Framework) -> Vec<(String, usize)> {
        self.priorities_with_communes(framework)
            .into_iter()
            .map(|(pillar, communes)| (pillar, communes.len()))
            .collect()
    }

    /// Which communes chose each pillar as a focus, by name, most chosen pillar first; ties
    /// keep the framework's order. Only a commune's [`Commune::priorities`] count.
    pub fn priorities_with_communes(&self, framework: &Framework) -> Vec<(String, Vec<String>)> {
        let mut priorities: Vec<(String, Vec<String>)> = framework
            .pillars
            .iter()
            .map(|p| {
                let communes = self
                    .communes
                    .iter()
                    .filter(|c| c.priorities(framework).any(|id| *id == p.id))
                    .map(|c| c.name.clone())
                    .collect();
                (p.id.clone(), communes)
            })
            .collect();
        crate::sort::sort_by_key(&mut priorities, |(_, communes)| {
            std::cmp::Reverse(communes.len())
        });
        priorities
    }

    /// How many communes an action must share to be offered for pooling at first: with a
    /// few communes a pair is worth pooling, with many only a group is.
    pub fn default_pooling_minimum(&self) -> usize {
        if self.communes.len() < 10 { 2 } else { 3 }
    }

    /// Actions in the roadmaps of at least `min_communes` communes, most shared first (their
    /// interest, as the screen says), then by pillar in framework order.
    pub fn pooling_candidates(
        &self,
        framework: &Framework,
        min_communes: usize,
    ) -> Vec<PoolingCandidate> {
        // Lists sorted once at the end rather than a set per action, whose tree code was
        // compiled for this alone.
        let mut by_action: LiteMap<&str, Vec<&Commune>> = LiteMap::new_vec();
        for commune in &self.communes {
            for action in &commune.actions {
                by_action.entry(action).or_default().push(commune);
            }
        }
        let mut candidates: Vec<PoolingCandidate> = by_action
            .into_iter()
            // Asking IGRETEC for its accompaniment is what the summary in its hands already
            // does: not an action for communes to run together.
            .filter(|(id, _)| *id != super::roadmap::STRATEGY_ACCOMPANIMENT)
            .filter_map(|(id, mut communes)| {
                crate::sort::sort_by(&mut communes, |a, b| a.name.cmp(&b.name));
                communes.dedup_by(|a, b| a.name == b.name);
                if communes.len() < min_communes.max(1) {
                    return None;
                }
                let action = framework.action(id)?;
                Some(PoolingCandidate {
                    action_id: id.to_string(),
                    pillar_id: action.pillar.clone(),
                    pooled: action.pooled,
                    levels: communes
                        .iter()
                        .map(|c| action.questions.iter().filter_map(|q| level_of(c, q)).min())
                        .collect(),
                    communes: communes.into_iter().map(|c| c.name.clone()).collect(),
                })
            })
            .collect();
        let pillar_order = |id: &str| framework.pillars.iter().position(|p| p.id == id);
        crate::sort::sort_by(&mut candidates, |a, b| {
            b.communes
                .len()
                .cmp(&a.communes.len())
                .then(pillar_order(&a.pillar_id).cmp(&pillar_order(&b.pillar_id)))
                .then(b.pooled.cmp(&a.pooled))
                .then(a.action_id.cmp(&b.action_id))
        });
        candidates
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PoolingCandidate {
    pub action_id: String,
    pub pillar_id: String,
    /// The catalogue marks it as worth pooling through the intercommunale.
    pub pooled: bool,
    /// Names of the communes whose roadmap has it, sorted.
    pub communes: Vec<String>,
    /// Each of those communes' level on the action's question (the lowest, for an action on
    /// two), or none (no answer, « je ne sais pas », « non applicable »): a commune without staff gets the foundations whatever
    /// it answered, and IGRETEC weighs a count by the levels behind it.
    #[serde(skip)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    pub levels: Vec<Option<u8>>,
}

/// The level a commune answered to a question, if it answered with a level.
pub fn level_of(commune: &Commune, question: &str) -> Option<u8> {
    match commune.assessment.choice(question) {
        Some(Choice::Level(level)) => Some(level.get()),
        _ => None,
    }
}

/// How the loaded communes stand on one legal duty.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObligationCount {
    pub question_id: String,
    pub legal_minimum: u8,
    /// The communes answered below the legal minimum, by name.
    pub below: Vec<String>,
    pub met: usize,
    /// The communes whose answer leaves it to check (« Je ne sais pas », a question asked
    /// again), by name; the export gives their count.
    #[serde(serialize_with = "count")]
    pub to_check: Vec<String>,
}

fn count<S: serde::Serializer>(names: &[String], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_u64(names.len() as u64)
}

impl Territory {
    /// The communes' indices in the heat map's order: by `by`, and the other way round when
    /// `reversed` (a second press on the heading).
    pub fn row_order(&self, by: SortBy, reversed: bool) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.communes.len()).collect();
        match by {
            // The communes are kept by name already.
            SortBy::Name if reversed => order.reverse(),
            SortBy::Name => {}
            // Below first, then those with duties to check: a file that settles none is no
            // model of compliance.
            SortBy::DutiesBelow => crate::sort::sort_by_key(&mut order, |&i| {
                let commune = &self.communes[i];
                let sign = if reversed { 1 } else { -1 };
                (
                    sign * commune.duties_below as i64,
                    sign * commune.duties_to_check as i64,
                )
            }),
            // Either way, a score to confirm after every firm one (it is left out of the
            // spreads too), and no score last.
            SortBy::Pillar(pillar) => crate::sort::sort_by_key(&mut order, |&i| {
                let commune = &self.communes[i];
                match commune.scores.get(pillar).copied().flatten() {
                    None => (2, 0),
                    Some(score) => (
                        u8::from(commune.score_to_confirm(pillar)),
                        if reversed {
                            i16::from(score)
                        } else {
                            -i16::from(score)
                        },
                    ),
                }
            }),
        }
        order
    }

    /// One row per commune: name, NIS code, population band (by `population_names`, in the
    /// order of `PopulationBand::ALL`, numbered from 1 so that it sorts), date (as `lang`
    /// writes dates), file, who answered (whom IGRETEC calls), questions answered, legal
    /// duties below their minimum and to check, each pillar's score, its priorities
    /// ([`Commune::priorities`]) by name, and the pillars whose score is to confirm.
    /// `pillar_names` follow the framework's order; `headers` name the other columns in that
    /// order.
    ///
    /// The communes as CSV. The last two headers name the référentiel version and the date to
    /// check: `marks.old` for an assessment more than 12 months before `marks.today`,
    /// `marks.future` for one after that day, as the heat map marks them. A score to confirm
    /// is followed by `marks.to_confirm`, so that a spreadsheet's averages leave it out as the
    /// screen's median does. The rows follow `order` (from [`Territory::row_order`]), so the
    /// file lists the communes as the screen does.
    pub fn csv(
        &self,
        framework: &Framework,
        pillar_names: &[String],
        headers: &[&str; 13],
        population_names: &[&str; 5],
        marks: &CsvMarks,
        order: &[usize],
    ) -> String {
        let CsvMarks {
            old,
            to_confirm,
            future,
            today,
            lang,
        } = *marks;
        let duties = framework.legal_duty_count();
        let mut csv = super::csv::Csv::new();
        let mut header: Vec<String> = headers[..9].iter().map(|h| h.to_string()).collect();
        header.extend(pillar_names.iter().cloned());
        header.extend(headers[9..].iter().map(|h| h.to_string()));
        csv.row(&header);
        let pillar_name = |id: &str| {
            framework
                .pillars
                .iter()
                .position(|p| p.id == id)
                .and_then(|i| pillar_names.get(i))
                .map_or_else(|| id.to_string(), String::clone)
        };
        for commune in order.iter().filter_map(|&i| self.communes.get(i)) {
            // Numbered from the smallest: a spreadsheet sorts the bands as text, and « 10 000
            // à 19 999 » came before « 5 000 à 9 999 ».
            let population =
                commune.assessment.profile.population.map(|band| {
                    format!("{}. {}", band.index() + 1, population_names[band.index()])
                });
            let mut row = vec![
                commune.name.clone(),
                commune.assessment.profile.nis_code.clone(),
                population.unwrap_or_default(),
                super::profile::display_date(&commune.assessment.profile.date, lang),
                commune.file.clone(),
                commune.respondent(),
                commune.completeness(framework).0.to_string(),
                // Blank, as the heat map's « — », when no duty was settled: a 0 is read as in
                // order, and a spreadsheet's sum leaves a blank out.
                if commune.settled_no_duty(duties) {
                    String::new()
                } else {
                    commune.duties_below.to_string()
                },
                commune.duties_to_check.to_string(),
            ];
            row.extend(
                commune
                    .scores
                    .iter()
                    .enumerate()
                    .map(|(index, score)| match score {
                        Some(score) if commune.score_to_confirm(index) => {
                            format!("{score} ({to_confirm})")
                        }
                        Some(score) => score.to_string(),
                        None => String::new(),
                    }),
            );
            let priorities: Vec<String> = commune
                .priorities(framework)
                .map(|id| pillar_name(id))
                .collect();
            row.push(priorities.join(", "));
            let to_confirm: Vec<String> = commune
                .to_confirm_pillars(framework)
                .map(|id| pillar_name(id))
                .collect();
            row.push(to_confirm.join(", "));
            row.push(commune.framework_version.clone());
            // Beside the date rather than in its cell, which stays a date a spreadsheet sorts.
            row.push(
                match commune.date_mark(today) {
                    Some(DateMark::Old) => old,
                    Some(DateMark::Future) => future,
                    None => "",
                }
                .to_string(),
            );
            csv.row(&row);
        }
        csv.finish()
    }
}
