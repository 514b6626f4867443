//! Many communes: aggregation, pooling candidates, who can help whom, several respondents.

mod common;
use autodiag_core::LiteMap;
use autodiag_core::domain::assessment::{Assessment, Choice, Importance};
use autodiag_core::domain::consolidation;
use autodiag_core::domain::content::{self, LegalLevelNames};
use autodiag_core::domain::matching::{self, Match, Party, Thresholds};
use autodiag_core::domain::plan::ItemStatus;
use autodiag_core::domain::profile::PopulationBand;
use autodiag_core::domain::territory::{
    self, CsvMarks, DateMark, RollCall, SortBy, SupersededReason, spread,
};
use autodiag_core::domain::{compare, csv};
use autodiag_core::domain::{roadmap, scoring, summary};
use common::*;
use proptest::prelude::*;

fn file_of(a: &Assessment) -> Vec<u8> {
    summary::to_json(&summary::export(framework(), a, NOW)).into_bytes()
}

fn commune(name: &str, nis: &str, date: &str) -> Assessment {
    let mut a = assessment(name);
    a.profile.nis_code = nis.into();
    a.profile.date = date.into();
    a
}

#[test]
fn spreads_use_inclusive_quartiles() {
    let s = spread(&[0.0, 25.0, 50.0, 75.0, 100.0]).unwrap();
    assert_eq!(
        (s.min, s.q1, s.median, s.q3, s.max, s.mean),
        (0.0, 25.0, 50.0, 75.0, 100.0, 50.0)
    );
    let s = spread(&[10.0, 20.0, 30.0, 40.0]).unwrap();
    assert_eq!((s.q1, s.median, s.q3), (17.5, 25.0, 32.5));
    assert_eq!(spread(&[42.0]).unwrap().median, 42.0);
    assert!(spread(&[]).is_none());
}

#[test]
fn bad_files_are_listed_and_good_ones_still_load() {
    let mut a = commune("Lobbes", "56044", "2026-11-20");
    answer_all(&mut a, level(2));
    let files = vec![
        ("lobbes.json".to_string(), file_of(&a)),
        ("vide.json".to_string(), Vec::new()),
        ("photo.png".to_string(), vec![0x89, b'P', b'N', b'G', 0, 0]),
    ];
    let t = territory::load(framework(), &files, NOW, TODAY);
    assert_eq!(t.communes.len(), 1);
    assert_eq!(t.rejected.len(), 2);
    assert_eq!(t.rejected[0].file, "vide.json");
    assert_eq!(t.rejected[1].error, summary::ImportError::Binary);
    // Either might be a commune's summary, damaged.
    assert!(t.refused_a_commune_file());
    // A territorial reference given here is refused too, but is no commune's.
    let reference = br#"{ "format": "autodiag-territorial-reference", "version": 2 }"#.to_vec();
    let files = vec![
        ("lobbes.json".to_string(), file_of(&a)),
        ("reference.json".to_string(), reference),
    ];
    let t = territory::load(framework(), &files, NOW, TODAY);
    assert_eq!(t.rejected[0].error, summary::ImportError::Reference);
    assert!(!t.refused_a_commune_file());
}

#[test]
fn files_given_one_by_one_load_as_a_batch_does_and_refusals_are_listed() {
    let mut lobbes = commune("Lobbes", "56044", "2026-11-20");
    answer_all(&mut lobbes, level(2));
    let mut thuin_old = commune("Thuin", "56078", "2025-06-12");
    answer_all(&mut thuin_old, level(1));
    let thuin_new = commune("Thuin", "56078", "2026-06-12");
    let files = vec![
        ("thuin-2025.json".to_string(), file_of(&thuin_old)),
        ("lobbes.json".to_string(), file_of(&lobbes)),
        ("thuin-2026.json".to_string(), file_of(&thuin_new)),
    ];
    let mut loader = territory::TerritoryLoader::default();
    for (file, bytes) in &files {
        loader.add(framework(), file, bytes, NOW);
    }
    let too_large = summary::ImportError::TooLarge { bytes: 6_000_000 };
    loader.reject("scan.json", too_large.clone());
    let one_by_one = loader.finish(TODAY);

    let batch = territory::load(framework(), &files, NOW, TODAY);
    let names = |t: &territory::Territory| {
        t.communes
            .iter()
            .map(|c| c.file.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&one_by_one), names(&batch));
    assert_eq!(names(&one_by_one), ["lobbes.json", "thuin-2026.json"]);
    assert_eq!(one_by_one.superseded.len(), 1);
    assert_eq!(one_by_one.superseded[0].file, "thuin-2025.json");
    assert_eq!(one_by_one.rejected.len(), 1);
    assert_eq!(one_by_one.rejected[0].file, "scan.json");
    assert_eq!(one_by_one.rejected[0].error, too_large);
}

#[test]
fn a_summary_of_an_older_referentiel_carries_its_version_and_the_questions_asked_again() {
    let old = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/courcelles-2026-10-05.json"
    ))
    .unwrap();
    let mut lobbes = commune("Lobbes", "56044", "2026-11-20");
    answer_all(&mut lobbes, level(2));
    let files = vec![
        ("courcelles.json".to_string(), old),
        ("lobbes.json".to_string(), file_of(&lobbes)),
    ];
    let t = territory::load(framework(), &files, NOW, TODAY);
    let courcelles = t.communes.iter().find(|c| c.name == "Courcelles").unwrap();
    assert_eq!(courcelles.framework_version, "1.0.0");
    assert!(courcelles.asked_again > 0);
    let lobbes = t.communes.iter().find(|c| c.name == "Lobbes").unwrap();
    assert_eq!(lobbes.framework_version, framework().version);
    assert_eq!(lobbes.asked_again, 0);
}

#[test]
fn the_newest_summary_of_a_commune_is_used_and_the_choice_explained() {
    let mut old = commune("Thuin", "56078", "2025-06-12");
    answer_all(&mut old, level(1));
    let mut new = commune("Thuin", "56078", "2026-06-12");
    answer_all(&mut new, level(3));
    let files = vec![
        ("thuin-2026.json".to_string(), file_of(&new)),
        ("thuin-2025.json".to_string(), file_of(&old)),
    ];
    let t = territory::load(framework(), &files, NOW, TODAY);
    assert_eq!(t.communes.len(), 1);
    assert_eq!(t.communes[0].file, "thuin-2026.json");
    assert_eq!(t.communes[0].scores[0], Some(50));
    assert_eq!(t.superseded.len(), 1);
    assert_eq!(t.superseded[0].file, "thuin-2025.json");
    assert_eq!(t.superseded[0].used, "thuin-2026.json");
    assert_eq!(t.superseded[0].reason, SupersededReason::OlderDate);
    // Same day: the later download; the same download twice (« thuin (1).json ») is a copy.
    let later = summary::to_json(&summary::export(framework(), &new, "2026-11-29T08:00:00Z"));
    let files = vec![
        ("thuin.json".to_string(), file_of(&new)),
        ("thuin (1).json".to_string(), file_of(&new)),
        ("thuin-bis.json".to_string(), later.into_bytes()),
    ];
    let t = territory::load(framework(), &files, NOW, TODAY);
    assert_eq!(t.communes[0].file, "thuin-bis.json");
    let reasons: Vec<SupersededReason> = t.superseded.iter().map(|s| s.reason).collect();
    assert_eq!(reasons, [SupersededReason::GeneratedEarlier; 2]);
    let t = territory::load(framework(), &files[..2], NOW, TODAY);
    assert_eq!(t.communes[0].file, "thuin.json");
    assert_eq!(t.superseded[0].reason, SupersededReason::SameDownload);
}

#[test]
fn a_groups_synthesis_stays_in_use_over_a_later_file_of_one_of_its_participants() {
    let mut synthesis = commune("Fleurus", "52022", "2026-12-05");
    answer_all(&mut synthesis, level(2));
    synthesis.profile.respondent_name = "synthèse de 3 répondants".into();
    synthesis.profile.consolidated_respondents = 3;
    synthesis.profile.participants = vec![
        "Marie Dubois (Bourgmestre)".into(),
        "Paul Lambert (DG)".into(),
        "Échevine".into(),
    ];
    // The mayor answers again on her own three days later.
    let mut mayor = commune("Fleurus", "52022", "2026-12-08");
    answer_all(&mut mayor, level(5));
    mayor.profile.respondent_name = "Marie Dubois".into();
    mayor.profile.respondent_role = "Bourgmestre".into();
    for files in [
        vec![
            ("synthese.json".to_string(), file_of(&synthesis)),
            ("maire.json".to_string(), file_of(&mayor)),
        ],
        vec![
            ("maire.json".to_string(), file_of(&mayor)),
            ("synthese.json".to_string(), file_of(&synthesis)),
        ],
    ] {
        let t = territory::load(framework(), &files, NOW, TODAY);
        assert_eq!(t.communes.len(), 1);
        assert_eq!(t.communes[0].file, "synthese.json");
        assert_eq!(t.communes[0].scores[0], Some(25));
        assert_eq!(t.superseded[0].file, "maire.json");
        assert_eq!(t.superseded[0].reason, SupersededReason::CountedInSynthesis);
        assert_eq!(t.superseded[0].synthesis.as_deref(), Some("synthese.json"));
    }
    // Three files: the synthesis (05/12), the mayor's own (08/12), and someone the synthesis
    // does not count (06/12). The mayor's is set aside for the synthesis; so is the third,
    // one more person's answers of the same round, named as such: one person's later file
    // does not replace the group's position (an analyst's walk saw it do so). The same
    // whatever the order they come in.
    let mut other = commune("Fleurus", "52022", "2026-12-06");
    answer_all(&mut other, level(4));
    other.profile.respondent_name = "Anne Petit".into();
    let three = [
        ("synthese.json", file_of(&synthesis)),
        ("maire.json", file_of(&mayor)),
        ("autre.json", file_of(&other)),
    ];
    for order in [
        [0, 1, 2],
        [0, 2, 1],
        [1, 0, 2],
        [1, 2, 0],
        [2, 0, 1],
        [2, 1, 0],
    ] {
        let files: Vec<(String, Vec<u8>)> = order
            .iter()
            .map(|&i| (three[i].0.to_string(), three[i].1.clone()))
            .collect();
        let t = territory::load(framework(), &files, NOW, TODAY);
        assert_eq!(t.communes.len(), 1);
        assert_eq!(t.communes[0].file, "synthese.json", "{order:?}");
        assert_eq!(t.communes[0].other_respondents, 1, "{order:?}");
        let reason = |file: &str| {
            let entry = t.superseded.iter().find(|s| s.file == file).unwrap();
            assert_eq!(entry.used, "synthese.json", "{order:?}");
            (entry.reason, entry.synthesis.clone())
        };
        assert_eq!(
            reason("maire.json"),
            (
                SupersededReason::CountedInSynthesis,
                Some("synthese.json".to_string())
            ),
            "{order:?}"
        );
        assert_eq!(
            reason("autre.json"),
            (SupersededReason::OtherRespondent, None)
        );
        let entry = t
            .superseded
            .iter()
            .find(|s| s.file == "autre.json")
            .unwrap();
        let (theirs, used) = entry.respondents.clone().unwrap();
        assert_eq!(theirs, "Anne Petit");
        assert!(used.contains("synthèse"), "{used}");
    }
    // A participant is one person whatever role they typed each time: the walk's
    // « Informaticienne » who had been « Responsable informatique » in the workshop.
    let mut dg = commune("Fleurus", "52022", "2026-12-09");
    dg.profile.respondent_name = "paul lambert".into();
    dg.profile.respondent_role = "Directeur général".into();
    let files = vec![
        ("synthese.json".to_string(), file_of(&synthesis)),
        ("dg.json".to_string(), file_of(&dg)),
    ];
    let t = territory::load(framework(), &files, NOW, TODAY);
    assert_eq!(t.communes[0].file, "synthese.json");
    assert_eq!(t.superseded[0].reason, SupersededReason::CountedInSynthesis);
    // A role with parentheses of its own is still the same person.
    let mut acting = synthesis.clone();
    acting.profile.participants[1] = "Paul Lambert (Directeur général (f.f.))".into();
    dg.profile.respondent_name = "Paul Lambert".into();
    let files = vec![
        ("synthese.json".to_string(), file_of(&acting)),
        ("dg.json".to_string(), file_of(&dg)),
    ];
    assert_eq!(
        territory::load(framework(), &files, NOW, TODAY).communes[0].file,
        "synthese.json"
    );
    // Without a name, a role alone is nobody in particular: the synthesis does not count
    // that file, which is one more view of the same round, and the synthesis stays in use.
    dg.profile.respondent_name = " ".into();
    dg.profile.respondent_role = "Échevine".into();
    let files = vec![
        ("synthese.json".to_string(), file_of(&synthesis)),
        ("echevine.json".to_string(), file_of(&dg)),
    ];
    let t = territory::load(framework(), &files, NOW, TODAY);
    assert_eq!(t.communes[0].file, "synthese.json");
    assert_eq!(t.superseded[0].reason, SupersededReason::OtherRespondent);
    // Someone the synthesis does not count, later in the same round: the same.
    mayor.profile.respondent_name = "Anne Petit".into();
    let files = vec![
        ("synthese.json".to_string(), file_of(&synthesis)),
        ("dg.json".to_string(), file_of(&mayor)),
    ];
    let t = territory::load(framework(), &files, NOW, TODAY);
    assert_eq!(t.communes[0].file, "synthese.json");
    assert_eq!(t.superseded[0].reason, SupersededReason::OtherRespondent);
}

