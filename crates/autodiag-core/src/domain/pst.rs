//! The roadmap as material for the commune's PST (programme stratégique transversal), in the
//! PST's own structure: one objectif stratégique per pillar the roadmap works on, one objectif
//! opérationnel per question, phrased as reaching a level, and the roadmap's items as its
//! actions. The level's text is the indicator: it describes what anyone can observe once the
//! level is reached.
//!
//! The structure holds ids and levels only; [`rows`] writes it out in one language, for the
//! CSV and the printed fiches.

use super::assessment::{Assessment, Level};
use super::content::{
    self, ActionText, CostBand, Effort, Framework, Horizon, LegalLevelNames, Owner, Texts, Volet,
};
use super::format::replace_str;
use super::plan::RoadmapItem;
use super::roadmap;
use super::scoring::PillarScore;
use serde::{Deserialize, Serialize};

/// The roadmap in the PST's structure.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Pst {
    /// Objectifs stratégiques: legal duties first, then the focus pillars in their order,
    /// then the other pillars in framework order.
    pub strategic: Vec<StrategicObjective>,
    /// Items that serve no objective: the commune's own, catalogue actions whose every
    /// question is already at the top or « non applicable », and actions an older framework
    /// had (under their last title). An id no framework had is left out unless the commune
    /// gave it a title.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_item_ids: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StrategicObjective {
    pub pillar_id: String,
    /// Legal duties first, then in the order of the roadmap's first item on each.
    pub operational: Vec<OperationalObjective>,
}

/// « Atteindre le niveau N sur « question » », with the actions that get there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OperationalObjective {
    pub question_id: String,
    pub volet: Volet,
    /// The level answered; none when the question is unanswered, unknown or not applicable.
    pub current_level: Option<u8>,
    /// The level the actions reach: the indicator is its text.
    pub target_level: u8,
    /// Set when the question is a legal duty and the commune is below its minimum, or does not
    /// know whether it meets it: the objective is then compliance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_minimum: Option<u8>,
    /// The roadmap items that work towards it, in roadmap order.
    pub item_ids: Vec<String>,
}

impl OperationalObjective {
    /// Whether a later assessment of the same commune reached the target.
    pub fn evaluate(&self, later: &Assessment) -> Evaluation {
        match later.level(&self.question_id) {
            Some(level) if level.get() >= self.target_level => Evaluation::Reached(level.get()),
            Some(level) => Evaluation::NotReached(level.get()),
            None => Evaluation::NotAssessed,
        }
    }

    /// Below a legal minimum, or unsure of it, the commune may be non-compliant: this comes
    /// first.
    pub fn is_legal_duty(&self) -> bool {
        self.legal_minimum.is_some()
    }

    /// The objective is the duty itself, no more: it is worded as compliance, never as a
    /// level to reach.
    pub fn is_compliance(&self) -> bool {
        self.legal_minimum == Some(self.target_level)
    }
}

/// What a later assessment says of an objectif opérationnel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evaluation {
    Reached(u8),
    NotReached(u8),
    /// The later assessment has no level on the question.
    NotAssessed,
}

