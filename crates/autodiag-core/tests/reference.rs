//! The territorial reference: its privacy rules (at least five communes, counts under three
//! suppressed, nothing of any input file in the output) and its validation.

mod common;
use autodiag_core::domain::reference::{self, Count, MedianCell, Reference, ReferenceError};
use autodiag_core::domain::{summary, territory};
use common::*;
use std::collections::BTreeSet;

const TERRITORY: &str = "Charleroi Métropole";

/// `count` communes with distinctive names, respondents, notes and roadmaps.
fn files(count: usize) -> Vec<(String, Vec<u8>)> {
    (0..count)
        .map(|i| {
            let mut a = realistic_assessment(
                &format!("Zéphyrville-{i:02}"),
                &format!("{}", 56000 + i),
                &format!("2026-{:02}-15", 1 + i % 12),
                i as u64 + 11,
                0.2,
            );
            a.profile.respondent_name = format!("Ondine Quarteron {i}");
            a.profile.respondent_role = format!("Cheffe du service Xylophone {i}");
            a.set_note(
                "gou_donnees_personnelles",
                &format!("Note confidentielle numéro {i} sur le DPO"),
                NOW,
            );
            autodiag_core::domain::roadmap::refresh(framework(), &mut a, NOW);
            a.roadmap.as_mut().unwrap().add_custom(
                &format!("Projet secret Wombat {i}"),
                autodiag_core::domain::content::Horizon::Short,
            );
            let bytes = summary::to_json(&summary::export(framework(), &a, NOW)).into_bytes();
            (format!("commune-{i}.json"), bytes)
        })
        .collect()
}

fn reference_of(count: usize) -> Result<Reference, ReferenceError> {
    let t = territory::load(framework(), &files(count), NOW, TODAY);
    reference::build(framework(), &t, TERRITORY)
}

/// Every string value of a JSON document; keys are the format's own words.
fn strings(value: &serde_json::Value, out: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::String(s) => {
            out.insert(s.clone());
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(map) => {
            map.values().for_each(|v| strings(v, out));
        }
        _ => {}
    }
}

#[test]
fn fewer_than_five_communes_make_no_reference() {
    assert_eq!(
        reference_of(4).unwrap_err(),
        ReferenceError::TooFewCommunes { found: 4 }
    );
    assert!(reference_of(reference::MIN_COMMUNES).is_ok());
}

#[test]
fn every_count_under_three_is_suppressed_never_alone_and_no_total_gives_one_away() {
    for count in [5, 6, 9, 30] {
        let r = reference_of(count).unwrap();
        assert_eq!(r.communes, count as u32);
        let json = serde_json::to_value(&r).unwrap();
        for question in json["questions"].as_array().unwrap() {
            let mut few = 0;
            for cell in question["levels"].as_array().unwrap() {
                match cell {
                    serde_json::Value::Number(n) => assert!(n.as_u64().unwrap() >= 3, "{question}"),
                    serde_json::Value::String(s) => {
                        assert_eq!(s, "< 3");
                        few += 1;
                    }
                    other => panic!("{other}"),
                }
            }
            // Most communes answer with a level: a lone hidden count is the file's number of
            // communes less the others.
            assert_ne!(few, 1, "{question}");
            // No total beside the levels: a hidden count would be a subtraction away.
            let keys: BTreeSet<&str> = question
                .as_object()
                .unwrap()
                .keys()
                .map(|k| k.as_str())
                .collect();
            assert_eq!(
                keys,
                BTreeSet::from(["levels", "question_id"]),
                "{question}"
            );
        }
        for pillar in &r.pillars {
            if let Count::Exact(n) = pillar.communes {
                assert!(n >= 3);
            }
        }
    }
}

