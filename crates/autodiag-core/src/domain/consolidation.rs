//! Several respondents of one commune: where they agree, where they differ, and a proposed
//! consolidated assessment for the group to adjust.

use super::assessment::{Answer, Assessment, Choice, Importance, Level, PillarSettings};
use super::content::{Framework, Pillar};
use super::profile::Profile;
use litemap::LiteMap;

/// Answers that differ by this many levels or more are discussed first.
pub const DISAGREEMENT_LEVELS: u8 = 2;

/// One question across respondents.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionSpread {
    pub question_id: String,
    /// One entry per respondent, in their order.
    pub choices: Vec<Option<Choice>>,
    /// Highest minus lowest level among the answers with a level; none with fewer than two,
    /// since one person's answer is no agreement.
    pub spread: Option<u8>,
    /// The proposed level: the median, rounded down between two middle levels; on a legal
    /// duty that someone answered under its minimum, that lowest answer, so the joint
    /// assessment never reports the duty met unless the group decides so.
    pub proposed: Option<Choice>,
    /// A legal duty that at least one respondent answered under its minimum.
    pub unmet_duty: bool,
    /// The question is a legal duty (it has a legal minimum).
    pub duty: bool,
    /// Some answered « non applicable » and others with a level (or, on a legal duty, « je ne
    /// sais pas »): whether the question concerns the commune is for the group to settle,
    /// since « non applicable » takes it out of the pillar's score.
    pub applicability_disputed: bool,
}

impl QuestionSpread {
    pub fn disagrees(&self) -> bool {
        self.spread.is_some_and(|s| s >= DISAGREEMENT_LEVELS)
    }

    /// What the workshop discusses: respondents two levels apart or more, a legal duty some
    /// say is met and others not, however close their levels, or a question some say does
    /// not concern the commune.
    pub fn to_discuss(&self) -> bool {
        self.disagrees()
            || (self.unmet_duty && self.spread.is_some_and(|s| s > 0))
            || self.applicability_disputed
    }

    /// A legal duty the group must settle: unmet according to someone, or not applicable
    /// according to some.
    pub fn duty_at_stake(&self) -> bool {
        self.unmet_duty || (self.duty && self.applicability_disputed)
    }

    /// The respondents (their indices) grouped by what they answered, highest level first,
    /// then « Je ne sais pas », « Non applicable » and no answer. A workshop slide shows each
    /// level once with who chose it, so it stays readable with many respondents.
    pub fn by_choice(&self) -> Vec<(Option<Choice>, Vec<usize>)> {
        let rank = |choice: Option<Choice>| match choice {
            Some(Choice::Level(level)) => Level::MAX - level.get(),
            Some(Choice::Unknown) => Level::MAX,
            Some(Choice::NotApplicable) => Level::MAX + 1,
            None => Level::MAX + 2,
        };
        let mut groups: Vec<(Option<Choice>, Vec<usize>)> = Vec::new();
        for wanted in 0..=Level::MAX + 2 {
            for (index, &choice) in self.choices.iter().enumerate() {
                if rank(choice) != wanted {
                    continue;
                }
                match groups.last_mut() {
                    Some((last, who)) if *last == choice => who.push(index),
                    _ => groups.push((choice, vec![index])),
                }
            }
        }
        groups
    }
}

/// The median, rounded down: with levels 2 and 3 in the middle, 2 is proposed, so the group
/// starts from the more cautious reading.
pub fn median_level(levels: &[u8]) -> Option<u8> {
    let once: Vec<(u8, u32)> = levels.iter().map(|&level| (level, 1)).collect();
    weighted_median_level(&once)
}

/// The median of levels each counted as many times as its weight, rounded down like
/// [`median_level`]: a consolidation loaded again counts as the people it brings together,
/// not as one more voice.
pub fn weighted_median_level(levels: &[(u8, u32)]) -> Option<u8> {
    let mut sorted = levels.to_vec();
    crate::sort::sort(&mut sorted);
    let total: u64 = sorted.iter().map(|&(_, weight)| u64::from(weight)).sum();
    let middle = total.checked_sub(1)? / 2;
    let mut counted = 0;
    for (level, weight) in sorted {
        counted += u64::from(weight);
        if counted > middle {
            return Some(level);
        }
    }
    None
}

