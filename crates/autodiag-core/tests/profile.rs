//! The commune profile's checks, as a user types.

use autodiag_core::domain::profile::{self, Profile, ProfileError, ProfileField};

#[test]
fn staff_numbers_accept_a_decimal_comma_and_zero() {
    assert_eq!(profile::parse_fte("0"), Ok(Some(0.0)));
    assert_eq!(profile::parse_fte("0,5"), Ok(Some(0.5)));
    assert_eq!(profile::parse_fte("1.25"), Ok(Some(1.25)));
    assert_eq!(profile::parse_fte(" 2 "), Ok(Some(2.0)));
    assert_eq!(profile::parse_fte(",5"), Ok(Some(0.5)));
    assert_eq!(profile::parse_fte(""), Ok(None));
}

#[test]
fn bad_staff_numbers_are_refused() {
    for bad in [
        "beaucoup", "1,2,3", "-1", "1e3", "0,125", "1,", "abc,5", "NaN", "inf",
    ] {
        assert_eq!(
            profile::parse_fte(bad),
            Err(ProfileError::NotANumber),
            "{bad}"
        );
    }
    assert_eq!(
        profile::parse_fte("150"),
        Err(ProfileError::OutOfRange { max: 100 })
    );
}

#[test]
fn nis_codes_have_five_digits() {
    assert_eq!(profile::check_nis_code(""), Ok(()));
    assert_eq!(profile::check_nis_code("52011"), Ok(()));
    for bad in ["5201", "520111", "52a11", "52 11"] {
        assert_eq!(
            profile::check_nis_code(bad),
            Err(ProfileError::NisNotFiveDigits),
            "{bad}"
        );
    }
}

#[test]
fn dates_must_exist() {
    assert!(profile::is_iso_date("2026-11-28"));
    assert!(profile::is_iso_date("2024-02-29"));
    for bad in [
        "2025-02-29",
        "2026-13-01",
        "2026-00-10",
        "2026-11-31",
        "28/11/2026",
        "2026-1-1",
        "2026-+1-+5",
        "+202-11-28",
        "2026-11-2 ",
        "",
    ] {
        assert!(!profile::is_iso_date(bad), "{bad}");
    }
}

#[test]
fn problems_name_each_field() {
    let p = Profile {
        commune: "  ".into(),
        nis_code: "123".into(),
        respondent_name: "x".repeat(81),
        date: "2026-02-30".into(),
        digital_staff_fte: Some(120.0),
        ..Profile::default()
    };
    let problems = p.problems("2026-12-07");
    assert!(problems.contains(&(ProfileField::Commune, ProfileError::Required)));
    assert!(problems.contains(&(ProfileField::NisCode, ProfileError::NisNotFiveDigits)));
    assert!(problems.contains(&(
        ProfileField::RespondentName,
        ProfileError::TooLong { max: 80 }
    )));
    assert!(problems.contains(&(ProfileField::Date, ProfileError::DateInvalid)));
    assert!(problems.contains(&(
        ProfileField::DigitalStaff,
        ProfileError::OutOfRange { max: 100 }
    )));
    assert!(
        Profile {
            commune: "Lobbes".into(),
            ..Profile::default()
        }
        .problems("2026-12-07")
        .is_empty()
    );
    // A day after today is a typo; today and before are not.
    let dated = |date: &str| Profile {
        commune: "Lobbes".into(),
        date: date.into(),
        ..Profile::default()
    };
    assert_eq!(
        dated("2026-12-08").problems("2026-12-07"),
        [(ProfileField::Date, ProfileError::DateInFuture)]
    );
    assert!(dated("2026-12-07").problems("2026-12-07").is_empty());
    assert!(dated("2025-12-31").problems("2026-12-07").is_empty());
}

#[test]
fn no_dedicated_staff_means_under_half_a_post() {
    let mut p = Profile::default();
    assert!(!p.has_no_dedicated_staff(), "unknown is not zero");
    p.digital_staff_fte = Some(0.0);
    assert!(p.has_no_dedicated_staff());
    p.digital_staff_fte = Some(0.5);
    assert!(!p.has_no_dedicated_staff());
}

#[test]
fn slugs_are_plain_ascii() {
    assert_eq!(profile::slug("Fontaine-l'Évêque"), "fontaine-l-eveque");
    assert_eq!(profile::slug("Châtelet"), "chatelet");
    assert_eq!(
        profile::slug("Ham-sur-Heure-Nalinnes"),
        "ham-sur-heure-nalinnes"
    );
    assert_eq!(profile::slug("  "), "commune");
    assert_eq!(profile::slug("Œuvre & Cœur"), "oeuvre-coeur");
}

