//! The référentiel shipped in the app is complete, consistent and short enough to answer.

use autodiag_core::domain::content::{self, model};

fn all_texts() -> Vec<(&'static str, content::Texts)> {
    content::languages()
        .map(|l| (l, content::full_texts(l)))
        .collect()
}

#[test]
fn shipped_content_has_no_problems() {
    let texts = all_texts();
    let borrowed: Vec<(&str, &content::Texts)> = texts.iter().map(|(l, t)| (*l, t)).collect();
    let problems = model::validate(content::framework(), &borrowed);
    assert!(
        problems.is_empty(),
        "content problems:\n{}",
        problems.join("\n")
    );
}

#[test]
fn french_and_english_are_both_embedded() {
    let languages: Vec<&str> = content::languages().collect();
    assert!(
        languages.contains(&"fr") && languages.contains(&"en"),
        "{languages:?}"
    );
}

#[test]
fn there_are_exactly_the_six_programme_pillars() {
    let ids: Vec<&str> = content::framework()
        .pillars
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "mobilite",
            "qualite_de_vie",
            "economie",
            "energie_environnement",
            "gouvernance",
            "smart_citizens"
        ]
    );
    let names: Vec<&str> = ids
        .iter()
        .map(|id| content::texts("fr").pillars.get(*id).unwrap().name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "Mobilité",
            "Qualité de vie",
            "Économie",
            "Énergie & environnement",
            "Gouvernance",
            "Smart Citizens"
        ]
    );
}

#[test]
fn every_pillar_has_six_to_eight_questions_with_five_levels_in_every_language() {
    let framework = content::framework();
    let total = framework.question_count();
    assert!((36..=48).contains(&total), "{total} questions");
    for (lang, texts) in all_texts() {
        let texts = &texts;
        for pillar in &framework.pillars {
            assert!((6..=8).contains(&pillar.questions.len()), "{}", pillar.id);
            for question in &pillar.questions {
                let text = &texts.questions[question];
                assert_eq!(text.levels.len(), 5, "{lang} {question}");
                assert!(
                    text.levels.iter().all(|l| !l.trim().is_empty()),
                    "{lang} {question}"
                );
                assert!(!text.title.trim().is_empty() && !text.help.trim().is_empty());
            }
        }
    }
}

#[test]
fn no_level_asks_for_the_sncb_of_a_commune_without_a_station() {
    // Most communes of the territory have no railway station: a level that names the SNCB
    // says « s'il y a une gare », or a commune without one could never reach it.
    let framework = content::framework();
    for (lang, texts) in all_texts() {
        let station = if lang == "fr" { "gare" } else { "station" };
        for question in framework.question_ids() {
            for (index, level) in texts.questions[question].levels.iter().enumerate() {
                assert!(
                    !level.contains("SNCB") || level.contains(station),
                    "{lang} {question} level {}: {level}",
                    index + 1
                );
            }
        }
    }
}

#[test]
fn ids_are_unique_across_the_framework() {
    let framework = content::framework();
    let mut questions: Vec<&String> = framework.question_ids().collect();
    let count = questions.len();
    autodiag_core::sort::sort(&mut questions);
    questions.dedup();
    assert_eq!(questions.len(), count);
    let mut actions: Vec<&String> = framework.actions.iter().map(|a| &a.id).collect();
    let count = actions.len();
    autodiag_core::sort::sort(&mut actions);
    actions.dedup();
    assert_eq!(actions.len(), count);
    // A PST wording is kept under a pillar's id or a question's: they must never meet.
    for pillar in &framework.pillars {
        assert!(
            !questions.contains(&&pillar.id),
            "{} is a pillar and a question",
            pillar.id
        );
    }
}

#[test]
fn the_french_questionnaire_reads_in_under_forty_five_minutes() {
    let words = content::texts("fr").respondent_words();
    assert!(words <= model::MAX_RESPONDENT_WORDS, "{words} words");
    // One or two sentences per level.
    for (id, question) in &content::texts("fr").questions {
        for level in &question.levels {
            let sentences = level.matches(". ").count() + 1;
            assert!(sentences <= 2, "{id}: {level}");
        }
    }
}

#[test]
fn every_question_at_every_level_below_five_has_an_action() {
    let framework = content::framework();
    for question in framework.question_ids() {
        for level in 1..5 {
            assert!(
                framework
                    .actions
                    .iter()
                    .any(|a| a.questions.contains(question) && a.fits_level(level)),
                "{question} at level {level}"
            );
        }
    }
}

