//! The starter roadmap: at most three focus pillars, then a few concrete actions per horizon.
//!
//! Drafting is deterministic: the same assessment always gives the same roadmap. Every item
//! carries the reasons that put it there, so the commune can see why it is asked to do it.

use super::assessment::{Assessment, Importance, Level};
use super::content::{Action, ActionKind, CostBand, Framework, Horizon, Owner, PopulationFit};
pub use super::plan::{
    EditError, ItemField, ItemOrigin, ItemStatus, MAX_CUSTOM_TITLE_CHARS, MAX_FIRST_STEP_CHARS,
    MAX_OWNER_CHARS, Roadmap, RoadmapItem,
};
use super::profile::{PopulationBand, StrategyStatus};
use super::scoring::PillarScore;
use litemap::LiteMap;
use serde::{Deserialize, Serialize};

/// At most this many focus pillars: a commune does not try everything at once.
pub const MAX_FOCUS_PILLARS: usize = 3;
/// About this many items per horizon, so each column stays a plan rather than a catalogue.
pub const MAX_ITEMS_PER_HORIZON: usize = 5;
/// The first horizon's cap for a commune with almost no staff or budget for digital: a
/// short list it can really start, not five things at once.
pub const MAX_SHORT_ITEMS_WHEN_STRETCHED: usize = 3;
/// The level aimed for when the commune set no target: "Intégré".
pub const DEFAULT_TARGET_LEVEL: u8 = 4;
/// The governance foundations that come first when no one works on digital matters full time.
pub const STAFF_FOUNDATIONS: [&str; 3] = [
    "gou_referent_designer",
    "gou_inventaire_donnees",
    "gou_mutualisation_convention",
];
/// The free « Territoire intelligent » accompaniment of IGRETEC: the first step of a commune
/// that has no digital strategy.
pub const STRATEGY_ACCOMPANIMENT: &str = "gou_accompagnement_igretec";
/// The question on the digital strategy: a commune whose strategy is adopted is not asked to
/// write one.
pub const STRATEGY_QUESTION: &str = "gou_strategie";
/// At most this many steps towards one legal minimum are drafted.
const LEGAL_STEPS: usize = 2;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FocusPillar {
    pub pillar_id: String,
    /// Points between the pillar's score and its target, before weighting.
    pub gap: u8,
    pub importance: Importance,
    pub target_level: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LaterPillar {
    pub pillar_id: String,
    pub reason: LaterReason,
}

/// Why a pillar is left for later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum LaterReason {
    /// No question of the pillar has a level yet.
    NotAssessed,
    /// The score already reaches the target.
    TargetReached { target_level: u8 },
    /// Three pillars with larger weighted gaps come first.
    LowerPriority,
}

/// Why an item is in the roadmap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The commune answered this level to this question.
    Answer { question_id: String, level: u8 },
    /// The action belongs to a focus pillar, ranked `rank` (1 first).
    FocusPillar { pillar_id: String, rank: u8 },
    /// Another item of the roadmap needs this one first.
    PrerequisiteOf { action_id: String },
    /// No dedicated digital staff: governance foundations first.
    NoDedicatedStaff,
    /// A small digital budget favours quick wins and pooled actions.
    SmallBudget,
    /// The question is a legal duty and the commune is below its legal minimum.
    LegalMinimum {
        question_id: String,
        legal_minimum: u8,
    },
    /// The commune has no digital strategy yet: IGRETEC's free accompaniment helps write one.
    NoStrategy,
}

/// How many items a horizon takes before it refuses optional ones: fewer at first for a
/// commune with almost no staff or budget for digital. Legal duties and foundations count
/// towards it but always get their place, so a commune far below its legal duties gets no
/// optional action in its first year.
pub fn horizon_cap(profile: &super::profile::Profile, horizon: Horizon) -> usize {
    let stretched =
        profile.has_no_dedicated_staff() || profile.digital_budget.is_some_and(|b| b.is_small());
    if horizon == Horizon::Short && stretched {
        MAX_SHORT_ITEMS_WHEN_STRETCHED
    } else {
        MAX_ITEMS_PER_HORIZON
    }
}

struct Context<'a> {
    framework: &'a Framework,
    assessment: &'a Assessment,
    no_staff: bool,
    small_budget: bool,
    population: Option<PopulationBand>,
    strategy: Option<StrategyStatus>,
}