#[test]
fn a_commune_assessed_again_keeps_its_name_and_is_dated_today() {
    use autodiag_core::domain::assessment::Assessment;
    let mut last_year = Assessment::new("a".into(), "Thuin".into(), "2025-06-12T09:00:00Z".into());
    last_year.profile.date = "2025-06-12".into();
    last_year.profile.nis_code = "56078".into();
    let again = last_year.reassess("b".into(), "2026-12-05", "2026-12-05T08:00:00Z");
    // A review read « Thuin (copie) »: the name IGRETEC would have received, and before/after
    // then found only one assessment of the commune.
    assert_eq!(again.profile.commune, "Thuin");
    assert!(again.same_commune(&last_year));
    assert_eq!(again.profile.date, "2026-12-05");
    assert_eq!(again.id, "b");
    assert_eq!(again.created_at, "2026-12-05T08:00:00Z");
    assert_eq!(again.profile.redone_from, "2025-06-12");
}

#[test]
fn a_diagnostic_redone_recalls_last_rounds_answers_until_todays_are_chosen() {
    use autodiag_core::domain::assessment::{Assessment, Choice, Level};
    use autodiag_core::domain::{content, scoring};
    let framework = content::framework();
    let mut last_year = Assessment::new("a".into(), "Thuin".into(), "2025-06-12T09:00:00Z".into());
    last_year.profile.date = "2025-06-12".into();
    let now = "2025-06-12T10:00:00Z";
    for question in framework.question_ids() {
        last_year.set_choice(question, Some(Choice::Level(Level::new(3).unwrap())), now);
    }
    last_year.set_choice("mob_pcm", Some(Choice::Unknown), now);
    last_year.set_note("mob_pcm", "voir le service travaux", now);
    assert!(scoring::is_complete(framework, &last_year));
    let mut again = last_year.reassess("b".into(), "2026-12-05", "2026-12-05T08:00:00Z");
    // Complete only once each question is answered again: a copy of last year's answers
    // would otherwise reach IGRETEC as this year's diagnostic, none of it read.
    assert!(!scoring::is_complete(framework, &again));
    assert_eq!(
        scoring::first_unanswered_question(framework, &again).map(|(_, q)| q),
        framework.question_ids().next().map(String::as_str)
    );
    assert_eq!(again.previous_choice("mob_pcm"), Some(Choice::Unknown));
    // Last year's note is a reminder too, not this year's note.
    assert_eq!(again.note("mob_pcm"), "");
    assert_eq!(
        again.previous_note("mob_pcm"),
        Some("voir le service travaux")
    );
    // Its summary holds this round's words only: no reminder, no empty entry, and which
    // diagnostic it redoes.
    let file = autodiag_core::domain::summary::export(framework, &again, "2026-12-05T08:00:00Z");
    assert!(file.answers.is_empty());
    assert_eq!(file.profile.redone_from, "2025-06-12");
    // The hand-over names it until it is taken back.
    assert_eq!(again.previous_notes_left(framework), ["mob_pcm"]);
    // Taken back, after what is already typed, the note is this round's and goes to IGRETEC.
    again.set_note("mob_pcm", "Mme Lambert confirme", "2026-12-05T08:00:30Z");
    assert!(again.take_previous_note("mob_pcm", "2026-12-05T08:00:40Z"));
    assert_eq!(
        again.note("mob_pcm"),
        "Mme Lambert confirme\nvoir le service travaux"
    );
    assert_eq!(again.previous_note("mob_pcm"), None);
    assert!(again.previous_notes_left(framework).is_empty());
    // Not into a note that the two would take past the limit: the old one stays a reminder,
    // whole, rather than be cut off.
    let mut full = last_year.reassess("c".into(), "2026-12-05", "2026-12-05T08:00:00Z");
    let max = autodiag_core::domain::assessment::MAX_NOTE_CHARS;
    let typed = "x".repeat(max - "\nvoir le service travaux".len() + 1);
    full.set_note("mob_pcm", &typed, "2026-12-05T08:00:30Z");
    assert!(!full.take_previous_note("mob_pcm", "2026-12-05T08:00:40Z"));
    assert_eq!(full.note("mob_pcm"), typed);
    assert_eq!(
        full.previous_note("mob_pcm"),
        Some("voir le service travaux")
    );
    // One character less, and it fits exactly.
    full.set_note("mob_pcm", &typed[1..], "2026-12-05T08:00:50Z");
    assert!(full.take_previous_note("mob_pcm", "2026-12-05T08:00:55Z"));
    assert_eq!(full.note("mob_pcm").chars().count(), max);
    assert_eq!(full.previous_note("mob_pcm"), None);
    let file = autodiag_core::domain::summary::export(framework, &again, "2026-12-05T08:00:00Z");
    assert_eq!(file.answers.len(), 1);
    assert_eq!(file.answers[0].question_id, "mob_pcm");
    assert_eq!(
        file.answers[0].note,
        "Mme Lambert confirme\nvoir le service travaux"
    );
    assert_eq!(file.answers[0].level, None);
    // Choosing today's answer, the same or another, ends the reminder.
    again.set_choice("mob_pcm", Some(Choice::Unknown), "2026-12-05T08:01:00Z");
    assert_eq!(again.previous_choice("mob_pcm"), None);
    assert_eq!(again.choice("mob_pcm"), Some(Choice::Unknown));
    for question in framework.question_ids() {
        if let Some(previous) = again.previous_choice(question) {
            again.set_choice(question, Some(previous), "2026-12-05T08:02:00Z");
        }
    }
    assert!(scoring::is_complete(framework, &again));
    // Last year's stays as it was, for before/after.
    assert_eq!(last_year.previous_choice("mob_pcm"), None);
    assert_eq!(last_year.choice("mob_pcm"), Some(Choice::Unknown));
    // A copy within the same round, for a colleague, keeps the answers as they are.
    let colleague = again.reassess("d".into(), "2026-12-20", "2026-12-20T08:00:00Z");
    assert!(scoring::is_complete(framework, &colleague));
    assert_eq!(colleague.answers, again.answers);
    assert_eq!(colleague.profile.redone_from, again.profile.redone_from);
    // A synthesis's copy is one person's: the group's label and participants stay with it.
    let mut synthesis = again.clone();
    synthesis.profile.respondent_name = "synthèse de 3 répondants".into();
    synthesis.profile.consolidated_respondents = 3;
    synthesis.profile.participants = vec!["Laurent Delvaux (DG)".into(), "Sophie Lambert".into()];
    let carried_on = synthesis.reassess("s".into(), "2026-12-20", "2026-12-20T08:00:00Z");
    assert!(!carried_on.profile.is_synthesis());
    assert!(carried_on.profile.participants.is_empty());
    assert_eq!(carried_on.profile.respondent_label(), None);
    assert_eq!(carried_on.answers, synthesis.answers);
    assert_eq!(synthesis.profile.consolidated_respondents, 3);
    // A misclick then « Effacer la réponse » brings the reminder back, never loses it.
    let mut cleared = last_year.reassess("c".into(), "2026-12-05", "2026-12-05T08:00:00Z");
    cleared.set_choice("mob_actif", Some(Choice::Unknown), "2026-12-05T08:01:00Z");
    cleared.set_choice("mob_actif", None, "2026-12-05T08:02:00Z");
    assert_eq!(
        cleared.previous_choice("mob_actif"),
        Some(Choice::Level(Level::new(3).unwrap()))
    );
    // Redone again a year later, unconfirmed: a reminder holds only the round it names.
    let third = cleared.reassess("e".into(), "2027-12-05", "2027-12-05T08:00:00Z");
    assert_eq!(third.profile.redone_from, "2026-12-05");
    assert_eq!(third.previous_choice("mob_actif"), None);
    assert_eq!(third.previous_choice("mob_pcm"), None);
    assert_eq!(
        cleared.previous_note("mob_pcm"),
        Some("voir le service travaux")
    );
    assert_eq!(third.previous_note("mob_pcm"), None);
    // Answers to questions the référentiel no longer has are last round's too.
    let mut old = last_year.clone();
    old.set_aside
        .push(autodiag_core::domain::assessment::SetAsideAnswer {
            question_id: "gou_ancienne".into(),
            answer: autodiag_core::domain::assessment::Answer {
                choice: Some(Choice::Level(Level::new(2).unwrap())),
                note: "pas de DPO depuis mars".into(),
                ..Default::default()
            },
        });
    let redone = old.reassess("f".into(), "2026-12-05", "2026-12-05T08:00:00Z");
    let file = autodiag_core::domain::summary::export(framework, &redone, "2026-12-05T08:00:00Z");
    assert!(
        file.set_aside_answers.is_empty(),
        "{:?}",
        file.set_aside_answers
    );
}

#[test]
fn who_answered_reads_as_name_and_role_without_brackets_in_brackets() {
    let who = |name: &str, role: &str| {
        Profile {
            respondent_name: name.into(),
            respondent_role: role.into(),
            ..Profile::default()
        }
        .respondent_label()
    };
    assert_eq!(
        who("Anne Lefèvre", "Directrice générale").as_deref(),
        Some("Anne Lefèvre (Directrice générale)")
    );
    assert_eq!(
        who("Julie Martin", "Agente administrative (informatique)").as_deref(),
        Some("Julie Martin, Agente administrative (informatique)")
    );
    assert_eq!(who(" ", "Bourgmestre").as_deref(), Some("Bourgmestre"));
    assert_eq!(who("Paul", "  ").as_deref(), Some("Paul"));
    assert_eq!(who("", ""), None);
}
