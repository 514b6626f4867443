//! The scoring rule, as shown to users under « Comment ce score est calculé ».

mod common;
use autodiag_core::domain::assessment::Choice;
use autodiag_core::domain::scoring::{self, band_of, round_score};
use common::*;

fn pillar_score(
    a: &autodiag_core::domain::assessment::Assessment,
    pillar: &str,
) -> scoring::PillarScore {
    scoring::score_pillar(framework().pillar(pillar).unwrap(), a)
}

#[test]
fn no_answers_gives_no_score_anywhere() {
    let a = assessment("Lobbes");
    let scores = scoring::score_all(framework(), &a);
    assert_eq!(scores.len(), 6);
    for score in &scores {
        assert_eq!(score.score, None);
        assert_eq!(score.band, None);
        assert_eq!(score.completion, 0.0);
        assert!(score.low_confidence);
        // No score, nothing to confirm.
        assert!(!score.to_confirm());
    }
    assert_eq!(scoring::overall(&scores), None);
}

#[test]
fn a_score_over_fewer_than_half_of_its_questions_is_to_confirm() {
    let mut a = assessment("Lobbes");
    let mobility = &framework().pillars[0];
    let count = mobility.questions.len();
    for (answered, question) in mobility.questions.iter().enumerate() {
        let to_confirm = scoring::score_all(framework(), &a)[0].to_confirm();
        // Nothing to confirm before a first level, then until half of the questions have one.
        assert_eq!(
            to_confirm,
            answered > 0 && answered * 2 < count,
            "{answered} answered"
        );
        a.set_choice(question, Some(level(2)), NOW);
    }
    assert!(!scoring::score_all(framework(), &a)[0].to_confirm());
}

#[test]
fn a_score_to_confirm_says_what_would_confirm_it() {
    use scoring::HowToConfirm;
    let mut a = assessment("Froidchapelle");
    let mobility = &framework().pillars[0];
    let questions = &mobility.questions;
    let how = |a: &_| scoring::score_all(framework(), a)[0].how_to_confirm();
    a.set_choice(&questions[0], Some(level(1)), NOW);
    // A question still blank: answering it comes first.
    assert_eq!(how(&a), HowToConfirm::Answer);
    for question in &questions[1..questions.len() - 1] {
        a.set_choice(question, Some(Choice::NotApplicable), NOW);
    }
    a.set_choice(&questions[questions.len() - 1], Some(Choice::Unknown), NOW);
    // Every question answered: the « Je ne sais pas » are what is left to settle.
    assert!(scoring::score_all(framework(), &a)[0].to_confirm());
    assert_eq!(how(&a), HowToConfirm::CheckUnknown);
    a.set_choice(
        &questions[questions.len() - 1],
        Some(Choice::NotApplicable),
        NOW,
    );
    assert_eq!(how(&a), HowToConfirm::ReviewNotApplicable);
}

#[test]
fn only_dont_know_gives_no_score_and_counts_unknowns() {
    let mut a = assessment("Thuin");
    answer_all(&mut a, Choice::Unknown);
    let scores = scoring::score_all(framework(), &a);
    for score in &scores {
        assert_eq!(score.score, None);
        assert_eq!(score.unknown, score.question_count);
        assert_eq!(score.answered_with_level, 0);
        assert!(score.low_confidence);
    }
    assert_eq!(scoring::overall(&scores), None);
}

#[test]
fn all_fives_score_one_hundred_in_band_five() {
    let mut a = assessment("Charleroi");
    answer_all(&mut a, level(5));
    let scores = scoring::score_all(framework(), &a);
    for score in &scores {
        assert_eq!(score.score, Some(100));
        assert_eq!(score.band, Some(5));
        assert_eq!(score.completion, 1.0);
        assert!(!score.low_confidence);
    }
    assert_eq!(scoring::overall(&scores), Some(100));
    assert!(!scoring::overall_to_confirm(&scores));
}

#[test]
fn one_answer_makes_an_overall_score_to_confirm_until_its_pillar_has_half_its_levels() {
    let mut a = assessment("Ham-sur-Heure-Nalinnes");
    let questions = framework().pillar("mobilite").unwrap().questions.clone();
    a.set_choice(&questions[0], Some(level(5)), NOW);
    let scores = scoring::score_all(framework(), &a);
    assert_eq!(scoring::overall(&scores), Some(100));
    assert!(scoring::overall_to_confirm(&scores));
    // Half of the pillar's questions with a level: the score stands.
    for question in &questions[1..questions.len().div_ceil(2)] {
        a.set_choice(question, Some(level(5)), NOW);
    }
    let scores = scoring::score_all(framework(), &a);
    assert!(!scoring::overall_to_confirm(&scores), "{scores:?}");
    // « Je ne sais pas » leaves no pillar to confirm: a pillar without a score is left out.
    answer_pillar(&mut a, "gouvernance", Choice::Unknown);
    assert!(!scoring::overall_to_confirm(&scoring::score_all(
        framework(),
        &a
    )));
}

