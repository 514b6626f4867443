//! What the workshop's projector shows on a pillar slide, and how its keys move the slides.
//! A slide has room for a few lines read from the back of a council room, so every list here
//! is short.

use super::assessment::{Assessment, Level};
use super::content::Horizon;
use super::content::{Framework, Pillar};
use super::plan::{ItemOrigin, ItemStatus, Roadmap, RoadmapItem};
use super::roadmap::Reason;
use super::scoring;

/// Strengths and gaps shown on a pillar slide, each.
pub const MAX_STRENGTHS: usize = 2;
pub const MAX_GAPS: usize = 2;
/// Lines of questions to check on a pillar slide, « + N autres » included.
pub const MAX_TO_CHECK_LINES: usize = 4;
/// Lines per horizon on the roadmap slide, « + N autres » included: the first steps drafted
/// matter most. Steps towards a legal minimum are all shown, even past it (`roadmap_column`).
pub const MAX_ROADMAP_LINES: usize = 4;

/// First steps on the closing slide, at most.
pub const MAX_NEXT_STEPS: usize = 3;
/// Words of first steps on the closing slide, at most: three long ones (a legal duty's steps
/// run to 60 words) overflowed a 720p screen, read at 20 px or more.
pub const MAX_NEXT_STEPS_WORDS: usize = 100;

/// The first steps the closing slide shows, in roadmap order: as many as fit in
/// `MAX_NEXT_STEPS_WORDS`, and always the first, which the commune starts with.
pub fn next_steps_that_fit(steps: impl IntoIterator<Item = String>) -> Vec<String> {
    steps_that_fit(steps, MAX_NEXT_STEPS, MAX_NEXT_STEPS_WORDS)
}

fn steps_that_fit(
    steps: impl IntoIterator<Item = String>,
    most: usize,
    most_words: usize,
) -> Vec<String> {
    let mut words = 0;
    let mut shown = Vec::new();
    for step in steps.into_iter().take(most) {
        words += step.split_whitespace().count();
        if !shown.is_empty() && words > most_words {
            break;
        }
        shown.push(step);
    }
    shown
}

/// The closing slide's steps: the first steps of the duties the commune owes, then `verify`,
/// checking the duties it answered « Je ne sais pas », then the other first steps, within the
/// same limits as `next_steps_that_fit`. `verify` is always shown, after the owed steps that
/// fit: nothing else on the slides asks for those duties to be checked.
pub fn closing_steps(
    owed: Vec<String>,
    verify: Option<String>,
    others: impl IntoIterator<Item = String>,
) -> Vec<String> {
    let Some(verify) = verify else {
        return next_steps_that_fit(owed.into_iter().chain(others));
    };
    let owed_count = owed.len();
    let words = verify.split_whitespace().count();
    let mut shown = steps_that_fit(
        owed.into_iter().chain(others),
        MAX_NEXT_STEPS - 1,
        MAX_NEXT_STEPS_WORDS.saturating_sub(words),
    );
    shown.insert(shown.len().min(owed_count), verify);
    shown
}

/// Whether the roadmap's item at `index` is a step towards a legal minimum still to do.
/// `reasons` are `roadmap::explain_all`'s, one list per item.
pub fn is_owed(roadmap: &Roadmap, reasons: &[Vec<Reason>], index: usize) -> bool {
    roadmap.items[index].status != ItemStatus::Done
        && reasons
            .get(index)
            .is_some_and(|r| r.iter().any(|r| matches!(r, Reason::LegalMinimum { .. })))
}

/// One horizon's items in the order the slides name them: what is still to do before what is
/// done, and among what is still to do, the steps towards a legal minimum first; with how
/// many of those steps there are. `reasons` are `roadmap::explain_all`'s, one list per item.
fn in_slide_order<'a>(
    roadmap: &'a Roadmap,
    reasons: &[Vec<Reason>],
    horizon: Horizon,
) -> (Vec<&'a RoadmapItem>, usize) {
    let owed = |index: usize| is_owed(roadmap, reasons, index);
    // What the room decided (an action of its own or from the catalogue, a step given an
    // owner) comes before the rest of the draft: « + 2 autres » hid the room's own action.
    let decided = |item: &RoadmapItem| item.origin != ItemOrigin::Drafted || item.owner.is_some();
    let mut indices: Vec<usize> = (0..roadmap.items.len())
        .filter(|&i| roadmap.items[i].horizon == horizon)
        .collect();
    crate::sort::sort_by_key(&mut indices, |&i| {
        let item = &roadmap.items[i];
        (item.status == ItemStatus::Done, !owed(i), !decided(item))
    });
    let duties = indices.iter().filter(|&&i| owed(i)).count();
    (indices.iter().map(|&i| &roadmap.items[i]).collect(), duties)
}