/// The PST structure of the assessment's roadmap; empty without a roadmap.
pub fn build(framework: &Framework, assessment: &Assessment, scores: &[PillarScore]) -> Pst {
    let Some(roadmap) = &assessment.roadmap else {
        return Pst::default();
    };
    let mut strategic: Vec<StrategicObjective> = Vec::new();
    let mut other_item_ids = Vec::new();
    for item in &roadmap.items {
        let action = framework.action(&item.id);
        if action.is_none()
            && item.custom_title.is_none()
            && framework.retired_title(&item.id, "fr").is_none()
        {
            // An action an older référentiel had joins the commune's own, under its last title
            // or the commune's: left out, a plan's done work vanished from its evaluation. One
            // no référentiel had, never reworded, has no text left to write.
            continue;
        }
        let question = match action {
            Some(action) => objective_question(framework, assessment, action),
            None => own_objective_question(assessment, item),
        };
        let Some((question, pillar)) = question.and_then(|q| Some((q, framework.pillar_of(q)?)))
        else {
            other_item_ids.push(item.id.clone());
            continue;
        };
        // The commune's own item reaches no level of its own: it serves the objective.
        let reach = action.map_or(0, |a| a.to);
        let objective = match strategic.iter().position(|s| s.pillar_id == pillar.id) {
            Some(index) => &mut strategic[index],
            None => {
                strategic.push(StrategicObjective {
                    pillar_id: pillar.id.clone(),
                    operational: Vec::new(),
                });
                strategic.last_mut().expect("just pushed")
            }
        };
        match objective
            .operational
            .iter_mut()
            .find(|o| &o.question_id == question)
        {
            Some(operational) => {
                operational.target_level = operational.target_level.max(reach);
                operational.item_ids.push(item.id.clone());
            }
            None => {
                let current_level = assessment.level(question).map(Level::get);
                // « Je ne sais pas » on a duty is no stage either: the objective is to check and
                // comply, as the results' « À vérifier » says.
                let legal_minimum = framework
                    .legal_minimum(question)
                    .filter(|minimum| current_level.is_none_or(|level| level < *minimum));
                // Below a legal minimum the objective is compliance, even when the roadmap's
                // first action only goes part of the way.
                let target_level = reach
                    .max(current_level.map_or(1, |l| l + 1))
                    .max(legal_minimum.unwrap_or(0))
                    .min(5);
                objective.operational.push(OperationalObjective {
                    question_id: question.clone(),
                    volet: content::volet(question),
                    current_level,
                    target_level,
                    legal_minimum,
                    item_ids: vec![item.id.clone()],
                });
            }
        }
    }
    // Stable sorts keep the roadmap's order among equals.
    for objective in &mut strategic {
        crate::sort::sort_by_key(&mut objective.operational, |o| !o.is_legal_duty());
    }
    let (focus, _) = roadmap::choose_focus(assessment, scores);
    let focus_rank = |pillar: &str| {
        focus
            .iter()
            .position(|f| f.pillar_id == pillar)
            .unwrap_or(usize::MAX)
    };
    let framework_rank = |pillar: &str| {
        framework
            .pillars
            .iter()
            .position(|p| p.id == pillar)
            .unwrap_or(usize::MAX)
    };
    crate::sort::sort_by_key(&mut strategic, |s| {
        (
            !s.operational
                .iter()
                .any(OperationalObjective::is_legal_duty),
            focus_rank(&s.pillar_id),
            framework_rank(&s.pillar_id),
        )
    });
    Pst {
        strategic,
        other_item_ids,
    }
}

/// The question whose objective an action serves: of the questions it improves, the first
/// still below its legal minimum, else below where the action leads, else not answered or
/// answered « je ne sais pas », else below the top. Never one answered « non applicable »:
/// a commune without a bus line has no objective on its buses. An action with no such question
/// serves no objective. An objective never aims at a level the commune already has.
fn objective_question<'a>(
    framework: &Framework,
    assessment: &Assessment,
    action: &'a content::Action,
) -> Option<&'a String> {
    let level = |question: &String| assessment.level(question).map(Level::get);
    let below_minimum = |question: &&String| {
        framework
            .legal_minimum(question)
            .is_some_and(|minimum| level(question).is_some_and(|l| l < minimum))
    };
    let questions = || action.questions.iter();
    questions()
        .find(below_minimum)
        .or_else(|| questions().find(|q| level(q).is_some_and(|l| l < action.to)))
        .or_else(|| {
            questions().find(|q| {
                matches!(
                    assessment.choice(q),
                    None | Some(super::assessment::Choice::Unknown)
                )
            })
        })
        .or_else(|| questions().find(|q| level(q).is_some_and(|l| l < 5)))
}

/// The question the commune's own item serves, as it chose: none when the commune answered it
/// « non applicable » or is at its top. An id the référentiel does not have finds no pillar in
/// [`build`], which lists the item with the commune's other actions.
fn own_objective_question<'a>(
    assessment: &Assessment,
    item: &'a RoadmapItem,
) -> Option<&'a String> {
    let question = item.objective.as_ref()?;
    let open = match assessment.choice(question) {
        Some(super::assessment::Choice::NotApplicable) => false,
        _ => assessment.level(question).is_none_or(|l| l.get() < 5),
    };
    open.then_some(question)
}