/// How many people a respondent's answers speak for: a consolidation its respondents.
pub fn weight(respondent: &Assessment) -> u32 {
    respondent.profile.consolidated_respondents.max(1)
}

/// Whether a respondent's assessment may join those already loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Admission {
    Admitted,
    /// Another commune, by NIS code or by name: its answers would be mixed into this one's.
    OtherCommune {
        theirs: String,
        ours: String,
    },
    /// The same file twice, or an earlier file of a respondent already loaded: counting them
    /// twice would move the median.
    AlreadyLoaded {
        label: String,
    },
    /// A later file of a respondent already loaded, who answered again: it takes the place of
    /// `index`, so that person still counts once, with their latest answers.
    Replaces {
        index: usize,
        label: String,
    },
    /// Someone counted both in a synthesis and in another file (another synthesis, or their
    /// own): a synthesis cannot give back one person's answers, so the file is not added.
    CountedIn {
        person: String,
        synthesis: String,
    },
}

/// Checks a candidate against the respondents already loaded: the first one sets the commune.
pub fn admit(loaded: &[Assessment], candidate: &Assessment) -> Admission {
    let Some(first) = loaded.first() else {
        return Admission::Admitted;
    };
    if !first.same_commune(candidate) {
        return Admission::OtherCommune {
            theirs: candidate.profile.commune.clone(),
            ours: first.profile.commune.clone(),
        };
    }
    let same_file = |a: &Assessment| {
        a.id == candidate.id || (a.answers == candidate.answers && a.profile == candidate.profile)
    };
    if let Some(index) = loaded.iter().position(same_file) {
        return Admission::AlreadyLoaded {
            label: respondent_label(&loaded[index], index),
        };
    }
    // A synthesis speaks for its people: none of them may count a second time.
    let theirs = people(candidate);
    let in_candidate = candidate.profile.is_synthesis();
    for (index, a) in loaded.iter().enumerate() {
        if !in_candidate && !a.profile.is_synthesis() {
            continue;
        }
        if let Some(person) = people(a).into_iter().find(|p| theirs.contains(p)) {
            let (synthesis, position) = if in_candidate {
                (candidate, loaded.len())
            } else {
                (a, index)
            };
            return Admission::CountedIn {
                person: person_label(synthesis, &person).unwrap_or(person),
                synthesis: respondent_label(synthesis, position),
            };
        }
    }
    // Only the commune's name is required: two people who left theirs blank are two people
    // (`slug` names a blank « commune », so the blank is checked before it).
    if candidate.profile.respondent_name.trim().is_empty() {
        return Admission::Admitted;
    }
    let person = |a: &Assessment| super::profile::slug(&a.profile.respondent_name);
    let Some(index) = loaded.iter().position(|a| person(a) == person(candidate)) else {
        return Admission::Admitted;
    };
    let label = respondent_label(&loaded[index], index);
    if recency(candidate) > recency(&loaded[index]) {
        Admission::Replaces { index, label }
    } else {
        Admission::AlreadyLoaded { label }
    }
}

/// The people an assessment speaks for, each as the slug of « name (role) » as a synthesis
/// lists them: a synthesis's participants, or the one respondent who gave a name. The role is
/// part of it, so that two people of one name and other roles stay two people.
fn people(a: &Assessment) -> Vec<String> {
    if a.profile.is_synthesis() {
        a.profile
            .participants
            .iter()
            .map(|label| super::profile::slug(label))
            .collect()
    } else if a.profile.respondent_name.trim().is_empty() {
        Vec::new()
    } else {
        a.profile
            .respondent_label()
            .map(|label| super::profile::slug(&label))
            .into_iter()
            .collect()
    }
}