#[test]
fn every_prerequisite_resolves_and_there_is_no_cycle() {
    let framework = content::framework();
    for action in &framework.actions {
        for prerequisite in &action.prerequisites {
            assert!(
                framework.action(prerequisite).is_some(),
                "{} needs {prerequisite}",
                action.id
            );
        }
    }
    assert_eq!(model::find_prerequisite_cycle(framework), None);
}

#[test]
fn the_staff_foundations_exist_in_gouvernance() {
    for id in autodiag_core::domain::roadmap::STAFF_FOUNDATIONS {
        let action = content::framework()
            .action(id)
            .unwrap_or_else(|| panic!("{id}"));
        assert_eq!(action.pillar, "gouvernance");
    }
}

// The checks themselves must catch broken content, or the tests above prove nothing.

fn broken_copy() -> (model::Framework, model::Texts) {
    (content::framework().clone(), content::full_texts("fr"))
}

#[test]
fn validation_reports_a_missing_level_text() {
    let (framework, mut texts) = broken_copy();
    let question = framework.pillars[0].questions[0].clone();
    texts.questions.get_mut(&question).unwrap().levels.pop();
    let problems = model::validate(&framework, &[("fr", &texts)]);
    assert!(
        problems
            .iter()
            .any(|p| p.contains(&question) && p.contains("5 non-empty levels")),
        "{problems:?}"
    );
}