/// The words of the export in the interface's language, which the app's i18n layer holds.
#[derive(Debug, Clone)]
pub struct PstWords<'a> {
    /// Column headers, in the order of [`PstRow::fields`].
    pub headers: [&'a str; COLUMNS],
    /// « Atteindre le niveau {level} sur « {question} » ».
    pub operational: &'a str,
    /// « Se mettre en conformité : « {question} » »: a duty is met or not, never a level to
    /// reach.
    pub operational_legal: &'a str,
    /// « Se mettre en conformité, puis atteindre le niveau {level} sur « {question} » », when
    /// the roadmap goes beyond the duty.
    pub operational_beyond_legal: &'a str,
    /// « À confirmer : {role} », for an action whose owner the commune has not named yet.
    pub owner_to_confirm: &'a str,
    /// Who the catalogue suggests to carry an action, in the order of [`Owner::ALL`]: « le
    /// collège communal »…
    pub owner_roles: [String; 7],
    /// « Sous le minimum légal », « Minimum légal »: a legal duty's levels up to its minimum.
    pub legal_levels: LegalLevelNames<'a>,
    /// The heading of the commune's own items.
    pub other_actions: &'a str,
    /// « {title} (action retirée du référentiel) »: an action an older référentiel had. Owned:
    /// the interface writes it from a text with a placeholder of its own.
    pub retired: String,
    pub volets: [&'a str; 2],
    pub horizons: [&'a str; 3],
    pub efforts: [&'a str; 3],
    pub costs: [&'a str; 4],
    pub yes_no: [&'a str; 2],
    /// Planned, done.
    pub statuses: [&'a str; 2],
    /// « Atteint (niveau {level}) », « Pas encore (niveau {level}) », « Non évalué ».
    pub evaluations: [&'a str; 3],
}

/// Columns of the CSV, the evaluation last.
pub const COLUMNS: usize = 18;

/// One action of the PST, written out: a line of the CSV.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PstRow {
    /// The objectif stratégique's pillar; empty for the commune's own items. Not a column.
    pub pillar_id: String,
    /// The objectif opérationnel's question; empty for the commune's own items. Not a column.
    pub question_id: String,
    /// The objectif opérationnel's number, « 1.2 », which its fiche shows; the commune's own
    /// items share their heading's, « 5 ». Not a column.
    pub number: String,
    /// The action's own number, « 1.2.1 », the CSV's first column: a PST table numbers each
    /// line, and two actions of one objective shared « 1.2 ».
    pub action_number: String,
    pub volet: String,
    pub strategic: String,
    pub operational: String,
    pub indicator: String,
    pub current_level: String,
    pub target_level: String,
    pub legal: String,
    pub action: String,
    pub first_step: String,
    pub owner: String,
    pub due: String,
    pub horizon: String,
    pub effort: String,
    pub cost: String,
    pub pooled: String,
    pub status: String,
    pub evaluation: String,
}

impl PstRow {
    pub fn fields(&self) -> [&str; COLUMNS] {
        [
            &self.action_number,
            &self.volet,
            &self.strategic,
            &self.operational,
            &self.indicator,
            &self.current_level,
            &self.target_level,
            &self.legal,
            &self.action,
            &self.first_step,
            &self.owner,
            &self.due,
            &self.horizon,
            &self.effort,
            &self.cost,
            &self.pooled,
            &self.status,
            &self.evaluation,
        ]
    }
}

/// What [`rows`] reads besides the structure.
pub struct Sources<'a> {
    pub framework: &'a Framework,
    pub texts: &'a Texts,
    pub lang: &'a str,
    pub assessment: &'a Assessment,
    /// An action's title and first step in the interface language, `{grd}` already replaced.
    pub action_text: &'a dyn Fn(&str) -> Option<ActionText>,
    /// A later assessment of the same commune, for the evaluation column.
    pub later: Option<&'a Assessment>,
}

/// The objectif opérationnel's wording: « Atteindre le niveau 3 sur « Stationnement » », or
/// « Se mettre en conformité : « Protection des données » » for a legal duty, « …, puis
/// atteindre le niveau 3 » when the roadmap goes beyond it.
pub fn operational_title(
    words: &PstWords,
    texts: &Texts,
    objective: &OperationalObjective,
) -> String {
    let question = texts
        .questions
        .get(&objective.question_id)
        .map_or(objective.question_id.as_str(), |q| q.title.as_str());
    let wording = if objective.is_compliance() {
        words.operational_legal
    } else if objective.is_legal_duty() {
        words.operational_beyond_legal
    } else {
        words.operational
    };
    let wording = replace_str(wording, "{level}", &objective.target_level.to_string());
    replace_str(&wording, "{question}", question)
}

/// The indicator: the text of the target level, which says what can be observed once it is
/// reached, without the closing clause that says what the level still lacks.
pub fn indicator(texts: &Texts, objective: &OperationalObjective) -> String {
    texts
        .questions
        .get(&objective.question_id)
        .and_then(|q| {
            q.levels
                .get(usize::from(objective.target_level.saturating_sub(1)))
        })
        .map_or_else(String::new, |level| without_shortcoming(level))
}

/// A level's text without a closing « , sans … » or « , mais … » clause (« , without … »,
/// « , but … »): a reviewer read the PST indicator « …comptées au moins une fois, sans plan de
/// stationnement fondé sur ce comptage », a shortcoming no PST can take as its aim. Only a
/// clause that ends the text goes: one followed by another sentence, or inside brackets, is
/// part of what the level asks (« …vers le CPAS, sans qu'elle répète sa demande. Ces
/// orientations sont comptées. »).
pub fn without_shortcoming(level: &str) -> String {
    // The last comma and single characters only: a search for a word pulls a string searcher
    // into the tools bundle (+1 KB).
    if let Some((kept, clause)) = level.rsplit_once(',') {
        let shortcoming = [" sans ", " mais ", " without ", " but "]
            .iter()
            .any(|marker| clause.starts_with(marker));
        let sentence = clause.strip_suffix('.');
        if shortcoming && sentence.is_some_and(|s| !s.contains('.') && !s.contains(')')) {
            return format!("{kept}.");
        }
    }
    level.to_string()
}

/// The objectif stratégique's wording: the commune's own, or else what content proposes.
pub fn strategic_title(assessment: &Assessment, lang: &str, pillar: &str) -> String {
    assessment
        .roadmap
        .as_ref()
        .and_then(|r| r.strategic_objective(pillar))
        .or_else(|| content::strategic_objective(lang, pillar))
        .unwrap_or(pillar)
        .to_string()
}

/// One row per action, objectives numbered « 1 », « 1.2 », in the structure's order; the
/// commune's own items last, under their own heading.
pub fn rows(pst: &Pst, words: &PstWords, sources: &Sources) -> Vec<PstRow> {
    let texts = sources.texts;
    let level_name = |question: &str, level: Option<u8>| match level {
        Some(level) => {
            let name = sources
                .framework
                .level_name_on(texts, question, level, words.legal_levels);
            format!("{level} — {name}")
        }
        None => String::new(),
    };
    let mut rows = Vec::new();
    for (s, strategic) in pst.strategic.iter().enumerate() {
        for (o, objective) in strategic.operational.iter().enumerate() {
            let evaluation = sources.later.map(|later| match objective.evaluate(later) {
                Evaluation::Reached(level) => {
                    replace_str(words.evaluations[0], "{level}", &level.to_string())
                }
                Evaluation::NotReached(level) => {
                    replace_str(words.evaluations[1], "{level}", &level.to_string())
                }
                Evaluation::NotAssessed => words.evaluations[2].to_string(),
            });
            let base = PstRow {
                pillar_id: strategic.pillar_id.clone(),
                number: format!("{}.{}", s + 1, o + 1),
                volet: words.volets[usize::from(objective.volet == Volet::Externe)].to_string(),
                strategic: strategic_title(sources.assessment, sources.lang, &strategic.pillar_id),
                question_id: objective.question_id.clone(),
                // The commune's own words for it, kept as its objectifs stratégiques are.
                operational: sources
                    .assessment
                    .roadmap
                    .as_ref()
                    .and_then(|r| r.strategic_objective(&objective.question_id))
                    .map_or_else(
                        || operational_title(words, texts, objective),
                        str::to_string,
                    ),
                // With the commune's network operator named, as its questionnaire shows it.
                indicator: content::with_grd(
                    &indicator(texts, objective),
                    texts,
                    sources
                        .framework
                        .grd_of(&sources.assessment.profile.commune),
                )
                .into_owned(),
                current_level: level_name(&objective.question_id, objective.current_level),
                target_level: level_name(&objective.question_id, Some(objective.target_level)),
                // The law itself, as the questionnaire cites it: the tutelle reads references.
                legal: if objective.is_legal_duty() {
                    texts
                        .questions
                        .get(&objective.question_id)
                        .map(|q| q.legal_basis.trim().to_string())
                        .unwrap_or_default()
                } else {
                    String::new()
                },
                evaluation: evaluation.unwrap_or_default(),
                ..PstRow::default()
            };
            for (i, id) in objective.item_ids.iter().enumerate() {
                let numbered = PstRow {
                    action_number: format!("{}.{}", base.number, i + 1),
                    ..base.clone()
                };
                rows.push(with_item(numbered, id, words, sources));
            }
        }
    }
    let others = pst.strategic.len() + 1;
    for (i, id) in pst.other_item_ids.iter().enumerate() {
        let base = PstRow {
            number: others.to_string(),
            action_number: format!("{others}.{}", i + 1),
            strategic: words.other_actions.to_string(),
            ..PstRow::default()
        };
        rows.push(with_item(base, id, words, sources));
    }
    rows
}

/// `row` with the roadmap item's own columns filled in.
fn with_item(mut row: PstRow, id: &str, words: &PstWords, sources: &Sources) -> PstRow {
    let Some(item) = sources.assessment.roadmap.as_ref().and_then(|r| r.item(id)) else {
        return row;
    };
    let action = sources.framework.action(id);
    let text = (sources.action_text)(id);
    row.action = item
        .custom_title
        .clone()
        .or_else(|| text.as_ref().map(|t| t.title.clone()))
        .or_else(|| {
            sources
                .framework
                .retired_title(id, sources.lang)
                .map(|title| replace_str(&words.retired, "{title}", title))
        })
        .unwrap_or_default();
    row.first_step = item
        .first_step
        .clone()
        .or_else(|| text.map(|t| t.first_step))
        .unwrap_or_default();
    // The catalogue's suggestion, marked as one, rather than a blank the council reads as
    // nobody.
    row.owner = item.owner.clone().unwrap_or_else(|| {
        action.map_or(String::new(), |action| {
            let role = Owner::ALL.iter().position(|&o| o == action.owner);
            let role = role.map_or("", |i| &words.owner_roles[i]);
            replace_str(words.owner_to_confirm, "{role}", role)
        })
    });
    row.due = item
        .due
        .as_deref()
        .map(|due| super::profile::display_date(due, sources.lang))
        .unwrap_or_default();
    row.horizon = horizon_word(words, item).to_string();
    if let Some(action) = action {
        row.effort = words.efforts[match action.effort {
            Effort::Low => 0,
            Effort::Medium => 1,
            Effort::High => 2,
        }]
        .to_string();
        row.cost = words.costs[match action.cost {
            CostBand::None => 0,
            CostBand::Low => 1,
            CostBand::Medium => 2,
            CostBand::High => 3,
        }]
        .to_string();
        row.pooled = words.yes_no[usize::from(!action.pooled)].to_string();
    }
    // Evaluated by a later round, the plan's actions done since count as done.
    let later = sources.later.and_then(|later| later.roadmap.as_ref());
    row.status = words.statuses[usize::from(item.done_by(later))].to_string();
    row
}

fn horizon_word<'a>(words: &PstWords<'a>, item: &RoadmapItem) -> &'a str {
    words.horizons[match item.horizon {
        Horizon::Short => 0,
        Horizon::Medium => 1,
        Horizon::Long => 2,
    }]
}

/// The CSV a PST officer pastes into the commune's own PST table: semicolons, UTF-8 with a
/// byte order mark, one row per action. The evaluation column is there only with a later
/// assessment.
pub fn csv(pst: &Pst, words: &PstWords, sources: &Sources) -> String {
    let columns = if sources.later.is_some() {
        COLUMNS
    } else {
        COLUMNS - 1
    };
    let mut csv = super::csv::Csv::new();
    csv.row(&words.headers[..columns]);
    for row in rows(pst, words, sources) {
        csv.row(&row.fields()[..columns]);
    }
    csv.finish()
}