impl<'a> Context<'a> {
    fn new(framework: &'a Framework, assessment: &'a Assessment) -> Self {
        Context {
            framework,
            assessment,
            no_staff: assessment.profile.has_no_dedicated_staff(),
            small_budget: assessment
                .profile
                .digital_budget
                .is_some_and(|b| b.is_small()),
            population: assessment.profile.population,
            strategy: assessment.profile.digital_strategy,
        }
    }

    /// Whether the action suits the commune: its size, and a strategy it already has.
    fn suits(&self, action: &Action) -> bool {
        let size_fits = match action.population {
            None => true,
            // Only a commune known to be large runs its own systems and teams.
            Some(PopulationFit::Large) => self
                .population
                .is_some_and(|band| band >= PopulationBand::From20000To50000),
            Some(PopulationFit::Small) => self
                .population
                .is_none_or(|band| band < PopulationBand::From10000To20000),
            Some(PopulationFit::Under20000) => self
                .population
                .is_none_or(|band| band < PopulationBand::From20000To50000),
        };
        let strategy_written = self.strategy == Some(StrategyStatus::Adopted)
            && action.questions.iter().any(|q| q == STRATEGY_QUESTION)
            && action.to <= 3;
        size_fits && !strategy_written
    }

    /// A small commune pools rather than builds alone.
    fn is_small_commune(&self) -> bool {
        self.population
            .is_some_and(|band| band < PopulationBand::From10000To20000)
    }

    /// The legal duties the commune's answers fall short of and that the action is a step
    /// towards (the first or a later one), with the minimum of each.
    fn below_legal_minimum(&self, action: &Action) -> Vec<Reason> {
        action
            .questions
            .iter()
            .filter_map(|q| {
                let level = self.level(q)?;
                let legal_minimum = self.framework.legal_minimum(q)?;
                let towards = action.from < legal_minimum && level < action.to;
                (level < legal_minimum && towards).then(|| Reason::LegalMinimum {
                    question_id: q.clone(),
                    legal_minimum,
                })
            })
            .collect()
    }

    fn level(&self, question: &str) -> Option<u8> {
        self.assessment.level(question).map(Level::get)
    }

    /// An action is already achieved when every question it moves is at its `to` level.
    fn achieved(&self, action: &Action) -> bool {
        action
            .questions
            .iter()
            .all(|q| self.level(q).is_some_and(|l| l >= action.to))
    }

    /// Gap × impact / effort, adjusted for the commune's means. Higher comes first.
    fn priority(&self, action: &Action, focus_weight: f64) -> f64 {
        let target = f64::from(self.target_level(&action.pillar));
        let gap: f64 = action
            .questions
            .iter()
            .filter_map(|q| self.level(q))
            .filter(|l| action.fits_level(*l))
            // A question already at the target still counts, far behind one below it.
            .map(|l| {
                let gap = target - f64::from(l);
                if gap > 0.0 { gap } else { 0.25 }
            })
            .sum();
        let mut priority =
            gap * focus_weight * f64::from(action.impact) / f64::from(action.effort.weight());
        if self.small_budget {
            if action.kind == ActionKind::QuickWin || action.pooled {
                priority *= 1.5;
            }
            if action.cost == CostBand::High {
                priority *= 0.5;
            }
        }
        if (self.no_staff || self.is_small_commune()) && action.pooled {
            priority *= 1.25;
        }
        priority
    }

    fn target_level(&self, pillar: &str) -> u8 {
        self.assessment
            .settings(pillar)
            .target
            .map_or(DEFAULT_TARGET_LEVEL, Level::get)
    }
}

/// The pillars of `focus` that `roadmap` holds no action of, done or not: a catalogue action of
/// the pillar, or the commune's own serving one of its questions. A draft plans each
/// focus pillar; a roadmap the commune edited before its priorities changed may not, and
/// then a new priority would go without a step unseen.
pub fn focus_without_an_action<'a>(
    framework: &Framework,
    roadmap: &Roadmap,
    focus: &'a [String],
) -> Vec<&'a str> {
    focus
        .iter()
        .filter(|pillar| {
            !roadmap.items.iter().any(|item| {
                framework
                    .action(&item.id)
                    .is_some_and(|a| &a.pillar == *pillar)
                    || item
                        .objective
                        .as_deref()
                        .and_then(|q| framework.pillar_of(q))
                        .is_some_and(|p| &p.id == *pillar)
            })
        })
        .map(String::as_str)
        .collect()
}