#[test]
fn no_published_id_disappears_without_a_migration_and_every_new_one_is_recorded() {
    // A roadmap or a file saved earlier names these ids: renamed without a migration, an
    // answer or an action would be lost silently.
    let registry = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../content/published-ids.txt"
    ))
    .expect("content/published-ids.txt lists every published id");
    let framework = content::framework();
    let published: Vec<(&str, &str)> = registry
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .filter_map(|line| line.trim().split_once(' '))
        .collect();
    let mut problems = Vec::new();
    for (kind, id) in &published {
        let kept = match *kind {
            "question" => {
                framework.has_question(id) || framework.migrations.iter().any(|m| m.from == *id)
            }
            "action" => {
                framework.action(id).is_some()
                    || framework.action_migrations.iter().any(|m| m.from == *id)
                    || framework.retired_actions.iter().any(|r| r.id == *id)
            }
            _ => {
                problems.push(format!(
                    "content/published-ids.txt : « {kind} {id} » doit commencer par « question » ou « action »"
                ));
                continue;
            }
        };
        if !kept {
            problems.push(format!(
                "{kind} {id} a disparu du contenu : rétablissez cet identifiant, ou ajoutez une \
                 entrée dans content/migrations.toml (migration de question, action_migrations ou \
                 retired_actions : voir content/README.md)"
            ));
        }
    }
    let recorded = |kind: &str, id: &str| published.iter().any(|(k, i)| *k == kind && *i == id);
    for id in framework.question_ids() {
        if !recorded("question", id) {
            problems.push(format!(
                "nouvelle question {id} : ajoutez la ligne « question {id} » à content/published-ids.txt"
            ));
        }
    }
    for action in &framework.actions {
        if !recorded("action", &action.id) {
            problems.push(format!(
                "nouvelle action {} : ajoutez la ligne « action {} » à content/published-ids.txt",
                action.id, action.id
            ));
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn validation_reports_courriel_and_inspire_in_any_form_and_in_a_title() {
    let (framework, mut texts) = broken_copy();
    let question = framework.pillars[0].questions[0].clone();
    texts
        .questions
        .get_mut(&question)
        .unwrap()
        .title
        .push_str(" et courriels");
    let action = framework.actions[0].id.clone();
    let step = &mut texts.actions.get_mut(&action).unwrap().first_step;
    step.push_str(" Cela inspirera les voisines.");
    let problems = model::validate(&framework, &[("fr", &texts)]);
    assert!(
        problems
            .iter()
            .any(|p| p.contains(&question) && p.contains("« courriel »")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains(&action) && p.contains("« inspire »")),
        "{problems:?}"
    );
}

#[test]
fn validation_reports_an_english_text_left_in_french() {
    let framework = content::framework().clone();
    let french = content::full_texts("fr");
    let mut english = content::full_texts("en");
    let question = framework.pillars[0].questions[0].clone();
    english.questions.get_mut(&question).unwrap().levels[2] =
        french.questions[&question].levels[2].clone();
    let problems = model::validate(&framework, &[("fr", &french), ("en", &english)]);
    assert!(
        problems.iter().any(|p| p.contains("content/en/")
            && p.contains(&question)
            && p.contains("still the French one")),
        "{problems:?}"
    );
}

#[test]
fn validation_reports_a_missing_translation_of_an_action() {
    let (framework, mut texts) = broken_copy();
    let action = framework.actions[0].id.clone();
    texts.actions.remove(&action);
    let problems = model::validate(&framework, &[("fr", &texts)]);
    assert!(problems.iter().any(|p| p.contains(&action)), "{problems:?}");
}

#[test]
fn validation_reports_an_uncovered_level_and_a_cycle() {
    let (mut framework, texts) = broken_copy();
    let question = framework.pillars[1].questions[2].clone();
    framework
        .actions
        .retain(|a| !a.questions.contains(&question));
    let problems = model::validate(&framework, &[("fr", &texts)]);
    assert!(
        problems
            .iter()
            .any(|p| p.contains(&format!("no action for question {question} at level 1"))),
        "{problems:?}"
    );

    let (mut framework, _) = broken_copy();
    let first = framework.actions[0].id.clone();
    let second = framework.actions[1].id.clone();
    framework.actions[0].prerequisites = vec![second.clone()];
    framework.actions[1].prerequisites = vec![first.clone()];
    assert!(model::find_prerequisite_cycle(&framework).is_some());
}

#[test]
fn validation_reports_a_pillar_with_too_few_questions() {
    let (mut framework, texts) = broken_copy();
    framework.pillars[0].questions.truncate(5);
    let problems = model::validate(&framework, &[("fr", &texts)]);
    assert!(
        problems
            .iter()
            .any(|p| p.contains("5 questions, expected 6 to 8")),
        "{problems:?}"
    );
}

/// « Non applicable » is no answer to a duty that binds every commune; it stays one to a
/// question of maturity and to a duty that binds only some communes.
#[test]
fn not_applicable_is_offered_except_on_a_duty_that_binds_every_commune() {
    let framework = content::framework();
    assert!(!framework.offers_not_applicable("gou_donnees_personnelles"));
    assert!(!framework.offers_not_applicable("sc_accessibilite_numerique"));
    assert!(framework.offers_not_applicable("ene_certificat_peb"));
    assert!(framework.offers_not_applicable("gou_pilotage"));

    let (mut framework, texts) = broken_copy();
    framework
        .questions
        .get_mut("gou_pilotage")
        .unwrap()
        .conditional_duty = true;
    let problems = model::validate(&framework, &[("fr", &texts)]);
    assert!(
        problems.iter().any(|p| p.contains("gou_pilotage")
            && p.contains("conditional_duty goes with a legal_minimum")),
        "{problems:?}"
    );
}

/// Words that start with a capital in the middle of a sentence, and acronyms anywhere: the
/// programmes, laws, bodies and products the French content names.
fn named_terms(text: &str) -> Vec<String> {
    let mut terms = Vec::new();
    let mut sentence_start = true;
    // « commune–CPAS », « iA.Delib/iA.Docs »: each side is a word of its own.
    for raw in text.split(|c: char| c.is_whitespace() || c == '–' || c == '/') {
        if raw.is_empty() {
            continue;
        }
        let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
        // « l'AIESH », « d'ORES »: the elided article is not part of the name.
        let word = word
            .split_once(['\'', '’'])
            .filter(|(head, _)| head.chars().count() <= 3)
            .map_or(word, |(_, tail)| tail);
        let capitals = word.chars().filter(|c| c.is_uppercase()).count();
        let starts_capital = word.chars().next().is_some_and(char::is_uppercase);
        let digits_only = word.chars().all(|c| !c.is_alphabetic());
        if !digits_only && (capitals >= 2 || (starts_capital && !sentence_start)) {
            terms.push(word.to_string());
        }
        sentence_start = raw.ends_with(['.', ':', '!', '?', '«', '('])
            || raw.starts_with(['«', '('])
            || raw == "«";
    }
    terms
}

/// The words a non-programmer can name without a source: ordinary nouns that French writes with
/// a capital, and the app's own names.
const NOT_A_NAMED_INSTRUMENT: [&str; 9] = [
    "Autodiag", "CSV", "PDF", "GPX", "LED", "PME", "PMR", "Wi-Fi", "Région",
];

#[test]
fn every_programme_law_or_body_the_french_content_names_has_a_public_source() {
    let sources = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../content/SOURCES.md"
    ))
    .expect("content/SOURCES.md lists the sources of every named instrument");
    // The first cell of every table row names what the row sources.
    let named: Vec<&str> = sources
        .lines()
        .filter_map(|line| line.strip_prefix('|')?.split('|').next())
        .map(str::trim)
        .collect();
    // Every source row has a public address and a date of checking.
    for line in sources
        .lines()
        .filter(|l| l.starts_with('|') && !l.starts_with("|--") && !l.starts_with("| terme"))
    {
        assert!(
            line.contains("http"),
            "SOURCES.md row without a public address: {line}"
        );
        assert!(
            line.split('|').any(|cell| {
                let cell = cell.trim();
                cell.len() == 10 && cell.as_bytes()[4] == b'-' && cell.as_bytes()[7] == b'-'
            }),
            "SOURCES.md row without the date it was checked (YYYY-MM-DD): {line}"
        );
    }
    let fr = content::full_texts("fr");
    // Each text with where an editor finds it, so the message names the file and the id.
    let framework = content::framework();
    let file_of = |pillar: &str| format!("content/fr/{pillar}.toml");
    let mut texts: Vec<(String, String)> =
        vec![("content/fr/scale.toml".into(), fr.scale.rule.clone())];
    texts.extend(
        fr.scale
            .bands
            .iter()
            .map(|b| ("content/fr/scale.toml".into(), b.clone())),
    );
    for (id, question) in &fr.questions {
        let pillar = framework.pillar_of(id).map_or("?", |p| p.id.as_str());
        let where_ = format!("{}, question {id}", file_of(pillar));
        texts.extend(
            [&question.title, &question.help, &question.legal_basis]
                .into_iter()
                .chain(&question.levels)
                .map(|text| (where_.clone(), text.clone())),
        );
    }
    for (id, pillar) in &fr.pillars {
        texts.push((file_of(id), pillar.summary.clone()));
    }
    for (id, action) in &fr.actions {
        let pillar = framework.action(id).map_or("?", |a| a.pillar.as_str());
        let where_ = format!("{}, action {id}", file_of(pillar));
        texts.extend([
            (where_.clone(), action.title.clone()),
            (where_, action.first_step.clone()),
        ]);
    }
    let mut missing = std::collections::BTreeMap::new();
    for (where_, text) in &texts {
        // An acronym's meaning, written by the build from the glossary, names the acronym's
        // own body: the acronym is what must be sourced.
        let text = autodiag_core::domain::content::model::without_acronym_meanings(text);
        for term in named_terms(&text) {
            let sourced = named.iter().any(|n| n.contains(term.as_str()));
            if !sourced && !NOT_A_NAMED_INSTRUMENT.contains(&term.as_str()) {
                missing.entry(term).or_insert_with(|| where_.clone());
            }
        }
    }
    let lines: Vec<String> = missing
        .iter()
        .map(|(term, where_)| format!("« {term} » ({where_}) : ajoutez une ligne à content/SOURCES.md avec son adresse publique et la date de vérification"))
        .collect();
    assert!(
        missing.is_empty(),
        "named in content/fr but not in content/SOURCES.md:\n{}",
        lines.join("\n")
    );
}