#[test]
fn no_string_of_any_input_file_reaches_the_reference() {
    let inputs = files(8);
    let t = territory::load(framework(), &inputs, NOW, TODAY);
    let r = reference::build(framework(), &t, TERRITORY).unwrap();
    let output = serde_json::to_string(&r).unwrap();
    let mut written = BTreeSet::new();
    strings(&serde_json::to_value(&r).unwrap(), &mut written);
    let mut found = Vec::new();
    for (_, bytes) in &inputs {
        let mut input = BTreeSet::new();
        strings(&serde_json::from_slice(bytes).unwrap(), &mut input);
        for text in input {
            // The framework's own ids may appear: they are not the commune's words.
            let is_framework_word = framework().has_question(&text)
                || framework().pillar(&text).is_some()
                || text == framework().id
                || text == framework().version;
            if text.len() >= 4 && !is_framework_word && output.contains(&text) {
                found.push(text);
            }
        }
    }
    assert!(found.is_empty(), "leaked into the reference: {found:?}");
    // The distinctive texts were there to be leaked.
    let input = String::from_utf8(inputs[3].1.clone()).unwrap();
    for marker in [
        "Zéphyrville-03",
        "Ondine Quarteron 3",
        "Xylophone",
        "confidentielle",
        "Wombat",
        "56003",
    ] {
        assert!(input.contains(marker), "{marker}");
        assert!(!output.contains(marker), "{marker}");
    }
    assert!(written.contains(TERRITORY));
}

#[test]
fn a_reference_reads_back_and_answers_how_many_reached_a_level() {
    let r = reference_of(30).unwrap();
    let bytes = serde_json::to_vec_pretty(&r).unwrap();
    let read = reference::parse(framework(), &bytes).unwrap();
    assert_eq!(read, r);
    let medians = read.medians();
    assert_eq!(medians.len(), framework().pillars.len());
    assert!(medians.iter().all(Option::is_some));
    // Each range holds the true count of the communes the reference was made from.
    let t = territory::load(framework(), &files(30), NOW, TODAY);
    for question in framework().question_ids() {
        for level in 1..=5u8 {
            let truth = t
                .communes
                .iter()
                .filter(|c| territory::level_of(c, question).is_some_and(|l| l >= level))
                .count() as u32;
            let reached = read.reached(question, level).unwrap();
            assert!(
                reached.at_least <= truth && truth <= reached.at_most,
                "{question} level {level}: {truth} not in {reached:?} {:?}",
                read.question(question)
            );
        }
    }
}

#[test]
fn a_commune_is_compared_with_a_level_that_says_something() {
    let duty = "mob_ecoles_zone30";
    assert_eq!(framework().legal_minimum(duty), Some(2));
    // Under a legal minimum: how many communes meet the law, not how many are as low.
    assert_eq!(reference::compared_level(framework(), duty, 1), (2, true));
    assert_eq!(reference::compared_level(framework(), duty, 2), (2, false));
    assert_eq!(reference::compared_level(framework(), duty, 4), (4, false));
    // Level 1 is every commune that answered: level 2 says how many moved on.
    let plain = "mob_actif";
    assert_eq!(framework().legal_minimum(plain), None);
    assert_eq!(reference::compared_level(framework(), plain, 1), (2, false));
    assert_eq!(reference::compared_level(framework(), plain, 3), (3, false));
}

/// A reference of nine communes with one question whose levels are `levels`.
fn one_question(levels: [Count; 5]) -> Reference {
    static NINE: std::sync::LazyLock<Reference> =
        std::sync::LazyLock::new(|| reference_of(9).unwrap());
    let mut r = NINE.clone();
    r.questions.truncate(1);
    r.questions[0].levels = levels;
    r
}

#[test]
fn how_many_reached_a_level_is_narrowed_by_the_counts_the_file_shows() {
    use Count::{Exact, Few};
    let question = framework().pillars[0].questions[0].clone();
    let range = |r: &Reference, level: u8| {
        let reached = r.reached(&question, level).unwrap();
        (reached.at_least, reached.at_most)
    };
    // Nine communes: « < 3 » at level 1, 5 at level 2, « < 3 » above. At least the 5 reached
    // level 2; at most 4 reached level 3, since the 5 at level 2 did not.
    let r = one_question([Few, Exact(5), Few, Few, Few]);
    assert_eq!(range(&r, 2), (5, 9));
    assert_eq!(range(&r, 3), (0, 4));
    assert_eq!(range(&r, 5), (0, 2));
    // Nothing shown exactly: only the file's size bounds the count.
    let r = one_question([Few; 5]);
    assert_eq!(range(&r, 1), (0, 9));
    assert!(r.reached(&question, 1).unwrap().unknown());
    assert_eq!(range(&r, 4), (0, 4));
    assert!(!r.reached(&question, 4).unwrap().unknown());
    // Every level exact: one number.
    let r = one_question([Exact(3), Exact(0), Exact(3), Exact(3), Exact(0)]);
    assert_eq!(r.reached(&question, 3).unwrap().exact(), Some(6));
    // 8 of the 9 below level 3: at most one above, shown as the file shows a small count,
    // « au plus 2 », never « 1 commune ».
    let r = one_question([Exact(4), Exact(4), Few, Few, Few]);
    assert_eq!(range(&r, 3), (0, 2));
    // All 9 below: none reached it, which names no commune.
    let r = one_question([Exact(4), Exact(5), Few, Few, Few]);
    assert_eq!(range(&r, 3), (0, 0));
    assert!(!r.reached(&question, 3).unwrap().unknown());
    // Thirty communes, one at level 5 and three at level 1: the three are hidden beside the
    // one, so neither « entre 8 et 9 » nor « au plus 1 » says that one commune is ahead.
    let mut r = one_question([Few, Exact(9), Exact(9), Exact(8), Few]);
    r.communes = 30;
    assert_eq!(range(&r, 4), (8, 12));
    assert_eq!(range(&r, 5), (0, 4));
}

