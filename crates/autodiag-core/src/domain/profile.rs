//! The commune profile, the first step of an assessment, and how its fields are checked.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum PopulationBand {
    #[serde(rename = "under_5000")]
    Under5000,
    #[serde(rename = "5000_to_10000")]
    From5000To10000,
    #[serde(rename = "10000_to_20000")]
    From10000To20000,
    #[serde(rename = "20000_to_50000")]
    From20000To50000,
    #[serde(rename = "over_50000")]
    Over50000,
}

impl PopulationBand {
    pub const ALL: [PopulationBand; 5] = [
        PopulationBand::Under5000,
        PopulationBand::From5000To10000,
        PopulationBand::From10000To20000,
        PopulationBand::From20000To50000,
        PopulationBand::Over50000,
    ];
    /// Each band's name in files, in the order of [`PopulationBand::ALL`].
    pub const CODES: [&'static str; 5] = [
        "under_5000",
        "5000_to_10000",
        "10000_to_20000",
        "20000_to_50000",
        "over_50000",
    ];

    /// The band's place in [`PopulationBand::ALL`], for lists written in that order.
    pub fn index(self) -> usize {
        Self::ALL.iter().position(|band| *band == self).unwrap_or(0)
    }

    /// The band's name in files, as serde writes it.
    pub fn code(self) -> &'static str {
        Self::CODES[self.index()]
    }
}

/// Yearly budget for digital projects, staff excluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum BudgetBand {
    #[serde(rename = "under_10000")]
    Under10000,
    #[serde(rename = "10000_to_50000")]
    From10000To50000,
    #[serde(rename = "50000_to_200000")]
    From50000To200000,
    #[serde(rename = "over_200000")]
    Over200000,
}

impl BudgetBand {
    pub const ALL: [BudgetBand; 4] = [
        BudgetBand::Under10000,
        BudgetBand::From10000To50000,
        BudgetBand::From50000To200000,
        BudgetBand::Over200000,
    ];

    /// Small budgets favour quick wins and pooled actions in the roadmap.
    pub fn is_small(self) -> bool {
        self == BudgetBand::Under10000
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum StrategyStatus {
    None,
    InProgress,
    Adopted,
}

impl StrategyStatus {
    pub const ALL: [StrategyStatus; 3] = [
        StrategyStatus::None,
        StrategyStatus::InProgress,
        StrategyStatus::Adopted,
    ];
}

/// Who answers, for which commune, and with what means. Only the name is required.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Profile {
    pub commune: String,
    /// The commune's five-digit NIS/INS code.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub nis_code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<PopulationBand>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub respondent_name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub respondent_role: String,
    /// The assessment's date, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: String,
    /// Full-time equivalents working on digital matters, to two decimals; 0 is a valid answer.
    // A summary's finer number is rounded on import, as the form and storage keep it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digital_staff_fte: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digital_budget: Option<BudgetBand>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digital_strategy: Option<StrategyStatus>,
    /// Current intercommunal partnerships, in the commune's words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub partnerships: String,
    /// How many respondents a consolidated assessment brings together; 0 (and absent from the
    /// JSON) when one person answered. Kept in the profile so the summary file says it too.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub consolidated_respondents: u32,
    /// Who a consolidated assessment brings together, each as « name (role) », in the order
    /// they were loaded; respondents who gave neither are counted but not listed. Empty (and
    /// absent from the JSON) when one person answered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<String>,
    /// The date (`YYYY-MM-DD`) of the commune's earlier diagnostic this one was redone from,
    /// whose answers its questions recall until today's are chosen; empty for a first one.
    /// (format 5)
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub redone_from: String,
}

/// Whose answers an assessment holds, as a workshop announces it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Authorship {
    /// Several respondents' answers merged into one assessment.
    Consolidation { respondents: u32 },
    /// One named person: "name (role)", the name or the role.
    Respondent(String),
    /// Nobody named: the commune as a whole.
    Commune,
}