/// Words are told apart without Unicode's tables for every script: the shortcut must say
/// what `char::is_alphanumeric` says for every character the content and interface use.
#[test]
fn every_character_of_the_texts_is_told_apart_as_the_standard_library_does() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    for folder in [
        "content",
        "content/fr",
        "content/en",
        "content/actions",
        "locales",
    ] {
        for entry in std::fs::read_dir(root.join(folder)).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                files.push(path);
            }
        }
    }
    assert!(files.len() > 20, "content files: {files:?}");
    let characters: std::collections::BTreeSet<char> = files
        .iter()
        .flat_map(|file| {
            std::fs::read_to_string(file)
                .unwrap()
                .chars()
                .collect::<Vec<_>>()
        })
        .chain('\0'..='ɏ')
        .collect();
    assert!(characters.contains(&'€'), "the files were read");
    for c in characters {
        assert_eq!(
            content::source::is_letter_or_digit(c),
            c.is_alphanumeric(),
            "{c:?} (U+{:04X}): a letter or digit past U+024F needs Unicode's tables again",
            c as u32
        );
    }
}

/// English names the commune and its bodies as the questions do, on every screen: a reviewer
/// found the interface saying « commune » and « the college » beside questions that said
/// « municipality » and « the municipal executive », and the roadmap's owners in French.
#[test]
fn english_names_the_municipality_and_its_bodies_as_the_questions_do() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = vec![root.join("locales/en.json")];
    for entry in std::fs::read_dir(root.join("content/en")).unwrap() {
        files.push(entry.unwrap().path());
    }
    let mut found = Vec::new();
    for file in &files {
        let mut text = std::fs::read_to_string(file).unwrap();
        // Placeholders, keys and the translated name of the UVCW are not words a reader sees.
        for kept in [
            "{{ commune }}",
            "{{ communes }}",
            "\"commune\":",
            "\"college\":",
            "cities and communes",
        ] {
            text = text.replace(kept, "");
        }
        let words = text.split(|c: char| !(c.is_alphanumeric() || c == '_'));
        found.extend(
            words
                .filter(|w| {
                    matches!(
                        w.to_lowercase().as_str(),
                        "commune" | "communes" | "college" | "colleges"
                    )
                })
                .map(|w| format!("{}: {w}", file.display())),
        );
        // The English keeps « intercommunale », as the hand-over panel and the territory view
        // do: a second name for the same body read as a second body.
        for french in [
            "collège communal",
            "conseil communal",
            "directeur général",
            "director-general",
            "digital referent",
            "intermunicipal company",
        ] {
            if text.to_lowercase().contains(french) {
                found.push(format!("{}: {french}", file.display()));
            }
        }
    }
    assert!(files.len() > 6, "English files: {files:?}");
    assert_eq!(found, Vec::<String>::new());
}

