//! Maturity scores, per pillar and overall.
//!
//! The rule, shown to users on the results page:
//! - a question answered at level L scores (L − 1) / 4 × 100: 0, 25, 50, 75 or 100;
//! - a pillar's score is the mean of its questions answered with a level, rounded to the nearest
//!   whole number, halves rounded up (62.5 gives 63). "Je ne sais pas" and "Non applicable" are
//!   left out of the mean;
//! - the band is the level nearest to the rounded score: 0–12 Initial, 13–37 Exploratoire,
//!   38–62 Structuré, 63–87 Intégré, 88–100 Exemplaire;
//! - completion is the share of the pillar's questions answered with a level, and the score is
//!   flagged as uncertain when under half of them are;
//! - the overall score is the mean of the rounded scores of the pillars that have at least one
//!   answer, rounded the same way.

use super::assessment::{Assessment, Choice, Level};
use super::content::{Framework, Pillar};
use serde::{Deserialize, Serialize};

/// One pillar's score and how much it can be trusted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PillarScore {
    pub pillar_id: String,
    /// 0 to 100, or `None` when no question has a level.
    pub score: Option<u8>,
    /// The maturity band the score falls in.
    pub band: Option<u8>,
    /// Questions answered with a level, out of `question_count`.
    pub answered_with_level: usize,
    pub unknown: usize,
    pub not_applicable: usize,
    pub question_count: usize,
    /// Share of questions answered with a level, from 0 to 1.
    pub completion: f64,
    /// Fewer than half of the questions have a level.
    pub low_confidence: bool,
}

impl PillarScore {
    /// A score that rests on fewer than half of the pillar's questions: the results mark it
    /// « à confirmer : peu de réponses », the projector « à confirmer » in place of its level.
    pub fn to_confirm(&self) -> bool {
        self.score.is_some() && self.low_confidence
    }

    /// What would confirm a score to confirm: answering the questions still blank, if any;
    /// else checking the « Je ne sais pas »; else reviewing the « Non applicable ». « Répondez
    /// aux autres questions » was asked of a DG who had answered seven of eight, three of them
    /// « Je ne sais pas ».
    pub fn how_to_confirm(&self) -> HowToConfirm {
        let settled = self.answered_with_level + self.unknown + self.not_applicable;
        if settled < self.question_count {
            HowToConfirm::Answer
        } else if self.unknown > 0 {
            HowToConfirm::CheckUnknown
        } else {
            HowToConfirm::ReviewNotApplicable
        }
    }
}

/// See [`PillarScore::how_to_confirm`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HowToConfirm {
    Answer,
    CheckUnknown,
    ReviewNotApplicable,
}

/// Rounds to the nearest whole number, halves up. Scores are never negative.
pub fn round_score(value: f64) -> u8 {
    (value + 0.5).floor().clamp(0.0, 100.0) as u8
}

/// The band (level 1 to 5) whose range holds a rounded score.
pub fn band_of(score: u8) -> Level {
    let band = match score {
        0..=12 => 1,
        13..=37 => 2,
        38..=62 => 3,
        63..=87 => 4,
        _ => 5,
    };
    Level::new(band).expect("bands are 1 to 5")
}

pub fn score_pillar(pillar: &Pillar, assessment: &Assessment) -> PillarScore {
    let choices: Vec<Choice> = pillar
        .questions
        .iter()
        .filter_map(|q| assessment.choice(q))
        .collect();
    let levels: Vec<Level> = choices.iter().filter_map(|c| c.level()).collect();
    let score = (!levels.is_empty()).then(|| {
        let sum: f64 = levels.iter().map(|l| l.score()).sum();
        round_score(sum / levels.len() as f64)
    });
    let question_count = pillar.questions.len();
    PillarScore {
        pillar_id: pillar.id.clone(),
        score,
        band: score.map(|s| band_of(s).get()),
        answered_with_level: levels.len(),
        unknown: choices.iter().filter(|c| **c == Choice::Unknown).count(),
        not_applicable: choices
            .iter()
            .filter(|c| **c == Choice::NotApplicable)
            .count(),
        question_count,
        completion: if question_count == 0 {
            0.0
        } else {
            levels.len() as f64 / question_count as f64
        },
        low_confidence: levels.len() * 2 < question_count,
    }
}

/// Every pillar's score, in framework order.
pub fn score_all(framework: &Framework, assessment: &Assessment) -> Vec<PillarScore> {
    framework
        .pillars
        .iter()
        .map(|p| score_pillar(p, assessment))
        .collect()
}

/// The mean of the pillar scores that exist, or `None` when no pillar has an answer.
pub fn overall(scores: &[PillarScore]) -> Option<u8> {
    let values: Vec<f64> = scores
        .iter()
        .filter_map(|s| s.score)
        .map(f64::from)
        .collect();
    (!values.is_empty()).then(|| round_score(values.iter().sum::<f64>() / values.len() as f64))
}

/// Whether the overall score rests on a pillar score to confirm: one answer at 5 is a mean of
/// 100, not a commune at « Exemplaire ».
pub fn overall_to_confirm(scores: &[PillarScore]) -> bool {
    scores.iter().any(PillarScore::to_confirm)
}

/// How many pillars have a score, out of `scores.len()`: the overall score leaves the others out.
pub fn evaluated(scores: &[PillarScore]) -> usize {
    scores.iter().filter(|s| s.score.is_some()).count()
}

/// Progress through the questionnaire: questions with any choice, including « je ne sais pas ».
/// How many questions have any answer (a level, « je ne sais pas » or « non applicable »), and
/// how many there are, over the whole framework.
pub fn answered_total(framework: &Framework, assessment: &Assessment) -> (usize, usize) {
    let answered = framework
        .pillars
        .iter()
        .map(|p| answered_count(p, assessment))
        .sum();
    (answered, framework.question_count())
}