#[test]
fn a_commune_is_known_by_its_name_whatever_its_optional_nis_code_says() {
    // One year with the code, one without: still one commune, the newer file in use.
    let with_code = commune("Thuin", "56078", "2025-06-12");
    let without_code = commune("Thuin", "", "2026-06-12");
    // A code typed wrong (Fleurus's on Gerpinnes's file) hides neither commune.
    let fleurus = commune("Fleurus", "52021", "2026-03-01");
    let gerpinnes = commune("Gerpinnes", "52021", "2026-04-01");
    let files = vec![
        ("thuin-2025.json".to_string(), file_of(&with_code)),
        ("thuin-2026.json".to_string(), file_of(&without_code)),
        ("fleurus.json".to_string(), file_of(&fleurus)),
        ("gerpinnes.json".to_string(), file_of(&gerpinnes)),
    ];
    let t = territory::load(framework(), &files, NOW, TODAY);
    let names: Vec<&str> = t.communes.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Fleurus", "Gerpinnes", "Thuin"]);
    assert_eq!(t.communes[2].file, "thuin-2026.json");
    // The newer file had no code: the older one's is kept for the exports.
    assert_eq!(t.communes[2].assessment.profile.nis_code, "56078");
    assert_eq!(t.superseded.len(), 1);
    assert_eq!(t.superseded[0].file, "thuin-2025.json");
}

/// The territory's CSV with pillar ids for names and one-letter headers, in French, on
/// 1 June 2026: for tests that read its rows.
fn plain_csv(t: &territory::Territory) -> String {
    plain_csv_in(t, &t.row_order(SortBy::Name, false))
}

/// [`plain_csv`] with its rows in `order`.
fn plain_csv_in(t: &territory::Territory, order: &[usize]) -> String {
    let names: Vec<String> = framework().pillars.iter().map(|p| p.id.clone()).collect();
    let headers = [
        "C",
        "N",
        "H",
        "D",
        "F",
        "R",
        "Q",
        "L",
        "T",
        "P",
        "À confirmer",
        "V",
        "Ancienne",
    ];
    t.csv(
        framework(),
        &names,
        &headers,
        &POPULATION_NAMES,
        &CsvMarks {
            old: "oui",
            to_confirm: "à confirmer",
            future: "date dans le futur",
            today: "2026-06-01",
            lang: "fr",
        },
        order,
    )
}

/// Summary files of communes given as (file, commune, NIS code, date).
fn files_of(communes: &[(&str, &str, &str, &str)]) -> Vec<(String, Vec<u8>)> {
    communes
        .iter()
        .map(|(file, name, nis, date)| (file.to_string(), file_of(&commune(name, nis, date))))
        .collect()
}

#[test]
fn a_commune_is_one_commune_whether_or_not_its_name_says_ville_or_commune_de() {
    let files = files_of(&[
        ("chatelet.json", "Châtelet", "52012", "2026-01-10"),
        ("ville.json", "Ville de Châtelet", "52012", "2026-02-10"),
        ("aiseau.json", "Commune d'Aiseau-Presles", "", "2026-01-10"),
        ("aiseau-2.json", "AISEAU-PRESLES", "", "2026-03-10"),
        (
            "lobbes.json",
            "Administration communale de Lobbes",
            "",
            "2026-01-10",
        ),
        ("lobbes-2.json", "Lobbes", "", "2026-03-10"),
        // A commune whose own name starts with « Ville » stays itself.
        ("villers.json", "Villers-la-Ville", "", "2026-01-10"),
        // « de Les » is written « des ».
        (
            "bons-villers.json",
            "Commune des Bons Villers",
            "",
            "2026-01-10",
        ),
        ("bons-villers-2.json", "Les Bons Villers", "", "2026-03-10"),
    ]);
    let t = territory::load(framework(), &files, NOW, TODAY);
    let used: Vec<&str> = t.communes.iter().map(|c| c.file.as_str()).collect();
    assert_eq!(
        used,
        [
            "aiseau-2.json",
            "ville.json",
            "bons-villers-2.json",
            "lobbes-2.json",
            "villers.json"
        ]
    );
    assert_eq!(t.superseded.len(), 4);
    // Each is named as the territory's list writes it, whatever its file typed; a name the
    // list does not hold stays as typed.
    let names: Vec<&str> = t.communes.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Aiseau-Presles",
            "Châtelet",
            "Les Bons Villers",
            "Lobbes",
            "Villers-la-Ville"
        ]
    );
    let unaccented = files_of(&[("c.json", "Ville de Chatelet", "52012", "2026-01-10")]);
    assert_eq!(
        territory::load(framework(), &unaccented, NOW, TODAY).communes[0].name,
        "Châtelet"
    );
    let elsewhere = files_of(&[("n.json", "Commune de Namur", "", "2026-01-10")]);
    assert_eq!(
        territory::load(framework(), &elsewhere, NOW, TODAY).communes[0].name,
        "Commune de Namur"
    );
}

#[test]
fn a_summary_saved_again_by_notepad_as_utf16_or_ansi_still_loads() {
    let mut a = commune("Châtelet", "52012", "2026-01-10");
    a.profile.respondent_name = "Hélène Œuvray".into();
    let text = String::from_utf8(file_of(&a)).unwrap();
    let mut utf16_le = vec![0xFF, 0xFE];
    utf16_le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut utf16_be = vec![0xFE, 0xFF];
    utf16_be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    // Windows-1252: « œ » is 0x9C, the other letters as in Latin-1.
    let ansi: Vec<u8> = text
        .chars()
        .map(|c| match c {
            'Œ' => 0x8C,
            'œ' => 0x9C,
            '«' | '»' | 'é' | 'è' | 'â' | 'ê' | 'É' | 'ç' | 'à' | 'ô' | 'î' | 'û' => {
                c as u32 as u8
            }
            c if c.is_ascii() => c as u8,
            _ => b'?',
        })
        .collect();
    for (name, bytes) in [
        ("le.json", utf16_le),
        ("be.json", utf16_be),
        ("ansi.json", ansi),
    ] {
        let t = territory::load(framework(), &[(name.to_string(), bytes)], NOW, TODAY);
        assert!(t.rejected.is_empty(), "{name}: {:?}", t.rejected);
        assert_eq!(t.communes[0].name, "Châtelet", "{name}");
        assert_eq!(
            t.communes[0].assessment.profile.respondent_name, "Hélène Œuvray",
            "{name}"
        );
    }
    // Cut inside a character, a UTF-8 file still reads as cut, not as Windows-1252.
    let cut = text.find("Hélène").unwrap() + 2;
    let t = territory::load(
        framework(),
        &[("cut.json".to_string(), text.as_bytes()[..cut].to_vec())],
        NOW,
        TODAY,
    );
    assert!(
        matches!(t.rejected[0].error, summary::ImportError::Truncated { .. }),
        "{:?}",
        t.rejected
    );
}

#[test]
fn a_date_typed_by_hand_is_read_as_a_day_and_any_other_text_gives_way_to_the_save() {
    // « 14/11/2026 » compared as text would be older than « 2025-01-10 ».
    let typed = commune("Beaumont", "", "14/11/2026");
    let older = commune("Beaumont", "", "2025-01-10");
    let files = vec![
        ("beaumont-typed.json".to_string(), file_of(&typed)),
        ("beaumont-2025.json".to_string(), file_of(&older)),
    ];
    let t = territory::load(framework(), &files, NOW, TODAY);
    assert_eq!(t.communes[0].file, "beaumont-typed.json");
    assert_eq!(t.communes[0].assessment.profile.date, "2026-11-14");
    assert_eq!(t.superseded[0].reason, SupersededReason::OlderDate);
    for (typed, read) in [
        ("1.2.2026", "2026-02-01"),
        ("01-02-2026", "2026-02-01"),
        // Not a day: the day the file was saved, not the day it is read.
        ("31/02/2026", "2026-10-03"),
        ("hier", "2026-10-03"),
        ("", ""),
    ] {
        let saved = summary::export(
            framework(),
            &commune("Beaumont", "", typed),
            "2026-10-03T09:00:00Z",
        );
        let file = summary::to_json(&saved).into_bytes();
        let t = territory::load(framework(), &[("b.json".to_string(), file)], NOW, TODAY);
        assert_eq!(t.communes[0].assessment.profile.date, read, "{typed}");
    }
}

#[test]
fn a_summary_without_a_commune_name_is_known_by_its_code_or_else_by_its_file() {
    let files = files_of(&[
        ("a.json", "", "56078", "2026-01-10"),
        ("b.json", "", "52021", "2026-01-11"),
        ("c.json", "", "", "2026-01-12"),
        ("d.json", " ", "", "2026-01-13"),
    ]);
    let t = territory::load(framework(), &files, NOW, TODAY);
    assert!(t.rejected.is_empty(), "{:?}", t.rejected);
    assert!(
        t.superseded.is_empty(),
        "no file hides another: {:?}",
        t.superseded
    );
    assert_eq!(t.communes.len(), 4);
    // Never a blank row: a commune without a name goes by its file's.
    let mut names: Vec<&str> = t.communes.iter().map(|c| c.name.as_str()).collect();
    autodiag_core::sort::sort(&mut names);
    assert_eq!(names, ["a.json", "b.json", "c.json", "d.json"]);
}

/// Summaries of communes answering 3 everywhere but 1 in gouvernance, with no digital staff,
/// in the order given.
fn behind_in_gouvernance(names: &[&str]) -> Vec<(String, Vec<u8>)> {
    names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let mut a = commune(name, &format!("5600{i}"), "2026-01-01");
            answer_all(&mut a, level(3));
            answer_pillar(&mut a, "gouvernance", level(1));
            a.profile.digital_staff_fte = Some(0.0);
            (format!("{name}.json"), file_of(&a))
        })
        .collect()
}

#[test]
fn a_pooling_candidate_lists_its_communes_in_alphabetical_order() {
    let files = behind_in_gouvernance(&["Couvin", "Anderlues", "Chimay", "Beaumont"]);
    let t = territory::load(framework(), &files, NOW, TODAY);
    let candidates = t.pooling_candidates(framework(), 2);
    assert!(!candidates.is_empty());
    for candidate in &candidates {
        assert!(
            candidate.communes.windows(2).all(|w| w[0] < w[1]),
            "{}: {:?}",
            candidate.action_id,
            candidate.communes
        );
    }
    assert!(candidates.iter().any(|c| c.communes.len() == 4));
}

#[test]
fn asking_igretec_for_its_accompaniment_is_no_action_to_pool() {
    let files: Vec<(String, Vec<u8>)> = ["Anderlues", "Beaumont", "Chimay"]
        .iter()
        .map(|name| {
            let mut a = commune(name, "", "2026-01-01");
            answer_pillar(&mut a, "gouvernance", level(1));
            a.profile.digital_strategy = Some(autodiag_core::domain::profile::StrategyStatus::None);
            (format!("{name}.json"), file_of(&a))
        })
        .collect();
    let t = territory::load(framework(), &files, NOW, TODAY);
    let accompaniment = autodiag_core::domain::roadmap::STRATEGY_ACCOMPANIMENT;
    // Each commune without a strategy has it on its roadmap: it reached IGRETEC that way.
    assert!(
        t.communes
            .iter()
            .all(|c| c.actions.iter().any(|a| a == accompaniment))
    );
    let candidates = t.pooling_candidates(framework(), 2);
    assert!(!candidates.is_empty());
    assert!(!candidates.iter().any(|c| c.action_id == accompaniment));
}