/// Whether `synthesis` is a group's synthesis that already counts the one person who answered
/// `one`: that person's own file, earlier or later, is their view, the synthesis the group's.
/// Within one commune a name is one person, whatever role they typed each time
/// (« Informaticienne », « Responsable informatique »).
pub(crate) fn counts_in_synthesis(synthesis: &Assessment, one: &Assessment) -> bool {
    let name = super::profile::slug(&one.profile.respondent_name);
    synthesis.profile.is_synthesis()
        && !one.profile.is_synthesis()
        && !one.profile.respondent_name.trim().is_empty()
        && synthesis.profile.participants.iter().any(|label| {
            // A participant is listed as « name (role) », or by name or role alone; a role
            // may hold parentheses of its own (« Directrice générale (f.f.) »).
            super::profile::slug(label) == name
                || label.match_indices('(').any(|(at, _)| {
                    label
                        .get(..at)
                        .and_then(|before| before.strip_suffix(' '))
                        .is_some_and(|before| super::profile::slug(before) == name)
                })
        })
}

/// The one assessment of a copy (every assessment of a browser) that a workshop takes: the
/// most recent that holds answers, of the workshop's commune once one is loaded. A copy of
/// last year's round beside this year's, a blank diagnostic or another commune's must not
/// count as more people.
pub fn respondent_in_copy<'a>(
    copy: &'a [Assessment],
    loaded: &[Assessment],
) -> Option<&'a Assessment> {
    copy.iter()
        .filter(|a| !a.answers.is_empty())
        .filter(|a| loaded.first().is_none_or(|first| first.same_commune(a)))
        .max_by(|a, b| recency(a).cmp(&recency(b)))
}

/// The synthesis among `all` that counts the person who answered `one`: of the same commune,
/// the first dated that day or later, and only if that person has no other file dated between
/// them (last year's answers are not this year's workshop). « Mes évaluations » says so beside
/// that person's own answers, so that the group's synthesis, not one participant's part, goes
/// to IGRETEC.
pub fn counted_in<'a>(all: &'a [Assessment], one: &Assessment) -> Option<&'a Assessment> {
    let synthesis = all
        .iter()
        .filter(|s| {
            s.id != one.id
                && s.same_commune(one)
                && s.profile.date >= one.profile.date
                && counts_in_synthesis(s, one)
        })
        .min_by(|a, b| a.profile.date.cmp(&b.profile.date))?;
    let person = super::profile::slug(&one.profile.respondent_name);
    let later_file = all.iter().any(|other| {
        other.id != one.id
            && !other.profile.is_synthesis()
            && other.same_commune(one)
            && super::profile::slug(&other.profile.respondent_name) == person
            && other.profile.date > one.profile.date
            && other.profile.date <= synthesis.profile.date
    });
    (!later_file).then_some(synthesis)
}

/// How a synthesis lists the person whose slug is `person`.
fn person_label(synthesis: &Assessment, person: &str) -> Option<String> {
    synthesis
        .profile
        .participants
        .iter()
        .find(|label| super::profile::slug(label) == person)
        .cloned()
}

/// A figure of the commune's profile, which respondents may give differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileField {
    Population,
    DigitalStaff,
    DigitalBudget,
    DigitalStrategy,
}

const PROFILE_FIELDS: [ProfileField; 4] = [
    ProfileField::Population,
    ProfileField::DigitalStaff,
    ProfileField::DigitalBudget,
    ProfileField::DigitalStrategy,
];

/// The figure `field` of `profile` as a number equal for equal figures, if given. One number
/// type for all four keeps the comparisons below compiled once.
fn figure(profile: &Profile, field: ProfileField) -> Option<u64> {
    match field {
        ProfileField::Population => profile.population.map(|band| band as u64),
        ProfileField::DigitalStaff => profile.digital_staff_fte.map(f64::to_bits),
        ProfileField::DigitalBudget => profile.digital_budget.map(|band| band as u64),
        ProfileField::DigitalStrategy => profile.digital_strategy.map(|status| status as u64),
    }
}

