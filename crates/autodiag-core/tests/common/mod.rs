//! Builders shared by the native tests.
#![allow(dead_code)]

use autodiag_core::domain::assessment::{Assessment, Choice, Importance, Level};
use autodiag_core::domain::content::{self, Framework};
use autodiag_core::domain::profile::{BudgetBand, PopulationBand, StrategyStatus};
use autodiag_core::domain::{roadmap, scoring};

pub fn framework() -> &'static Framework {
    content::framework()
}

pub const NOW: &str = "2026-11-28T10:00:00.000Z";
/// The reader's day at `NOW`.
pub const TODAY: &str = "2026-11-28";
/// The day a workshop merges its respondents' answers, after every respondent's own date.
pub const WORKSHOP_DAY: &str = "2026-12-05";

pub fn assessment(name: &str) -> Assessment {
    Assessment::new(format!("id-{name}"), name.to_string(), NOW.to_string())
}

pub fn level(value: u8) -> Choice {
    Choice::Level(Level::new(value).unwrap())
}

/// Answers every question of a pillar with the same choice.
pub fn answer_pillar(assessment: &mut Assessment, pillar: &str, choice: Choice) {
    let questions = framework().pillar(pillar).unwrap().questions.clone();
    for question in questions {
        assessment.set_choice(&question, Some(choice), NOW);
    }
}

/// Answers every question of every pillar with the same choice.
pub fn answer_all(assessment: &mut Assessment, choice: Choice) {
    for pillar in &framework().pillars {
        answer_pillar(assessment, &pillar.id, choice);
    }
}

pub fn set_importance(assessment: &mut Assessment, pillar: &str, importance: Importance) {
    assessment.set_importance(pillar, importance, NOW);
}

pub fn pillar_ids() -> Vec<String> {
    framework().pillars.iter().map(|p| p.id.clone()).collect()
}

/// A small deterministic generator, so "random" communes are the same on every run.
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A realistic assessment: profile, answers with notes, priorities and an edited roadmap.
pub fn realistic_assessment(
    name: &str,
    nis: &str,
    date: &str,
    seed: u64,
    staff: f64,
) -> Assessment {
    let mut a = assessment(name);
    a.profile.nis_code = nis.into();
    a.profile.date = date.into();
    a.profile.population = Some(PopulationBand::From5000To10000);
    a.profile.respondent_name = "Marie Dubois".into();
    a.profile.respondent_role = "Directrice générale".into();
    a.profile.digital_staff_fte = Some(staff);
    a.profile.digital_budget = Some(BudgetBand::Under10000);
    a.profile.digital_strategy = Some(StrategyStatus::InProgress);
    a.profile.partnerships = "IGRETEC (Territoire intelligent), IMIO".into();
    let mut random = Lcg(seed);
    for question in framework().pillars.iter().flat_map(|p| p.questions.clone()) {
        let choice = match random.below(10) {
            0 => Some(Choice::Unknown),
            1 => Some(Choice::NotApplicable),
            2 => None,
            n => Some(level((n as u8 % 5) + 1)),
        };
        a.set_choice(&question, choice, NOW);
        if random.below(6) == 0 {
            a.set_note(
                &question,
                "Discuté en comité de direction ; à confirmer avec le service travaux.",
                NOW,
            );
        }
    }
    a.set_importance("gouvernance", Importance::High, NOW);
    a.set_importance("economie", Importance::Low, NOW);
    a.set_target("mobilite", Level::new(3), NOW);
    let scores = scoring::score_all(framework(), &a);
    let mut r = roadmap::draft(framework(), &a, &scores);
    if let Some(first) = r.items.first().map(|i| i.id.clone()) {
        r.set_status(&first, roadmap::ItemStatus::Done);
    }
    r.add_custom(
        "Présenter la feuille de route au conseil communal",
        content::Horizon::Short,
    );
    a.roadmap = Some(r);
    a
}

fn no_reason(_: &autodiag_core::domain::summary::ImportError) -> String {
    String::new()
}

fn debug_reason(error: &autodiag_core::domain::summary::ImportError) -> String {
    format!("{error:?}")
}

fn french_question_title(id: &str) -> String {
    content::texts("fr").question(id).title.clone()
}

fn french_action_title(id: &str) -> String {
    content::action_texts("fr")
        .get(id)
        .map_or_else(|| id.to_string(), |a| a.title.clone())
}

/// The territory export's texts as a French reader's screen words them; errors left empty.
pub const EXPORT_TEXTS: autodiag_core::domain::territory_export::ExportTexts<'static> =
    autodiag_core::domain::territory_export::ExportTexts {
        reason: &no_reason,
        question_title: &french_question_title,
        action_title: &french_action_title,
    };

/// The same, with each error written as `Debug`.
pub const EXPORT_TEXTS_DEBUG: autodiag_core::domain::territory_export::ExportTexts<'static> =
    autodiag_core::domain::territory_export::ExportTexts {
        reason: &debug_reason,
        question_title: &french_question_title,
        action_title: &french_action_title,
    };