#[test]
fn priorities_and_pooling_candidates_count_communes() {
    let files = behind_in_gouvernance(&["Anderlues", "Beaumont", "Chimay", "Couvin"]);
    let t = territory::load(framework(), &files, NOW, TODAY);
    let priorities = t.common_priorities(framework());
    assert_eq!(priorities[0].1, 4);
    assert!(priorities.contains(&("gouvernance".to_string(), 4)));
    assert!(priorities.windows(2).all(|w| w[0].1 >= w[1].1));
    let candidates = t.pooling_candidates(framework(), 3);
    let referent = candidates
        .iter()
        .find(|c| c.action_id == "gou_referent_designer")
        .unwrap();
    assert_eq!(
        referent.communes,
        vec!["Anderlues", "Beaumont", "Chimay", "Couvin"]
    );
    // Each commune's level on the action's question comes with its name.
    let question = &framework()
        .action("gou_referent_designer")
        .unwrap()
        .questions[0];
    let expected: Vec<Option<u8>> = referent
        .communes
        .iter()
        .map(|name| {
            let commune = t.communes.iter().find(|c| &c.name == name).unwrap();
            territory::level_of(commune, question)
        })
        .collect();
    assert_eq!(referent.levels, expected);
    assert!(referent.levels.iter().all(Option::is_some), "{expected:?}");
    assert!(t.pooling_candidates(framework(), 5).is_empty());
    // Most shared first, as « l'intérêt se lit au nombre de communes » says; among equals,
    // by pillar in framework order.
    let order: Vec<(std::cmp::Reverse<usize>, usize)> = candidates
        .iter()
        .map(|c| {
            let pillar = framework()
                .pillars
                .iter()
                .position(|p| p.id == c.pillar_id)
                .unwrap();
            (std::cmp::Reverse(c.communes.len()), pillar)
        })
        .collect();
    assert!(order.windows(2).all(|w| w[0] <= w[1]), "{order:?}");
    // The same list for a spreadsheet: one row per candidate, in the screen's order.
    let csv = t.pooling_csv(
        framework(),
        3,
        (
            &|id: &str| format!("Action {id}"),
            &|id: &str| format!("Pilier {id}"),
            &|name: &str| format!("{name}*"),
            &|level: Option<u8>| level.map_or("sans niveau".to_string(), |l| format!("niveau {l}")),
        ),
        "oui",
        &["A", "P", "M", "N", "C"],
    );
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(lines[0], "A;P;M;N;C");
    assert_eq!(lines.len(), candidates.len() + 2, "{csv}");
    // As the screen lists them: those worth pooling between communes first.
    let (pooled, others): (Vec<_>, Vec<_>) = candidates.iter().partition(|c| c.pooled);
    assert!(!pooled.is_empty() && !others.is_empty(), "{candidates:?}");
    let screen_order: Vec<_> = pooled.into_iter().chain(others).collect();
    for (line, candidate) in lines[1..].iter().zip(screen_order) {
        let cells: Vec<&str> = line.split(';').collect();
        assert_eq!(cells[0], format!("Action {}", candidate.action_id));
        assert_eq!(cells[1], format!("Pilier {}", candidate.pillar_id));
        assert_eq!(cells[2], if candidate.pooled { "oui" } else { "" });
        assert_eq!(cells[3], candidate.communes.len().to_string());
        // Each name as the screen words it (an old file's is marked), with its level.
        let worded: Vec<String> = candidate
            .communes
            .iter()
            .zip(&candidate.levels)
            .map(|(c, l)| match l {
                Some(l) => format!("{c}* (niveau {l})"),
                None => format!("{c}* (sans niveau)"),
            })
            .collect();
        assert_eq!(cells[4], worded.join(", "));
    }
    assert!(csv.contains("Action gou_referent_designer;Pilier gouvernance;"));
}

#[test]
fn pooling_lists_the_most_shared_actions_first_whatever_their_pillar() {
    // All four are behind on governance; only two on mobility, the first pillar.
    let files: Vec<(String, Vec<u8>)> = ["Anderlues", "Beaumont", "Chimay", "Couvin"]
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let mut a = commune(name, &format!("5600{i}"), "2026-01-01");
            answer_all(&mut a, level(5));
            answer_pillar(&mut a, "gouvernance", level(1));
            if i < 2 {
                answer_pillar(&mut a, "mobilite", level(1));
            }
            (format!("{name}.json"), file_of(&a))
        })
        .collect();
    let t = territory::load(framework(), &files, NOW, TODAY);
    let candidates = t.pooling_candidates(framework(), 2);
    let shared_by_two_in_mobility = candidates
        .iter()
        .position(|c| c.pillar_id == "mobilite" && c.communes.len() == 2)
        .expect("two communes share a mobility action");
    let shared_by_four_in_governance = candidates
        .iter()
        .position(|c| c.pillar_id == "gouvernance" && c.communes.len() == 4)
        .expect("four communes share a governance action");
    assert!(
        shared_by_four_in_governance < shared_by_two_in_mobility,
        "{candidates:?}"
    );
    assert!(
        candidates
            .windows(2)
            .all(|w| w[0].communes.len() >= w[1].communes.len())
    );
}

#[test]
fn an_action_a_commune_has_done_no_longer_counts_it_for_pooling() {
    // A reviewer marked « Fait » on an action and still found the commune among those to
    // pool it with.
    let mut files = behind_in_gouvernance(&["Anderlues", "Beaumont", "Chimay", "Couvin"]);
    // Chimay as `behind_in_gouvernance` wrote it, with its roadmap.
    let mut chimay = commune("Chimay", "56002", "2026-01-01");
    answer_all(&mut chimay, level(3));
    answer_pillar(&mut chimay, "gouvernance", level(1));
    chimay.profile.digital_staff_fte = Some(0.0);
    let scores = scoring::score_all(framework(), &chimay);
    let mut roadmap = roadmap::draft(framework(), &chimay, &scores);
    let done = roadmap
        .items
        .iter_mut()
        .find(|item| item.id == "gou_referent_designer")
        .expect("drafted for a commune behind in gouvernance");
    done.status = ItemStatus::Done;
    chimay.roadmap = Some(roadmap);
    files[2].1 = file_of(&chimay);
    let t = territory::load(framework(), &files, NOW, TODAY);
    let referent = t
        .pooling_candidates(framework(), 3)
        .into_iter()
        .find(|c| c.action_id == "gou_referent_designer")
        .unwrap();
    assert_eq!(referent.communes, vec!["Anderlues", "Beaumont", "Couvin"]);
}

/// Lobbes is ahead on the data inventory; Thuin and Beaumont are behind and made
/// gouvernance a focus; Chimay is behind but focuses elsewhere.
fn matching_case() -> territory::Territory {
    let mut files = Vec::new();
    let mut lobbes = commune("Lobbes", "56044", "2026-01-01");
    answer_all(&mut lobbes, level(3));
    lobbes.set_choice("gou_documents_donnees", Some(level(4)), NOW);
    lobbes.set_note(
        "gou_documents_donnees",
        "Inventaire tenu par la DG dans un tableur partagé",
        NOW,
    );
    files.push(("lobbes.json".into(), file_of(&lobbes)));
    for (name, nis) in [("Thuin", "56078"), ("Beaumont", "56005")] {
        let mut a = commune(name, nis, "2026-01-01");
        answer_all(&mut a, level(4));
        answer_pillar(&mut a, "gouvernance", level(1));
        a.set_importance("gouvernance", Importance::High, NOW);
        files.push((format!("{name}.json"), file_of(&a)));
    }
    let mut chimay = commune("Chimay", "56016", "2026-01-01");
    answer_all(&mut chimay, level(1));
    chimay.set_choice("gou_documents_donnees", Some(level(1)), NOW);
    answer_pillar(&mut chimay, "gouvernance", level(4));
    chimay.set_choice("gou_documents_donnees", Some(level(1)), NOW);
    chimay.set_choice("gou_pilotage", Some(Choice::Unknown), NOW);
    files.push(("chimay.json".into(), file_of(&chimay)));
    territory::load(framework(), &files, NOW, TODAY)
}

#[test]
fn the_constructed_match_is_found_with_notes() {
    let t = matching_case();
    let matches = matching::find(framework(), &t, Thresholds::default());
    let inventory = matches
        .iter()
        .find(|m| m.question_id == "gou_documents_donnees" && m.ahead.commune == "Lobbes")
        .expect("Lobbes can help on the data inventory");
    let behind: Vec<&str> = inventory
        .behind
        .iter()
        .map(|p| p.commune.as_str())
        .collect();
    assert_eq!(behind, ["Beaumont", "Thuin"]);
    assert_eq!(inventory.ahead.level, 4);
    assert_eq!(
        inventory.ahead.note,
        "Inventaire tenu par la DG dans un tableur partagé"
    );
    assert!(
        inventory.behind.iter().all(|p| p.note.is_empty()),
        "no invented notes"
    );
    // Chimay is behind on the inventory but did not make gouvernance a focus.
    assert!(matches.iter().all(|m| m.behind.iter().all(|p| p.commune != "Chimay") || m.pillar_id != "gouvernance"));
}

#[test]
fn matching_rules_hold() {
    let t = matching_case();
    let matches = matching::find(framework(), &t, Thresholds::default());
    for m in &matches {
        assert!(
            m.behind.iter().all(|p| p.commune != m.ahead.commune),
            "never matched with itself"
        );
        assert!(m.ahead.level >= 4);
        assert!(m.behind.iter().all(|p| p.level <= 2));
        // Unknown and not applicable never match: Chimay's unknown on gou_pilotage.
        assert!(!(m.question_id == "gou_pilotage" && m.ahead.commune == "Chimay"));
    }
    // Deterministic.
    assert_eq!(
        matches,
        matching::find(framework(), &t, Thresholds::default())
    );
    // Sorted by benefit.
    assert!(matches.windows(2).all(|w| w[0].benefit >= w[1].benefit));
    // Thresholds are adjustable: demanding level 5 to help leaves no match here.
    assert!(
        matching::find(
            framework(),
            &t,
            Thresholds {
                ahead_from: 5,
                behind_up_to: 2
            }
        )
        .is_empty()
    );
    let looser = matching::find(
        framework(),
        &t,
        Thresholds {
            ahead_from: 3,
            behind_up_to: 2,
        },
    );
    assert!(looser.len() > matches.len());
    let (learn, help) = matching::for_commune(&matches, "Thuin");
    assert!(!learn.is_empty() && help.iter().all(|m| m.ahead.commune == "Thuin"));
}

#[test]
fn one_communes_lessons_list_each_question_once_with_everyone_ahead() {
    let t = matching_case();
    let matches = matching::find(framework(), &t, Thresholds::default());
    let lessons = matching::lessons_for(&matches, "Thuin");
    let (learn, _) = matching::for_commune(&matches, "Thuin");
    let mut questions: Vec<&str> = lessons.iter().map(|l| l.question_id).collect();
    assert_eq!(questions.len(), lessons.len());
    autodiag_core::sort::sort(&mut questions);
    questions.dedup();
    assert_eq!(questions.len(), lessons.len(), "each question once");
    // Every match where Thuin learns is in exactly one lesson, in the matches' order.
    assert_eq!(
        lessons.iter().map(|l| l.teachers.len()).sum::<usize>(),
        learn.len()
    );
    for lesson in &lessons {
        let expected: Vec<&str> = learn
            .iter()
            .filter(|m| m.question_id == lesson.question_id)
            .map(|m| m.ahead.commune.as_str())
            .collect();
        let teachers: Vec<&str> = lesson.teachers.iter().map(|p| p.commune.as_str()).collect();
        assert_eq!(teachers, expected);
        assert!(teachers.iter().all(|c| *c != "Thuin"));
        assert!(lesson.level <= 2);
    }
    let inventory = lessons
        .iter()
        .find(|l| l.question_id == "gou_documents_donnees")
        .expect("Thuin can learn about the data inventory");
    assert_eq!(inventory.level, 1);
    assert!(inventory.teachers.iter().any(|p| p.commune == "Lobbes"));
    assert!(matching::lessons_for(&matches, "Nulle-part").is_empty());
}

#[test]
fn a_commune_under_two_files_is_never_matched_with_itself() {
    let mut files = Vec::new();
    let mut ahead = commune("Fleurus", "52022", "2026-01-01");
    answer_all(&mut ahead, level(5));
    let mut behind = commune("Fleurus", "52022", "2025-01-01");
    answer_all(&mut behind, level(1));
    files.push(("a.json".into(), file_of(&ahead)));
    files.push(("b.json".into(), file_of(&behind)));
    let t = territory::load(framework(), &files, NOW, TODAY);
    assert!(matching::find(framework(), &t, Thresholds::default()).is_empty());
}

#[test]
fn respondents_are_compared_and_consolidated_with_the_median() {
    let mut mayor = commune("Walcourt", "93088", "2026-02-01");
    mayor.profile.respondent_name = "Bourgmestre".into();
    let mut dg = mayor.clone();
    dg.profile.respondent_name = "Directeur général".into();
    let mut it = mayor.clone();
    it.profile.respondent_name = "Informaticien".into();
    mayor.set_choice("gou_documents_donnees", Some(level(4)), NOW);
    dg.set_choice("gou_documents_donnees", Some(level(2)), NOW);
    it.set_choice("gou_documents_donnees", Some(level(1)), NOW);
    mayor.set_choice("mob_pcm", Some(level(3)), NOW);
    dg.set_choice("mob_pcm", Some(level(3)), NOW);
    it.set_choice("mob_pcm", Some(Choice::Unknown), NOW);
    it.set_note(
        "gou_documents_donnees",
        "Aucun inventaire à ma connaissance",
        NOW,
    );
    let respondents = vec![mayor, dg, it];
    let spreads = consolidation::compare(framework(), &respondents);
    let data = spreads
        .iter()
        .find(|s| s.question_id == "gou_documents_donnees")
        .unwrap();
    assert_eq!(data.spread, Some(3));
    assert!(data.disagrees());
    assert_eq!(data.proposed, Some(level(2)));
    let pcm = spreads.iter().find(|s| s.question_id == "mob_pcm").unwrap();
    assert!(!pcm.disagrees());
    assert_eq!(pcm.proposed, Some(level(3)));
    assert_eq!(consolidation::median_level(&[2, 3]), Some(2));

    let chosen: LiteMap<String, Option<Choice>> = spreads
        .iter()
        .map(|s| (s.question_id.clone(), s.proposed))
        .collect();
    let merged = consolidation::consolidate(
        framework(),
        &respondents,
        &chosen,
        "new".into(),
        "Consolidation".into(),
        WORKSHOP_DAY,
        NOW,
    );
    assert_eq!(merged.choice("gou_documents_donnees"), Some(level(2)));
    assert_eq!(
        merged.note("gou_documents_donnees"),
        "Informaticien : Aucun inventaire à ma connaissance"
    );
    assert_eq!(merged.profile.commune, "Walcourt");
}