/// Ranks pillars by gap to target weighted by importance; keeps at most three. A pillar whose
/// score is to confirm ranks after every pillar whose score is not: the roadmap says to
/// confirm it « avant d'en faire une priorité », and a DG read it made one anyway, ahead of
/// the pillar answered throughout. It is a focus still when fewer than three others need work.
pub fn choose_focus(
    assessment: &Assessment,
    scores: &[PillarScore],
) -> (Vec<FocusPillar>, Vec<LaterPillar>) {
    let mut ranked = Vec::new();
    let mut later = Vec::new();
    for score in scores {
        match candidate(assessment, score) {
            Ok(focus) => ranked.push(focus),
            Err(reason) => later.push(LaterPillar {
                pillar_id: score.pillar_id.clone(),
                reason,
            }),
        }
    }
    // Equal weighted gaps keep the framework's pillar order.
    let position = |id: &str| scores.iter().position(|s| s.pillar_id == id);
    let to_confirm = |id: &str| scores.iter().any(|s| s.pillar_id == id && s.to_confirm());
    crate::sort::sort_by(&mut ranked, |a, b| {
        to_confirm(&a.pillar_id)
            .cmp(&to_confirm(&b.pillar_id))
            .then(b.weighted_gap().total_cmp(&a.weighted_gap()))
            .then(b.importance.cmp(&a.importance))
            .then(position(&a.pillar_id).cmp(&position(&b.pillar_id)))
    });
    let rest = ranked.split_off(ranked.len().min(MAX_FOCUS_PILLARS));
    let mut lower: Vec<LaterPillar> = rest
        .into_iter()
        .map(|f| LaterPillar {
            pillar_id: f.pillar_id,
            reason: LaterReason::LowerPriority,
        })
        .collect();
    lower.append(&mut later);
    // Keep "later" in framework order so it reads like the questionnaire.
    crate::sort::sort_by_key(&mut lower, |l| position(&l.pillar_id));
    (ranked, lower)
}

/// The pillar as a possible focus, with its gap to its target; or why it has none.
fn candidate(assessment: &Assessment, score: &PillarScore) -> Result<FocusPillar, LaterReason> {
    let settings = assessment.settings(&score.pillar_id);
    let target_level = settings.target.map_or(DEFAULT_TARGET_LEVEL, Level::get);
    let target_score = (target_level - 1) * 25;
    match score.score {
        None => Err(LaterReason::NotAssessed),
        Some(value) if value >= target_score => Err(LaterReason::TargetReached { target_level }),
        Some(value) => Ok(FocusPillar {
            pillar_id: score.pillar_id.clone(),
            gap: target_score - value,
            importance: settings.importance,
            target_level,
        }),
    }
}

impl FocusPillar {
    /// What ranks the focus pillars: the gap, weighed by the pillar's importance.
    fn weighted_gap(&self) -> f64 {
        f64::from(self.gap) * self.importance.weight()
    }
}

/// The last focus pillar, when `pillar` was left for later only by the pillars' order: the same
/// weighted gap and the same importance. « Moins prioritaire » would then be untrue; the
/// commune decides by giving one of them a higher importance.
pub fn tied_with_last_focus<'f>(
    assessment: &Assessment,
    scores: &[PillarScore],
    focus: &'f [FocusPillar],
    pillar: &str,
) -> Option<&'f FocusPillar> {
    let last = focus.last()?;
    let this = candidate(assessment, scores.iter().find(|s| s.pillar_id == pillar)?).ok()?;
    (this.weighted_gap() == last.weighted_gap() && this.importance == last.importance)
        .then_some(last)
}

/// How many successive actions are planned on one question: a first step now, the next one
/// on a later horizon. More would turn the roadmap into a catalogue.
const STEPS_PER_QUESTION: usize = 2;

/// An action the drafting would like to schedule.
#[derive(Clone, Copy)]
struct Candidate<'a> {
    /// 0: foundations, 1: reaching a legal minimum, 2: the focus pillars' steps. The first
    /// two are not optional, so they do not count against the horizons' caps.
    tier: u8,
    priority: f64,
    action: &'a Action,
    /// The previous step on the same question: this one only comes after it.
    after: Option<&'a str>,
    /// The earliest horizon the action may take.
    not_before: Horizon,
    /// An essential step that takes its earliest horizon only if it has room, and any later
    /// one whatever the caps.
    room_first: bool,
    /// The focus pillar's question this step was chosen for (an action may serve several).
    question: Option<&'a str>,
}