/// The range always holds the true count, for any spread of the communes over the levels, in
/// the files of both versions.
#[test]
fn the_range_of_communes_that_reached_a_level_always_holds_the_true_count() {
    let question = framework().pillars[0].questions[0].clone();
    let count = |n: u32| {
        if n < reference::MIN_COUNT {
            Count::Few
        } else {
            Count::Exact(n)
        }
    };
    // Twenty communes, 0 to 8 at each level: enough for four counts of 3 beside a « < 3 ».
    let of_twenty = |levels: [Count; 5], version: u32| {
        let mut r = one_question(levels);
        r.communes = 20;
        r.version = version;
        r
    };
    for code in 0..9u32.pow(5) {
        let mut true_levels = [0u32; 5];
        let mut rest = code;
        for cell in &mut true_levels {
            *cell = rest % 9;
            rest /= 9;
        }
        if true_levels.iter().sum::<u32>() > 20 {
            continue;
        }
        // As both versions write them: a lone « < 3 » has the smallest other count hidden
        // beside it.
        let mut written = true_levels.map(count);
        if written.iter().filter(|c| **c == Count::Few).count() == 1
            && let Some(index) = (0..5)
                .filter(|i| written[*i] != Count::Few)
                .min_by_key(|i| (true_levels[*i], *i))
        {
            written[index] = Count::Few;
        }
        for (r, level) in [
            of_twenty(written, reference::VERSION),
            of_twenty(written, 1),
        ]
        .iter()
        .flat_map(|r| (1..=5u8).map(move |level| (r, level)))
        {
            let truth: u32 = true_levels[usize::from(level - 1)..].iter().sum();
            let reached = r.reached(&question, level).unwrap();
            assert!(
                reached.at_least <= truth && truth <= reached.at_most,
                "{true_levels:?} version {} level {level}: {reached:?}",
                r.version
            );
            // Never a count of one or two, nor a range that pins one: « au plus 1 ».
            assert!(
                !(1..reference::MIN_COUNT).contains(&reached.at_least) && reached.at_most != 1,
                "{true_levels:?} level {level}: {reached:?}"
            );
        }
    }
}