#[test]
fn the_source_check_finds_acronyms_and_names_inside_a_sentence() {
    assert_eq!(
        named_terms("La commune adhère à la Convention des Maires avec l'AIESH et le PCM."),
        ["Convention", "Maires", "AIESH", "PCM"]
    );
    // A capital that opens a sentence or a quotation names nothing.
    assert!(named_terms("Le collège décide. Une note « Se déplacer autrement » suit.").is_empty());
}

#[test]
fn publishing_open_data_on_odwb_is_a_level_only_of_the_open_data_duty() {
    // The open data décret of 24 November 2022 obliges every commune to publish its
    // publishable data on ODWB: a maturity level elsewhere must not reward that duty.
    let framework = content::framework();
    for (lang, texts) in all_texts() {
        for (id, question) in &framework.questions {
            if id == "gou_donnees_ouvertes_odwb" {
                assert!(question.legal_minimum.is_some());
                continue;
            }
            for (n, level) in texts.questions[id].levels.iter().enumerate() {
                assert!(
                    !level.contains("ODWB"),
                    "{lang}: {id} level {}: « {level} »",
                    n + 1
                );
            }
        }
    }
}

#[test]
fn a_legal_duty_is_marked_and_its_lower_levels_say_the_commune_is_not_in_order() {
    let framework = content::framework();
    let legal: Vec<&String> = framework
        .questions
        .iter()
        .filter(|(_, q)| q.legal_minimum.is_some())
        .map(|(id, _)| id)
        .collect();
    // The duties every commune has (CONTEXT.md, « Legal obligations are not maturity »).
    for duty in [
        "gou_donnees_personnelles",
        "gou_donnees_ouvertes_odwb",
        "sc_accessibilite_numerique",
        "sc_publicite_conseil",
        "ene_certificat_peb",
        "ene_dechets_menagers",
        "eco_marches_electroniques",
        "qdv_cpas_concertation",
        "qdv_plan_urgence",
        "mob_ecoles_zone30",
    ] {
        assert!(
            legal.iter().any(|q| *q == duty),
            "{duty} needs a legal_minimum"
        );
    }
    for (lang, texts) in all_texts() {
        for question in &legal {
            let text = &texts.questions[*question];
            assert!(
                !text.legal_basis.trim().is_empty(),
                "{lang} {question}: legal_basis"
            );
            // Said the same way on every duty, at the end of the level.
            let not_in_order = match lang {
                "fr" => "n'est pas en règle.",
                _ => "does not comply.",
            };
            let minimum = framework.legal_minimum(question).unwrap();
            for level in 1..minimum {
                let words = text.levels[usize::from(level - 1)].to_lowercase();
                assert!(
                    words.ends_with(not_in_order),
                    "{lang} {question} level {level} must say plainly that the commune is not in order: {words}"
                );
            }
        }
    }
}

