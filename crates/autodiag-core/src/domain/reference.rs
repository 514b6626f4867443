//! The « référence territoriale »: how the territory's communes stand, per pillar and per
//! question, so that a commune can answer « are we behind the others? » with no server and
//! without exposing any commune.
//!
//! The file holds counts and quartiles only: no commune name, NIS code, respondent, note or
//! free text. It is refused below [`MIN_COMMUNES`] communes, any count under [`MIN_COUNT`] is
//! written « < 3 », and never alone in a question: the file gives how many communes it counts,
//! and most answer every question with a level, so a lone hidden count is nearly a
//! subtraction away. Version 1 also gave each question's number of answers, which made it one.

use super::content::Framework;
use super::json_tree::{self, Fields, Json, JsonWriter, ShapeError, list_of};
use super::summary::FrameworkRef;
use super::territory::{self, Territory};
use serde::{Deserialize, Serialize};

/// The value of the `format` field.
pub const FORMAT_ID: &str = "autodiag-territorial-reference";
/// Bump when the format changes. Version 1 also gave each question's number of answers.
pub const VERSION: u32 = 2;
/// Fewer communes than this and a reference could point at one of them.
pub const MIN_COMMUNES: usize = 5;
/// A count under this is written « < 3 »: a cell of one or two communes could be recognised.
pub const MIN_COUNT: u32 = 3;
/// How a suppressed count is written.
pub const FEW: &str = "< 3";
/// A real reference is a few kilobytes; anything much larger is not one.
pub const MAX_FILE_BYTES: usize = 256 * 1024;

/// The territory's reference, as exported by the territory view and loaded by a commune.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    pub format: String,
    pub version: u32,
    pub framework: FrameworkRef,
    /// The territory's name, from the intercommunale's settings.
    pub territory: String,
    /// How many communes the reference counts.
    pub communes: u32,
    /// The months of the oldest and newest assessment, `YYYY-MM`.
    pub from: String,
    pub to: String,
    /// Per pillar, in framework order.
    pub pillars: Vec<PillarReference>,
    /// Per question, in questionnaire order.
    pub questions: Vec<QuestionReference>,
    /// Set when the file was made with an earlier référentiel: what was carried over.
    #[serde(skip)]
    pub carried_over: Option<CarriedOver>,
}

/// A reference made with an earlier référentiel, read for this one. A question whose meaning
/// changed got a new id (content/migrations.toml), so the figures of every question still
/// asked under its id mean the same; the others, and the median of any pillar that counted
/// them, are left out rather than shown for what they no longer measure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarriedOver {
    /// The référentiel version the file was made with.
    pub from_version: String,
    /// Current questions without figures: changed or new since.
    pub questions_left_out: usize,
    /// Pillars whose median is left out, in framework order.
    pub pillars_left_out: Vec<String>,
}

/// The spread of one pillar's scores across the communes that have one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PillarReference {
    pub pillar_id: String,
    pub communes: Count,
    /// Quartiles of the scores, 0 to 100; none with fewer than [`MIN_COMMUNES`] scores.
    pub quartiles: Option<[u8; 3]>,
}

/// How many communes chose each level of one question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionReference {
    pub question_id: String,
    /// Communes at levels 1 to 5.
    pub levels: [Count; 5],
}

/// A count of communes, or « < 3 » when it is too small to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    Exact(u32),
    Few,
}

impl Count {
    fn of(count: u32) -> Count {
        if count < MIN_COUNT {
            Count::Few
        } else {
            Count::Exact(count)
        }
    }

    pub fn exact(self) -> Option<u32> {
        match self {
            Count::Exact(count) => Some(count),
            Count::Few => None,
        }
    }
}

impl Serialize for Count {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Count::Exact(count) => serializer.serialize_u32(*count),
            Count::Few => serializer.serialize_str(FEW),
        }
    }
}

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Count, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Number(u32),
            Text(String),
        }
        match Raw::deserialize(deserializer)? {
            // A small exact count is what the export never writes: such a file is not one.
            Raw::Number(count) if count >= MIN_COUNT => Ok(Count::Exact(count)),
            Raw::Text(text) if text == FEW => Ok(Count::Few),
            _ => Err(serde::de::Error::custom(
                "a count is a number from 3, or \"< 3\"",
            )),
        }
    }
}

