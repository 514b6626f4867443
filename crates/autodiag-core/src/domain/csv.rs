//! CSV exports for spreadsheet users.
//!
//! Semicolon-separated with a UTF-8 byte order mark: what Excel expects in Belgium, so accents
//! and columns come out right on a double click. LibreOffice reads it too.

use super::assessment::{Assessment, Choice};
use super::content::{Framework, LegalLevelNames, Texts};

pub const SEPARATOR: char = ';';

/// Writes rows of fields as CSV text.
#[derive(Debug, Default)]
pub struct Csv {
    text: String,
}

impl Csv {
    pub fn new() -> Csv {
        Csv {
            text: String::from('\u{feff}'),
        }
    }

    pub fn row<I, S>(&mut self, fields: I) -> &mut Csv
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        for (index, field) in fields.into_iter().enumerate() {
            if index > 0 {
                self.text.push(SEPARATOR);
            }
            push_field(&mut self.text, field.as_ref());
        }
        self.text.push_str("\r\n");
        self
    }

    pub fn finish(self) -> String {
        self.text
    }
}

fn push_field(out: &mut String, field: &str) {
    // A leading = + - @ would make a spreadsheet evaluate a commune's note as a formula.
    let formula = field.starts_with(['=', '+', '-', '@']);
    if formula || field.contains([SEPARATOR, '"', '\n', '\r']) {
        out.push('"');
        if formula {
            out.push('\'');
        }
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

/// The answers CSV's words in the interface language.
#[derive(Debug, Clone)]
pub struct AnswerWords<'a> {
    pub headers: [&'a str; 8],
    /// « Je ne sais pas », « Non applicable »: the level's name for these answers, whose
    /// level column stays empty.
    pub unknown: &'a str,
    pub not_applicable: &'a str,
    /// « Sous le minimum légal », « Minimum légal »: a legal duty's levels up to its minimum.
    pub legal_levels: LegalLevelNames<'a>,
}

/// One row per question: the pillar, the question, the answer with its level text, the note.
pub fn answers(
    framework: &Framework,
    texts: &Texts,
    words: &AnswerWords,
    assessment: &Assessment,
) -> String {
    let mut csv = Csv::new();
    csv.row(words.headers);
    // The level texts with the commune's network operator named, as its questionnaire shows.
    let grd = framework.grd_of(&assessment.profile.commune);
    for pillar in &framework.pillars {
        let pillar_name = texts
            .pillars
            .get(&pillar.id)
            .map_or("", |p| p.name.as_str());
        for question in &pillar.questions {
            let text = texts.questions.get(question);
            let (level, level_name, level_text) = match assessment.choice(question) {
                Some(Choice::Level(level)) => (
                    level.get().to_string(),
                    framework.level_name_on(texts, question, level.get(), words.legal_levels),
                    text.and_then(|t| t.levels.get(usize::from(level.get() - 1)))
                        .map_or(std::borrow::Cow::Borrowed(""), |t| {
                            super::content::with_grd(t, texts, grd)
                        }),
                ),
                Some(Choice::Unknown) => (String::new(), words.unknown, "".into()),
                Some(Choice::NotApplicable) => (String::new(), words.not_applicable, "".into()),
                None => (String::new(), "", "".into()),
            };
            csv.row([
                pillar.id.as_str(),
                pillar_name,
                question.as_str(),
                text.map_or("", |t| t.title.as_str()),
                &level,
                level_name,
                &level_text,
                assessment.note(question),
            ]);
        }
    }
    csv.finish()
}