/// Of `profiles` (latest first), one giving the figure most give, each weighing as many
/// people as it speaks for; among equals, the latest.
fn most_given<'a>(
    profiles: &[&'a Profile],
    weights: &[u32],
    field: ProfileField,
) -> Option<&'a Profile> {
    let count = |value: u64| -> u32 {
        profiles
            .iter()
            .zip(weights)
            .filter(|(p, _)| figure(p, field) == Some(value))
            .map(|(_, w)| w)
            .sum()
    };
    // `max_by_key` keeps the last of equals: walk latest last to keep the latest.
    profiles
        .iter()
        .rev()
        .filter_map(|p| Some((*p, count(figure(p, field)?))))
        .max_by_key(|&(_, count)| count)
        .map(|(p, _)| p)
}

/// The profile's figures on which respondents differ: the synthesis takes the one most give,
/// and the facilitator is asked to check it, since the room decided only the answers.
pub fn profile_differences(respondents: &[Assessment]) -> Vec<ProfileField> {
    PROFILE_FIELDS
        .into_iter()
        .filter(|&field| {
            let mut given = respondents.iter().filter_map(|r| figure(&r.profile, field));
            given
                .next()
                .is_some_and(|first| given.any(|value| value != first))
        })
        .collect()
}

/// The pillars whose priority respondents set far apart: one says « Haute » importance and
/// another « Basse », or their target levels differ by two or more, among those who gave a
/// view on the pillar. The synthesis takes the median, which decides the roadmap's focus
/// pillars, so the room should settle it.
pub fn priority_differences<'a>(
    framework: &'a Framework,
    respondents: &[Assessment],
) -> Vec<&'a str> {
    let mut pillars = Vec::new();
    for pillar in &framework.pillars {
        let settings = || with_a_view(respondents, pillar).map(|r| r.settings(&pillar.id));
        let importance_apart = settings().any(|s| s.importance == Importance::High)
            && settings().any(|s| s.importance == Importance::Low);
        let targets = settings().filter_map(|s| s.target.map(Level::get));
        let target_apart = targets
            .clone()
            .max()
            .zip(targets.min())
            .is_some_and(|(high, low)| high - low >= 2);
        if importance_apart || target_apart {
            pillars.push(pillar.id.as_str());
        }
    }
    pillars
}

fn recency(a: &Assessment) -> (&str, &str) {
    (&a.profile.date, &a.updated_at)
}

/// Compares every question across respondents, in framework order.
pub fn compare(framework: &Framework, respondents: &[Assessment]) -> Vec<QuestionSpread> {
    framework
        .question_ids()
        .map(|question| {
            let choices: Vec<Option<Choice>> =
                respondents.iter().map(|r| r.choice(question)).collect();
            let levels: Vec<u8> = choices
                .iter()
                .filter_map(|c| c.and_then(Choice::level))
                .map(Level::get)
                .collect();
            let spread = (levels.len() >= 2).then(|| {
                levels.iter().max().copied().unwrap_or(0)
                    - levels.iter().min().copied().unwrap_or(0)
            });
            let lowest = levels.iter().min().copied();
            let unmet_duty =
                lowest.is_some_and(|lowest| framework.below_legal_minimum(question, lowest));
            let weighted: Vec<(u8, u32)> = respondents
                .iter()
                .zip(&choices)
                .filter_map(|(r, c)| c.and_then(Choice::level).map(|l| (l.get(), weight(r))))
                .collect();
            let proposed_level = if unmet_duty {
                lowest
            } else {
                weighted_median_level(&weighted)
            };
            let proposed = match proposed_level.and_then(Level::new) {
                Some(level) => Some(Choice::Level(level)),
                // Nobody gave a level: keep what most said, "don't know" before "not applicable".
                None if choices.contains(&Some(Choice::Unknown)) => Some(Choice::Unknown),
                None if choices.contains(&Some(Choice::NotApplicable)) => {
                    Some(Choice::NotApplicable)
                }
                None => None,
            };
            // On a legal duty, « je ne sais pas » beside « non applicable » is as much for the
            // group to settle: the law may concern the commune without anyone knowing.
            let duty = framework.legal_minimum(question).is_some();
            let applicability_disputed = choices.contains(&Some(Choice::NotApplicable))
                && choices.iter().any(|c| match c {
                    Some(Choice::Level(_)) => true,
                    Some(Choice::Unknown) => duty,
                    _ => false,
                });
            QuestionSpread {
                question_id: question.clone(),
                choices,
                spread,
                proposed,
                unmet_duty,
                duty,
                applicability_disputed,
            }
        })
        .collect()
}