#[test]
fn level_l_scores_l_minus_one_quarters() {
    for (value, expected) in [(1, 0), (2, 25), (3, 50), (4, 75), (5, 100)] {
        let mut a = assessment("Fleurus");
        answer_pillar(&mut a, "mobilite", level(value));
        assert_eq!(pillar_score(&a, "mobilite").score, Some(expected));
    }
}

#[test]
fn mixed_answers_leave_dont_know_and_not_applicable_out_of_the_mean() {
    let mut a = assessment("Gerpinnes");
    let questions = framework().pillar("gouvernance").unwrap().questions.clone();
    // Levels 1, 3, 5 then unknown, not applicable, and two unanswered.
    a.set_choice(&questions[0], Some(level(1)), NOW);
    a.set_choice(&questions[1], Some(level(3)), NOW);
    a.set_choice(&questions[2], Some(level(5)), NOW);
    a.set_choice(&questions[3], Some(Choice::Unknown), NOW);
    a.set_choice(&questions[4], Some(Choice::NotApplicable), NOW);
    let score = pillar_score(&a, "gouvernance");
    assert_eq!(score.score, Some(50));
    assert_eq!(score.band, Some(3));
    assert_eq!(score.answered_with_level, 3);
    assert_eq!(score.unknown, 1);
    assert_eq!(score.not_applicable, 1);
    assert!((score.completion - 3.0 / questions.len() as f64).abs() < 1e-9);
    // 3 of 7 have a level: under half, so flagged.
    assert_eq!(score.low_confidence, 3 * 2 < questions.len());
}

#[test]
fn one_empty_pillar_is_left_out_of_the_overall_score() {
    let mut a = assessment("Courcelles");
    for pillar in pillar_ids().iter().skip(1) {
        answer_pillar(&mut a, pillar, level(3));
    }
    let scores = scoring::score_all(framework(), &a);
    assert_eq!(scores[0].score, None);
    assert_eq!(scoring::overall(&scores), Some(50));
}

#[test]
fn rounding_is_to_the_nearest_with_halves_up() {
    assert_eq!(round_score(62.5), 63);
    assert_eq!(round_score(62.49), 62);
    assert_eq!(round_score(12.5), 13);
    assert_eq!(round_score(0.0), 0);
    assert_eq!(round_score(100.0), 100);
    // Two questions at levels 3 and 4: (50 + 75) / 2 = 62.5, shown as 63, band Intégré.
    let mut a = assessment("Chimay");
    let questions = framework().pillar("economie").unwrap().questions.clone();
    a.set_choice(&questions[0], Some(level(3)), NOW);
    a.set_choice(&questions[1], Some(level(4)), NOW);
    let score = pillar_score(&a, "economie");
    assert_eq!(score.score, Some(63));
    assert_eq!(score.band, Some(4));
    // Three questions at 1, 1, 2: 25 / 3 = 8.33, shown as 8.
    let mut b = assessment("Couvin");
    b.set_choice(&questions[0], Some(level(1)), NOW);
    b.set_choice(&questions[1], Some(level(1)), NOW);
    b.set_choice(&questions[2], Some(level(2)), NOW);
    assert_eq!(pillar_score(&b, "economie").score, Some(8));
}

#[test]
fn bands_follow_the_nearest_level() {
    let cases = [
        (0, 1),
        (12, 1),
        (13, 2),
        (37, 2),
        (38, 3),
        (62, 3),
        (63, 4),
        (87, 4),
        (88, 5),
        (100, 5),
    ];
    for (score, band) in cases {
        assert_eq!(band_of(score).get(), band, "score {score}");
    }
}

#[test]
fn the_overall_score_is_the_mean_of_rounded_pillar_scores() {
    let mut a = assessment("Walcourt");
    let q = framework().pillar("mobilite").unwrap().questions.clone();
    a.set_choice(&q[0], Some(level(3)), NOW);
    a.set_choice(&q[1], Some(level(4)), NOW); // mobilite: 62.5 -> 63
    answer_pillar(&mut a, "gouvernance", level(2)); // 25
    let scores = scoring::score_all(framework(), &a);
    // (63 + 25) / 2 = 44
    assert_eq!(scoring::overall(&scores), Some(44));
}