#[test]
fn a_legal_duty_one_respondent_says_is_unmet_is_proposed_at_that_answer_not_the_median() {
    // Data protection answered 4, 2 (under its legal minimum of 3) and 4: the median would
    // have the joint assessment report the duty met unless the group changed it.
    let answers = [4, 2, 4].map(|n| {
        let mut a = commune("Walcourt", "93088", "2026-02-01");
        a.set_choice("gou_donnees_personnelles", Some(level(n)), NOW);
        a.set_choice("gou_documents_donnees", Some(level(n)), NOW);
        a
    });
    let spreads = consolidation::compare(framework(), &answers);
    let spread = |id: &str| spreads.iter().find(|s| s.question_id == id).unwrap();
    let duty = spread("gou_donnees_personnelles");
    assert!(duty.unmet_duty);
    assert_eq!(duty.proposed, Some(level(2)));
    // A question with no legal minimum keeps the median.
    let other = spread("gou_documents_donnees");
    assert!(!other.unmet_duty);
    assert_eq!(other.proposed, Some(level(4)));
    // Data protection alone, answered at `levels` by three respondents.
    let data_protection = |levels: [u8; 3]| {
        let respondents = levels.map(|n| {
            let mut a = commune("Walcourt", "93088", "2026-02-01");
            a.set_choice("gou_donnees_personnelles", Some(level(n)), NOW);
            a
        });
        consolidation::compare(framework(), &respondents)
            .into_iter()
            .find(|s| s.question_id == "gou_donnees_personnelles")
            .unwrap()
    };
    // Everyone at or over the minimum: the median again.
    let met = data_protection([4, 3, 5]);
    assert!(!met.unmet_duty);
    assert_eq!(met.proposed, Some(level(4)));
    // One level apart is no disagreement, but a duty some say is met and others not is
    // discussed all the same.
    let close = data_protection([3, 2, 3]);
    assert!(!close.disagrees() && close.unmet_duty && close.to_discuss());
}

#[test]
fn before_and_after_deltas() {
    let mut before = commune("Philippeville", "93056", "2025-01-01");
    answer_pillar(&mut before, "mobilite", level(2));
    let mut after = before.clone();
    answer_pillar(&mut after, "mobilite", level(4));
    let pillars = compare::pillar_deltas(framework(), &before, &after);
    assert_eq!(pillars[0].delta, Some(50));
    assert_eq!(pillars[1].delta, None);
    assert!(pillars.iter().all(|p| p.one_sided == 0));
    let questions = compare::question_deltas(framework(), &before, &after);
    assert!(
        questions
            .iter()
            .filter(|q| q.pillar_id == "mobilite")
            .all(|q| q.delta == Some(2))
    );
}

#[test]
fn csv_escapes_separators_quotes_newlines_and_formulas() {
    let mut c = csv::Csv::new();
    c.row([
        "a;b",
        "dit \"oui\"",
        "ligne\nsuivante",
        "=HYPERLINK(\"x\")",
        "simple",
    ]);
    let text = c.finish();
    assert!(text.starts_with('\u{feff}'));
    assert_eq!(
        text.trim_start_matches('\u{feff}'),
        "\"a;b\";\"dit \"\"oui\"\"\";\"ligne\nsuivante\";\"'=HYPERLINK(\"\"x\"\")\";simple\r\n"
    );
}

#[test]
fn the_answers_csv_has_one_row_per_question() {
    let mut a = assessment("Châtelet");
    answer_pillar(&mut a, "mobilite", level(3));
    a.set_note("mob_pcm", "Approuvé en 2021", NOW);
    a.set_choice("mob_donnees", Some(Choice::Unknown), NOW);
    a.set_choice("mob_partagee", Some(Choice::NotApplicable), NOW);
    a.set_choice("gou_donnees_personnelles", Some(level(2)), NOW);
    a.set_choice("ene_eclairage", Some(level(2)), NOW);
    a.set_choice(
        "gou_donnees_ouvertes_odwb",
        Some(level(
            framework()
                .legal_minimum("gou_donnees_ouvertes_odwb")
                .unwrap(),
        )),
        NOW,
    );
    let words = csv::AnswerWords {
        headers: [
            "pillar_id",
            "pillar",
            "question_id",
            "question",
            "level",
            "level_name",
            "level_text",
            "note",
        ],
        unknown: "Je ne sais pas",
        not_applicable: "Non applicable",
        legal_levels: LegalLevelNames {
            below: "Sous le minimum légal",
            at: "Minimum légal",
        },
    };
    let text = csv::answers(
        framework(),
        autodiag_core::domain::content::texts("fr"),
        &words,
        &a,
    );
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 1 + framework().question_count());
    let line = |question: &str| {
        *lines
            .iter()
            .find(|l| l.contains(&format!(";{question};")))
            .unwrap()
    };
    let pcm = line("mob_pcm");
    assert!(pcm.contains(";3;Structuré;") && pcm.ends_with("Approuvé en 2021"));
    // The words of the interface, not the summary format's codes.
    assert!(line("mob_donnees").contains(";;Je ne sais pas;"));
    assert!(line("mob_partagee").contains(";;Non applicable;"));
    // Below a legal minimum, no maturity name.
    assert_eq!(
        framework().legal_minimum("gou_donnees_personnelles"),
        Some(3)
    );
    assert!(line("gou_donnees_personnelles").contains(";2;Sous le minimum légal;"));
    // At the minimum the commune is in compliance, not « Structuré ».
    assert!(line("gou_donnees_ouvertes_odwb").contains(";3;Minimum légal;"));
    // Châtelet's network operator is named, as its questionnaire names it.
    assert!(
        line("ene_eclairage").contains("le planning LED fournis par ORES sont connus"),
        "{}",
        line("ene_eclairage")
    );
    assert!(!text.contains("{grd}"));
}

#[test]
fn contacts_group_per_question_with_each_commune_once() {
    let t = matching_case();
    let matches = matching::find(framework(), &t, Thresholds::default());
    let rows = matching::by_question(&matches);
    let questions: Vec<&str> = rows.iter().map(|r| r.question_id).collect();
    let mut unique = questions.clone();
    autodiag_core::sort::sort(&mut unique);
    unique.dedup();
    assert_eq!(questions.len(), unique.len(), "one row per question");
    let inventory = rows
        .iter()
        .find(|r| r.question_id == "gou_documents_donnees")
        .unwrap();
    let behind: Vec<(&str, u8)> = inventory
        .behind
        .iter()
        .map(|p| (p.commune.as_str(), p.level))
        .collect();
    assert_eq!(behind, [("Beaumont", 1), ("Thuin", 1)]);
    let helpers: Vec<&str> = inventory
        .helpers
        .iter()
        .map(|p| p.commune.as_str())
        .collect();
    assert!(helpers.contains(&"Lobbes"));
    // A learner repeated once per helper in the matches appears once in the row.
    let pairs = matches
        .iter()
        .filter(|m| m.question_id == "gou_documents_donnees")
        .map(|m| m.behind.len())
        .sum::<usize>();
    assert!(pairs >= inventory.behind.len());
    assert_eq!(
        rows.iter().map(|r| r.helpers.len()).sum::<usize>(),
        matches.len(),
        "every match's helper is in its question's row"
    );
}

/// A contacts row as plain values: question, communes behind, communes that can help.
type ContactsRow = (String, Vec<(String, u8)>, Vec<(String, u8)>);

/// The contacts table's grouping as first written: each row scanned for each learner of each
/// match. `by_question` must give the same rows, only faster.
fn by_question_by_scanning(matches: &[Match]) -> Vec<ContactsRow> {
    let mut rows: Vec<ContactsRow> = Vec::new();
    for m in matches {
        let index = match rows.iter().position(|r| r.0 == m.question_id) {
            Some(index) => index,
            None => {
                rows.push((m.question_id.clone(), Vec::new(), Vec::new()));
                rows.len() - 1
            }
        };
        let (_, behind, helpers) = &mut rows[index];
        if helpers.iter().all(|h| h.0 != m.ahead.commune) {
            helpers.push((m.ahead.commune.clone(), m.ahead.level));
        }
        for learner in &m.behind {
            if behind.iter().all(|b| b.0 != learner.commune) {
                behind.push((learner.commune.clone(), learner.level));
            }
        }
    }
    for row in &mut rows {
        autodiag_core::sort::sort_by(&mut row.1, |a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    }
    rows
}

fn party(commune: usize, level: u8) -> Party {
    Party {
        commune: format!("Commune {commune}"),
        level,
        note: String::new(),
    }
}

proptest! {
    #[test]
    fn contacts_group_as_a_plain_scan_does(
        raw in proptest::collection::vec(
            (0usize..4, 0usize..12, 3u8..=5, proptest::collection::vec((0usize..12, 1u8..=3), 0..10)),
            0..60,
        )
    ) {
        let matches: Vec<Match> = raw
            .into_iter()
            .map(|(question, ahead, level, behind)| Match {
                pillar_id: "gouvernance".into(),
                question_id: format!("q{question}"),
                ahead: party(ahead, level),
                behind: behind.into_iter().map(|(c, l)| party(c, l)).collect(),
                benefit: 0.0,
            })
            .collect();
        let rows: Vec<ContactsRow> = matching::by_question(&matches)
            .into_iter()
            .map(|row| {
                let list = |parties: Vec<&Party>| {
                    parties.into_iter().map(|p| (p.commune.clone(), p.level)).collect::<Vec<_>>()
                };
                (row.question_id.to_string(), list(row.behind), list(row.helpers))
            })
            .collect();
        prop_assert_eq!(rows, by_question_by_scanning(&matches));
    }
}

#[test]
fn every_match_follows_the_definition_on_a_larger_territory() {
    // Forty communes with levels and importances spread by a fixed generator; their focus
    // pillars come from the roadmap each summary drafts.
    let mut seed = 20_260_101_u64;
    let mut next = move |n: u64| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        (seed >> 33) % n
    };
    let mut files = Vec::new();
    for i in 0..40 {
        let mut a = commune(
            &format!("Commune {i:02}"),
            &format!("{}", 50_000 + i),
            "2026-01-01",
        );
        for pillar in &framework().pillars {
            for question in &pillar.questions {
                let choice = match next(6) {
                    0 => Choice::Unknown,
                    n => level(n as u8),
                };
                a.set_choice(question, Some(choice), NOW);
            }
            let importance =
                [Importance::Low, Importance::Medium, Importance::High][next(3) as usize];
            a.set_importance(&pillar.id, importance, NOW);
        }
        files.push((format!("c{i}.json"), file_of(&a)));
    }
    let t = territory::load(framework(), &files, NOW, TODAY);
    let by_name = |name: &str| t.communes.iter().find(|c| c.name == name).unwrap();
    // The default thresholds, and the loosest, where a commune at 3 is on both sides.
    let loosest = Thresholds {
        ahead_from: 3,
        behind_up_to: 3,
    };
    for thresholds in [Thresholds::default(), loosest] {
        let matches = matching::find(framework(), &t, thresholds);
        assert!(matches.len() > 100, "{} matches", matches.len());
        for m in &matches {
            let pillar = framework()
                .pillars
                .iter()
                .find(|p| p.id == m.pillar_id)
                .unwrap();
            let helper = by_name(&m.ahead.commune);
            assert_eq!(
                territory::level_of(helper, &m.question_id),
                Some(m.ahead.level)
            );
            assert!(m.ahead.level >= thresholds.ahead_from);
            // Exactly the communes that made the pillar a focus and stand low enough, below it.
            let mut expected: Vec<(u8, &str)> = t
                .communes
                .iter()
                .filter(|c| c.key != helper.key && c.focus.contains(&pillar.id))
                .filter_map(|c| Some((territory::level_of(c, &m.question_id)?, c.name.as_str())))
                .filter(|(l, _)| *l <= thresholds.behind_up_to && *l < m.ahead.level)
                .collect();
            autodiag_core::sort::sort(&mut expected);
            let behind: Vec<(u8, &str)> = m
                .behind
                .iter()
                .map(|p| (p.level, p.commune.as_str()))
                .collect();
            assert_eq!(
                behind, expected,
                "{} helping on {}",
                m.ahead.commune, m.question_id
            );
            let benefit: f64 = m
                .behind
                .iter()
                .map(|p| {
                    let importance = by_name(&p.commune)
                        .assessment
                        .settings(&pillar.id)
                        .importance;
                    f64::from(m.ahead.level - p.level) * importance.weight()
                })
                .sum();
            assert_eq!(m.benefit, benefit);
        }
        assert!(
            matches.windows(2).all(|w| w[0].benefit >= w[1].benefit),
            "most helpful first"
        );
        // And no match is missing: every commune ahead on a question with a commune behind it.
        let mut found: Vec<(&str, &str)> = matches
            .iter()
            .map(|m| (m.question_id.as_str(), m.ahead.commune.as_str()))
            .collect();
        autodiag_core::sort::sort(&mut found);
        let mut expected: Vec<(&str, &str)> = Vec::new();
        for pillar in &framework().pillars {
            for question in &pillar.questions {
                for helper in &t.communes {
                    let Some(level) = territory::level_of(helper, question) else {
                        continue;
                    };
                    let helps = level >= thresholds.ahead_from
                        && t.communes.iter().any(|c| {
                            c.key != helper.key
                                && c.focus.contains(&pillar.id)
                                && territory::level_of(c, question)
                                    .is_some_and(|l| l <= thresholds.behind_up_to && l < level)
                        });
                    if helps {
                        expected.push((question.as_str(), helper.name.as_str()));
                    }
                }
            }
        }
        autodiag_core::sort::sort(&mut expected);
        assert_eq!(found, expected);
    }
}