/// Length limits of the profile's text fields, in characters.
pub const MAX_NAME_CHARS: usize = 80;
pub const MAX_PARTNERSHIPS_CHARS: usize = 500;
pub const MAX_FTE: f64 = 100.0;

/// A profile field that can be wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProfileField {
    Commune,
    NisCode,
    RespondentName,
    RespondentRole,
    Date,
    DigitalStaff,
    Partnerships,
}

/// What is wrong with a field; the UI words it in the user's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileError {
    Required,
    TooLong {
        max: usize,
    },
    NisNotFiveDigits,
    DateInvalid,
    /// After today: a typo that would make the file the newest of its commune for good.
    DateInFuture,
    NotANumber,
    OutOfRange {
        max: u32,
    },
}

impl Profile {
    /// Every problem in the profile, field by field, on `today` (`YYYY-MM-DD`).
    pub fn problems(&self, today: &str) -> Vec<(ProfileField, ProfileError)> {
        let mut problems = Vec::new();
        if self.commune.trim().is_empty() {
            problems.push((ProfileField::Commune, ProfileError::Required));
        }
        for (field, text, max) in [
            (ProfileField::Commune, &self.commune, MAX_NAME_CHARS),
            (
                ProfileField::RespondentName,
                &self.respondent_name,
                MAX_NAME_CHARS,
            ),
            (
                ProfileField::RespondentRole,
                &self.respondent_role,
                MAX_NAME_CHARS,
            ),
            (
                ProfileField::Partnerships,
                &self.partnerships,
                MAX_PARTNERSHIPS_CHARS,
            ),
        ] {
            if text.chars().count() > max {
                problems.push((field, ProfileError::TooLong { max }));
            }
        }
        if let Err(error) = check_nis_code(&self.nis_code) {
            problems.push((ProfileField::NisCode, error));
        }
        if !self.date.is_empty() && !is_iso_date(&self.date) {
            problems.push((ProfileField::Date, ProfileError::DateInvalid));
        } else if self.date.as_str() > today {
            // `is_after`, with the date already read: calling it here cost the first load
            // 0.3 KB. ISO dates compare as text.
            problems.push((ProfileField::Date, ProfileError::DateInFuture));
        }
        if let Some(fte) = self.digital_staff_fte
            && !(0.0..=MAX_FTE).contains(&fte)
        {
            problems.push((
                ProfileField::DigitalStaff,
                ProfileError::OutOfRange {
                    max: MAX_FTE as u32,
                },
            ));
        }
        problems
    }

    /// Who answered: "name (role)", the name alone or the role alone; none when both are blank.
    /// A role typed with its own brackets, « Agente administrative (informatique) », follows a
    /// comma instead: brackets inside brackets read badly on a projected slide.
    pub fn respondent_label(&self) -> Option<String> {
        match (self.respondent_name.trim(), self.respondent_role.trim()) {
            ("", "") => None,
            (name, "") => Some(name.to_string()),
            ("", role) => Some(role.to_string()),
            (name, role) if role.contains(['(', ')']) => Some(format!("{name}, {role}")),
            (name, role) => Some(format!("{name} ({role})")),
        }
    }

    /// A group's synthesis (a consolidation of several respondents), not one person's answers.
    pub fn is_synthesis(&self) -> bool {
        self.consolidated_respondents > 1
    }

    /// The name an assessment goes by: the commune, and for a consolidation its group's label,
    /// so « Courcelles — synthèse de 3 répondants » is never taken for one person's answers.
    pub fn display_name(&self) -> String {
        let group = self.respondent_name.trim();
        if self.is_synthesis() && !group.is_empty() {
            format!("{} — {group}", self.commune)
        } else {
            self.commune.clone()
        }
    }