/// Why no reference could be made or read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReferenceError {
    /// Fewer communes than [`MIN_COMMUNES`].
    TooFewCommunes {
        found: usize,
    },
    TooLarge {
        bytes: usize,
    },
    /// Not JSON, or JSON of another kind.
    NotAReference,
    /// Written by a newer Autodiag.
    Newer {
        found: u32,
    },
    /// Made with another version of the questionnaire: its questions may not mean the same.
    OtherFramework {
        found: String,
        current: String,
    },
    /// Made with a version before `Framework::references_from`: some questions changed meaning
    /// since under the same id.
    TooOld {
        found: String,
    },
    /// Shaped like a reference, but with counts or ids that cannot be right.
    Invalid,
}

/// Makes the reference of the loaded communes. Their scores and levels are recomputed from
/// their answers, as everywhere in the territory view.
pub fn build(
    framework: &Framework,
    territory: &Territory,
    territory_name: &str,
) -> Result<Reference, ReferenceError> {
    let communes = &territory.communes;
    if communes.len() < MIN_COMMUNES {
        return Err(ReferenceError::TooFewCommunes {
            found: communes.len(),
        });
    }
    let months: Vec<&str> = communes
        .iter()
        .map(|c| c.assessment.profile.date.as_str())
        .filter(|d| super::profile::is_iso_date(d))
        .filter_map(|d| d.get(..7))
        .collect();
    // The spreads leave out scores to confirm: a pillar with too few communes left keeps its
    // count and no quartiles.
    let pillars = territory
        .spreads(framework)
        .into_iter()
        .zip(&framework.pillars)
        .map(|(spread, pillar)| {
            let count = spread.map_or(0, |s| s.count);
            PillarReference {
                pillar_id: pillar.id.clone(),
                communes: Count::of(count as u32),
                quartiles: spread.filter(|_| count >= MIN_COMMUNES).map(|s| {
                    [s.q1, s.median, s.q3].map(|value| value.round().clamp(0.0, 100.0) as u8)
                }),
            }
        })
        .collect();
    let questions = framework
        .question_ids()
        .map(|question| {
            let mut levels = [0u32; 5];
            for commune in communes {
                if let Some(level) = territory::level_of(commune, question) {
                    levels[usize::from(level - 1)] += 1;
                }
            }
            QuestionReference {
                question_id: question.clone(),
                levels: suppress(levels),
            }
        })
        .collect();
    Ok(Reference {
        format: FORMAT_ID.to_string(),
        version: VERSION,
        framework: FrameworkRef {
            id: framework.id.clone(),
            version: framework.version.clone(),
        },
        territory: territory_name.to_string(),
        communes: communes.len() as u32,
        from: months.iter().min().map_or(String::new(), |m| m.to_string()),
        to: months.iter().max().map_or(String::new(), |m| m.to_string()),
        pillars,
        questions,
        carried_over: None,
    })
}

/// Counts per level with every count under [`MIN_COUNT`] suppressed. A single suppressed
/// level could be worked out by anyone who takes every commune to have answered with a level,
/// so a second one is suppressed too: the smallest other count.
fn suppress(levels: [u32; 5]) -> [Count; 5] {
    let mut counts = levels.map(Count::of);
    if counts.iter().filter(|c| **c == Count::Few).count() == 1
        && let Some(index) = (0..5)
            .filter(|i| counts[*i] != Count::Few)
            .min_by_key(|i| (levels[*i], *i))
    {
        counts[index] = Count::Few;
    }
    counts
}

