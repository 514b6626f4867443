//! CSV exports for spreadsheet users.
//!
//! Semicolon-separated with a UTF-8 byte order mark: what Excel expects in Belgium, so accents
//! and columns come out right on a double click. LibreOffice reads it too.

use super::assessment::{Assessment, Choice};
use super::content::{Framework, Texts};

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

/// One row per question: the pillar, the question, the answer with its level text, the note.
pub fn answers(
    framework: &Framework,
    texts: &Texts,
    headers: &[&str; 8],
    assessment: &Assessment,
) -> String {
    let mut csv = Csv::new();
    csv.row(headers);
    for pillar in &framework.pillars {
        let pillar_name = texts
            .pillars
            .get(&pillar.id)
            .map_or("", |p| p.name.as_str());
        for question in &pillar.questions {
            let text = texts.questions.get(question);
            let (level, level_name, level_text) = match assessment.choice(question) {
                Some(Choice::Level(level)) => {
                    let index = usize::from(level.get() - 1);
                    (
                        level.get().to_string(),
                        texts.scale.names.get(index).cloned().unwrap_or_default(),
                        text.and_then(|t| t.levels.get(index))
                            .cloned()
                            .unwrap_or_default(),
                    )
                }
                Some(Choice::Unknown) => ("unknown".into(), String::new(), String::new()),
                Some(Choice::NotApplicable) => {
                    ("not_applicable".into(), String::new(), String::new())
                }
                None => (String::new(), String::new(), String::new()),
            };
            csv.row([
                pillar.id.as_str(),
                pillar_name,
                question.as_str(),
                text.map_or("", |t| t.title.as_str()),
                &level,
                &level_name,
                &level_text,
                assessment.note(question),
            ]);
        }
    }
    csv.finish()
}
