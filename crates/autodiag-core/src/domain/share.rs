//! Results shared in a workshop through a link: the answers packed into the address's
//! fragment (after `#`), which a browser never sends to any server. A participant scans the
//! projector's QR code and sees the same scores on their phone, read-only.
//!
//! The fragment reads `v=<framework version>&c=<commune>&d=<date>&r=<answers>&t=<targets>`:
//! one hexadecimal digit per question (0 no answer, 1–5 a level, 6 « je ne sais pas », 7
//! « non applicable ») and one digit per pillar target (0 none). About 150 characters for
//! the whole questionnaire, where its summary file takes kilobytes.

use super::assessment::{Assessment, Choice, Level};
use super::content::Framework;

/// A link must stay short enough for any QR reader and any browser.
pub const MAX_LINK_CHARS: usize = 2000;
/// The longest commune name a link carries, in characters.
pub const MAX_COMMUNE_CHARS: usize = 80;

/// Why a shared link could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// Made with another version of the questionnaire: its answers may not fit these questions.
    OtherFramework { found: String },
    /// Cut short, mistyped or made up.
    Invalid,
}

/// The fragment's query for `assessment`: what follows `#/partage?`.
pub fn encode(framework: &Framework, assessment: &Assessment) -> String {
    let answers: String = framework
        .question_ids()
        .map(|q| match assessment.choice(q) {
            None => '0',
            Some(Choice::Level(level)) => char::from(b'0' + level.get()),
            Some(Choice::Unknown) => '6',
            Some(Choice::NotApplicable) => '7',
        })
        .collect();
    let targets: String = framework
        .pillars
        .iter()
        .map(|p| {
            assessment
                .settings(&p.id)
                .target
                .map_or('0', |level| char::from(b'0' + level.get()))
        })
        .collect();
    let commune: String = assessment
        .profile
        .display_name()
        .chars()
        .take(MAX_COMMUNE_CHARS)
        .collect();
    format!(
        "v={}&c={}&d={}&r={answers}&t={targets}",
        percent_encode(&framework.version),
        percent_encode(&commune),
        percent_encode(&assessment.profile.date),
    )
}

/// The assessment a link carries: its commune, date, answers and targets, nothing else.
pub fn decode(framework: &Framework, query: &str, now: &str) -> Result<Assessment, ShareError> {
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut pairs = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').ok_or(ShareError::Invalid)?;
        pairs.push((key, percent_decode(value).ok_or(ShareError::Invalid)?));
    }
    // A field given twice makes the link invalid.
    let fields = crate::sort::unique_map(pairs).map_err(|_| ShareError::Invalid)?;
    let field = |key: &str| fields.get(key).ok_or(ShareError::Invalid);
    let version = field("v")?;
    if *version != framework.version {
        return Err(ShareError::OtherFramework {
            found: version.clone(),
        });
    }
    let commune = field("c")?;
    let date = field("d")?;
    if commune.trim().is_empty()
        || commune.chars().count() > MAX_COMMUNE_CHARS
        || commune.chars().any(char::is_control)
        || !(date.is_empty() || super::profile::is_iso_date(date))
    {
        return Err(ShareError::Invalid);
    }
    let questions: Vec<&String> = framework.question_ids().collect();
    let answers = field("r")?.as_bytes();
    let targets = field("t")?.as_bytes();
    if answers.len() != questions.len() || targets.len() != framework.pillars.len() {
        return Err(ShareError::Invalid);
    }
    let mut assessment = Assessment::new("partage".into(), commune.clone(), now.into());
    assessment.profile.date = date.clone();
    for (question, digit) in questions.into_iter().zip(answers) {
        let choice = match digit {
            b'0' => None,
            b'1'..=b'5' => Some(Choice::Level(level(*digit)?)),
            b'6' => Some(Choice::Unknown),
            b'7' => Some(Choice::NotApplicable),
            _ => return Err(ShareError::Invalid),
        };
        assessment.set_choice(question, choice, now);
    }
    for (pillar, digit) in framework.pillars.iter().zip(targets) {
        let target = match digit {
            b'0' => None,
            b'1'..=b'5' => Some(level(*digit)?),
            _ => return Err(ShareError::Invalid),
        };
        assessment.set_target(&pillar.id, target, now);
    }
    Ok(assessment)
}

fn level(digit: u8) -> Result<Level, ShareError> {
    Level::new(digit - b'0').ok_or(ShareError::Invalid)
}

/// `text` with every byte but letters, digits and `-._~` written `%XX`, as in a URL.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The text `percent_encode` wrote, or `None` when it is not valid UTF-8 once decoded.
pub fn percent_decode(text: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.as_bytes();
    while let Some((&byte, tail)) = rest.split_first() {
        if byte == b'%' {
            let hex = std::str::from_utf8(tail.get(..2)?).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            rest = &tail[2..];
        } else {
            bytes.push(byte);
            rest = tail;
        }
    }
    String::from_utf8(bytes).ok()
}

/// A QR code of `text` as an SVG drawing, black modules on white with the quiet zone the
/// standard asks for; `None` when the text is too long for a QR code.
pub fn qr_svg(text: &str, label: &str) -> Option<String> {
    use qrcodegen::{QrCode, QrCodeEcc};
    // Byte mode, which `encode_text` also picks for any text holding a lowercase letter, as
    // every link does; its numeric and alphanumeric encoders cost the tools bundle 1 KB.
    let code = QrCode::encode_binary(text.as_bytes(), QrCodeEcc::Medium).ok()?;
    let size = code.size();
    let quiet = 4;
    let mut path = String::new();
    for y in 0..size {
        for x in 0..size {
            if code.get_module(x, y) {
                path.push_str(&format!("M{},{}h1v1h-1z", x + quiet, y + quiet));
            }
        }
    }
    let full = size + 2 * quiet;
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {full} {full}\" role=\"img\" \
         aria-label=\"{}\" shape-rendering=\"crispEdges\"><rect width=\"{full}\" height=\"{full}\" \
         fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>",
        escape_xml(label)
    ))
}

fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