/// Reads a reference file, refusing anything that is not one made for this framework.
pub fn parse(framework: &Framework, bytes: &[u8]) -> Result<Reference, ReferenceError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ReferenceError::TooLarge { bytes: bytes.len() });
    }
    // Read through `json_tree`, like summaries, rather than serde's derives.
    let tree = std::str::from_utf8(bytes)
        .ok()
        .and_then(|text| json_tree::parse(text).ok())
        .ok_or(ReferenceError::NotAReference)?;
    let envelope = Fields::of(&tree).map_err(|_| ReferenceError::NotAReference)?;
    let format = envelope.optional("format", Json::string);
    let version = envelope.optional("version", Json::whole_u32);
    if format != Ok(Some(FORMAT_ID.to_string())) {
        return Err(ReferenceError::NotAReference);
    }
    match version {
        Ok(Some(version)) if version > VERSION => {
            return Err(ReferenceError::Newer { found: version });
        }
        Ok(Some(_)) => {}
        _ => return Err(ReferenceError::NotAReference),
    }
    let mut reference = read_reference(&tree).map_err(|_| ReferenceError::Invalid)?;
    let found = &reference.framework.version;
    let older = found != &framework.version;
    let other_framework = || ReferenceError::OtherFramework {
        found: found.clone(),
        current: framework.version.clone(),
    };
    if reference.framework.id != framework.id {
        return Err(other_framework());
    }
    // Only from the version on which a change of meaning always changes the question's id:
    // before it, a question may mean something else under the same id.
    if older && super::content::is_earlier_version(found, &framework.references_from) {
        return Err(ReferenceError::TooOld {
            found: found.clone(),
        });
    }
    if older && !super::content::is_earlier_version(found, &framework.version) {
        return Err(other_framework());
    }
    if (reference.communes as usize) < MIN_COMMUNES {
        return Err(ReferenceError::TooFewCommunes {
            found: reference.communes as usize,
        });
    }
    let questions: Vec<&String> = framework.question_ids().collect();
    let same_pillars = reference
        .pillars
        .iter()
        .map(|p| &p.pillar_id)
        .eq(framework.pillars.iter().map(|p| &p.id));
    if older {
        carry_over(framework, &questions, &mut reference)?;
    }
    // An earlier référentiel's file, once carried over, holds the questions still asked in
    // their order by construction.
    let same_questions = older
        || reference
            .questions
            .iter()
            .map(|q| &q.question_id)
            .eq(questions.iter().copied());
    // Summed wide: a crafted file's counts must not wrap round to a small total.
    let counts_fit = reference.questions.iter().all(|q| {
        q.levels
            .iter()
            .filter_map(|c| c.exact())
            .map(u64::from)
            .sum::<u64>()
            <= u64::from(reference.communes)
    }) && reference.pillars.iter().all(|p| {
        p.communes.exact().is_none_or(|c| c <= reference.communes)
            && p.quartiles
                .is_none_or(|[q1, median, q3]| q1 <= median && median <= q3 && q3 <= 100)
    });
    if !same_pillars || !same_questions || !counts_fit {
        return Err(ReferenceError::Invalid);
    }
    Ok(reference)
}

/// Keeps, in questionnaire order, the figures of the questions still asked under their id (or
/// only renamed), and the pillars' medians that counted no changed question. `Invalid` when a
/// question is given twice.
fn carry_over(
    framework: &Framework,
    asked: &[&String],
    reference: &mut Reference,
) -> Result<(), ReferenceError> {
    let mut kept: Vec<Option<QuestionReference>> = vec![None; asked.len()];
    let mut changed_pillars: Vec<&str> = Vec::new();
    // A question that is neither asked nor migrated, or one renamed into another pillar: the
    // pillars it counted in cannot be told, so no median is kept.
    let mut every_pillar_changed = false;
    for question in std::mem::take(&mut reference.questions) {
        let migration = framework
            .migrations
            .iter()
            .find(|m| m.from == question.question_id);
        let current = if asked.contains(&&question.question_id) {
            Some(question.question_id.clone())
        } else {
            match migration {
                Some(m) if m.keep_level => {
                    every_pillar_changed = true;
                    m.to.first().cloned()
                }
                Some(m) => {
                    for target in &m.to {
                        if let Some(pillar) = framework.pillar_of(target) {
                            changed_pillars.push(&pillar.id);
                        }
                    }
                    None
                }
                None => {
                    every_pillar_changed = true;
                    None
                }
            }
        };
        let Some(at) = current.and_then(|id| asked.iter().position(|a| **a == id)) else {
            continue;
        };
        if kept[at].is_some() {
            return Err(ReferenceError::Invalid);
        }
        kept[at] = Some(QuestionReference {
            question_id: asked[at].clone(),
            ..question
        });
    }
    // A question asked now without figures is new or changed: its pillar's median did not
    // count it.
    for (at, id) in asked.iter().enumerate() {
        if kept[at].is_none()
            && let Some(pillar) = framework.pillar_of(id)
        {
            changed_pillars.push(&pillar.id);
        }
    }
    let mut pillars_left_out = Vec::new();
    for pillar in &mut reference.pillars {
        if every_pillar_changed || changed_pillars.contains(&pillar.pillar_id.as_str()) {
            pillar.quartiles = None;
            pillars_left_out.push(pillar.pillar_id.clone());
        }
    }
    let questions_left_out = kept.iter().filter(|q| q.is_none()).count();
    reference.questions = kept.into_iter().flatten().collect();
    reference.carried_over = Some(CarriedOver {
        from_version: std::mem::replace(
            &mut reference.framework.version,
            framework.version.clone(),
        ),
        questions_left_out,
        pillars_left_out,
    });
    Ok(())
}