#[test]
fn a_legal_duty_levels_up_to_its_minimum_carry_no_maturity_name() {
    let framework = content::framework();
    let names = content::LegalLevelNames {
        below: "below",
        at: "at",
    };
    for (lang, texts) in all_texts() {
        for question in framework.question_ids() {
            let minimum = framework.legal_minimum(question);
            for level in 1..=5u8 {
                let name = framework.level_name_on(&texts, question, level, names);
                let maturity = texts.level_name_at(usize::from(level - 1));
                let expected = match minimum {
                    Some(minimum) if level < minimum => "below",
                    Some(minimum) if level == minimum => "at",
                    _ => maturity,
                };
                assert_eq!(name, expected, "{lang} {question} level {level}");
            }
        }
    }
    // « Structuré » on the GDPR's minimum would score compliance as maturity.
    let fr = content::texts("fr");
    let name = |level| framework.level_name_on(fr, "gou_donnees_personnelles", level, names);
    assert_eq!([name(2), name(3), name(4)], ["below", "at", "Intégré"]);
}

#[test]
fn every_level_below_five_has_an_action_a_commune_without_digital_staff_can_start_next_month() {
    let framework = content::framework();
    let fr = content::full_texts("fr");
    let mut missing = Vec::new();
    for question in framework.question_ids() {
        for level in 1..5 {
            let startable = framework.actions.iter().any(|a| {
                a.questions.contains(question)
                    && a.fits_level(level)
                    && a.is_startable()
                    && model::first_step_is_startable(&fr.actions[&a.id].first_step)
            });
            if !startable {
                missing.push(format!("{question} level {level}"));
            }
        }
    }
    assert!(missing.is_empty(), "no startable action: {missing:?}");
}

#[test]
fn a_step_towards_a_legal_minimum_acts_rather_than_reports() {
    // A reviewer read five steps that the roadmap lists « à régler en premier » end with a
    // note to the collège: the commune was no closer to the law. Each one now puts something
    // right (publishes, asks for a quote, convenes, asks the supplier to correct).
    let framework = content::framework();
    let fr = content::full_texts("fr");
    let mut reports_only = Vec::new();
    for action in &framework.actions {
        let towards_duty = action.questions.iter().any(|question| {
            framework
                .legal_minimum(question)
                .is_some_and(|minimum| action.from < minimum)
        });
        let step = &fr.actions[&action.id].first_step;
        let reports = [
            "une note sur les écarts",
            "signale au collège",
            "remet au collège une note",
        ]
        .iter()
        .any(|words| step.contains(words));
        if towards_duty && reports {
            reports_only.push(action.id.clone());
        }
    }
    assert!(reports_only.is_empty(), "{reports_only:?}");
}

#[test]
fn every_question_names_who_answers_it_in_every_language() {
    let framework = content::framework();
    for (lang, texts) in all_texts() {
        for question in framework.question_ids() {
            let key = framework.respondent(question).expect("a respondent");
            assert!(texts.scale.services.contains_key(key), "{lang}: {key}");
        }
    }
}

#[test]
fn the_grd_is_named_only_where_the_commune_is_known() {
    let framework = content::framework();
    let fr = content::texts("fr");
    assert_eq!(framework.grd_of("Froidchapelle"), Some("aiesh"));
    assert_eq!(framework.grd_of("sivry rance"), Some("aiesh"));
    assert_eq!(framework.grd_of("Viroinval"), Some("aieg"));
    assert_eq!(framework.grd_of("Charleroi"), Some("ores"));
    // Couvin was still moving from one operator to the other: not named.
    assert_eq!(framework.grd_of("Couvin"), None);
    assert_eq!(framework.communes.len(), 30);
    let step = "Demander à {grd} le planning, puis l'avis de {grd}.";
    assert_eq!(
        content::with_grd(step, fr, Some("ores")),
        "Demander à ORES le planning, puis l'avis d'ORES."
    );
    assert_eq!(
        content::with_grd(step, fr, Some("aiesh")),
        "Demander à l'AIESH le planning, puis l'avis de l'AIESH."
    );
    assert!(content::with_grd(step, fr, None).contains("votre gestionnaire de réseau"));
    // No text names ORES for every commune.
    let actions = content::action_texts("fr");
    assert!(
        actions
            .values()
            .all(|a| !a.first_step.contains("ORES") && !a.title.contains("ORES"))
    );
    assert!(
        fr.questions
            .get("ene_eclairage")
            .unwrap()
            .levels
            .iter()
            .any(|l| l.contains("{grd}"))
            || fr
                .questions
                .get("ene_eclairage")
                .unwrap()
                .help
                .contains("{grd}")
    );
}

