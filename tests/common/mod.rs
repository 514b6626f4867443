//! Builders shared by the native tests.
#![allow(dead_code)]

use autodiag::domain::assessment::{Assessment, Choice, Importance, Level};
use autodiag::domain::content::{self, Framework};

pub fn framework() -> &'static Framework {
    content::framework()
}

pub const NOW: &str = "2026-11-28T10:00:00.000Z";

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