#[test]
fn an_assessment_is_old_after_twelve_months() {
    assert!(!territory::older_than_12_months("2025-06-01", "2026-06-01"));
    assert!(territory::older_than_12_months("2025-05-31", "2026-06-01"));
    assert!(territory::older_than_12_months("2020-12-31", "2026-01-01"));
    assert!(!territory::older_than_12_months("2026-01-01", "2026-01-01"));
    assert!(!territory::older_than_12_months("", "2026-06-01"));
    assert!(!territory::older_than_12_months("01/06/2020", "2026-06-01"));
}

#[test]
fn completeness_counts_every_answer_against_every_question() {
    let total: usize = framework().pillars.iter().map(|p| p.questions.len()).sum();
    let mut a = commune("Lobbes", "56044", "2026-01-01");
    answer_pillar(&mut a, "mobilite", level(2));
    a.set_choice("gou_documents_donnees", Some(Choice::Unknown), NOW);
    let t = territory::load(
        framework(),
        &[("lobbes.json".into(), file_of(&a))],
        NOW,
        TODAY,
    );
    let mobility = framework()
        .pillars
        .iter()
        .find(|p| p.id == "mobilite")
        .unwrap();
    assert_eq!(
        t.communes[0].completeness(framework()),
        (mobility.questions.len() + 1, total)
    );
}

#[test]
fn priorities_name_their_communes() {
    let mut files = Vec::new();
    for (i, name) in ["Anderlues", "Beaumont", "Chimay"].iter().enumerate() {
        let mut a = commune(name, &format!("5600{i}"), "2026-01-01");
        answer_all(&mut a, level(3));
        if i < 2 {
            answer_pillar(&mut a, "gouvernance", level(1));
        }
        files.push((format!("{name}.json"), file_of(&a)));
    }
    let t = territory::load(framework(), &files, NOW, TODAY);
    let named = t.priorities_with_communes(framework());
    let governance = named.iter().find(|(p, _)| p == "gouvernance").unwrap();
    assert!(
        governance
            .1
            .starts_with(&["Anderlues".to_string(), "Beaumont".to_string()])
    );
    let counts: Vec<(String, usize)> = named.iter().map(|(p, c)| (p.clone(), c.len())).collect();
    assert_eq!(counts, t.common_priorities(framework()));
}

/// A focus pillar whose score rests on too few answers is no shared priority of its commune.
#[test]
fn a_pillar_to_confirm_counts_in_no_shared_priority() {
    let mut files = Vec::new();
    for (i, name) in ["Anderlues", "Beaumont"].iter().enumerate() {
        let mut a = commune(name, &format!("5600{i}"), "2026-01-01");
        answer_all(&mut a, level(4));
        // Beaumont answered one governance question only, at level 1.
        let governance = &framework()
            .pillars
            .iter()
            .find(|p| p.id == "gouvernance")
            .unwrap()
            .questions;
        for (q, question) in governance.iter().enumerate() {
            let choice = if i == 0 || q == 0 {
                Some(level(1))
            } else {
                None
            };
            a.set_choice(question, choice, NOW);
        }
        files.push((format!("{name}.json"), file_of(&a)));
    }
    let t = territory::load(framework(), &files, NOW, TODAY);
    assert!(
        t.communes
            .iter()
            .all(|c| c.focus.contains(&"gouvernance".to_string()))
    );
    let named = t.priorities_with_communes(framework());
    let governance = named.iter().find(|(p, _)| p == "gouvernance").unwrap();
    assert_eq!(governance.1, ["Anderlues".to_string()]);
}

#[test]
fn the_territory_csv_speaks_the_readers_language() {
    let t = matching_case();
    let names: Vec<String> = framework()
        .pillars
        .iter()
        .map(|p| format!("Nom {}", p.id))
        .collect();
    let headers = [
        "Commune",
        "Code INS",
        "Nombre d'habitants",
        "Date du diagnostic",
        "Fichier",
        "Répondant",
        "Questions répondues",
        "Obligations sous le minimum légal",
        "Obligations à vérifier",
        "Piliers prioritaires",
        "Scores à confirmer",
        "Version du référentiel",
        "Plus de 12 mois",
    ];
    let text = t.csv(
        framework(),
        &names,
        &headers,
        &POPULATION_NAMES,
        &CsvMarks {
            old: "oui",
            to_confirm: "à confirmer",
            future: "date dans le futur",
            today: "2027-06-01",
            lang: "fr",
        },
        &t.row_order(SortBy::Name, false),
    );
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert!(lines[0].starts_with(
        "Commune;Code INS;Nombre d'habitants;Date du diagnostic;Fichier;Répondant;Questions répondues;Obligations sous le minimum légal;Obligations à vérifier;Nom mobilite;"
    ));
    assert!(lines[0].ends_with(
        ";Piliers prioritaires;Scores à confirmer;Version du référentiel;Plus de 12 mois"
    ));
    let thuin = lines.iter().find(|l| l.starts_with("Thuin;")).unwrap();
    assert!(thuin.contains(";01/01/2026;"), "{thuin}");
    // Assessed on 01/01/2026: more than 12 months before 01/06/2027, answered with today's
    // référentiel; the export says both, as the screen does.
    assert!(
        thuin.ends_with(&format!(";{};oui", framework().version)),
        "{thuin}"
    );
    let recent = t.csv(
        framework(),
        &names,
        &headers,
        &POPULATION_NAMES,
        &CsvMarks {
            old: "oui",
            to_confirm: "à confirmer",
            future: "date dans le futur",
            today: "2026-06-01",
            lang: "fr",
        },
        &t.row_order(SortBy::Name, false),
    );
    let thuin = recent
        .split("\r\n")
        .find(|l| l.starts_with("Thuin;"))
        .unwrap();
    assert!(
        thuin.ends_with(&format!(";{};", framework().version)),
        "{thuin}"
    );
    let json = t
        .aggregate(
            framework(),
            Vec::new(),
            2,
            &EXPORT_TEXTS,
            ("2027-06-01T08:00:00Z", "2027-06-01"),
        )
        .to_json();
    assert!(json.contains("\"older_than_12_months\": true"), "{json}");
    assert!(json.contains(&format!(
        "\"framework_version\": \"{}\"",
        framework().version
    )));
    assert!(thuin.contains("Nom gouvernance"), "{thuin}");
    assert!(!thuin.contains(";gouvernance"), "{thuin}");
}

#[test]
fn the_contacts_csv_names_pillars_and_words_each_contact() {
    let t = matching_case();
    let matches = matching::find(framework(), &t, Thresholds::default());
    let texts = matching::CsvTexts {
        pillar_name: &|id: &str| format!("Pilier {id}"),
        question_title: &|id: &str| format!("Question {id}"),
        sentence: &|m: &matching::Match, learner: &matching::Party| {
            format!(
                "{} aide {} sur {}",
                m.ahead.commune, learner.commune, m.question_id
            )
        },
    };
    let headers = [
        "Pilier",
        "Question",
        "A",
        "B",
        "C",
        "D",
        "E",
        "Intérêt",
        "Mise en relation",
    ];
    let text = matching::csv(&matches, &texts, &headers, "fr");
    assert!(text.lines().any(|l| {
        l.starts_with("Pilier gouvernance;Question gou_documents_donnees;Lobbes;4;")
            && l.ends_with(";Lobbes aide Thuin sur gou_documents_donnees")
    }));
}

#[test]
fn before_and_after_count_the_questions_with_a_level_on_one_side_only() {
    // Answered under 2.1.0: « mob_ecoles » has become « mob_ecoles_zone30 » with its legal
    // minimum, so the earlier answer waits aside and its mobility score leaves that subject out.
    let mut before = commune("Thuin", "56078", "2025-01-01");
    answer_pillar(&mut before, "mobilite", level(2));
    answer_pillar(&mut before, "gouvernance", level(2));
    before.answers.remove("mob_ecoles_zone30");
    before.set_choice("mob_ecoles", Some(level(3)), NOW);
    before.apply_content_migrations(framework());
    let mut after = commune("Thuin", "56078", "2026-01-01");
    answer_pillar(&mut after, "mobilite", level(3));
    answer_pillar(&mut after, "gouvernance", level(3));
    // « Je ne sais pas » later: that question has a level before only.
    after.set_choice("gou_pilotage", Some(Choice::Unknown), NOW);
    // Économie answered later only: no evolution to read, so nothing to mark.
    answer_pillar(&mut after, "economie", level(3));
    let one_sided = |before: &Assessment| -> Vec<(String, usize)> {
        compare::pillar_deltas(framework(), before, &after)
            .into_iter()
            .filter(|p| p.one_sided > 0)
            .map(|p| (p.pillar_id, p.one_sided))
            .collect()
    };
    assert_eq!(
        one_sided(&before),
        [("mobilite".to_string(), 1), ("gouvernance".to_string(), 1)]
    );
    // Answered again, the school zone is compared once more; unanswered on both sides, the
    // other pillars compare nothing.
    before.set_choice("mob_ecoles_zone30", Some(level(2)), NOW);
    assert_eq!(one_sided(&before), [("gouvernance".to_string(), 1)]);
}

#[test]
fn pooling_starts_from_pairs_among_a_few_communes_and_from_groups_of_three_among_many() {
    let names: Vec<String> = (1..=10).map(|i| format!("Commune {i:02}")).collect();
    let few = territory::load(
        framework(),
        &behind_in_gouvernance(&["Couvin", "Chimay"]),
        NOW,
        TODAY,
    );
    assert_eq!(few.default_pooling_minimum(), 2);
    let nine: Vec<&str> = names[..9].iter().map(String::as_str).collect();
    let nine = territory::load(framework(), &behind_in_gouvernance(&nine), NOW, TODAY);
    assert_eq!(nine.default_pooling_minimum(), 2);
    let ten: Vec<&str> = names.iter().map(String::as_str).collect();
    let ten = territory::load(framework(), &behind_in_gouvernance(&ten), NOW, TODAY);
    assert_eq!(ten.communes.len(), 10);
    assert_eq!(ten.default_pooling_minimum(), 3);
}

const POPULATION_NAMES: [&str; 5] = [
    "Moins de 5 000",
    "5 000 à 9 999",
    "10 000 à 19 999",
    "20 000 à 49 999",
    "50 000 ou plus",
];

#[test]
fn each_population_band_is_named_in_files_as_serde_names_it() {
    for band in PopulationBand::ALL {
        assert_eq!(serde_json::to_value(band).unwrap(), band.code());
    }
}

#[test]
fn the_territory_exports_give_each_communes_population_band() {
    let mut small = commune("Lobbes", "56044", "2026-01-01");
    small.profile.population = Some(PopulationBand::From5000To10000);
    let unsaid = commune("Thuin", "56078", "2026-01-01");
    let files = vec![
        ("lobbes.json".to_string(), file_of(&small)),
        ("thuin.json".to_string(), file_of(&unsaid)),
    ];
    let t = territory::load(framework(), &files, NOW, TODAY);
    let text = plain_csv(&t);
    let row = |name: &str| {
        text.split("\r\n")
            .find(|l| l.starts_with(&format!("{name};")))
            .unwrap()
            .split(';')
            .map(String::from)
            .collect::<Vec<String>>()
    };
    assert_eq!(row("Lobbes")[2], "2. 5 000 à 9 999");
    assert_eq!(row("Thuin")[2], "");
    // Numbered, the bands sort as text in their order of size.
    let mut bands: Vec<String> = PopulationBand::ALL
        .iter()
        .map(|band| {
            let mut a = commune(&format!("C{}", band.index()), "", "2026-01-01");
            a.profile.population = Some(*band);
            let t = territory::load(framework(), &[("c.json".into(), file_of(&a))], NOW, TODAY);
            plain_csv(&t)
                .split("\r\n")
                .nth(1)
                .unwrap()
                .split(';')
                .nth(2)
                .unwrap()
                .to_string()
        })
        .collect();
    let written = bands.clone();
    autodiag_core::sort::sort(&mut bands);
    assert_eq!(bands, written);
    assert_eq!(written[2], "3. 10 000 à 19 999");
    let json = t
        .aggregate(framework(), Vec::new(), 2, &EXPORT_TEXTS, (NOW, &NOW[..10]))
        .to_json();
    assert!(json.contains("\"population\": \"5000_to_10000\""), "{json}");
    assert!(json.contains("\"population\": null"), "{json}");
}

