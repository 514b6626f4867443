//! The workshop's shared link: the round trip, its length bound and hostile links.

mod common;
use autodiag_core::domain::assessment::Choice;
use autodiag_core::domain::scoring;
use autodiag_core::domain::share::{self, ShareError};
use common::*;

const BASE: &str = "https://autodiag.example/outils/#/partage?";

#[test]
fn a_link_carries_the_same_answers_targets_and_scores() {
    for seed in 1..40 {
        let mut a = realistic_assessment("Écaussinnes & Co", "55050", "2026-11-20", seed, 0.4);
        a.set_target(
            "mobilite",
            autodiag_core::domain::assessment::Level::new(4),
            NOW,
        );
        let query = share::encode(framework(), &a);
        let back = share::decode(framework(), &query, NOW).unwrap();
        assert_eq!(back.profile.commune, "Écaussinnes & Co");
        assert_eq!(back.profile.date, "2026-11-20");
        for question in framework().question_ids() {
            assert_eq!(back.choice(question), a.choice(question), "{question}");
        }
        assert_eq!(
            back.settings("mobilite").target,
            a.settings("mobilite").target
        );
        assert_eq!(
            scoring::score_all(framework(), &back),
            scoring::score_all(framework(), &a)
        );
        // Nothing personal travels: no respondent, note or roadmap.
        assert!(back.profile.respondent_name.is_empty());
        assert!(back.answers.values().all(|answer| answer.note.is_empty()));
        assert!(back.roadmap.is_none());
    }
}

#[test]
fn a_link_stays_well_under_two_thousand_characters() {
    let mut a = assessment(&"Très-Long-Nom-De-Commune-Accentuée ".repeat(10));
    answer_all(&mut a, Choice::Unknown);
    let link = format!("{BASE}{}", share::encode(framework(), &a));
    assert!(
        link.len() < share::MAX_LINK_CHARS,
        "{} characters",
        link.len()
    );
    let plain = assessment("Thuin");
    let link = format!("{BASE}{}", share::encode(framework(), &plain));
    assert!(link.len() < 200, "{link}");
    // And a QR code holds it.
    assert!(share::qr_svg(&link, "QR").unwrap().contains("<path d=\"M"));
}

#[test]
fn the_qr_code_is_the_one_a_reader_expects_for_the_link() {
    let link = format!("{BASE}{}", share::encode(framework(), &assessment("Thuin")));
    let expected = qrcodegen::QrCode::encode_text(&link, qrcodegen::QrCodeEcc::Medium).unwrap();
    let mut modules = String::new();
    for y in 0..expected.size() {
        for x in 0..expected.size() {
            if expected.get_module(x, y) {
                modules.push_str(&format!("M{},{}h1v1h-1z", x + 4, y + 4));
            }
        }
    }
    let svg = share::qr_svg(&link, "QR").unwrap();
    assert!(svg.contains(&format!("<path d=\"{modules}\"")), "{svg}");
}

#[test]
fn a_link_of_another_version_or_made_up_is_refused() {
    let a = assessment("Thuin");
    let good = share::encode(framework(), &a);
    let other = good.replacen(
        &format!("v={}", share::percent_encode(&framework().version)),
        "v=0.9.0",
        1,
    );
    assert_eq!(
        share::decode(framework(), &other, NOW).unwrap_err(),
        ShareError::OtherFramework {
            found: "0.9.0".into()
        }
    );
    let questions = framework().question_count();
    let cases = [
        String::new(),
        "n'importe quoi".to_string(),
        good.replace("&r=", "&r=8"),
        good.replace("&t=", "&t=9"),
        good.replace("r=", "x="),
        format!("{good}&c=Deux"),
        good.replace("c=Thuin", "c=%FF%FE"),
        good.replace("c=Thuin", "c=%0A"),
        good.replace("c=Thuin", "c=%4"),
        good.replace("c=Thuin", &format!("c={}", "A".repeat(300))),
        good.replace("d=", "d=hier"),
        good.replace(
            &format!("r={}", "0".repeat(questions)),
            &format!("r={}", "3".repeat(questions - 1)),
        ),
    ];
    for case in cases {
        assert_eq!(
            share::decode(framework(), &case, NOW).unwrap_err(),
            ShareError::Invalid,
            "{case}"
        );
    }
}

#[test]
fn percent_encoding_round_trips_any_text() {
    for text in ["Thuin", "Écaussinnes", "a&b=c?d#e f/g%h", "日本", ""] {
        let encoded = share::percent_encode(text);
        assert!(
            encoded
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b))
        );
        assert_eq!(share::percent_decode(&encoded).as_deref(), Some(text));
    }
}

/// A link of a few megabytes of unknown fields, in reverse order, is read at once: the fields
/// are sorted once, not inserted one by one into a sorted vector (minutes for this link).
#[test]
fn a_link_of_many_unknown_fields_is_read_quickly() {
    let good = share::encode(
        framework(),
        &realistic_assessment("Thuin", "56078", "2026-11-20", 3, 0.5),
    );
    let noise: String = (0..300_000).rev().map(|i| format!("z{i:06}=&")).collect();
    let start = std::time::Instant::now();
    let read = share::decode(framework(), &format!("{noise}{good}"), NOW);
    assert!(
        start.elapsed() < std::time::Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(read.unwrap().profile.commune, "Thuin");
}
