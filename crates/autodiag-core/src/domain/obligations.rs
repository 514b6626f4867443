//! Legal duties, kept apart from maturity: a commune below a legal minimum is non-compliant,
//! not at an early stage.

use super::assessment::{Assessment, Choice};
use super::content::Framework;
use serde::{Deserialize, Serialize};

/// Where a commune stands on one question that is a legal duty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Compliance {
    /// Answered at or above the legal minimum.
    Met,
    /// Answered below the legal minimum.
    Below,
    /// « Je ne sais pas », « non applicable » or no answer yet: to be checked.
    ToCheck,
}

/// One legal duty of the référentiel and the commune's answer to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Obligation {
    pub question_id: String,
    /// The lowest level at which the commune complies.
    pub legal_minimum: u8,
    /// The level answered, if a level was chosen.
    pub level: Option<u8>,
    pub compliance: Compliance,
}

/// Every legal duty of the référentiel, in questionnaire order, with the commune's standing.
pub fn obligations(framework: &Framework, assessment: &Assessment) -> Vec<Obligation> {
    framework
        .question_ids()
        .filter_map(|question| {
            let legal_minimum = framework.legal_minimum(question)?;
            let level = match assessment.choice(question) {
                Some(Choice::Level(level)) => Some(level.get()),
                _ => None,
            };
            let compliance = match level {
                Some(level) if level >= legal_minimum => Compliance::Met,
                Some(_) => Compliance::Below,
                None => Compliance::ToCheck,
            };
            Some(Obligation {
                question_id: question.clone(),
                legal_minimum,
                level,
                compliance,
            })
        })
        .collect()
}

/// The duties answered below their legal minimum.
pub fn below(framework: &Framework, assessment: &Assessment) -> Vec<Obligation> {
    obligations(framework, assessment)
        .into_iter()
        .filter(|o| o.compliance == Compliance::Below)
        .collect()
}

/// What was answered to a duty whose standing is unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsettled {
    /// « Je ne sais pas ».
    Unknown,
    /// « Non applicable »: a claim to check, the law may bind the commune.
    NotApplicable,
    /// No answer yet.
    Unanswered,
}

impl Unsettled {
    /// Every answer that leaves a duty to check, in the order a sentence names them.
    pub const ALL: [Unsettled; 3] = [
        Unsettled::Unknown,
        Unsettled::NotApplicable,
        Unsettled::Unanswered,
    ];
}

/// The duties to check, in questionnaire order, each with what was answered: the commune may
/// be out of order without knowing it, and no step of the roadmap follows from any of these
/// answers, so the roadmap, the report, « Pour le PST » and the closing slide ask for them to
/// be checked first. A walk found a duty left blank, and one answered « Non applicable », named
/// on the results and missing from the roadmap the DG works from.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct DutiesToCheck(pub Vec<(String, Unsettled)>);

impl DutiesToCheck {
    /// The duties answered `why`, in questionnaire order.
    pub fn answered(&self, why: Unsettled) -> Vec<String> {
        self.0
            .iter()
            .filter(|(_, answered)| *answered == why)
            .map(|(question, _)| question.clone())
            .collect()
    }

    /// The duties grouped by what was answered, in [`Unsettled::ALL`]'s order, each group in
    /// questionnaire order; an answer no duty has is left out.
    pub fn by_answer(&self) -> Vec<(Unsettled, Vec<String>)> {
        Unsettled::ALL
            .into_iter()
            .map(|why| (why, self.answered(why)))
            .filter(|(_, duties)| !duties.is_empty())
            .collect()
    }

    pub fn contains(&self, question: &str) -> bool {
        self.0.iter().any(|(duty, _)| duty == question)
    }
}

/// Every duty whose standing is unknown (see [`DutiesToCheck`]).
pub fn to_check(framework: &Framework, assessment: &Assessment) -> DutiesToCheck {
    DutiesToCheck(
        obligations(framework, assessment)
            .into_iter()
            .filter(|o| o.compliance == Compliance::ToCheck)
            .map(|o| {
                let why = match assessment.choice(&o.question_id) {
                    Some(Choice::Unknown) => Unsettled::Unknown,
                    Some(Choice::NotApplicable) => Unsettled::NotApplicable,
                    // A level is never to check: it is met or below.
                    Some(Choice::Level(_)) | None => Unsettled::Unanswered,
                };
                (o.question_id, why)
            })
            .collect(),
    )
}