/// How many communes of the reference reached a level on a question: the fewest and the
/// most that the file's counts allow, since a count under [`MIN_COUNT`] is not shown. Never
/// a count of one or two: `at_most` is then widened to « 2 », as the file writes « < 3 ».
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reached {
    pub at_least: u32,
    pub at_most: u32,
    /// Communes in the reference.
    pub of: u32,
}

impl Reached {
    /// The count, when the file settles it.
    pub fn exact(&self) -> Option<u32> {
        (self.at_least == self.at_most).then_some(self.at_least)
    }

    /// Anywhere from none to every commune: the file's small counts hide the answer, and
    /// « au plus 6 communes sur 6 » reads as « all of them ».
    pub fn unknown(&self) -> bool {
        self.at_least == 0 && self.at_most >= self.of && self.of > 0
    }
}

/// The level a commune at `level` on `question` is compared with in the territory, and
/// whether it is the legal minimum: a duty the commune is under is compared with its minimum,
/// and level 1, which every commune that answered has, with level 2. Otherwise its own level.
pub fn compared_level(framework: &Framework, question: &str, level: u8) -> (u8, bool) {
    match framework.legal_minimum(question) {
        Some(minimum) if level < minimum => (minimum, true),
        _ => (level.max(2), false),
    }
}

/// One pillar's cell in a table of the territory's medians: see [`Reference::median_cells`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MedianCell {
    /// The median, and how many communes it counts when fewer than the file's: a commune's
    /// score to confirm is left out of its pillar's spread.
    Median { median: u8, fewer: Option<u32> },
    /// Carried over from an earlier référentiel: questions of the pillar changed or were
    /// added since, so its median counted other questions.
    LeftOut,
    /// Fewer than [`MIN_COMMUNES`] communes have a sure score on it.
    TooFew,
}

impl Reference {
    /// The territory's median score per pillar, in framework order.
    pub fn medians(&self) -> Vec<Option<u8>> {
        self.pillars
            .iter()
            .map(|p| p.quartiles.map(|[_, median, _]| median))
            .collect()
    }

    /// Per pillar, in framework order, what a table of medians says: the median with its own
    /// count of communes when that is not the file's, or why there is none. The file's count
    /// heads the column, and « 30 communes » over a median of 22 misread.
    pub fn median_cells(&self) -> Vec<MedianCell> {
        let left_out: &[String] = self
            .carried_over
            .as_ref()
            .map_or(&[], |c| &c.pillars_left_out);
        self.pillars
            .iter()
            .map(|p| match p.quartiles {
                Some([_, median, _]) => MedianCell::Median {
                    median,
                    fewer: p.communes.exact().filter(|count| *count < self.communes),
                },
                None if left_out.contains(&p.pillar_id) => MedianCell::LeftOut,
                None => MedianCell::TooFew,
            })
            .collect()
    }

    pub fn question(&self, question: &str) -> Option<&QuestionReference> {
        self.questions.iter().find(|q| q.question_id == question)
    }

    /// How many communes reached `level` or above on `question`. A hidden count is 0 to 2 (in a
    /// row of two, either may be larger), and the hidden counts together are at most the
    /// communes not counted in the row.
    pub fn reached(&self, question: &str, level: u8) -> Option<Reached> {
        let levels = &self.question(question)?.levels;
        let exact = |cells: &[Count]| cells.iter().filter_map(|c| c.exact()).sum::<u32>();
        let hidden = levels.iter().filter(|c| **c == Count::Few).count() as u32;
        // A count of 3 or more is hidden beside a lone « < 3 »: in a row of two, either may be
        // that one.
        let most_per_hidden = if hidden == 2 {
            self.communes
        } else {
            MIN_COUNT - 1
        };
        let above = &levels[usize::from(level.clamp(1, 5) - 1)..];
        let hidden_above = above.iter().filter(|c| **c == Count::Few).count() as u32;
        // Every exact count is 3 or more, so `at_least` is 0 or at least 3.
        let at_least = exact(above);
        let at_most = at_least.saturating_add(
            (hidden_above.saturating_mul(most_per_hidden))
                .min(self.communes.saturating_sub(exact(levels))),
        );
        let at_most = match at_most {
            1..MIN_COUNT => MIN_COUNT - 1,
            _ => at_most,
        };
        Some(Reached {
            at_least,
            at_most,
            of: self.communes,
        })
    }
}

