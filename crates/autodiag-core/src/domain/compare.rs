//! Before and after: how an assessment of a commune moved since an earlier one.

use super::assessment::{Assessment, Choice, Level};
use super::content::Framework;
use super::scoring;

#[derive(Debug, Clone, PartialEq)]
pub struct PillarDelta {
    pub pillar_id: String,
    pub before: Option<u8>,
    pub after: Option<u8>,
    /// After minus before, when both exist.
    pub delta: Option<i16>,
    /// When both assessments have a score, the questions of the pillar with a level in only
    /// one of them (asked again since the earlier one, « je ne sais pas », no answer): the two
    /// scores do not rest on the same questions. Zero when there is no evolution to read.
    pub one_sided: usize,
    /// Each score rests on fewer than half of its pillar's questions, and reads « à confirmer »
    /// as on the results (`PillarScore::to_confirm`).
    pub before_to_confirm: bool,
    pub after_to_confirm: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QuestionDelta {
    pub pillar_id: String,
    pub question_id: String,
    pub before: Option<Choice>,
    pub after: Option<Choice>,
    /// Levels gained (or lost), when both answers have a level.
    pub delta: Option<i8>,
}

pub fn pillar_deltas(
    framework: &Framework,
    before: &Assessment,
    after: &Assessment,
) -> Vec<PillarDelta> {
    let before_scores = scoring::score_all(framework, before);
    let after_scores = scoring::score_all(framework, after);
    before_scores
        .into_iter()
        .zip(after_scores)
        .zip(&framework.pillars)
        .map(|((b, a), pillar)| PillarDelta {
            delta: b
                .score
                .zip(a.score)
                .map(|(b, a)| i16::from(a) - i16::from(b)),
            one_sided: if b.score.is_some() && a.score.is_some() {
                pillar
                    .questions
                    .iter()
                    .filter(|q| before.level(q).is_some() != after.level(q).is_some())
                    .count()
            } else {
                0
            },
            before_to_confirm: b.to_confirm(),
            after_to_confirm: a.to_confirm(),
            pillar_id: b.pillar_id,
            before: b.score,
            after: a.score,
        })
        .collect()
}

pub fn question_deltas(
    framework: &Framework,
    before: &Assessment,
    after: &Assessment,
) -> Vec<QuestionDelta> {
    framework
        .pillars
        .iter()
        .flat_map(|p| p.questions.iter().map(move |q| (p, q)))
        .map(|(pillar, question)| {
            let (b, a) = (before.choice(question), after.choice(question));
            let level = |c: Option<Choice>| c.and_then(Choice::level).map(Level::get);
            QuestionDelta {
                pillar_id: pillar.id.clone(),
                question_id: question.clone(),
                before: b,
                after: a,
                delta: level(b).zip(level(a)).map(|(b, a)| a as i8 - b as i8),
            }
        })
        .collect()
}

/// The questions, in the référentiel's order, whose answer (level, note or whom to ask)
/// differs between two copies of one diagnostic: before one replaces the other, the user
/// sees what would change.
pub fn different_answers<'f>(
    framework: &'f Framework,
    here: &Assessment,
    file: &Assessment,
) -> Vec<&'f str> {
    framework
        .question_ids()
        .filter(|q| {
            let (here, file) = (here.answers.get(q.as_str()), file.answers.get(q.as_str()));
            here.filter(|a| !a.is_empty()) != file.filter(|a| !a.is_empty())
        })
        .map(String::as_str)
        .collect()
}

/// Two assessments of a commune in time order: the earlier assessment date first, then the
/// earlier creation when both carry the same date.
pub fn in_time_order<'a>(a: &'a Assessment, b: &'a Assessment) -> (&'a Assessment, &'a Assessment) {
    let key = |x: &Assessment| (x.profile.date.clone(), x.created_at.clone());
    if key(b) < key(a) { (b, a) } else { (a, b) }
}
