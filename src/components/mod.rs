//! Pieces shared by several screens.

pub mod chart_figure;
pub mod download;
pub mod file_drop;
pub mod fullscreen;
pub mod glossary;
pub mod hand_over;
pub mod import;
pub mod not_latest;
pub mod notices;
pub mod obligations;
pub mod reference;
pub mod stepper;
pub mod to_check;