/// The questions answered « je ne sais pas », pillar by pillar in questionnaire order: the
/// commune's list of things to check.
pub fn questions_to_check<'a>(
    framework: &'a Framework,
    assessment: &Assessment,
) -> Vec<(&'a Pillar, Vec<&'a str>)> {
    framework
        .pillars
        .iter()
        .filter_map(|pillar| {
            let unknown = pillar_questions_to_check(pillar, assessment);
            (!unknown.is_empty()).then_some((pillar, unknown))
        })
        .collect()
}

/// A question and the level it was answered at.
pub type QuestionLevel<'a> = (&'a str, Level);

/// What stands out in a pillar's answers, for the results' reading and the projector's slide
/// alike, so that the two never name different questions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standouts<'a> {
    /// Level 3 or more, highest first; a duty only at its legal minimum or under it never is
    /// one: being in order is no strength (a workshop read « RGPD — 3 · Minimum légal » among
    /// the strengths of the duty it had just argued about).
    pub strengths: Vec<QuestionLevel<'a>>,
    /// Every duty answered under its legal minimum first, then level 2 or less, lowest first:
    /// a duty the commune does not meet is the most serious finding. Equals keep the
    /// questionnaire's order.
    pub gaps: Vec<QuestionLevel<'a>>,
    /// How many of the first gaps are duties under their minimum.
    pub unlawful: usize,
    /// Every answer with a level is at the same one: nothing stands out from the rest.
    pub uniform: bool,
}

pub fn standouts<'a>(
    framework: &Framework,
    pillar: &'a Pillar,
    assessment: &Assessment,
) -> Standouts<'a> {
    // In questionnaire order; the sorts below are stable, so equals keep it.
    let levels: Vec<QuestionLevel<'a>> = pillar
        .questions
        .iter()
        .filter_map(|q| match assessment.choice(q) {
            Some(Choice::Level(level)) => Some((q.as_str(), level)),
            _ => None,
        })
        .collect();
    let below_legal =
        |(question, level): &QuestionLevel| framework.below_legal_minimum(question, level.get());
    let beyond_duty = |(question, level): &QuestionLevel| {
        framework
            .legal_minimum(question)
            .is_none_or(|minimum| level.get() > minimum)
    };
    let mut strengths: Vec<QuestionLevel<'a>> = levels
        .iter()
        .filter(|answered| answered.1.get() >= 3 && beyond_duty(answered))
        .copied()
        .collect();
    crate::sort::sort_by(&mut strengths, |a, b| b.1.cmp(&a.1));
    let mut gaps: Vec<QuestionLevel<'a>> =
        levels.iter().filter(|a| below_legal(a)).copied().collect();
    let unlawful = gaps.len();
    gaps.extend(
        levels
            .iter()
            .filter(|answered| !below_legal(answered) && answered.1.get() <= 2),
    );
    // The duties first, each part lowest first.
    crate::sort::sort_by(&mut gaps[..unlawful], |a, b| a.1.cmp(&b.1));
    crate::sort::sort_by(&mut gaps[unlawful..], |a, b| a.1.cmp(&b.1));
    Standouts {
        strengths,
        gaps,
        unlawful,
        uniform: levels.windows(2).all(|pair| pair[0].1 == pair[1].1),
    }
}

/// One pillar's questions answered « je ne sais pas », in questionnaire order.
pub fn pillar_questions_to_check<'a>(pillar: &'a Pillar, assessment: &Assessment) -> Vec<&'a str> {
    pillar
        .questions
        .iter()
        .filter(|q| assessment.choice(q) == Some(Choice::Unknown))
        .map(String::as_str)
        .collect()
}

/// Every question has an answer (a level, « je ne sais pas » or « non applicable »): the
/// questionnaire is done and the results are what the user comes back for.
pub fn is_complete(framework: &Framework, assessment: &Assessment) -> bool {
    first_unanswered_question(framework, assessment).is_none()
}

/// Where to resume: the first question not yet answered, with its pillar.
pub fn first_unanswered_question<'a>(
    framework: &'a Framework,
    assessment: &Assessment,
) -> Option<(&'a Pillar, &'a str)> {
    framework.pillars.iter().find_map(|pillar| {
        pillar
            .questions
            .iter()
            .find(|q| assessment.choice(q).is_none())
            .map(|q| (pillar, q.as_str()))
    })
}

/// The pillars that still have questions without an answer, in questionnaire order: each with
/// how many remain and the first of them, where its link resumes.
pub fn unanswered_by_pillar<'a>(
    framework: &'a Framework,
    assessment: &Assessment,
) -> Vec<(&'a Pillar, usize, &'a str)> {
    framework
        .pillars
        .iter()
        .filter_map(|pillar| {
            let mut open = pillar
                .questions
                .iter()
                .filter(|q| assessment.choice(q).is_none());
            let first = open.next()?;
            Some((pillar, 1 + open.count(), first.as_str()))
        })
        .collect()
}

/// Where to resume: the first pillar with a question not yet answered.
pub fn first_unfinished_pillar<'a>(
    framework: &'a Framework,
    assessment: &Assessment,
) -> Option<&'a Pillar> {
    framework
        .pillars
        .iter()
        .find(|p| answered_count(p, assessment) < p.questions.len())
}

pub fn answered_count(pillar: &Pillar, assessment: &Assessment) -> usize {
    pillar
        .questions
        .iter()
        .filter(|q| assessment.choice(q).is_some())
        .count()
}