/// The questions a workshop discusses (indices into `spreads`), in the order it should take
/// them when time runs short: legal duties at stake first, then the widest spread between
/// answers, then the référentiel's order.
pub fn discussion_order(spreads: &[QuestionSpread]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..spreads.len())
        .filter(|&i| spreads[i].to_discuss())
        .collect();
    crate::sort::sort_by_key(&mut order, |&i| {
        (
            !spreads[i].duty_at_stake(),
            std::cmp::Reverse(spreads[i].spread.unwrap_or(0)),
        )
    });
    order
}

/// A respondent's note as a discussion slide shows it: without the référentiel's reminders,
/// which are the same for everyone and would push the respondent's own words off the slide,
/// on one line, and cut after a whole word within `max` characters.
pub fn note_for_slide(framework: &Framework, note: &str, max: usize) -> String {
    let own: Vec<&str> = note
        .lines()
        .filter(|line| !super::content::is_reminder(framework, line))
        .flat_map(str::split_whitespace)
        .collect();
    let line = own.join(" ");
    let cut = super::format::truncate_chars(&line, max);
    if cut.len() == line.len() {
        return cut;
    }
    let words = cut
        .rsplit_once(' ')
        .map_or(cut.as_str(), |(words, _)| words);
    format!("{}…", words.trim_end_matches([' ', ',', ';', ':', '.']))
}

/// Which respondents answered more than `OUT_OF_TIME_MONTHS` before the latest of them: the
/// facilitator is asked to check that the file belongs to this workshop.
pub fn out_of_time(respondents: &[Assessment]) -> Vec<bool> {
    let latest = respondents
        .iter()
        .map(|r| r.profile.date.as_str())
        .max()
        .unwrap_or_default();
    respondents
        .iter()
        .map(|r| {
            super::profile::older_than_months(
                &r.profile.date,
                latest,
                super::assessment::OUT_OF_TIME_MONTHS,
            )
        })
        .collect()
}

/// The questions the group settled that a respondent joining later answers otherwise, in
/// the référentiel's order: settled before they came, they go back to the group with their
/// view, rather than stand unseen. A later file of someone already loaded (`earlier`) reopens
/// only the answers it changes: the group decided having heard the others.
pub fn settled_before_arrival<'f>(
    framework: &'f Framework,
    decisions: &LiteMap<String, Option<Choice>>,
    newcomer: &Assessment,
    earlier: Option<&Assessment>,
) -> Vec<&'f str> {
    framework
        .question_ids()
        .filter(|q| {
            decisions.get(q.as_str()).is_some_and(|&decided| {
                // No answer is no other view.
                newcomer.choice(q).is_some_and(|answer| {
                    Some(answer) != decided && earlier.is_none_or(|e| e.choice(q) != Some(answer))
                })
            })
        })
        .map(String::as_str)
        .collect()
}

/// Who changed their own roadmap (owners, due dates, actions added or done): the synthesis
/// drafts a new one from the levels the group keeps, so their choices must be carried over
/// by hand, and the facilitator says so before saving.
pub fn edited_roadmaps(respondents: &[Assessment]) -> Vec<String> {
    respondents
        .iter()
        .enumerate()
        .filter(|(_, r)| r.roadmap.as_ref().is_some_and(|roadmap| roadmap.edited))
        .map(|(i, r)| respondent_label(r, i))
        .collect()
}