/// The foundations drafted first for a commune without digital staff. One whose step starts
/// above the commune's answer gives way to a step on the same question that fits the answer,
/// one it can start now if there is one: a commune whose mail and decisions are still on paper
/// starts there, not with the data inventory of the level above (référentiel 2.8.0).
fn staff_foundations<'a>(context: &Context<'a>) -> Vec<&'a Action> {
    let framework = context.framework;
    STAFF_FOUNDATIONS
        .iter()
        .filter_map(|id| {
            let foundation = framework.action(id)?;
            let below = foundation
                .questions
                .iter()
                .filter_map(|q| context.level(q))
                .min()
                .filter(|level| *level < foundation.from);
            let Some(level) = below else {
                return Some(foundation);
            };
            let step = foundation
                .questions
                .first()
                .and_then(|question| quickest_step(context, question, level));
            Some(step.map_or(foundation, |(_, step)| step))
        })
        .collect()
}

/// An action the référent carries, or that needs one named first: a foundation of this kind
/// waits for the référent.
fn is_referents_task(action: &Action) -> bool {
    action.owner == Owner::Referent
        || action
            .prerequisites
            .iter()
            .any(|p| p == STAFF_FOUNDATIONS[0])
}

/// The quickest way up from `level` on `question`, towards a legal minimum or a foundation:
/// an action the commune can start now, if any, with its priority.
fn quickest_step<'a>(
    context: &Context<'a>,
    question: &str,
    level: u8,
) -> Option<(f64, &'a Action)> {
    context
        .framework
        .actions
        .iter()
        .filter(|a| a.questions.iter().any(|q| q == question) && a.fits_level(level))
        .filter(|a| context.suits(a))
        .map(|a| (a.is_startable(), context.priority(a, 2.0), a))
        .max_by(|(sa, pa, a), (sb, pb, b)| sa.cmp(sb).then(pa.total_cmp(pb)).then(b.id.cmp(&a.id)))
        .map(|(_, priority, action)| (priority, action))
}

/// A catalogue item still to do whose every question the answers already put at or above the
/// level it leads to: the answers changed after the commune edited its roadmap, which is then
/// no longer redrafted. A commune read « Désigner un DPO » planned after answering that it has
/// one.
pub fn already_reached(framework: &Framework, assessment: &Assessment, item: &RoadmapItem) -> bool {
    item.status != ItemStatus::Done
        && framework
            .action(&item.id)
            .is_some_and(|action| Context::new(framework, assessment).achieved(action))
}

/// The legal duties below their minimum that the assessment's roadmap does not plan up to
/// it, each with the id of the next step a draft would take. The steps are followed from the
/// answer, each starting where the previous one ends; one marked done counts as taken (the
/// answer is updated at the next diagnostic), but at least one must still be to do. So a
/// roadmap with the DPO's designation alone stops below the minimum; one whose designation is
/// done and whose register is to do plans the duty (a walk found printed PST fiches saying
/// « plus aucune action à faire » above the step still planned); one whose every step is done
/// while the answer is still below plans nothing, and the duty is named with the first step
/// from the answer. A drafted roadmap always plans the duties; one the commune edited, or
/// carried over from an earlier year, may not, while the results promise that it plans them.
pub fn duties_without_a_step(
    framework: &Framework,
    assessment: &Assessment,
) -> Vec<(String, String)> {
    let context = Context::new(framework, assessment);
    let items = assessment
        .roadmap
        .as_ref()
        .map_or(&[][..], |r| &r.items[..]);
    // A loop rather than an iterator chain: the tools bundle's wasm is smaller for it.
    let mut missing = Vec::new();
    for duty in super::obligations::below(framework, assessment) {
        let Some(answered) = duty.level else {
            continue;
        };
        let mut reached = answered;
        let mut to_do = false;
        // Each step starts above the last one's start, so this ends within five.
        while reached < duty.legal_minimum {
            // A step still to do first, then one marked done.
            let next = items
                .iter()
                .filter_map(|item| Some((item, framework.action(&item.id)?)))
                .filter(|(_, a)| a.questions.contains(&duty.question_id) && a.fits_level(reached))
                .min_by_key(|(item, _)| item.status == ItemStatus::Done);
            match next {
                Some((item, step)) => {
                    to_do |= item.status != ItemStatus::Done;
                    reached = step.to;
                }
                None => break,
            }
        }
        if reached >= duty.legal_minimum && to_do {
            continue;
        }
        // Every step done and the answer still below: start again from the answer.
        let from = if reached >= duty.legal_minimum {
            answered
        } else {
            reached
        };
        if let Some((_, action)) = quickest_step(&context, &duty.question_id, from) {
            missing.push((duty.question_id, action.id.clone()));
        }
    }
    missing
}