    /// How many of a consolidation's respondents it counts without naming them: those who
    /// gave neither name nor role. 0 when it names nobody: one made before participants were
    /// kept lists no one, and its people are not nameless.
    pub fn unnamed_participants(&self) -> u32 {
        if self.participants.is_empty() {
            return 0;
        }
        let named = u32::try_from(self.participants.len()).unwrap_or(u32::MAX);
        self.consolidated_respondents.saturating_sub(named)
    }

    /// A consolidation first (its respondent name is the group's label), then a named
    /// respondent, else the commune.
    pub fn authorship(&self) -> Authorship {
        match (self.consolidated_respondents, self.respondent_label()) {
            (respondents, _) if respondents > 1 => Authorship::Consolidation { respondents },
            (_, Some(label)) => Authorship::Respondent(label),
            _ => Authorship::Commune,
        }
    }

    /// No one works on digital matters as a dedicated job (0 FTE, or under half a post).
    pub fn has_no_dedicated_staff(&self) -> bool {
        self.digital_staff_fte.is_some_and(|fte| fte < 0.5)
    }
}

fn is_zero(count: &u32) -> bool {
    *count == 0
}

/// A NIS code: five digits.
pub fn is_nis_code(code: &str) -> bool {
    code.len() == 5 && code.bytes().all(|b| b.is_ascii_digit())
}

/// An empty code is fine: the field is optional.
pub fn check_nis_code(code: &str) -> Result<(), ProfileError> {
    if code.is_empty() || is_nis_code(code) {
        Ok(())
    } else {
        Err(ProfileError::NisNotFiveDigits)
    }
}

/// Reads a number of full-time equivalents as typed, accepting a decimal comma ("0,5") and
/// at most two decimals. Parsed by hand: the standard float parser would add its tables to
/// the wasm for one form field.
pub fn parse_fte(input: &str) -> Result<Option<f64>, ProfileError> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(None);
    }
    let digits = |text: &str| !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    let (whole, fraction, fraction_ok) = match input.split_once([',', '.']) {
        Some((whole, fraction)) => (whole, fraction, digits(fraction) && fraction.len() <= 2),
        None => (input, "", true),
    };
    let whole_ok = digits(whole) || (whole.is_empty() && !fraction.is_empty());
    if !whole_ok || !fraction_ok || whole.len() > 4 {
        return Err(ProfileError::NotANumber);
    }
    let whole: u32 = whole.parse().unwrap_or(0);
    let hundredths: u32 = format!("{fraction:0<2}").parse().unwrap_or(0);
    let value = f64::from(whole * 100 + hundredths) / 100.0;
    if value > MAX_FTE {
        return Err(ProfileError::OutOfRange {
            max: MAX_FTE as u32,
        });
    }
    Ok(Some(value))
}

/// A day as written in Belgium, `14/11/2026` (or with `-` or `.`), as `2026-11-14`; None
/// unless it names a real calendar day.
pub fn read_date(text: &str) -> Option<String> {
    let mut parts = text.trim().split(['/', '-', '.']);
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || day.len() > 2 || month.len() > 2 {
        return None;
    }
    let iso = format!("{year}-{month:0>2}-{day:0>2}");
    is_iso_date(&iso).then_some(iso)
}

/// `YYYY-MM-DD` naming a real calendar day.
pub fn is_iso_date(text: &str) -> bool {
    iso_date_parts(text).is_some()
}

/// The year, month and day of a `YYYY-MM-DD` text naming a real calendar day.
pub fn iso_date_parts(text: &str) -> Option<(u32, u32, u32)> {
    let bytes = text.as_bytes();
    // Digits at every other place: `parse` alone would take « +1 » for a month.
    let digits_where_due = bytes.iter().enumerate().all(|(at, &b)| {
        if at == 4 || at == 7 {
            b == b'-'
        } else {
            b.is_ascii_digit()
        }
    });
    if bytes.len() != 10 || !digits_where_due {
        return None;
    }
    let number = |range: std::ops::Range<usize>| text.get(range)?.parse::<u32>().ok();
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days_in_month)
        .contains(&day)
        .then_some((year, month, day))
}