pub fn respondent_label(assessment: &Assessment, index: usize) -> String {
    assessment
        .profile
        .respondent_label()
        .unwrap_or_else(|| format!("#{}", index + 1))
}

/// Writes down how the group settled each question it discussed, as the first line of the
/// question's note: the respondents' notes under it may say otherwise, and the collège and
/// IGRETEC read the level beside them. `lines` is by question, in the interface's words. The
/// line stays whole when the notes fill the note's room: they give way.
pub fn record_workshop(result: &mut Assessment, lines: &[(String, String)]) {
    for (question, line) in lines {
        let answer = result.answers.entry(question.clone()).or_default();
        let note = if answer.note.is_empty() {
            line.clone()
        } else {
            format!("{line}\n{}", answer.note)
        };
        answer.note = super::assessment::truncate_chars(&note, super::assessment::MAX_NOTE_CHARS);
    }
}

/// The respondents who gave a view on `pillar`: who answered one of its questions with a
/// level or « Non applicable », or set its importance or target. « Je ne sais pas » alone
/// is no view on the pillar's priority. When a commune shares the pillars among its
/// services, someone who left a pillar to a colleague keeps its default « Moyenne », which
/// would outvote the one « Haute » of the person who answered it. When nobody gave a view,
/// everyone counts.
fn with_a_view<'a>(
    respondents: &'a [Assessment],
    pillar: &'a Pillar,
) -> impl Iterator<Item = &'a Assessment> + Clone {
    let has_view = |r: &Assessment| {
        r.settings(&pillar.id) != PillarSettings::default()
            || pillar
                .questions
                .iter()
                .any(|q| r.choice(q).is_some_and(|c| c != Choice::Unknown))
    };
    let anyone = respondents.iter().any(has_view);
    respondents.iter().filter(move |r| !anyone || has_view(r))
}

