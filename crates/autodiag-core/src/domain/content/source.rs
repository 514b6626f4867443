//! The shape of the editable files under `content/`, and how they assemble into the model.
//!
//! `build.rs` reads the TOML files, deserialises them into these types and calls
//! [`assemble`]; the app only ever sees the assembled, checked JSON.

use super::model::{
    Action, ActionMigration, ActionText, Commune, Framework, MAX_LEVEL_WORDS, Migration, Pillar,
    PillarText, QuestionInfo, QuestionText, RetiredAction, Scale, Texts, Volet, is_year,
    word_count,
};
use litemap::LiteMap;
use serde::Deserialize;
use std::collections::BTreeSet;

/// `content/framework.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameworkFile {
    pub id: String,
    pub version: String,
    pub references_from: String,
    pub pillars: Vec<String>,
}

/// `content/actions/<pillar>.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionsFile {
    /// Who answers each question of the pillar, and the legal minimums.
    #[serde(default)]
    pub questions: Vec<QuestionEntry>,
    pub actions: Vec<Action>,
}

/// One `[[questions]]` entry of `content/actions/<pillar>.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionEntry {
    pub id: String,
    /// Where the question belongs in the commune's PST.
    pub volet: Volet,
    pub respondent: String,
    #[serde(default)]
    pub legal_minimum: Option<u8>,
    /// A legal duty that binds only some communes: « Non applicable » stays offered.
    #[serde(default)]
    pub conditional_duty: bool,
}

/// `content/migrations.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MigrationsFile {
    #[serde(default)]
    pub migrations: Vec<Migration>,
    /// Actions of an earlier référentiel and the current action that took their place.
    #[serde(default)]
    pub actions: Vec<ActionMigration>,
    /// Actions of an earlier référentiel retired without a successor.
    #[serde(default)]
    pub retired_actions: Vec<RetiredAction>,
}

/// `content/communes.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommunesFile {
    #[serde(default)]
    pub communes: Vec<Commune>,
}

/// `content/<lang>/<pillar>.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PillarFile {
    pub name: String,
    pub summary: String,
    /// The pillar's objectif stratégique, as a commune would write it in its PST.
    pub pst_objective: String,
    pub questions: Vec<QuestionText>,
    #[serde(default)]
    pub actions: LiteMap<String, ActionText>,
}

/// Everything read from `content/`, before assembly.
pub struct Sources {
    pub framework: FrameworkFile,
    /// One actions file per pillar, in pillar order.
    pub actions: Vec<ActionsFile>,
    pub migrations: MigrationsFile,
    pub communes: CommunesFile,
    /// Per language: the scale and one file per pillar, in pillar order.
    pub languages: Vec<(String, Scale, Vec<PillarFile>)>,
}

pub use super::model::REFERENCE_LANGUAGE;

/// The longest objectif stratégique, in characters: a PST heading, not a paragraph.
pub const MAX_PST_OBJECTIVE_CHARS: usize = 140;

/// What the PST export reads, which only the tools bundle carries.
#[derive(Debug, Default)]
pub struct PstContent {
    /// The volet of each question.
    pub volets: LiteMap<String, Volet>,
    /// Per language, each pillar's objectif stratégique.
    pub objectives: Vec<(String, LiteMap<String, String>)>,
}

/// The assembled content.
pub struct Assembled {
    pub framework: Framework,
    pub texts: Vec<(String, Texts)>,
    pub pst: PstContent,
}

