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
    while let Some((before, opened)) = split_around(rest, "{{") {
        let Some((inside, after)) = split_around(opened, "}}") else {
            break;
        };
        out.push_str(before);
        let name = inside.trim();
        match values.iter().find(|(key, _)| *key == name) {
            Some((_, value)) => {
                let _ = write!(out, "{value}");
            }
            // Left visible rather than silently dropped; the build makes this unreachable.
            None => {
                out.push_str("{{");
                out.push_str(inside);
                out.push_str("}}");
            }
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The text before and after the first `needle`, as `str::split_once` gives it (see
/// [`find_str`]). Checked cuts (`get`, `split_at_checked`) rather than `text[a..b]`: the
/// panic message of a cut inside a character cost the questionnaire 4 KB gzipped (measured).
pub fn split_around<'a>(text: &'a str, needle: &str) -> Option<(&'a str, &'a str)> {
    let (before, found) = text.split_at_checked(find_str(text, needle)?)?;
    Some((before, found.get(needle.len()..)?))
}

/// Where `needle` first starts in `text`, as `str::find` says. The standard library's
/// substring search (Two-Way, with its tables) costs the questionnaire's wasm about 2.4 KB;
/// the texts searched here are short, so each place where the needle's first character
/// stands (a `memchr` search) is tried in turn.
pub fn find_str(text: &str, needle: &str) -> Option<usize> {
    let Some(first) = needle.chars().next() else {
        return Some(0);
    };
    text.match_indices(first)
        .map(|(at, _)| at)
        .find(|&at| text.get(at..).is_some_and(|rest| rest.starts_with(needle)))
}

/// `text` with every `from` replaced by `to`, as `str::replace` gives it (see [`find_str`]).
pub fn replace_str(text: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // An empty `from` stands before each character and at the end, as the standard says.
    if from.is_empty() {
        for c in text.chars() {
            out.push_str(to);
            out.push(c);
        }
        out.push_str(to);
        return out;
    }
    let mut rest = text;
    while let Some((before, after)) = split_around(rest, from) {
        out.push_str(before);
        out.push_str(to);
        rest = after;
    }
    out.push_str(rest);
    out
}

/// `text` cut to at most `max` characters, never inside a character.
pub fn truncate_chars(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => text.get(..cut).unwrap_or(text).to_string(),
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
        assert_eq!(fill("{{{ n }}}", &[("{ n", &1)]), "1}");
        assert_eq!(fill("{{}} et {{ x }}", &[("x", &2)]), "{{}} et 2");
    }

    #[test]
    fn truncating_never_cuts_a_character() {
        assert_eq!(truncate_chars("élève", 3), "élè");
        assert_eq!(truncate_chars("élève", 5), "élève");
        assert_eq!(truncate_chars("élève", 9), "élève");
        assert_eq!(truncate_chars("", 0), "");
    }

    use super::*;
    use proptest::prelude::*;

    proptest! {
        // Few letters, so that needles occur and almost occur (« aab » in « aaab »), with
        // accents for byte offsets that are not character counts.
        #[test]
        fn find_and_replace_answer_as_the_standard_library_does(
            text in "[abé{}]{0,40}",
            needle in "[abé{}]{0,4}",
            with in "[xé]{0,3}",
        ) {
            prop_assert_eq!(find_str(&text, &needle), text.find(needle.as_str()));
            prop_assert_eq!(replace_str(&text, &needle, &with), text.replace(needle.as_str(), &with));
        }
    }

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