/// Drafts a roadmap from the assessment's answers, priorities and profile.
pub fn draft(framework: &Framework, assessment: &Assessment, scores: &[PillarScore]) -> Roadmap {
    let context = Context::new(framework, assessment);
    let (focus, _) = choose_focus(assessment, scores);

    let mut candidates: Vec<Candidate> = Vec::new();
    if context.no_staff {
        let referent_to_name = framework
            .action(STAFF_FOUNDATIONS[0])
            .is_some_and(|referent| !context.achieved(referent));
        for (index, action) in staff_foundations(&context).into_iter().enumerate() {
            if !context.achieved(action) {
                // Foundations outrank everything: they make the rest possible. Those that are
                // the référent's tasks wait until one is named, so the first year stays a
                // short list a commune without staff can start; the director's own do not.
                let not_before = if index > 0 && referent_to_name && is_referents_task(action) {
                    Horizon::Medium
                } else {
                    Horizon::Short
                };
                candidates.push(Candidate {
                    tier: 0,
                    // In the list's order: the référent first.
                    priority: f64::MAX / (index + 1) as f64,
                    action,
                    after: None,
                    not_before,
                    room_first: false,
                    question: None,
                });
            }
        }
    }
    if context.strategy == Some(StrategyStatus::None)
        && let Some(action) = framework.action(STRATEGY_ACCOMPANIMENT)
        && !context.achieved(action)
    {
        candidates.push(Candidate {
            tier: 0,
            priority: f64::MAX,
            action,
            after: None,
            not_before: Horizon::Short,
            room_first: false,
            question: None,
        });
    }
    // Legal duties come first, whatever the focus pillars: below the minimum the commune is
    // not at an early stage, it is non-compliant.
    let stretched = horizon_cap(&assessment.profile, Horizon::Short) < MAX_ITEMS_PER_HORIZON;
    for question in framework.question_ids() {
        let (Some(mut level), Some(legal_minimum)) =
            (context.level(question), framework.legal_minimum(question))
        else {
            continue;
        };
        let mut after = None;
        for step in 0..LEGAL_STEPS {
            if level >= legal_minimum {
                break;
            }
            let Some((priority, action)) = quickest_step(&context, question, level) else {
                break;
            };
            // Every step up to the minimum is essential: a second step dropped for room
            // would leave the commune planned below the law. A commune with almost no staff
            // or budget takes it in the short term only while there is room, before any
            // optional step, and otherwise in the medium term, so its first year stays one it
            // can do.
            candidates.push(Candidate {
                tier: 1,
                priority: if step == 0 { f64::MAX } else { priority },
                action,
                after,
                not_before: Horizon::Short,
                room_first: step > 0 && stretched,
                question: None,
            });
            after = Some(action.id.as_str());
            level = action.to;
        }
    }
    for pillar in &focus {
        let Some(structure) = framework.pillar(&pillar.pillar_id) else {
            continue;
        };
        for question in &structure.questions {
            let Some(mut level) = context.level(question) else {
                continue;
            };
            let mut after = None;
            // A path of steps on the question, each starting where the previous one ends.
            for step in 0..STEPS_PER_QUESTION {
                // A second step only while the question is still below the pillar's target.
                if step > 0 && level >= pillar.target_level {
                    break;
                }
                let best = framework
                    .actions
                    .iter()
                    .filter(|a| a.questions.contains(question) && a.fits_level(level))
                    .filter(|a| context.suits(a))
                    .map(|a| (context.priority(a, pillar.importance.weight()), a))
                    .max_by(|(pa, a), (pb, b)| pa.total_cmp(pb).then(b.id.cmp(&a.id)));
                let Some((priority, action)) = best else {
                    break;
                };
                // Later steps rank below every first step: breadth before depth.
                candidates.push(Candidate {
                    tier: 2,
                    priority: priority / (1 + step * 10) as f64,
                    action,
                    after,
                    not_before: Horizon::Short,
                    room_first: false,
                    question: Some(question.as_str()),
                });
                after = Some(action.id.as_str());
                level = action.to;
                if level >= 5 {
                    break;
                }
            }
        }
    }
    crate::sort::sort_by(&mut candidates, |a, b| {
        a.tier
            .cmp(&b.tier)
            .then(b.priority.total_cmp(&a.priority))
            .then(a.action.id.cmp(&b.action.id))
    });
    // Each focus pillar's best first step goes first, so no focus pillar ends up with
    // nothing suggested when the horizons fill up. It works on the question the pillar's
    // results name « à renforcer » when a step there suits the commune: a reviewer read the
    // results point at « Propreté » (level 1) and the roadmap start with BE-Alert (level 2).
    let mut leaders = Vec::new();
    for focus_pillar in &focus {
        let is_first_step = |c: &Candidate| {
            c.after.is_none() && c.tier == 2 && c.action.pillar == focus_pillar.pillar_id
        };
        let weakest = framework
            .pillar(&focus_pillar.pillar_id)
            .map(|pillar| super::scoring::standouts(framework, pillar, assessment))
            .filter(|standouts| !standouts.uniform)
            .and_then(|standouts| standouts.gaps.get(standouts.unlawful).map(|gap| gap.0));
        let on_weakest = weakest.and_then(|question| {
            candidates
                .iter()
                .position(|c| is_first_step(c) && c.question == Some(question))
        });
        if let Some(index) = on_weakest.or_else(|| candidates.iter().position(is_first_step)) {
            leaders.push((candidates.remove(index), on_weakest.is_some()));
        }
    }
    // Foundations put off to the medium term come after the leaders there too: they must not
    // take the room of a focus pillar's only step.
    let (deferred, rest): (Vec<_>, Vec<_>) = candidates
        .into_iter()
        .partition(|c| c.tier == 0 && c.not_before > Horizon::Short);
    candidates = rest;
    let foundations = candidates.iter().take_while(|c| c.tier < 2).count();
    let leaders_count = leaders.len();
    for (offset, (leader, _)) in leaders.iter().enumerate() {
        candidates.insert(foundations + offset, *leader);
    }
    for (offset, foundation) in deferred.into_iter().enumerate() {
        candidates.insert(foundations + leaders_count + offset, foundation);
    }

    let mut plan = Plan::default();
    for candidate in candidates {
        plan.try_add(&context, candidate, false);
    }
    // A focus pillar whose first step found no room (legal duties and the other focus pillars
    // filled the near horizons) gets it on any later horizon rather than nothing. So does the
    // gap its results name « à renforcer », even when a step on another of its questions found
    // room: the roadmap answers what the results point at.
    for (leader, on_named_gap) in leaders {
        let pillar = leader.action.pillar.as_str();
        let has_one = plan
            .order
            .iter()
            .any(|id| framework.action(id).is_some_and(|a| a.pillar == pillar));
        if !has_one || on_named_gap {
            plan.try_add(&context, leader, true);
        }
    }
    Roadmap::drafted(plan.into_items())
}