#[test]
fn bad_references_are_refused_with_a_reason() {
    let framework = framework();
    let good = serde_json::to_value(reference_of(6).unwrap()).unwrap();
    let parse =
        |value: &serde_json::Value| reference::parse(framework, value.to_string().as_bytes());

    // Before `references_from` a question could change meaning under its id (level 5 of
    // qdv_urbanisme in 2.7.0): such a file is not read at all.
    let mut too_old = good.clone();
    too_old["framework"]["version"] = "2.6.0".into();
    assert_eq!(
        parse(&too_old).unwrap_err(),
        ReferenceError::TooOld {
            found: "2.6.0".into()
        }
    );
    // A later référentiel than this Autodiag knows, or not a version at all.
    for version in ["99.0.0", "2.x"] {
        let mut other = good.clone();
        other["framework"]["version"] = version.into();
        assert_eq!(
            parse(&other).unwrap_err(),
            ReferenceError::OtherFramework {
                found: version.into(),
                current: framework.version.clone()
            }
        );
    }
    let mut other = good.clone();
    other["framework"]["id"] = "un-autre-questionnaire".into();
    assert!(matches!(
        parse(&other).unwrap_err(),
        ReferenceError::OtherFramework { .. }
    ));
    let mut newer = good.clone();
    newer["version"] = (reference::VERSION + 1).into();
    assert_eq!(
        parse(&newer).unwrap_err(),
        ReferenceError::Newer {
            found: reference::VERSION + 1
        }
    );
    let mut few = good.clone();
    few["communes"] = 4.into();
    assert_eq!(
        parse(&few).unwrap_err(),
        ReferenceError::TooFewCommunes { found: 4 }
    );
    // A small exact count is what the export never writes.
    let mut small = good.clone();
    small["questions"][0]["levels"][0] = 1.into();
    assert_eq!(parse(&small).unwrap_err(), ReferenceError::Invalid);
    let mut more = good.clone();
    more["questions"][0]["levels"] = serde_json::json!([400, 3, 3, 3, 3]);
    assert_eq!(parse(&more).unwrap_err(), ReferenceError::Invalid);
    // Counts that would wrap round to a small total are still too many.
    let mut wrapping = good.clone();
    wrapping["questions"][0]["levels"] =
        serde_json::json!([2147483648u32, 2147483648u32, "< 3", "< 3", "< 3"]);
    assert_eq!(parse(&wrapping).unwrap_err(), ReferenceError::Invalid);
    let mut renamed = good.clone();
    renamed["questions"][0]["question_id"] = "mob_inconnue".into();
    assert_eq!(parse(&renamed).unwrap_err(), ReferenceError::Invalid);
    let mut extra = good.clone();
    extra["communes_noms"] = serde_json::json!(["Thuin"]);
    assert_eq!(parse(&extra).unwrap_err(), ReferenceError::Invalid);
    // A total beside the levels is version 1's, not this version's.
    let mut total = good.clone();
    total["questions"][0]["answered"] = 6.into();
    assert_eq!(parse(&total).unwrap_err(), ReferenceError::Invalid);

    // Not a reference at all: a summary, garbage, a deep nest, an oversized file.
    let summary_file = summary::to_json(&summary::export(framework, &assessment("Thuin"), NOW));
    assert_eq!(
        reference::parse(framework, summary_file.as_bytes()).unwrap_err(),
        ReferenceError::NotAReference
    );
    assert_eq!(
        reference::parse(framework, b"\x00\xffnot json").unwrap_err(),
        ReferenceError::NotAReference
    );
    let deep = "[".repeat(100_000);
    assert_eq!(
        reference::parse(framework, deep.as_bytes()).unwrap_err(),
        ReferenceError::NotAReference
    );
    let big = vec![b' '; reference::MAX_FILE_BYTES + 1];
    assert_eq!(
        reference::parse(framework, &big).unwrap_err(),
        ReferenceError::TooLarge {
            bytes: reference::MAX_FILE_BYTES + 1
        }
    );
}

#[test]
fn quartiles_need_five_scores() {
    let r = reference_of(5).unwrap();
    for pillar in &r.pillars {
        match pillar.communes {
            Count::Exact(n) if n as usize >= reference::MIN_COMMUNES => {
                assert!(pillar.quartiles.is_some())
            }
            _ => assert!(pillar.quartiles.is_none(), "{pillar:?}"),
        }
    }
}

#[test]
fn a_median_cell_gives_its_own_count_when_fewer_communes_than_the_file_and_says_why_there_is_none()
{
    let mut r = reference_of(8).unwrap();
    r.pillars[0].communes = Count::Exact(8);
    r.pillars[0].quartiles = Some([30, 45, 60]);
    r.pillars[1].communes = Count::Exact(6);
    r.pillars[1].quartiles = Some([20, 35, 50]);
    r.pillars[2].communes = Count::Exact(4);
    r.pillars[2].quartiles = None;
    r.pillars[3].quartiles = None;
    r.carried_over = Some(reference::CarriedOver {
        from_version: "2.7.0".into(),
        questions_left_out: 1,
        pillars_left_out: vec![r.pillars[3].pillar_id.clone()],
    });
    let cells = r.median_cells();
    assert_eq!(cells.len(), 6);
    assert_eq!(
        cells[..4],
        [
            MedianCell::Median {
                median: 45,
                fewer: None
            },
            MedianCell::Median {
                median: 35,
                fewer: Some(6)
            },
            MedianCell::TooFew,
            MedianCell::LeftOut,
        ]
    );
}