/// The short term's items still to do, in the roadmap slide's order, whose first steps the
/// closing slide names: the duties the commune owes first, as the slide before shows them;
/// with how many of them are those duties' steps.
pub fn next_step_items<'a>(
    roadmap: &'a Roadmap,
    reasons: &[Vec<Reason>],
) -> (Vec<&'a RoadmapItem>, usize) {
    let (mut items, duties) = in_slide_order(roadmap, reasons, Horizon::Short);
    items.retain(|item| item.status != ItemStatus::Done);
    (items, duties)
}

/// One horizon's column on the roadmap slide, in `in_slide_order`: the steps owed, then what
/// the room decided, then the draft. The steps towards a legal
/// minimum are never left in « + N autres », even past `MAX_ROADMAP_LINES`: the room must see
/// every duty it owes.
pub fn roadmap_column<'a>(
    roadmap: &'a Roadmap,
    reasons: &[Vec<Reason>],
    horizon: Horizon,
) -> Shortlist<&'a RoadmapItem> {
    let (items, duties) = in_slide_order(roadmap, reasons, horizon);
    let list = shortlist(&items, MAX_ROADMAP_LINES);
    if list.shown.len() >= duties {
        return list;
    }
    // More duties than lines: all of them, then the rest counted, or shown when one is left.
    let shown = if items.len() - duties == 1 {
        items.len()
    } else {
        duties
    };
    Shortlist {
        shown: items[..shown].to_vec(),
        more: items.len() - shown,
    }
}

/// One pillar's slide, as question ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PillarSlide<'a> {
    /// Level 3 or more, highest first.
    pub strengths: Vec<(&'a str, Level)>,
    /// Every question answered under its legal minimum first, then level 2 or less, lowest
    /// first: a duty the commune does not meet is the slide's most serious finding, so it is
    /// always shown, even past `MAX_GAPS`.
    pub gaps: Vec<(&'a str, Level)>,
    /// « Je ne sais pas » answers, in questionnaire order: what the workshop discusses.
    pub to_check: Shortlist<&'a str>,
}

/// The first items of a list, and how many more are left unsaid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shortlist<T> {
    pub shown: Vec<T>,
    pub more: usize,
}

/// At most `lines` lines: every item when they fit, otherwise one line fewer than `lines`
/// and a last line that says how many more there are. Never « + 1 autre »: that line holds
/// the item itself.
pub fn shortlist<T: Clone>(items: &[T], lines: usize) -> Shortlist<T> {
    let shown = if items.len() <= lines {
        items.len()
    } else {
        lines.saturating_sub(1)
    };
    Shortlist {
        shown: items[..shown].to_vec(),
        more: items.len() - shown,
    }
}

pub fn pillar_slide<'a>(
    framework: &Framework,
    pillar: &'a Pillar,
    assessment: &Assessment,
) -> PillarSlide<'a> {
    let mut standouts = scoring::standouts(framework, pillar, assessment);
    standouts.strengths.truncate(MAX_STRENGTHS);
    // Every duty under its minimum is shown, even past `MAX_GAPS`.
    standouts.gaps.truncate(standouts.unlawful.max(MAX_GAPS));
    PillarSlide {
        strengths: standouts.strengths,
        gaps: standouts.gaps,
        to_check: shortlist(
            &scoring::pillar_questions_to_check(pillar, assessment),
            MAX_TO_CHECK_LINES,
        ),
    }
}

/// Whether pillar `index`'s slide explains what its level means: only the first slide at
/// each level does, so the room never reads the same paragraph twice while paging through.
/// A score still to confirm shows no level, so it explains none.
pub fn explains_its_band(scores: &[scoring::PillarScore], index: usize) -> bool {
    let shown_band = |score: &scoring::PillarScore| score.band.filter(|_| !score.to_confirm());
    let Some(band) = scores.get(index).and_then(shown_band) else {
        return false;
    };
    scores[..index]
        .iter()
        .all(|earlier| shown_band(earlier) != Some(band))
}

/// Where a key takes the slides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlideMove {
    Next,
    Previous,
    First,
    Last,
    Leave,
}

/// The move a key asks for, if any. `on_control` says focus is on a button, link or field:
/// Space and Enter then belong to that control (Space on « Précédente » goes back). Arrows
/// and page keys still move the slides, since a presenter's remote sends page keys while
/// focus stays on the last button clicked.
pub fn slide_move(key: &str, on_control: bool) -> Option<SlideMove> {
    match key {
        " " | "Enter" if on_control => None,
        "ArrowRight" | "PageDown" | " " => Some(SlideMove::Next),
        "ArrowLeft" | "PageUp" => Some(SlideMove::Previous),
        "Home" => Some(SlideMove::First),
        "End" => Some(SlideMove::Last),
        "Escape" => Some(SlideMove::Leave),
        _ => None,
    }
}