#[test]
fn the_spreads_leave_out_scores_to_confirm() {
    let mobility = framework().pillar("mobilite").unwrap().questions.clone();
    let mut sure = commune("Anderlues", "56001", "2026-01-01");
    answer_all(&mut sure, level(3));
    // Beaumont's mobility rests on one answer, at 5: 100, to confirm.
    let mut unsure = commune("Beaumont", "56005", "2026-01-01");
    answer_all(&mut unsure, level(3));
    unsure.set_choice(&mobility[0], Some(level(5)), NOW);
    for question in &mobility[1..] {
        unsure.set_choice(question, Some(Choice::Unknown), NOW);
    }
    let files = vec![
        ("anderlues.json".to_string(), file_of(&sure)),
        ("beaumont.json".to_string(), file_of(&unsure)),
    ];
    let t = territory::load(framework(), &files, NOW, TODAY);
    let spreads = t.spreads(framework());
    let mobility_index = framework()
        .pillars
        .iter()
        .position(|p| p.id == "mobilite")
        .unwrap();
    let mobility = spreads[mobility_index].as_ref().unwrap();
    assert_eq!(mobility.count, 1);
    assert_eq!(
        (mobility.min, mobility.max, mobility.mean),
        (50.0, 50.0, 50.0)
    );
    // The other pillars, answered in full by both, count both.
    let other = spreads[(mobility_index + 1) % spreads.len()]
        .as_ref()
        .unwrap();
    assert_eq!(other.count, 2);
}

#[test]
fn the_territory_csv_leaves_duties_blank_for_a_commune_that_settled_none() {
    // Thuin does not know where it stands on any legal duty: a blank, as the heat map's « — »,
    // not a 0 that a DG reads as in order. Lobbes settled them all and is in order: 0.
    let mut thuin = commune("Thuin", "56078", "2026-01-01");
    answer_all(&mut thuin, level(3));
    let mut lobbes = commune("Lobbes", "56044", "2026-01-01");
    answer_all(&mut lobbes, level(3));
    let duties: Vec<String> = framework()
        .question_ids()
        .filter(|q| framework().legal_minimum(q).is_some())
        .cloned()
        .collect();
    assert_eq!(duties.len(), framework().legal_duty_count());
    for duty in &duties {
        thuin.set_choice(duty, Some(Choice::Unknown), NOW);
        lobbes.set_choice(duty, Some(level(5)), NOW);
    }
    let files = vec![
        ("thuin.json".to_string(), file_of(&thuin)),
        ("lobbes.json".to_string(), file_of(&lobbes)),
    ];
    let t = territory::load(framework(), &files, NOW, TODAY);
    let text = plain_csv(&t);
    let cells = |name: &str| -> Vec<String> {
        text.split("\r\n")
            .find(|l| l.starts_with(&format!("{name};")))
            .unwrap()
            .split(';')
            .skip(7)
            .take(2)
            .map(str::to_string)
            .collect()
    };
    assert_eq!(cells("Thuin"), ["".to_string(), duties.len().to_string()]);
    assert_eq!(cells("Lobbes"), ["0", "0"]);
}