/// Writes « (meaning) » after the first use of each glossary acronym on each pillar's page
/// (help, legal basis, levels, in the order shown) and in each pillar's actions' first steps.
/// Titles stay short: the meaning follows right below them. A use already explained,
/// « ODWB (Open Data Wallonie-Bruxelles) » or « Open Data Wallonie-Bruxelles (ODWB) », counts
/// as the first. A first use that cannot take the meaning is refused, naming the text.
fn expand_acronyms(
    lang: &str,
    texts: &mut Texts,
    pillars: &[Vec<String>],
    actions: &[Action],
) -> Result<(), String> {
    let glossary = texts.scale.glossary.clone();
    let mut refused = Vec::new();
    for questions in pillars {
        let mut explained = BTreeSet::new();
        for id in questions {
            if let Some(question) = texts.questions.get_mut(id) {
                let fields = std::iter::once(&mut question.help)
                    .chain(std::iter::once(&mut question.legal_basis))
                    .chain(question.levels.iter_mut());
                for field in fields {
                    match explain(field, &glossary, &mut explained) {
                        Ok(text) => *field = text,
                        Err(e) => refused.push(format!("content/{lang}/, question {id}: {e}")),
                    }
                }
            }
        }
        let pillar = actions
            .iter()
            .find(|a| a.questions.iter().any(|q| questions.contains(q)))
            .map(|a| a.pillar.clone());
        let mut explained = BTreeSet::new();
        for action in actions
            .iter()
            .filter(|a| Some(&a.pillar) == pillar.as_ref())
        {
            if let Some(text) = texts.actions.get_mut(&action.id) {
                match explain(&text.first_step, &glossary, &mut explained) {
                    Ok(step) => text.first_step = step,
                    Err(e) => refused.push(format!("content/{lang}/, action {}: {e}", action.id)),
                }
            }
        }
    }
    if refused.is_empty() {
        Ok(())
    } else {
        Err(refused.join("\n"))
    }
}

/// `text` with the meaning written after each acronym not yet `explained`, which it updates:
/// « ACR (meaning) », or « ACR [meaning] » inside parentheses, as French typography nests
/// them. A first use followed
/// by a parenthesis of its own is refused: « PEB (…) [meaning] » cannot be written well.
#[allow(
    clippy::string_slice,
    reason = "run by the build on checked content, never in a bundle"
)]
fn explain(
    text: &str,
    glossary: &LiteMap<String, String>,
    explained: &mut BTreeSet<String>,
) -> Result<String, String> {
    let mut result = text.to_string();
    for (acronym, meaning) in glossary {
        if explained.contains(acronym) {
            continue;
        }
        let Some(at) = find_word(&result, acronym) else {
            continue;
        };
        explained.insert(acronym.clone());
        let end = name_end(&result, at + acronym.len());
        let meaning_lower = meaning.to_lowercase();
        let after = result[end..].to_lowercase();
        let before = result[..at].to_lowercase();
        // « ACR (meaning…) », « meaning (ACR) » or « (meaning, ACR) »: written by hand.
        if after.starts_with(&format!(" ({meaning_lower}"))
            || before.ends_with(&format!("{meaning_lower} ("))
            || before.ends_with(&format!("{meaning_lower}, "))
        {
            continue;
        }
        let inside_parentheses =
            result[..at].matches('(').count() > result[..at].matches(')').count();
        let written = if inside_parentheses {
            format!(" [{meaning}]")
        } else if after.starts_with(" (") {
            return Err(format!(
                "« {acronym} » is first used before a parenthesis, where its meaning cannot \
                 follow: write « {acronym} ({meaning}) » there, in « {text} »"
            ));
        } else {
            format!(" ({meaning})")
        };
        result.insert_str(end, &written);
    }
    Ok(result)
}

/// Where a name that starts with an acronym ends: after a year that belongs to it, so that
/// « FAST 2030 » takes its meaning after the year rather than inside the name.
#[allow(
    clippy::string_slice,
    reason = "run by the build on checked content, never in a bundle"
)]
fn name_end(text: &str, acronym_end: usize) -> usize {
    let rest = &text[acronym_end..];
    let Some(next) = rest.strip_prefix(' ') else {
        return acronym_end;
    };
    // « FAST 2030 vise », « PACE 2030, » or « PACE 2030. », but not « EPN 3 jours »,
    // « 12h » or « 2025–2030 ».
    let word = next
        .split(|c: char| c.is_whitespace() || ",.;:)".contains(c))
        .next()
        .unwrap_or_default();
    if is_year(word) {
        acronym_end + 1 + word.len()
    } else {
        acronym_end
    }
}

/// The byte offset of `word` in `text` as a whole word: no letter or digit touches it. `word`
/// is an acronym of the glossary, letters and digits; an empty one is found nowhere.
pub fn find_word(text: &str, word: &str) -> Option<usize> {
    let first = word.chars().next()?;
    // Each place where the word's first character stands, rather than `match_indices(word)`
    // and its substring searcher (see `format::find_str`).
    text.match_indices(first).map(|(at, _)| at).find(|&at| {
        let (Some(before), Some(from)) = (text.get(..at), text.get(at..)) else {
            return false;
        };
        from.strip_prefix(word).is_some_and(|after| {
            !before.chars().next_back().is_some_and(is_letter_or_digit)
                && !after.chars().next().is_some_and(is_letter_or_digit)
        })
    })
}