/// The reference as IGRETEC exported it under référentiel 2.7.0: the two questions whose
/// meaning changed in 2.8.0, the one that changed in 2.9.0 and web accessibility, whose minimum
/// counts mobile apps since 2.10.0, under their old ids.
fn reference_of_2_7_0() -> serde_json::Value {
    let mut file = serde_json::to_value(reference_of(6).unwrap()).unwrap();
    file["framework"]["version"] = "2.7.0".into();
    for question in file["questions"].as_array_mut().unwrap() {
        let old = match question["question_id"].as_str().unwrap() {
            "eco_marches_electroniques" => "eco_marches_pme",
            "gou_documents_donnees" => "gou_information_donnees",
            "qdv_cpas_concertation" => "qdv_commune_cpas",
            "sc_accessibilite_numerique" => "sc_accessibilite_web",
            _ => continue,
        };
        question["question_id"] = old.into();
    }
    file
}

#[test]
fn an_earlier_referentiels_reference_keeps_what_still_means_the_same() {
    let framework = framework();
    let current = reference_of(6).unwrap();
    let file = reference_of_2_7_0();
    let read = reference::parse(framework, file.to_string().as_bytes()).unwrap();
    let carried = read.carried_over.clone().unwrap();
    assert_eq!(carried.from_version, "2.7.0");
    assert_eq!(carried.questions_left_out, 4);
    assert_eq!(
        carried.pillars_left_out,
        [
            "qualite_de_vie",
            "economie",
            "gouvernance",
            "smart_citizens"
        ]
    );
    // Every other question's figures, and the other pillars' medians, as IGRETEC made them.
    for question in &current.questions {
        let changed = [
            "eco_marches_electroniques",
            "gou_documents_donnees",
            "qdv_cpas_concertation",
            "sc_accessibilite_numerique",
        ]
        .contains(&question.question_id.as_str());
        assert_eq!(
            read.question(&question.question_id),
            (!changed).then_some(question),
            "{}",
            question.question_id
        );
    }
    for (pillar, median) in current.pillars.iter().zip(read.medians()) {
        let left_out = carried.pillars_left_out.contains(&pillar.pillar_id);
        assert_eq!(
            median,
            if left_out {
                None
            } else {
                pillar.quartiles.map(|q| q[1])
            },
            "{}",
            pillar.pillar_id
        );
    }
    // A question the file gives twice, under its old and its new id, is not a reference.
    let mut twice = file.clone();
    let first = twice["questions"][0].clone();
    twice["questions"].as_array_mut().unwrap().insert(1, first);
    assert_eq!(
        reference::parse(framework, twice.to_string().as_bytes()).unwrap_err(),
        ReferenceError::Invalid
    );
    // An id that no référentiel had: no pillar median can be trusted.
    let mut unknown = file;
    unknown["questions"][0]["question_id"] = "mob_inconnue".into();
    let read = reference::parse(framework, unknown.to_string().as_bytes()).unwrap();
    assert!(read.medians().iter().all(Option::is_none));
    assert_eq!(read.carried_over.unwrap().pillars_left_out.len(), 6);
}

/// A version 1 file, as IGRETEC exported them until 2026-12: each question's number of
/// answers is read and dropped, so the results never show a hidden count it gives away.
#[test]
fn a_version_1_reference_is_read_without_its_totals() {
    use Count::{Exact, Few};
    let framework = framework();
    let current = reference_of(30).unwrap();
    let question = current.questions[0].question_id.clone();
    let mut file = serde_json::to_value(&current).unwrap();
    file["version"] = 1.into();
    for q in file["questions"].as_array_mut().unwrap() {
        q["answered"] = 30.into();
    }
    file["questions"][0]["levels"] = serde_json::json!([14, 14, "< 3", "< 3", "< 3"]);
    file["questions"][0]["answered"] = 29.into();
    let read = reference::parse(framework, file.to_string().as_bytes()).unwrap();
    assert_eq!(read.version, 1);
    assert_eq!(
        read.question(&question).unwrap().levels,
        [Exact(14), Exact(14), Few, Few, Few]
    );
    // 29 answered minus the 28 counted: version 1's reader showed « 1 commune sur 30 ».
    let reached = read.reached(&question, 3).unwrap();
    assert_eq!((reached.at_least, reached.at_most), (0, 2));
    // Version 1 still had to give its totals in the right shape.
    file["questions"][1]["answered"] = "beaucoup".into();
    assert_eq!(
        reference::parse(framework, file.to_string().as_bytes()).unwrap_err(),
        ReferenceError::Invalid
    );
}