#[test]
fn texts_from_another_release_never_panic_they_show_the_id_or_nothing() {
    // An old cached file: one question and one pillar missing, a level list too short.
    let mut old = content::texts("fr").clone();
    old.questions.remove("gou_donnees_personnelles");
    old.pillars.remove("economie");
    old.scale.names.truncate(2);
    assert_eq!(
        old.question("gou_donnees_personnelles").title,
        "gou_donnees_personnelles"
    );
    assert_eq!(old.question("gou_donnees_personnelles").level_at(4), "");
    assert_eq!(old.pillar_name("economie"), "economie");
    assert_eq!(old.pillar_summary("economie"), "");
    assert_eq!(old.level_name_at(4), "");
    assert_eq!(old.band_meaning_at(9), "");
    // What is there reads as usual.
    assert_eq!(
        old.question("mob_pcm").title,
        content::texts("fr").questions.get("mob_pcm").unwrap().title
    );
}

#[test]
fn fetched_text_files_are_named_by_the_hash_of_their_content() {
    for lang in ["fr", "en"] {
        let questions = content::questions_file(lang).unwrap();
        let hash = questions
            .strip_prefix(&format!("questions.{lang}."))
            .and_then(|rest| rest.strip_suffix(".json"))
            .unwrap();
        assert_eq!(hash.len(), 16, "{questions}");
        assert!(hash.chars().all(|c| c.is_ascii_hexdigit()));
        assert!(
            content::texts_file(lang)
                .unwrap()
                .starts_with(&format!("texts.{lang}."))
        );
    }
    assert_ne!(content::questions_file("fr"), content::questions_file("en"));
}

#[test]
fn every_acronym_is_explained_at_its_first_use_on_each_pillar_page() {
    // Proper names that are not acronyms to explain, and units or formats.
    const NOT_EXPLAINED: &[&str] = &[
        "IGRETEC",
        "ORES",
        "AIESH",
        "AIEG",
        "TEC",
        "LED",
        "CSV",
        "PDF",
        "GPX",
        "AA",
        "BE",
        "WAVE",
        "PIVOT",
        "DOSSIER",
        "WalOnMap",
        "CyberFundamentals",
        "PoWalCo",
        "NIS2",
        // Everyday English.
        "IT",
        "SMEs",
    ];
    let framework = autodiag_core::domain::content::framework();
    let acronym = |word: &str| {
        word.chars().filter(char::is_ascii_uppercase).count() >= 2
            && word.chars().all(char::is_alphanumeric)
            && !NOT_EXPLAINED.contains(&word)
    };
    let mut unexplained = Vec::new();
    for (lang, pillar) in ["fr", "en"]
        .into_iter()
        .flat_map(|lang| framework.pillars.iter().map(move |p| (lang, p)))
    {
        let texts = autodiag_core::domain::content::full_texts(lang);
        let mut seen = std::collections::BTreeSet::new();
        for id in &pillar.questions {
            let q = texts.question(id);
            for text in std::iter::once(&q.help)
                .chain(std::iter::once(&q.legal_basis))
                .chain(&q.levels)
            {
                for (at, word) in
                    text.split_inclusive(|c: char| !c.is_alphanumeric())
                        .scan(0, |pos, piece| {
                            let at = *pos;
                            *pos += piece.len();
                            Some((at, piece.trim_end_matches(|c: char| !c.is_alphanumeric())))
                        })
                {
                    if !acronym(word) || !seen.insert(word.to_string()) {
                        continue;
                    }
                    let after = &text[at + word.len()..];
                    // « FAST 2030 (meaning) »: the meaning follows the year of the name.
                    let after = after
                        .strip_prefix(' ')
                        .map(|r| r.trim_start_matches(|c: char| c.is_ascii_digit()))
                        .filter(|r| r.len() + 5 == after.len())
                        .unwrap_or(after);
                    // « ACR (meaning) », « ACR [meaning] » inside parentheses, or « meaning
                    // (ACR) » written by hand.
                    let explained = after.starts_with(" (")
                        || after.starts_with(" [")
                        || (text[..at].ends_with('(') && after.starts_with(')'));
                    if !explained {
                        unexplained.push(format!("{lang}, {}: {word} in « {text} »", pillar.id));
                    }
                }
            }
        }
    }
    assert!(
        unexplained.is_empty(),
        "first uses without their meaning (add them to [glossary] in content/<lang>/scale.toml):\n{}",
        unexplained.join("\n")
    );
}