/// The consolidated assessment, dated `today`, the workshop's day: the chosen level per
/// question, every respondent's note merged and signed, whom those who do not know would ask
/// (when the group does not know either), and the median importance and target per pillar of
/// those who gave a view on it.
///
/// See [`profile_differences`] for what the facilitator is told beforehand.
pub fn consolidate(
    framework: &Framework,
    respondents: &[Assessment],
    chosen: &LiteMap<String, Option<Choice>>,
    id: String,
    name: String,
    today: &str,
    now: &str,
) -> Assessment {
    // The files are read in parallel, so the first one loaded is chance. Each of the commune's
    // figures (population, staff, budget…) is the one most respondents give, weighed as their
    // answers are; a tie goes to the latest answers that give it: by date, then by the last
    // change, then by id, so that it is no chance either. One late respondent's band of
    // population used to become the commune's.
    let mut by_recency: Vec<&Assessment> = respondents.iter().collect();
    crate::sort::sort_by(&mut by_recency, |a, b| {
        (recency(b), &b.id).cmp(&(recency(a), &a.id))
    });
    let profiles: Vec<&Profile> = by_recency.iter().map(|r| &r.profile).collect();
    let latest_text = |field: fn(&Profile) -> &String| {
        profiles
            .iter()
            .map(|p| field(p))
            .find(|text| !text.trim().is_empty())
            .cloned()
    };
    let mut profile = profiles
        .first()
        .map_or_else(Profile::default, |p| (*p).clone());
    // The workshop's own answers, not a redone round's: no earlier diagnostic to name.
    profile.redone_from.clear();
    if let Some(nis_code) = latest_text(|p| &p.nis_code) {
        profile.nis_code = nis_code;
    }
    if let Some(partnerships) = latest_text(|p| &p.partnerships) {
        profile.partnerships = partnerships;
    }
    let weights: Vec<u32> = by_recency.iter().map(|r| weight(r)).collect();
    let most_given = |field: ProfileField| most_given(&profiles, &weights, field);
    profile.population = most_given(ProfileField::Population).and_then(|p| p.population);
    profile.digital_staff_fte =
        most_given(ProfileField::DigitalStaff).and_then(|p| p.digital_staff_fte);
    profile.digital_budget = most_given(ProfileField::DigitalBudget).and_then(|p| p.digital_budget);
    profile.digital_strategy =
        most_given(ProfileField::DigitalStrategy).and_then(|p| p.digital_strategy);
    let mut result = Assessment::new(id, profile.commune.clone(), now.to_string());
    result.profile = profile;
    // Dated the day the group decided, so that IGRETEC takes it over any one respondent's
    // earlier file of the same commune.
    result.profile.date = today.to_string();
    result.profile.respondent_name = name;
    result.profile.respondent_role = String::new();
    // A consolidation merged again counts each of its own respondents.
    let people = respondents.iter().map(weight).sum();
    result.profile.consolidated_respondents = people;
    // Named in the summary, so that IGRETEC knows who took part; a consolidation merged again
    // brings its own participants.
    let mut participants: Vec<String> = Vec::new();
    for respondent in respondents {
        let profile = &respondent.profile;
        let named = if profile.is_synthesis() {
            // A consolidation's own label names the group, not a person.
            profile.participants.clone()
        } else {
            profile.respondent_label().into_iter().collect()
        };
        for person in named {
            if !participants.contains(&person) {
                participants.push(person);
            }
        }
    }
    result.profile.participants = participants;
    for question in framework.question_ids() {
        let notes: Vec<String> = respondents
            .iter()
            .enumerate()
            .filter(|(_, r)| !r.note(question).trim().is_empty())
            .map(|(i, r)| {
                let note = r.note(question).trim();
                // A consolidation's notes are already signed by each person.
                if r.profile.is_synthesis() {
                    note.to_string()
                } else {
                    format!("{} : {}", respondent_label(r, i), note)
                }
            })
            .collect();
        // Whom each person who does not know would ask, once each: a group that keeps
        // « Je ne sais pas » still knows whom to call. A kept level needs no one.
        let choice = chosen.get(question).copied().flatten();
        let mut asks: Vec<&str> = Vec::new();
        if choice.is_none_or(|c| c == Choice::Unknown) {
            for respondent in respondents {
                let ask = respondent
                    .answers
                    .get(question)
                    .filter(|a| a.choice == Some(Choice::Unknown))
                    .map_or("", |a| a.ask.trim());
                if !ask.is_empty() && !asks.contains(&ask) {
                    asks.push(ask);
                }
            }
        }
        let answer = Answer {
            choice,
            note: super::assessment::truncate_chars(
                &notes.join("\n"),
                super::assessment::MAX_NOTE_CHARS,
            ),
            ask: super::assessment::truncate_chars(
                &asks.join(" ; "),
                super::assessment::MAX_ASK_CHARS,
            ),
            ..Answer::default()
        };
        if !answer.is_empty() {
            result.answers.insert(question.clone(), answer);
        }
    }
    for pillar in &framework.pillars {
        let importances: Vec<(u8, u32)> = with_a_view(respondents, pillar)
            .map(|r| {
                let importance = match r.settings(&pillar.id).importance {
                    Importance::Low => 0,
                    Importance::Medium => 1,
                    Importance::High => 2,
                };
                (importance, weight(r))
            })
            .collect();
        let targets: Vec<(u8, u32)> = with_a_view(respondents, pillar)
            .filter_map(|r| {
                let target = r.settings(&pillar.id).target?;
                Some((target.get(), weight(r)))
            })
            .collect();
        let importance = match weighted_median_level(&importances) {
            Some(0) => Importance::Low,
            Some(2) => Importance::High,
            _ => Importance::Medium,
        };
        result.pillars.insert(
            pillar.id.clone(),
            PillarSettings {
                importance,
                target: weighted_median_level(&targets).and_then(Level::new),
            },
        );
    }
    result.revision = 1;
    result
}