/// `char::is_alphanumeric` for the Latin script, up to U+024F: Unicode's tables for every
/// script cost the tools bundle 2 KB gzipped (measured). A test holds it to the standard
/// answer there and for every character of the content and interface.
pub fn is_letter_or_digit(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, 'ª' | '²' | '³' | 'µ' | '¹' | 'º' | '¼'..='¾')
        || (('À'..='ɏ').contains(&c) && c != '×' && c != '÷')
}

pub fn assemble(sources: Sources) -> Result<Assembled, String> {
    let reference_ids: Vec<Vec<String>> = sources
        .languages
        .iter()
        .find(|(lang, _, _)| lang == REFERENCE_LANGUAGE)
        .ok_or_else(|| format!("content/{REFERENCE_LANGUAGE}/ is missing"))?
        .2
        .iter()
        .map(|file| file.questions.iter().map(|q| q.id.clone()).collect())
        .collect();

    let pillars = sources
        .framework
        .pillars
        .iter()
        .zip(&reference_ids)
        .map(|(id, questions)| Pillar {
            id: id.clone(),
            questions: questions.clone(),
        })
        .collect();

    let mut actions = Vec::new();
    let mut questions = LiteMap::new_vec();
    let mut pst = PstContent::default();
    for (pillar, file) in sources.framework.pillars.iter().zip(sources.actions) {
        for entry in file.questions {
            pst.volets.insert(entry.id.clone(), entry.volet);
            let info = QuestionInfo {
                respondent: entry.respondent,
                legal_minimum: entry.legal_minimum,
                conditional_duty: entry.conditional_duty,
            };
            if questions.insert(entry.id.clone(), info).is_some() {
                return Err(format!(
                    "content/actions/{pillar}.toml: [[questions]] entry {} is there twice",
                    entry.id
                ));
            }
        }
        for mut action in file.actions {
            action.pillar = pillar.clone();
            actions.push(action);
        }
    }

    let mut languages = Vec::new();
    let mut all_refused = Vec::new();
    for (lang, scale, files) in sources.languages {
        let mut texts = Texts {
            scale,
            ..Texts::default()
        };
        let mut objectives = LiteMap::new_vec();
        for ((pillar, file), expected) in sources
            .framework
            .pillars
            .iter()
            .zip(files)
            .zip(&reference_ids)
        {
            let order: Vec<&String> = file.questions.iter().map(|q| &q.id).collect();
            if order.iter().copied().ne(expected.iter()) {
                return Err(format!(
                    "content/{lang}/{pillar}.toml: question ids {order:?} differ from \
                     content/{REFERENCE_LANGUAGE}/{pillar}.toml {expected:?}"
                ));
            }
            let objective = file.pst_objective.trim();
            if objective.is_empty() || objective.chars().count() > MAX_PST_OBJECTIVE_CHARS {
                return Err(format!(
                    "content/{lang}/{pillar}.toml: pst_objective must hold one short sentence \
                     (1 to {MAX_PST_OBJECTIVE_CHARS} characters)"
                ));
            }
            objectives.insert(pillar.clone(), objective.to_string());
            texts.pillars.insert(
                pillar.clone(),
                PillarText {
                    name: file.name,
                    summary: file.summary,
                },
            );
            if let Some(word) = super::model::banned_word(objective) {
                all_refused.push(format!(
                    "content/{lang}/{pillar}.toml: pst_objective says « {word} » (see content/README.md)"
                ));
            }
            for question in file.questions {
                // Counted as written, before the build adds any acronym's meaning, so a
                // parenthesis the writer put after an acronym counts too.
                for (index, level) in question.levels.iter().enumerate() {
                    let words = word_count(level);
                    if words > MAX_LEVEL_WORDS {
                        all_refused.push(format!(
                            "content/{lang}/{pillar}.toml, question {}: level {} has {words} words, \
                             {MAX_LEVEL_WORDS} at most (content/README.md)",
                            question.id,
                            index + 1
                        ));
                    }
                }
                texts.questions.insert(question.id.clone(), question);
            }
            texts.actions.extend(file.actions);
        }
        if let Err(refused) = expand_acronyms(&lang, &mut texts, &reference_ids, &actions) {
            all_refused.push(refused);
        }
        pst.objectives.push((lang.clone(), objectives));
        languages.push((lang, texts));
    }

    if !all_refused.is_empty() {
        return Err(all_refused.join("\n"));
    }
    Ok(Assembled {
        framework: Framework {
            id: sources.framework.id,
            version: sources.framework.version,
            references_from: sources.framework.references_from,
            pillars,
            questions,
            actions,
            migrations: sources.migrations.migrations,
            action_migrations: sources.migrations.actions,
            retired_actions: sources.migrations.retired_actions,
            communes: sources.communes.communes,
        },
        texts: languages,
        pst,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        // Few letters, so that words occur inside others (« PCS » in « PCSA »), with accents
        // for byte offsets that are not character counts.
        #[test]
        fn a_word_is_found_where_the_standard_search_finds_it_alone(
            text in "[APCSé (-]{0,30}",
            word in "[APCSé]{1,3}",
        ) {
            let alone = text.match_indices(word.as_str()).find(|&(at, _)| {
                let (before, found) = text.split_at(at);
                !before.chars().next_back().is_some_and(is_letter_or_digit)
                    && !found[word.len()..].chars().next().is_some_and(is_letter_or_digit)
            }).map(|(at, _)| at);
            proptest::prop_assert_eq!(find_word(&text, &word), alone);
        }
    }

    fn glossary() -> LiteMap<String, String> {
        [
            ("ADL", "agence de développement local"),
            ("CPAS", "centre public d'action sociale"),
            ("EPN", "espace public numérique"),
            ("ODWB", "Open Data Wallonie-Bruxelles"),
            (
                "FAST",
                "Fluidité, Accessibilité, Santé/Sécurité, Transfert modal",
            ),
            ("PGUI", "plan général d'urgence et d'intervention"),
        ]
        .into_iter()
        .map(|(a, m)| (a.to_string(), m.to_string()))
        .collect()
    }

    fn explained(text: &str) -> Result<String, String> {
        explain(text, &glossary(), &mut BTreeSet::new())
    }

    #[test]
    fn a_meaning_inside_parentheses_is_nested_in_brackets_never_doubled() {
        assert_eq!(
            explained("Un partenaire (EPN, Forem, CPAS) anime.").unwrap(),
            "Un partenaire (EPN [espace public numérique], Forem, CPAS [centre public \
             d'action sociale]) anime."
        );
        assert_eq!(
            explained("Le CPAS aide.").unwrap(),
            "Le CPAS (centre public d'action sociale) aide."
        );
    }

    #[test]
    fn a_meaning_follows_the_year_that_is_part_of_the_name() {
        for (text, written) in [
            (
                "La vision FAST 2030 vise 60 %.",
                "La vision FAST 2030 (Fluidité, Accessibilité, Santé/Sécurité, Transfert modal) \
                 vise 60 %.",
            ),
            // A number that is not a year ending the name leaves the meaning right after
            // the acronym.
            (
                "Les EPN 12h-18h.",
                "Les EPN (espace public numérique) 12h-18h.",
            ),
            (
                "Les EPN 3 jours par semaine.",
                "Les EPN (espace public numérique) 3 jours par semaine.",
            ),
            (
                "Le PGUI 2025–2030.",
                "Le PGUI (plan général d'urgence et d'intervention) 2025–2030.",
            ),
            ("Le CPAS.", "Le CPAS (centre public d'action sociale)."),
        ] {
            assert_eq!(explained(text).unwrap(), written);
        }
    }

    #[test]
    fn every_meaning_the_build_writes_is_taken_out_for_counting_words() {
        for text in [
            "La vision FAST 2030 vise 60 %.",
            "Un partenaire (EPN, Forem, CPAS) anime.",
            "Le CPAS aide, avec l'ADL.",
        ] {
            let written = explained(text).unwrap();
            assert_ne!(written, text);
            assert_eq!(
                super::super::model::without_acronym_meanings(&written),
                text
            );
        }
    }

    #[test]
    fn a_meaning_written_by_hand_is_kept_and_a_parenthesis_after_the_acronym_is_refused() {
        for text in [
            "Sur Open Data Wallonie-Bruxelles (ODWB).",
            "Sur ODWB (Open Data Wallonie-Bruxelles).",
            "Une aide (agence de développement local, ADL) existe.",
        ] {
            assert_eq!(explained(text).unwrap(), text);
        }
        let refused = explained("Relire le PGUI (contacts, risques).").unwrap_err();
        assert!(refused.contains("PGUI (plan général"), "{refused}");
    }
}