#[test]
fn a_screen_lists_the_acronyms_it_shows_and_only_those() {
    let glossary = content::glossary("fr");
    assert_eq!(
        glossary.get("ODWB").map(String::as_str),
        Some("Open Data Wallonie-Bruxelles")
    );
    let shown = [
        "Publier sur ODWB les données",
        "Partager les véhicules avec le CPAS",
        "PiCM ou PCM",
    ];
    let listed: Vec<&str> = content::acronyms_in(glossary, shown)
        .into_iter()
        .map(|(a, _)| a)
        .collect();
    assert_eq!(listed, ["CPAS", "ODWB", "PCM", "PiCM"]);
    // A word that contains an acronym is not it.
    assert!(content::acronyms_in(glossary, ["ODWBX et SPWA"]).is_empty());
    assert_eq!(
        content::glossary("en").get("CPAS").map(String::as_str),
        Some("public social welfare centre")
    );
}

/// A level is also read alone: on the projector's slides, in the report and the CSV. It never
/// points at text « above » that those places do not show.
#[test]
fn no_level_points_at_text_shown_only_on_the_questionnaire() {
    for (lang, words) in [
        ("fr", ["ci-dessus", "ci-dessous"]),
        ("en", ["above", "below:"]),
    ] {
        let texts = content::full_texts(lang);
        for (id, question) in &texts.questions {
            for level in &question.levels {
                assert!(
                    !words.iter().any(|w| level.contains(w)),
                    "{lang}, {id}: « {level} » points at text around it"
                );
            }
        }
    }
}

#[test]
fn a_retired_action_has_its_last_title_in_every_language() {
    let framework = content::framework();
    let retired = framework
        .retired_actions
        .iter()
        .find(|r| r.id == "qdv_nuisances_suivi")
        .expect("retired with its title");
    assert_eq!(
        retired.titles.get("fr").map(String::as_str),
        Some("Suivre les plaintes pour nuisances et cartographier les lieux sensibles")
    );
    assert!(retired.titles.get("en").is_some());
}

#[test]
fn validation_reports_a_retired_action_still_in_the_catalogue_or_without_a_title() {
    let (mut framework, texts) = broken_copy();
    let current = framework.actions[0].id.clone();
    framework.retired_actions[0].id = current.clone();
    let untitled = framework.retired_actions[1].id.clone();
    framework.retired_actions[1].titles.remove("fr");
    let problems = model::validate(&framework, &[("fr", &texts)]);
    assert!(
        problems
            .iter()
            .any(|p| p.contains(&current) && p.contains("still exists")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains(&untitled) && p.contains("no title in fr")),
        "{problems:?}"
    );
}

#[test]
fn validation_reports_references_read_from_a_version_after_this_one() {
    let (mut framework, texts) = broken_copy();
    framework.references_from = "9.9.9".into();
    let problems = model::validate(&framework, &[("fr", &texts)]);
    assert!(
        problems.iter().any(|p| p.contains("references_from")),
        "{problems:?}"
    );
}

#[test]
fn every_owner_an_action_can_have_is_in_owner_all() {
    use autodiag_core::domain::content::Owner;
    // The PST names an unnamed owner through `Owner::ALL`: a new owner must join it. Adding
    // one breaks this match until it is listed here too.
    let listed = |owner: Owner| match owner {
        Owner::College
        | Owner::Conseil
        | Owner::Bourgmestre
        | Owner::Dg
        | Owner::Referent
        | Owner::Dpo
        | Owner::Agent => Owner::ALL.contains(&owner),
    };
    for action in &content::framework().actions {
        assert!(listed(action.owner), "{}", action.id);
    }
    assert!(Owner::ALL.iter().all(|&owner| listed(owner)));
}