/// Drafts the roadmap when there is none, or drafts it again while the commune has not edited
/// it, so it always reflects the latest answers; an edited roadmap is the commune's and is left
/// alone. Returns whether the roadmap changed.
pub fn refresh(framework: &Framework, assessment: &mut Assessment, now: &str) -> bool {
    if assessment.roadmap.as_ref().is_some_and(|r| r.edited) {
        return false;
    }
    let scores = super::scoring::score_all(framework, assessment);
    let mut fresh = draft(framework, assessment, &scores);
    if let Some(current) = &assessment.roadmap {
        fresh.keep_strategic_objectives_of(current);
    }
    if assessment.roadmap.as_ref() == Some(&fresh) {
        return false;
    }
    assessment.roadmap = Some(fresh);
    assessment.touch(now);
    true
}

/// Why each item is in the roadmap, from the current answers, priorities and profile: one
/// list per item, in order. Linear in the number of items, however large a file makes it.
pub fn explain_all(
    framework: &Framework,
    assessment: &Assessment,
    scores: &[PillarScore],
    roadmap: &Roadmap,
) -> Vec<Vec<Reason>> {
    let context = Context::new(framework, assessment);
    let (focus, _) = choose_focus(assessment, scores);
    let foundations = staff_foundations(&context);
    // For each action in the roadmap, the roadmap's actions that need it first.
    let mut dependents: LiteMap<&str, Vec<&str>> = LiteMap::new_vec();
    // At most the catalogue's actions, however many items repeat them: a list will do.
    let mut seen: Vec<&str> = Vec::new();
    for item in &roadmap.items {
        if let Some(action) = framework.action(&item.id)
            && !seen.contains(&action.id.as_str())
        {
            seen.push(action.id.as_str());
            for prerequisite in &action.prerequisites {
                dependents
                    .entry(prerequisite.as_str())
                    .or_default()
                    .push(action.id.as_str());
            }
        }
    }
    roadmap
        .items
        .iter()
        .map(|item| {
            let Some(action) = framework.action(&item.id) else {
                return Vec::new();
            };
            let mut reasons = context.below_legal_minimum(action);
            if context.no_staff && foundations.iter().any(|f| f.id == action.id) {
                reasons.push(Reason::NoDedicatedStaff);
            }
            if context.strategy == Some(StrategyStatus::None) && action.id == STRATEGY_ACCOMPANIMENT
            {
                reasons.push(Reason::NoStrategy);
            }
            // The answers the action improves, while they are still below where it leads.
            for question in &action.questions {
                if let Some(level) = context.level(question)
                    && level < action.to
                {
                    reasons.push(Reason::Answer {
                        question_id: question.clone(),
                        level,
                    });
                }
            }
            if let Some(rank) = focus.iter().position(|f| f.pillar_id == action.pillar) {
                reasons.push(Reason::FocusPillar {
                    pillar_id: action.pillar.clone(),
                    rank: rank as u8 + 1,
                });
            }
            for dependent in dependents.get(action.id.as_str()).into_iter().flatten() {
                reasons.push(Reason::PrerequisiteOf {
                    action_id: dependent.to_string(),
                });
            }
            if context.small_budget && (action.kind == ActionKind::QuickWin || action.pooled) {
                reasons.push(Reason::SmallBudget);
            }
            reasons
        })
        .collect()
}