#[test]
fn the_territory_csv_names_each_communes_respondent_and_counts_its_duties_below_their_minimum() {
    let mut lobbes = commune("Lobbes", "56044", "2026-01-01");
    answer_all(&mut lobbes, level(3));
    let mut beaumont = commune("Beaumont", "56005", "2026-01-01");
    answer_all(&mut beaumont, level(3));
    // Both below open data's minimum, Beaumont below the RGPD's too; an unknown is no breach.
    for a in [&mut lobbes, &mut beaumont] {
        a.set_choice("gou_donnees_ouvertes_odwb", Some(level(1)), NOW);
    }
    beaumont.set_choice("gou_donnees_personnelles", Some(level(1)), NOW);
    beaumont.set_choice("sc_accessibilite_numerique", Some(Choice::Unknown), NOW);
    lobbes.profile.respondent_name = "Marc Lambert".into();
    lobbes.profile.respondent_role = "Directeur général".into();
    // A workshop's synthesis: its label names the group; whom to call are its participants.
    let mut chimay = commune("Chimay", "56016", "2026-01-01");
    answer_all(&mut chimay, level(3));
    chimay.profile.respondent_name = "Synthèse de l'atelier".into();
    chimay.profile.consolidated_respondents = 2;
    chimay.profile.participants = vec!["Anne Dubois (DG)".into(), "Luc Martin".into()];
    let files = vec![
        ("lobbes.json".to_string(), file_of(&lobbes)),
        ("beaumont.json".to_string(), file_of(&beaumont)),
        ("chimay.json".to_string(), file_of(&chimay)),
    ];
    let t = territory::load(framework(), &files, NOW, TODAY);
    let below = |name: &str| {
        t.communes
            .iter()
            .find(|c| c.name == name)
            .unwrap()
            .duties_below
    };
    assert_eq!((below("Lobbes"), below("Beaumont")), (1, 2));
    let text = plain_csv(&t);
    let cell = |name: &str, column: usize| {
        text.split("\r\n")
            .find(|l| l.starts_with(&format!("{name};")))
            .unwrap()
            .split(';')
            .nth(column)
            .unwrap()
            .to_string()
    };
    assert_eq!(
        (cell("Lobbes", 7), cell("Beaumont", 7)),
        ("1".into(), "2".into())
    );
    // Beaumont does not know about web accessibility: not below, nor met.
    assert_eq!(
        (cell("Lobbes", 8), cell("Beaumont", 8)),
        ("0".into(), "1".into())
    );
    // And whom to call: the person named in the file.
    assert_eq!(cell("Lobbes", 5), "Marc Lambert (Directeur général)");
    assert_eq!(cell("Chimay", 5), "Anne Dubois (DG), Luc Martin");
    // The aggregate JSON says the same.
    let aggregate = t.aggregate(
        framework(),
        Vec::new(),
        2,
        &EXPORT_TEXTS,
        (NOW, "2026-12-01"),
    );
    let entry = |name: &str| {
        aggregate
            .communes
            .iter()
            .find(|c| c.commune == name)
            .unwrap()
    };
    assert_eq!(entry("Chimay").respondent, "Anne Dubois (DG), Luc Martin");
    assert_eq!(
        (entry("Lobbes").duties_below, entry("Beaumont").duties_below),
        (1, 2)
    );
    let json = aggregate.to_json();
    assert!(
        json.contains(r#""respondent": "Marc Lambert (Directeur général)""#),
        "{json}"
    );
    assert!(json.contains(r#""duties_below": 2"#), "{json}");
    assert!(
        json.contains("\"duties_below\": 2,\n      \"duties_to_check\": 1"),
        "{json}"
    );
    // Open data, below which both are, comes before the RGPD, which comes before it in the
    // questionnaire.
    let order: Vec<String> = t
        .obligation_counts(framework())
        .into_iter()
        .map(|c| c.question_id)
        .collect();
    assert_eq!(
        order[..2],
        ["gou_donnees_ouvertes_odwb", "gou_donnees_personnelles"]
    );
    // The same table for a spreadsheet, in the same order.
    let duties = t.obligations_csv(
        framework(),
        (&|id: &str| format!("Titre {id}"), &|name: &str| {
            if name == "Lobbes" {
                format!("{name} (ancienne)")
            } else {
                name.to_string()
            }
        }),
        &["O", "M", "S", "SC", "E", "V", "VC"],
    );
    let lines: Vec<&str> = duties
        .trim_start_matches('\u{feff}')
        .split("\r\n")
        .collect();
    assert_eq!(lines[0], "O;M;S;SC;E;V;VC");
    assert_eq!(
        lines[1],
        "Titre gou_donnees_ouvertes_odwb;3;2;Beaumont, Lobbes (ancienne);1;0;"
    );
    assert_eq!(lines[2], "Titre gou_donnees_personnelles;3;1;Beaumont;2;0;");
    let web = lines
        .iter()
        .find(|l| l.starts_with("Titre sc_accessibilite_numerique;"))
        .unwrap();
    assert_eq!(*web, "Titre sc_accessibilite_numerique;3;0;;2;1;Beaumont");
    let questionnaire: Vec<&String> = framework()
        .question_ids()
        .filter(|q| framework().legal_minimum(q).is_some())
        .collect();
    assert!(
        questionnaire
            .iter()
            .position(|q| *q == "gou_donnees_personnelles")
            < questionnaire
                .iter()
                .position(|q| *q == "gou_donnees_ouvertes_odwb")
    );
}

#[test]
fn a_score_resting_on_few_answers_is_marked_to_confirm_on_the_heatmap_and_in_both_exports() {
    let mobility = framework().pillar("mobilite").unwrap().questions.clone();
    let mut sure = commune("Anderlues", "56001", "2026-01-01");
    answer_all(&mut sure, level(3));
    // Most of mobility's questions are « Je ne sais pas »: its score rests on one answer.
    let mut unsure = commune("Beaumont", "56005", "2026-01-01");
    answer_all(&mut unsure, level(3));
    for question in &mobility[1..] {
        unsure.set_choice(question, Some(Choice::Unknown), NOW);
    }
    // At the default target but for mobility, on one answer: a focus, as no pillar needs work
    // for sure.
    let mut only_unsure = commune("Chimay", "56016", "2026-01-01");
    answer_all(&mut only_unsure, level(4));
    only_unsure.set_choice(&mobility[0], Some(level(1)), NOW);
    for question in &mobility[1..] {
        only_unsure.set_choice(question, Some(Choice::Unknown), NOW);
    }
    let files = vec![
        ("anderlues.json".to_string(), file_of(&sure)),
        ("beaumont.json".to_string(), file_of(&unsure)),
        ("chimay.json".to_string(), file_of(&only_unsure)),
    ];
    let t = territory::load(framework(), &files, NOW, TODAY);
    let beaumont = t.communes.iter().find(|c| c.name == "Beaumont").unwrap();
    let mobility_index = framework()
        .pillars
        .iter()
        .position(|p| p.id == "mobilite")
        .unwrap();
    assert_eq!(beaumont.scores[mobility_index], Some(50));
    assert!(beaumont.to_confirm[mobility_index]);
    assert_eq!(beaumont.to_confirm.iter().filter(|f| **f).count(), 1);
    let anderlues = t.communes.iter().find(|c| c.name == "Anderlues").unwrap();
    assert!(anderlues.to_confirm.iter().all(|f| !f));

    let text = plain_csv(&t);
    let total = framework()
        .pillars
        .iter()
        .map(|p| p.questions.len())
        .sum::<usize>();
    let row = text
        .split("\r\n")
        .find(|l| l.starts_with("Beaumont;"))
        .unwrap();
    let cells: Vec<&str> = row.split(';').collect();
    // Every question was looked at, so all count as answered; the flag says what rests on little.
    assert_eq!(cells[6], total.to_string());
    assert_eq!(cells[cells.len() - 3], "mobilite");
    // Its score is not a plain number: a spreadsheet's average leaves it out, as the screen's
    // median does, and the others stay numbers.
    assert_eq!(cells[9 + mobility_index], "50 (à confirmer)");
    assert!(
        cells[9..15]
            .iter()
            .enumerate()
            .all(|(i, cell)| i == mobility_index || cell.parse::<u8>().is_ok()),
        "{row}"
    );
    // A pillar to confirm is no priority in the CSV, as on the screen's « Priorités communes ».
    assert!(
        t.communes
            .iter()
            .any(|c| c.name == "Chimay" && c.focus == ["mobilite"]),
        "the drafted focus takes mobility"
    );
    let chimay = text
        .split("\r\n")
        .find(|l| l.starts_with("Chimay;"))
        .unwrap();
    let chimay: Vec<&str> = chimay.split(';').collect();
    assert_eq!(chimay[chimay.len() - 3], "mobilite");
    assert_eq!(chimay[chimay.len() - 4], "");
    let row = text
        .split("\r\n")
        .find(|l| l.starts_with("Anderlues;"))
        .unwrap();
    assert!(
        row.ends_with(&format!(";;{};", framework().version)),
        "{row}"
    );

    let aggregate = t.aggregate(framework(), Vec::new(), 2, &EXPORT_TEXTS, (NOW, &NOW[..10]));
    let beaumont = aggregate
        .communes
        .iter()
        .find(|c| c.commune == "Beaumont")
        .unwrap();
    assert_eq!(beaumont.scores_to_confirm, ["mobilite"]);
    assert_eq!(
        (beaumont.questions_answered, beaumont.questions),
        (total, total)
    );
    let json = aggregate.to_json();
    assert!(
        json.contains("\"scores_to_confirm\": [\n        \"mobilite\"\n      ]"),
        "{json}"
    );
}

#[test]
fn two_peoples_files_of_one_round_are_named_as_such_and_flag_the_commune() {
    // Walcourt, as an analyst's walk sent it: the DG and an échevin each answered on the same
    // day, with very different pictures. The later download is used, but the other is no
    // « earlier download »: it is another person's view, to consolidate.
    let mut dg = commune("Walcourt", "93088", "2026-11-09");
    answer_all(&mut dg, level(1));
    dg.profile.respondent_name = "Christine Jadot".into();
    dg.profile.respondent_role = "Directrice générale".into();
    let mut alderman = commune("Walcourt", "93088", "2026-11-09");
    answer_all(&mut alderman, level(4));
    alderman.profile.respondent_name = "Luc Hubert".into();
    alderman.profile.respondent_role = "Échevin".into();
    let dg_file = file_of(&dg);
    let later = summary::to_json(&summary::export(
        framework(),
        &alderman,
        "2026-12-01T10:00:00Z",
    ));
    let files = vec![
        ("walcourt-dg.json".to_string(), dg_file.clone()),
        ("walcourt-echevin.json".to_string(), later.into_bytes()),
    ];
    let t = territory::load(framework(), &files, NOW, TODAY);
    assert_eq!(t.communes.len(), 1);
    assert_eq!(t.communes[0].file, "walcourt-echevin.json");
    assert_eq!(t.communes[0].other_respondents, 1);
    assert_eq!(t.superseded.len(), 1);
    assert_eq!(t.superseded[0].reason, SupersededReason::OtherRespondent);
    assert_eq!(
        t.superseded[0].respondents,
        Some((
            "Christine Jadot (Directrice générale)".to_string(),
            "Luc Hubert (Échevin)".to_string()
        ))
    );
    let json = t
        .aggregate(
            framework(),
            Vec::new(),
            2,
            &EXPORT_TEXTS,
            (NOW, "2026-12-01"),
        )
        .to_json();
    assert!(json.contains("\"reason\": \"other_respondent\""), "{json}");
    // The same person's corrected download is still a correction, not another view.
    let mut corrected = dg.clone();
    corrected.set_choice("mob_actif", Some(level(2)), NOW);
    let files = vec![
        ("walcourt-dg.json".to_string(), dg_file),
        (
            "walcourt-dg-2.json".to_string(),
            summary::to_json(&summary::export(
                framework(),
                &corrected,
                "2026-12-01T10:00:00Z",
            ))
            .into_bytes(),
        ),
    ];
    let t = territory::load(framework(), &files, NOW, TODAY);
    assert_eq!(t.communes[0].other_respondents, 0);
    assert_eq!(t.superseded[0].reason, SupersededReason::GeneratedEarlier);
    assert_eq!(t.superseded[0].respondents, None);
}

#[test]
fn a_new_round_of_answers_replaces_a_synthesis_more_than_six_months_older() {
    // A year after the workshop, the new DG answers alone: that is the commune's new position.
    let mut synthesis = commune("Chimay", "56016", "2025-11-18");
    answer_all(&mut synthesis, level(2));
    synthesis.profile.consolidated_respondents = 3;
    synthesis.profile.respondent_name = "synthèse de 3 répondants".into();
    let mut dg = commune("Chimay", "56016", "2026-11-30");
    answer_all(&mut dg, level(3));
    dg.profile.respondent_name = "Julien Roger".into();
    let files = vec![
        ("synthese.json".to_string(), file_of(&synthesis)),
        ("dg.json".to_string(), file_of(&dg)),
    ];
    let t = territory::load(framework(), &files, NOW, TODAY);
    assert_eq!(t.communes[0].file, "dg.json");
    assert_eq!(t.communes[0].other_respondents, 0);
    assert_eq!(t.superseded[0].reason, SupersededReason::OlderDate);
    // Twelve days after the workshop, someone who was not there does not replace it.
    synthesis.profile.date = "2026-11-18".into();
    let files = vec![
        ("synthese.json".to_string(), file_of(&synthesis)),
        ("dg.json".to_string(), file_of(&dg)),
    ];
    let t = territory::load(framework(), &files, NOW, TODAY);
    assert_eq!(t.communes[0].file, "synthese.json");
    assert_eq!(t.communes[0].other_respondents, 1);
    assert_eq!(t.superseded[0].reason, SupersededReason::OtherRespondent);
}

#[test]
fn communes_that_share_a_nis_code_are_named_for_a_check() {
    // Ham-sur-Heure-Nalinnes under its short name in one file, and a code typed on another
    // commune's file: both stay apart, as names decide, and the view asks.
    let files = vec![
        (
            "ham.json".to_string(),
            file_of(&commune("Ham-sur-Heure", "56086", "2026-11-02")),
        ),
        (
            "hhn.json".to_string(),
            file_of(&commune("Ham-sur-Heure-Nalinnes", "56086", "2026-11-05")),
        ),
        (
            "thuin.json".to_string(),
            file_of(&commune("Thuin", "56078", "2026-11-05")),
        ),
        (
            "lobbes.json".to_string(),
            file_of(&commune("Lobbes", "", "2026-11-05")),
        ),
    ];
    let t = territory::load(framework(), &files, NOW, TODAY);
    assert_eq!(t.communes.len(), 4);
    assert_eq!(
        t.shared_nis_codes(),
        [(
            "56086".to_string(),
            vec![
                "Ham-sur-Heure".to_string(),
                "Ham-sur-Heure-Nalinnes".to_string()
            ]
        )]
    );
}

#[test]
fn the_export_names_each_duty_and_action_by_its_title_beside_its_id() {
    // An analyst pasting the export into a note for the board read « sc_eguichet » and
    // « gou_dematerialisation » where the screen says what they are.
    let mut thuin = commune("Thuin", "56078", "2026-11-05");
    answer_all(&mut thuin, level(1));
    let mut lobbes = commune("Lobbes", "56044", "2026-11-05");
    answer_all(&mut lobbes, level(1));
    let files = vec![
        ("thuin.json".to_string(), file_of(&thuin)),
        ("lobbes.json".to_string(), file_of(&lobbes)),
    ];
    let t = territory::load(framework(), &files, NOW, TODAY);
    let aggregate = t.aggregate(
        framework(),
        Vec::new(),
        2,
        &EXPORT_TEXTS,
        (NOW, "2026-12-01"),
    );
    assert!(!aggregate.legal_obligations.is_empty());
    assert!(!aggregate.pooling_candidates.is_empty());
    let json = aggregate.to_json();
    for duty in &aggregate.legal_obligations {
        let title = content::texts("fr")
            .question(&duty.count.question_id)
            .title
            .clone();
        assert!(!title.is_empty());
        assert_eq!(duty.title, title);
        assert!(
            json.contains(&format!(
                "\"title\": \"{title}\",\n      \"question_id\": \"{}\"",
                duty.count.question_id
            )),
            "{json}"
        );
    }
    for candidate in &aggregate.pooling_candidates {
        let title = content::action_texts("fr")[&candidate.candidate.action_id]
            .title
            .clone();
        assert_eq!(candidate.title, title);
        assert!(
            json.contains(&format!(
                "\"title\": \"{}\",\n      \"action_id\"",
                title.replace('"', "\\\"")
            )),
            "{json}"
        );
    }
}

#[test]
fn a_file_picked_again_replaces_its_namesake_unless_it_was_saved_earlier() {
    let lobbes = commune("Lobbes", "56044", "2026-11-20");
    let saved = |at: &str| {
        let mut summary = summary::export(framework(), &lobbes, at);
        summary.generated_at = at.to_string();
        summary::to_json(&summary).into_bytes()
    };
    let (monday, thursday) = (
        saved("2026-11-23T09:00:00.000Z"),
        saved("2026-11-26T15:30:00.000Z"),
    );
    // The corrected copy sent on Thursday replaces Monday's…
    assert!(!territory::saved_later(&monday, &thursday));
    // …but Monday's, picked again from an older mail, does not replace Thursday's.
    assert!(territory::saved_later(&thursday, &monday));
    // Another commune's file under the same name is no older copy: the new pick replaces it.
    let thuin = commune("Thuin", "56078", "2026-11-20");
    let mut summary = summary::export(framework(), &thuin, NOW);
    summary.generated_at = "2026-11-20T09:00:00.000Z".into();
    let thuin = summary::to_json(&summary).into_bytes();
    assert!(!territory::saved_later(&thursday, &thuin));
    // A file that cannot say when it was saved never stays in the place of the new pick.
    assert!(!territory::saved_later(b"{}", &monday));
    assert!(!territory::saved_later(&thursday, b"not json"));
}

#[test]
fn an_undated_complete_file_does_not_pass_for_the_latest_round() {
    // Its date lost, a whole diagnostic could be years old: the dated partial one is used.
    let mut undated = commune("Fleurus", "52021", "");
    answer_all(&mut undated, level(4));
    let mut partial = commune("Fleurus", "52021", "2026-11-22");
    for question in framework().question_ids().take(12) {
        partial.set_choice(question, Some(level(3)), NOW);
    }
    for files in [
        vec![
            ("sans-date.json".to_string(), file_of(&undated)),
            ("partiel.json".to_string(), file_of(&partial)),
        ],
        vec![
            ("partiel.json".to_string(), file_of(&partial)),
            ("sans-date.json".to_string(), file_of(&undated)),
        ],
    ] {
        let t = territory::load(framework(), &files, NOW, TODAY);
        assert_eq!(t.communes.len(), 1);
        assert_eq!(t.communes[0].file, "partiel.json");
    }
}

#[test]
fn a_partial_file_of_the_round_gives_way_to_a_complete_one_whoever_saved_it_later() {
    // Fleurus, as an officer loaded it: the DG's whole diagnostic (level 1 on every duty), and
    // two days later a colleague's partial save of 12 questions. The partial one hid Fleurus
    // from « Sous le minimum ».
    let mut full = commune("Fleurus", "52021", "2026-11-20");
    answer_all(&mut full, level(1));
    full.profile.respondent_name = "Christine Jadot".into();
    let mut partial = commune("Fleurus", "52021", "2026-11-22");
    partial.profile.respondent_name = "Luc Hubert".into();
    for question in framework().question_ids().take(12) {
        partial.set_choice(question, Some(level(3)), NOW);
    }
    let total = framework().question_ids().count();
    let later = |a: &Assessment| {
        summary::to_json(&summary::export(framework(), a, "2026-11-30T08:00:00Z")).into_bytes()
    };
    for files in [
        vec![
            ("fleurus-dg.json".to_string(), file_of(&full)),
            ("fleurus-partiel.json".to_string(), later(&partial)),
        ],
        vec![
            ("fleurus-partiel.json".to_string(), later(&partial)),
            ("fleurus-dg.json".to_string(), file_of(&full)),
        ],
    ] {
        let t = territory::load(framework(), &files, NOW, TODAY);
        assert_eq!(t.communes.len(), 1);
        assert_eq!(t.communes[0].file, "fleurus-dg.json");
        assert_eq!(t.communes[0].other_respondents, 1);
        let below: Vec<_> = t
            .obligation_counts(framework())
            .into_iter()
            .filter(|c| c.below.contains(&"Fleurus".to_string()))
            .collect();
        assert!(!below.is_empty(), "Fleurus is below the minimum somewhere");
        assert_eq!(t.superseded.len(), 1);
        assert_eq!(t.superseded[0].file, "fleurus-partiel.json");
        assert_eq!(t.superseded[0].reason, SupersededReason::OtherRespondent);
        assert_eq!(t.superseded[0].answered, (12, total));
    }
    // The same person's partial save after the whole: the whole stays, and says why.
    partial.profile.respondent_name = "Christine Jadot".into();
    let files = vec![
        ("fleurus-partiel.json".to_string(), later(&partial)),
        ("fleurus-dg.json".to_string(), file_of(&full)),
    ];
    let t = territory::load(framework(), &files, NOW, TODAY);
    assert_eq!(t.communes[0].file, "fleurus-dg.json");
    assert_eq!(t.communes[0].other_respondents, 0);
    assert_eq!(t.superseded[0].reason, SupersededReason::FewerAnswers);
    assert_eq!(t.superseded[0].answered, (12, total));
    let json = t
        .aggregate(
            framework(),
            Vec::new(),
            2,
            &EXPORT_TEXTS,
            (NOW, "2026-12-01"),
        )
        .to_json();
    assert!(json.contains("\"reason\": \"fewer_answers\""), "{json}");
    // A partial save of a later round is that round's position all the same.
    partial.profile.date = "2027-06-22".into();
    let files = vec![
        ("fleurus-dg.json".to_string(), file_of(&full)),
        ("fleurus-2027.json".to_string(), later(&partial)),
    ];
    // Read in July 2027, when that round has taken place.
    let t = territory::load(framework(), &files, NOW, "2027-07-01");
    assert_eq!(t.communes[0].file, "fleurus-2027.json");
    assert_eq!(t.superseded[0].reason, SupersededReason::OlderDate);
}

#[test]
fn the_territorys_communes_with_no_file_yet_are_named_as_files_name_them() {
    let t = territory::load(
        framework(),
        &files_of(&[
            ("chatelet.json", "Ville de Châtelet", "52012", "2026-11-20"),
            (
                "bons-villers.json",
                "Commune des Bons Villers",
                "",
                "2026-11-20",
            ),
            ("fle.json", "FONTAINE L'EVEQUE", "", "2026-11-20"),
            ("test.json", "Commune de Test", "", "2026-11-20"),
        ]),
        NOW,
        TODAY,
    );
    let all: Vec<&str> = framework()
        .communes
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(all.len(), 30);
    let RollCall {
        not_received: missing,
        outside,
    } = t.roll_call(framework());
    assert_eq!(missing.len(), 27, "{missing:?}");
    for name in ["Châtelet", "Les Bons Villers", "Fontaine-l'Évêque"] {
        assert!(!missing.iter().any(|m| m == name), "{name} was received");
    }
    assert_eq!(missing[..3], ["Aiseau-Presles", "Anderlues", "Beaumont"]);
    // The fourth file names no commune of the list: said apart, so that 3 loaded and 27 not
    // received add up to the territory's 30.
    assert_eq!(outside, ["Commune de Test"]);
    let json = t
        .aggregate(
            framework(),
            Vec::new(),
            2,
            &EXPORT_TEXTS,
            (NOW, "2026-12-01"),
        )
        .to_json();
    assert!(
        json.contains("\"not_received\": [\n    \"Aiseau-Presles\","),
        "{json}"
    );
    // The export names them too: 3 + 27 + 1 is what IGRETEC loaded and awaits.
    assert!(
        json.contains("\"outside_territory\": [\n    \"Commune de Test\"\n  ],"),
        "{json}"
    );
    // A test territory of other names misses nobody.
    let t = territory::load(
        framework(),
        &files_of(&[("test.json", "Commune de Test", "", "2026-11-20")]),
        NOW,
        TODAY,
    );
    assert_eq!(t.roll_call(framework()), RollCall::default());
}

#[test]
fn a_legal_duty_names_the_communes_to_check_as_it_names_those_below_it() {
    let duty = "gou_donnees_personnelles";
    assert!(framework().legal_minimum(duty).is_some());
    let files: Vec<(String, Vec<u8>)> = [
        ("Lobbes", Some(level(1))),
        ("Thuin", Some(level(4))),
        ("Beaumont", Some(Choice::Unknown)),
        ("Anderlues", None),
    ]
    .into_iter()
    .map(|(name, choice)| {
        let mut a = commune(name, "", "2026-11-20");
        answer_all(&mut a, level(3));
        a.set_choice(duty, choice, NOW);
        (format!("{name}.json"), file_of(&a))
    })
    .collect();
    let t = territory::load(framework(), &files, NOW, TODAY);
    let count = t
        .obligation_counts(framework())
        .into_iter()
        .find(|c| c.question_id == duty)
        .unwrap();
    assert_eq!(count.below, ["Lobbes"]);
    assert_eq!(count.met, 1);
    assert_eq!(count.to_check, ["Anderlues", "Beaumont"]);
    // The export still gives a count, as before.
    let json = t
        .aggregate(
            framework(),
            Vec::new(),
            2,
            &EXPORT_TEXTS,
            (NOW, "2026-12-01"),
        )
        .to_json();
    assert!(
        json.contains("\"met\": 1,\n      \"to_check\": 2\n"),
        "{json}"
    );
}

#[test]
fn a_file_dated_after_today_is_marked_for_correction() {
    let t = territory::load(
        framework(),
        &files_of(&[
            ("thuin.json", "Thuin", "56078", "2026-12-08"),
            ("lobbes.json", "Lobbes", "56044", "2026-12-07"),
            ("beaumont.json", "Beaumont", "56005", "2026-13-01"),
        ]),
        NOW,
        TODAY,
    );
    let future: Vec<&str> = t
        .communes
        .iter()
        .filter(|c| c.is_future("2026-12-07"))
        .map(|c| c.name.as_str())
        .collect();
    // Today is not the future, and a date that cannot be read is not called one.
    assert_eq!(future, ["Thuin"]);
    // Every list that leaves the screen says so too: the CSV in its column of dates to
    // check, the JSON in its own field, and the lists' names through the same marks as an
    // old file's.
    let csv = t.csv(
        framework(),
        &(1..=6).map(|i| format!("P{i}")).collect::<Vec<_>>(),
        &[
            "C", "N", "H", "D", "F", "R", "Q", "B", "V", "P", "À", "Ve", "O",
        ],
        &POPULATION_NAMES,
        &CsvMarks {
            old: "oui",
            to_confirm: "à confirmer",
            future: "date dans le futur",
            today: "2026-12-07",
            lang: "fr",
        },
        &t.row_order(SortBy::Name, false),
    );
    let row = |name: &str| {
        csv.split("\r\n")
            .find(|line| line.starts_with(&format!("{name};")))
            .unwrap()
            .to_string()
    };
    // The date's cell stays a date, which a spreadsheet sorts; the mark is in the last
    // column, where an old file's is.
    assert!(row("Thuin").contains(";08/12/2026;thuin.json;"), "{csv}");
    assert!(row("Thuin").ends_with(";date dans le futur"), "{csv}");
    assert!(row("Lobbes").contains(";07/12/2026;"), "{csv}");
    assert!(row("Lobbes").ends_with(';'), "{csv}");
    let json = t
        .aggregate(
            framework(),
            Vec::new(),
            2,
            &EXPORT_TEXTS,
            (NOW, "2026-12-07"),
        )
        .to_json();
    let in_future = json.matches("\"date_in_future\": true").count();
    assert_eq!(in_future, 1, "{json}");
    assert_eq!(json.matches("\"date_in_future\": false").count(), 2);
    // A year on, Thuin's file is neither future nor old, and Lobbes' is old.
    let marks = t.date_marks("2026-12-07");
    assert_eq!(marks.get("Thuin"), Some(&DateMark::Future));
    assert_eq!(marks.get("Lobbes"), None);
    let marks = t.date_marks("2027-12-08");
    assert_eq!(marks.get("Thuin"), None);
    assert_eq!(marks.get("Lobbes"), Some(&DateMark::Old));
}

#[test]
fn a_file_dated_after_today_ranks_at_its_download_day_among_its_communes_files() {
    let saved = |a: &Assessment, at: &str| summary::to_json(&summary::export(framework(), a, at));
    let mut whole = commune("Thuin", "56078", "2026-11-20");
    answer_all(&mut whole, level(3));
    // « 2062 » typed for « 2026 » in a file downloaded ten days before the other one's date:
    // by its own date it would be the commune's newest for decades.
    let mut typo = commune("Thuin", "56078", "2062-11-10");
    answer_all(&mut typo, level(1));
    let files = vec![
        (
            "thuin-typo.json".to_string(),
            saved(&typo, "2026-11-10T09:00:00Z").into_bytes(),
        ),
        (
            "thuin.json".to_string(),
            saved(&whole, "2026-11-21T09:00:00Z").into_bytes(),
        ),
    ];
    let t = territory::load(framework(), &files, NOW, TODAY);
    assert_eq!(t.communes[0].file, "thuin.json");
    assert_eq!(t.superseded[0].file, "thuin-typo.json");
    assert_eq!(t.superseded[0].reason, SupersededReason::FutureDate);
    let json = t
        .aggregate(framework(), Vec::new(), 2, &EXPORT_TEXTS, (NOW, TODAY))
        .to_json();
    assert!(json.contains("\"reason\": \"future_date\""), "{json}");
    // Downloaded after the other file's date, it is the newest all the same, and stays
    // marked for correction wherever it is listed.
    let files = vec![
        (
            "thuin-typo.json".to_string(),
            saved(&typo, "2026-11-25T09:00:00Z").into_bytes(),
        ),
        (
            "thuin.json".to_string(),
            saved(&whole, "2026-11-21T09:00:00Z").into_bytes(),
        ),
    ];
    let t = territory::load(framework(), &files, NOW, TODAY);
    assert_eq!(t.communes[0].file, "thuin-typo.json");
    assert!(t.communes[0].is_future(TODAY));
    assert_eq!(t.superseded[0].reason, SupersededReason::OlderDate);
    // A download day after today too (a computer's clock set wrong) ranks with the undated.
    let files = vec![
        (
            "thuin-typo.json".to_string(),
            saved(&typo, "2063-01-01T09:00:00Z").into_bytes(),
        ),
        (
            "thuin.json".to_string(),
            saved(&whole, "2026-11-21T09:00:00Z").into_bytes(),
        ),
    ];
    let t = territory::load(framework(), &files, NOW, TODAY);
    assert_eq!(t.communes[0].file, "thuin.json");
    assert_eq!(t.superseded[0].reason, SupersededReason::FutureDate);
    // Today itself is no typo: a file of the day ranks by its date.
    let mut today = commune("Thuin", "56078", TODAY);
    answer_all(&mut today, level(2));
    let files = vec![
        (
            "thuin-today.json".to_string(),
            saved(&today, "2026-11-27T23:30:00Z").into_bytes(),
        ),
        (
            "thuin.json".to_string(),
            saved(&whole, "2026-11-28T09:00:00Z").into_bytes(),
        ),
    ];
    let t = territory::load(framework(), &files, NOW, TODAY);
    assert_eq!(t.communes[0].file, "thuin-today.json");
    assert_eq!(t.superseded[0].reason, SupersededReason::OlderDate);
}

/// Five communes that differ only in gouvernance: level 5, level 1 (every duty below its
/// minimum), one answer of eight (a score to confirm), none, and level 3.
fn gouvernance_ladder() -> territory::Territory {
    let questions = framework().pillar("gouvernance").unwrap().questions.clone();
    let files: Vec<(String, Vec<u8>)> = [
        ("Anderlues", "56001", Some(level(5))),
        ("Beaumont", "56005", Some(level(1))),
        ("Chimay", "56016", None),
        ("Couvin", "93014", None),
        ("Lobbes", "56044", Some(level(3))),
    ]
    .into_iter()
    .map(|(name, nis, choice)| {
        let mut a = commune(name, nis, "2026-01-01");
        answer_all(&mut a, level(3));
        for question in &questions {
            a.set_choice(question, choice, NOW);
        }
        if name == "Chimay" {
            a.set_choice(&questions[0], Some(level(5)), NOW);
        }
        (format!("{name}.json"), file_of(&a))
    })
    .collect();
    territory::load(framework(), &files, NOW, TODAY)
}

#[test]
fn the_heat_map_sorts_by_a_pillar_or_by_duties_either_way_and_its_csv_follows() {
    let t = gouvernance_ladder();
    let gouvernance = framework()
        .pillars
        .iter()
        .position(|p| p.id == "gouvernance")
        .unwrap();
    let names = |order: Vec<usize>| -> Vec<String> {
        order.iter().map(|&i| t.communes[i].name.clone()).collect()
    };
    assert!(
        t.communes[2].score_to_confirm(gouvernance),
        "Chimay's score is to confirm"
    );
    assert_eq!(
        t.communes[3].scores[gouvernance], None,
        "Couvin has no score"
    );
    assert_eq!(
        names(t.row_order(SortBy::Name, false)),
        ["Anderlues", "Beaumont", "Chimay", "Couvin", "Lobbes"]
    );
    assert_eq!(
        names(t.row_order(SortBy::Name, true)),
        ["Lobbes", "Couvin", "Chimay", "Beaumont", "Anderlues"]
    );
    // Highest first, or lowest first; a score to confirm after every firm one and no score
    // last, either way.
    assert_eq!(
        names(t.row_order(SortBy::Pillar(gouvernance), false)),
        ["Anderlues", "Lobbes", "Beaumont", "Chimay", "Couvin"]
    );
    assert_eq!(
        names(t.row_order(SortBy::Pillar(gouvernance), true)),
        ["Beaumont", "Lobbes", "Anderlues", "Chimay", "Couvin"]
    );
    // Most duties below first, then most to check; reversed, the fewest of both first.
    let below = names(t.row_order(SortBy::DutiesBelow, false));
    assert_eq!(below[0], "Beaumont");
    assert_eq!(&below[3..], ["Anderlues", "Lobbes"]);
    let counts = |name: &str| {
        let c = t.communes.iter().find(|c| c.name == name).unwrap();
        (c.duties_below, c.duties_to_check)
    };
    assert!(counts("Beaumont").0 > 0 && counts(&below[1]).1 >= counts(&below[2]).1);
    assert!(counts(&below[2]).1 > 0);
    let fewest = names(t.row_order(SortBy::DutiesBelow, true));
    assert_eq!(&fewest[..2], ["Anderlues", "Lobbes"]);
    assert_eq!(fewest[4], "Beaumont");
    // The CSV lists the communes in the order it is given, as the screen shows them.
    for (by, reversed) in [
        (SortBy::Name, true),
        (SortBy::Pillar(gouvernance), true),
        (SortBy::DutiesBelow, false),
    ] {
        let order = t.row_order(by, reversed);
        let csv = plain_csv_in(&t, &order);
        let rows: Vec<&str> = csv
            .trim_end()
            .split("\r\n")
            .skip(1)
            .map(|row| row.split(';').next().unwrap())
            .collect();
        assert_eq!(rows, names(order), "{by:?}, reversed: {reversed}");
    }
}

#[test]
fn a_pooled_action_names_each_communes_level_or_none_when_it_gave_no_level() {
    // Without staff, the foundations come whatever was answered: the data inventory is in the
    // roadmap of a commune that never answered its question. The count alone read as interest.
    let inventory = "gou_inventaire_donnees";
    let question = &framework().action(inventory).unwrap().questions[0];
    let files: Vec<(String, Vec<u8>)> = ["Anderlues", "Beaumont", "Chimay"]
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let mut a = commune(name, &format!("5600{i}"), "2026-01-01");
            a.profile.digital_staff_fte = Some(0.0);
            answer_all(&mut a, level(2));
            if i == 0 {
                a.answers.remove(question.as_str());
            }
            (format!("{name}.json"), file_of(&a))
        })
        .collect();
    let t = territory::load(framework(), &files, NOW, TODAY);
    let candidate = t
        .pooling_candidates(framework(), 2)
        .into_iter()
        .find(|c| c.action_id == inventory)
        .expect("every commune without staff plans the inventory");
    assert_eq!(candidate.communes, ["Anderlues", "Beaumont", "Chimay"]);
    assert_eq!(candidate.levels, [None, Some(2), Some(2)]);
}
