//! Numbers and dates as a Belgian French or a British English reader writes them.
//!
//! Written out rather than through `Intl`: a few lines here cost less in the wasm than the
//! bindings, and the rules are tested.

/// Whether a count takes the singular in `lang`, by CLDR's rule: 0 and 1 in French, only 1
/// in English. Locale files give both forms (`…_one`, `…_other`), so no « question(s) ».
pub fn takes_singular(lang: &str, count: usize) -> bool {
    match lang {
        "fr" => count <= 1,
        _ => count == 1,
    }
}

/// A number with at most `max_fraction_digits` decimals, trailing zeros dropped:
/// `0,5` and `12 500` in French, `0.5` and `12,500` in English.
pub fn number(value: f64, lang: &str, max_fraction_digits: u32) -> String {
    let (decimal, thousands) = match lang {
        "en" => ('.', ","),
        // A narrow no-break space, as Belgian French typography wants.
        _ => (',', "\u{202f}"),
    };
    let scale = 10u64.pow(max_fraction_digits);
    let scaled = (value.abs() * scale as f64).round() as u64;
    let (whole, fraction) = (scaled / scale, scaled % scale);
    let digits = whole.to_string();
    let mut out = String::new();
    if value < 0.0 && scaled > 0 {
        out.push('-');
    }
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            out.push_str(thousands);
        }
        out.push(digit);
    }
    if fraction > 0 {
        let padded = format!("{fraction:0width$}", width = max_fraction_digits as usize);
        out.push(decimal);
        out.push_str(padded.trim_end_matches('0'));
    }
    out
}

/// A calendar date, with the time when given: `28/11/2026 à 14:05` or `28/11/2026, 14:05`.
pub fn date(year: i32, month: u32, day: u32, time: Option<(u32, u32)>, lang: &str) -> String {
    let date = format!("{day:02}/{month:02}/{year:04}");
    match (time, lang) {
        (None, _) => date,
        (Some((hour, minute)), "en") => format!("{date}, {hour:02}:{minute:02}"),
        (Some((hour, minute)), _) => format!("{date} à {hour:02}:{minute:02}"),
    }
}

/// An interface text with its `{{ name }}` placeholders replaced by `values`. The build checks
/// that every call names exactly the placeholders of its text, in every language.
pub fn fill(template: &str, values: &[(&str, &dyn core::fmt::Display)]) -> String {
    use core::fmt::Write;
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        let Some(length) = rest[start..].find("}}") else {
            break;
        };
        out.push_str(&rest[..start]);
        let name = rest[start + 2..start + length].trim();
        match values.iter().find(|(key, _)| *key == name) {
            Some((_, value)) => {
                let _ = write!(out, "{value}");
            }
            // Left visible rather than silently dropped; the build makes this unreachable.
            None => out.push_str(&rest[start..start + length + 2]),
        }
        rest = &rest[start + length + 2..];
    }
    out.push_str(rest);
    out
}

/// `text` cut to at most `max` characters, never inside a character.
pub fn truncate_chars(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => text[..cut].to_string(),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fill_replaces_each_placeholder_by_name() {
        let filled = fill(
            "{{ met }} sur {{total}} obligations ({{ met }})",
            &[("total", &6), ("met", &"4")],
        );
        assert_eq!(filled, "4 sur 6 obligations (4)");
    }

    #[test]
    fn fill_keeps_texts_without_placeholders_and_unknown_ones() {
        assert_eq!(fill("Aucune variable", &[("x", &1)]), "Aucune variable");
        assert_eq!(fill("Bonjour {{ name }}", &[]), "Bonjour {{ name }}");
        assert_eq!(fill("Ouvert {{ name", &[("name", &1)]), "Ouvert {{ name");
        assert_eq!(fill("é {{ n }} è", &[("n", &"à")]), "é à è");
    }

    use super::*;

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(number(0.5, "fr", 2), "0,5");
        assert_eq!(number(0.5, "en", 2), "0.5");
        assert_eq!(number(1.25, "fr", 2), "1,25");
        assert_eq!(number(2.0, "fr", 2), "2");
        assert_eq!(number(12_500.0, "fr", 0), "12\u{202f}500");
        assert_eq!(number(12_500.0, "en", 0), "12,500");
        assert_eq!(number(1_234_567.891, "en", 2), "1,234,567.89");
        assert_eq!(number(-3.5, "fr", 1), "-3,5");
        assert_eq!(number(0.0, "fr", 2), "0");
    }

    #[test]
    fn dates_follow_the_language() {
        assert_eq!(date(2026, 11, 28, None, "fr"), "28/11/2026");
        assert_eq!(date(2026, 3, 5, Some((9, 7)), "fr"), "05/03/2026 à 09:07");
        assert_eq!(date(2026, 3, 5, Some((14, 30)), "en"), "05/03/2026, 14:30");
    }
}