/// The actions chosen so far, with their horizons. Why each is there is worked out by
/// [`explain_all`] from the answers, so it is always true.
#[derive(Default)]
struct Plan<'a> {
    chosen: LiteMap<&'a str, Horizon>,
    /// Order of choice: higher priority first, prerequisites before their dependents.
    order: Vec<&'a str>,
}

impl<'a> Plan<'a> {
    /// Adds the action with the prerequisites it still needs, each on the earliest horizon
    /// that respects its own horizon, its prerequisites and the caps; `any_later` lets a full
    /// horizon push them further than the next one. If something does not fit, nothing
    /// changes.
    fn try_add(&mut self, context: &Context<'a>, candidate: Candidate<'a>, any_later: bool) {
        let Candidate {
            action,
            after,
            tier,
            not_before,
            room_first,
            ..
        } = candidate;
        if self.chosen.contains_key(action.id.as_str()) {
            return;
        }
        let earliest = match after {
            Some(previous) => match self.chosen.get(previous) {
                Some(horizon) => *horizon,
                // The previous step did not fit, so this one has nothing to build on.
                None => return,
            },
            None => Horizon::Short,
        }
        .max(not_before);
        let mut counts: LiteMap<Horizon, usize> = LiteMap::new_vec();
        for horizon in self.chosen.values() {
            *counts.entry(*horizon).or_default() += 1;
        }
        let mut scheduling = Scheduling {
            essential: tier < 2,
            room_first,
            any_later,
            counts,
            additions: Vec::new(),
            seen: Vec::new(),
        };
        if self
            .schedule(context, action, earliest, &mut scheduling)
            .is_none()
        {
            return;
        }
        for (action, horizon) in scheduling.additions {
            self.chosen.insert(action.id.as_str(), horizon);
            self.order.push(action.id.as_str());
        }
    }