impl Reference {
    /// The reference as JSON, two spaces to a level, exactly as serde_json wrote it (the
    /// tests compare the bytes).
    pub fn to_json(&self) -> String {
        let count = |out: &mut JsonWriter, count: &Count| match count {
            Count::Exact(n) => out.whole(u64::from(*n)),
            Count::Few => out.string(FEW),
        };
        let mut out = JsonWriter::new("  ");
        out.open('{');
        out.text("format", &self.format);
        out.key("version").whole(u64::from(self.version));
        super::summary_json::write_framework(out.key("framework"), &self.framework);
        out.text("territory", &self.territory);
        out.key("communes").whole(u64::from(self.communes));
        out.text("from", &self.from);
        out.text("to", &self.to);
        out.key("pillars").list(&self.pillars, |out, pillar| {
            out.open('{');
            out.text("pillar_id", &pillar.pillar_id);
            count(out.key("communes"), &pillar.communes);
            match &pillar.quartiles {
                Some(quartiles) => out
                    .key("quartiles")
                    .list(quartiles, |out, q| out.whole(u64::from(*q))),
                None => out.key("quartiles").null(),
            }
            out.close('}');
        });
        out.key("questions").list(&self.questions, |out, question| {
            out.open('{');
            out.text("question_id", &question.question_id);
            out.key("levels").list(&question.levels, count);
            out.close('}');
        });
        out.close('}');
        out.out
    }
}

fn count(value: &Json) -> Result<Count, ShapeError> {
    match value {
        // A small exact count is what the export never writes: such a file is not one.
        Json::Number(_) => match value.whole_u32()? {
            count if count >= MIN_COUNT => Ok(Count::Exact(count)),
            _ => Err(ShapeError::invalid("a count is a number from 3".into())),
        },
        Json::String(text) if &**text == FEW => Ok(Count::Few),
        other => Err(ShapeError::wrong_type("a count", other)),
    }
}

/// `N` values read by `read`, exactly.
fn array_of<T, const N: usize>(
    value: &Json,
    read: fn(&Json) -> Result<T, ShapeError>,
) -> Result<[T; N], ShapeError> {
    let items = list_of(value, read)?;
    <[T; N]>::try_from(items)
        .map_err(|items| ShapeError::invalid(format!("{} values, not {N}", items.len())))
}

fn read_reference(value: &Json) -> Result<Reference, ShapeError> {
    let version = Fields::of(value)?.required("version", Json::whole_u32)?;
    // Version 1's number of answers is read and dropped: with it, a hidden count could be
    // worked out and shown.
    let question_fields: &[&str] = if version == 1 {
        &["question_id", "answered", "levels"]
    } else {
        &["question_id", "levels"]
    };
    let fields = Fields::of(value)?.only(&[
        "format",
        "version",
        "framework",
        "territory",
        "communes",
        "from",
        "to",
        "pillars",
        "questions",
    ])?;
    Ok(Reference {
        format: fields.required("format", Json::string)?,
        version: fields.required("version", Json::whole_u32)?,
        framework: fields.required("framework", super::summary_json::framework)?,
        territory: fields.required("territory", Json::string)?,
        communes: fields.required("communes", Json::whole_u32)?,
        from: fields.required("from", Json::string)?,
        to: fields.required("to", Json::string)?,
        pillars: fields.required("pillars", |v| {
            list_of(v, |pillar| {
                let fields = Fields::of(pillar)?.only(&["pillar_id", "communes", "quartiles"])?;
                Ok(PillarReference {
                    pillar_id: fields.required("pillar_id", Json::string)?,
                    communes: fields.required("communes", count)?,
                    quartiles: fields.optional("quartiles", |q| array_of(q, Json::whole_u8))?,
                })
            })
        })?,
        questions: fields.required("questions", |v| {
            list_of(v, |question| {
                let fields = Fields::of(question)?.only(question_fields)?;
                if version == 1 {
                    fields.required("answered", count)?;
                }
                Ok(QuestionReference {
                    question_id: fields.required("question_id", Json::string)?,
                    levels: fields.required("levels", |l| array_of(l, count))?,
                })
            })
        })?,
        carried_over: None,
    })
}