/// Whether `date` is a real day after `today` (`YYYY-MM-DD`): ISO dates compare as text.
pub fn is_after(date: &str, today: &str) -> bool {
    is_iso_date(date) && date > today
}

/// Whether `date` lies more than `months` months before `today`, both `YYYY-MM-DD`. A date
/// that cannot be read is never called old.
pub fn older_than_months(date: &str, today: &str, months: u32) -> bool {
    let parse =
        |text: &str| iso_date_parts(text).map(|(year, month, day)| (year * 12 + month - 1, day));
    match (parse(date), parse(today)) {
        (Some((month, day)), Some(today)) => (month + months, day) < today,
        _ => false,
    }
}

/// A lowercase ASCII slug of a commune's name, for file names: "Fontaine-l'Évêque" gives
/// "fontaine-l-eveque".
pub fn slug(name: &str) -> String {
    slug_of(name).unwrap_or_else(|| "commune".to_string())
}

/// `name` as lowercase ASCII words joined by hyphens, or `None` when it has no letter or digit.
pub fn slug_of(name: &str) -> Option<String> {
    let mut slug = String::new();
    for (first, second) in name.chars().map(fold_accent) {
        for c in std::iter::once(first).chain(second) {
            if c.is_ascii_alphanumeric() {
                slug.push(c.to_ascii_lowercase());
            } else if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
        }
    }
    let slug = slug.trim_end_matches('-');
    (!slug.is_empty()).then(|| slug.chars().take(60).collect())
}

/// `c` without its accent, as one letter or two (« œ » is « oe »): no allocation per
/// character.
fn fold_accent(c: char) -> (char, Option<char>) {
    let folded = match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' | 'À' | 'Á' | 'Â' | 'Ä' | 'Ã' => 'a',
        'ç' | 'Ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'Ò' | 'Ó' | 'Ô' | 'Ö' | 'Õ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ÿ' | 'ý' | 'Ý' => 'y',
        'œ' | 'Œ' => return ('o', Some('e')),
        'æ' | 'Æ' => return ('a', Some('e')),
        other => other,
    };
    (folded, None)
}

/// What tells a commune by its name (see [`super::assessment::Assessment::commune_key`]): case, accents, hyphens,
/// a leading « Ville de », « Commune de » or « Administration communale de », and the
/// article aside.
pub fn name_key(name: &str) -> String {
    let commune = commune_slug(name);
    // « Bons Villers » is Les Bons Villers, « Roeulx » Le Roeulx: the article is often left
    // out, and no two communes differ by it alone.
    let commune = ["les-", "le-", "la-", "l-"]
        .iter()
        .find_map(|article| commune.strip_prefix(article))
        .unwrap_or(&commune);
    format!("name:{commune}")
}

/// A commune's name as a slug, its article kept but « Ville de » and the like dropped: where
/// a list sorts it (« Les Bons Villers » at L, « Ville de Châtelet » at C).
pub fn commune_slug(name: &str) -> String {
    let slug = slug(name);
    let rest = ["administration-communale-", "commune-", "ville-"]
        .iter()
        .find_map(|body| slug.strip_prefix(body));
    let Some(rest) = rest else {
        return slug;
    };
    // « de Les Bons Villers » is written « des Bons Villers ».
    if let Some(commune) = rest.strip_prefix("des-") {
        return format!("les-{commune}");
    }
    if let Some(commune) = rest.strip_prefix("du-") {
        return format!("le-{commune}");
    }
    match rest.strip_prefix("de-").or(rest.strip_prefix("d-")) {
        Some(commune) => commune.to_string(),
        None => slug,
    }
}

/// A `YYYY-MM-DD` date as `lang` writes it (dd/mm/yyyy); any other text as it is.
pub fn display_date(date: &str, lang: &str) -> String {
    match iso_date_parts(date) {
        // Four digits: the year fits.
        Some((year, month, day)) => super::format::date(year as i32, month, day, None, lang),
        None => date.to_string(),
    }
}