    /// Depth first, so prerequisites land before the action that needs them. Returns the
    /// horizon given to the action, or `None` when every allowed horizon is full.
    fn schedule(
        &self,
        context: &Context<'a>,
        action: &'a Action,
        earliest: Horizon,
        scheduling: &mut Scheduling<'a>,
    ) -> Option<Horizon> {
        if let Some(horizon) = self.chosen.get(action.id.as_str()) {
            return Some(*horizon);
        }
        if let Some((_, horizon)) = scheduling.additions.iter().find(|(a, _)| a.id == action.id) {
            return Some(*horizon);
        }
        if scheduling.seen.contains(&action.id.as_str()) {
            // A cycle: content checks forbid it, so stop rather than loop.
            return None;
        }
        scheduling.seen.push(action.id.as_str());
        let mut earliest = earliest.max(action.horizon);
        for id in &action.prerequisites {
            let Some(prerequisite) = context.framework.action(id) else {
                continue;
            };
            if context.achieved(prerequisite) {
                continue;
            }
            let horizon = self.schedule(context, prerequisite, Horizon::Short, scheduling)?;
            earliest = earliest.max(horizon);
        }
        // A full horizon pushes an action one horizon later at most: a quick step put off
        // for three years would no longer be the same plan.
        let latest = if scheduling.any_later {
            Horizon::Long
        } else {
            Horizon::ALL
                .into_iter()
                .find(|h| *h > action.horizon)
                .unwrap_or(action.horizon)
                .max(earliest)
        };
        // A legal duty or a foundation is not optional: it takes its horizon even when full.
        let horizon = Horizon::ALL
            .into_iter()
            .filter(|h| *h >= earliest && *h <= latest)
            .find(|h| {
                (scheduling.essential && (!scheduling.room_first || *h > earliest))
                    || scheduling.counts.get(h).copied().unwrap_or(0)
                        < horizon_cap(&context.assessment.profile, *h)
            })?;
        *scheduling.counts.entry(horizon).or_default() += 1;
        scheduling.additions.push((action, horizon));
        Some(horizon)
    }

    fn into_items(self) -> Vec<RoadmapItem> {
        let mut items: Vec<RoadmapItem> = self
            .order
            .iter()
            .map(|id| RoadmapItem::planned(id.to_string(), self.chosen[id], ItemOrigin::Drafted))
            .collect();
        // Stable: within a horizon, the chosen order (priority, prerequisites first) stays.
        crate::sort::sort_by_key(&mut items, |item| item.horizon);
        items
    }
}

/// One candidate's scheduling, with what it adds: nothing is kept unless all of it fits.
struct Scheduling<'a> {
    /// A legal duty or a foundation, which does not count against the caps.
    essential: bool,
    /// Essential only past the earliest horizon it may take (see `Candidate::room_first`).
    room_first: bool,
    /// A focus pillar's only step, which may go to any later horizon with room.
    any_later: bool,
    counts: LiteMap<Horizon, usize>,
    additions: Vec<(&'a Action, Horizon)>,
    /// The actions met on this path of prerequisites: a few, so a list.
    seen: Vec<&'a str>,
}

/// Where a drafted item waits one horizon past its action's own because that horizon was
/// full, not because something comes first (a prerequisite, an earlier step on the same
/// question, the référent still to name): the horizon it would have taken and how many items
/// fill it, so its card can say it may start earlier. A reviewer read a quick, free action
/// drafted at medium term as « this can wait three years ». A roadmap the commune edited says
/// nothing: its own moves are not for lack of room.
pub fn deferred_by_cap(
    framework: &Framework,
    profile: &super::profile::Profile,
    roadmap: &Roadmap,
    item: &RoadmapItem,
) -> Option<(Horizon, usize)> {
    let action = framework.action(&item.id)?;
    if roadmap.edited || item.origin != ItemOrigin::Drafted || item.horizon <= action.horizon {
        return None;
    }
    let held_back = roadmap.items.iter().any(|other| {
        other.horizon >= item.horizon
            && framework.action(&other.id).is_some_and(|first| {
                action.prerequisites.contains(&first.id)
                    || (first.from < action.from
                        && first.questions.iter().any(|q| action.questions.contains(q)))
            })
    });
    // A foundation that is the référent's task, or such a step drafted in its place below it
    // (`staff_foundations`): it waits until the référent is named.
    let foundation = STAFF_FOUNDATIONS[1..].iter().any(|id| {
        *id == item.id
            || framework.action(id).is_some_and(|f| {
                f.questions == action.questions && action.to <= f.from && action.is_startable()
            })
    });
    let after_referent = profile.has_no_dedicated_staff()
        && foundation
        && is_referents_task(action)
        && roadmap
            .items
            .iter()
            .any(|other| other.id == STAFF_FOUNDATIONS[0]);
    let filled = roadmap.items_in(action.horizon).count();
    (!held_back && !after_referent && filled >= horizon_cap(profile, action.horizon))
        .then_some((action.horizon, filled))
}
