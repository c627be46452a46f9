//! The counting rules of brand work: what an activity, a volunteer hour, a
//! person served, an honor and a suggestion count toward. Every total the
//! app shows (概览, the brand pages, 志愿服务, `dangjian stats`, the reports)
//! comes from these functions, so no two screens can disagree:
//!
//! - an activity counts once in each organising branch's list (lead and
//!   co-organisers) and once in the committee's;
//! - people served are credited to the lead branch only;
//! - a member's hours go to the branch they belonged to on the activity's
//!   day; an outside volunteer's hours go to the lead branch;
//! - an activity belongs to the month and year of its first day;
//! - the participation rate of a branch is the share of the members on its
//!   rolls (on the last day of the year, or today if earlier) who gave hours
//!   (more than none) in at least one activity that year;
//! - no total counts an activity or an hour twice.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use super::roster::Roster;
use crate::store::{Activity, Brand, Honor, Participant, ParticipantKind, Suggestion, SuggestionStatus, TargetMeasure};

/// The branch a participant's hours are credited to.
pub fn credited_branch(activity: &Activity, participant: &Participant, roster: &Roster) -> i64 {
    participant
        .member_id
        .and_then(|id| roster.get(id))
        .and_then(|h| h.branch_on(activity.date))
        .unwrap_or(activity.branch_id)
}

/// The day on which a year's rolls are counted: its last day, or `today` if earlier.
pub fn rolls_day(year: i32, today: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 12, 31).map_or(today, |last| last.min(today))
}

/// A share as a percentage with one decimal; 0 when there is no one to count.
pub fn percent(part: usize, whole: usize) -> f64 {
    share(part as f64, whole as f64).unwrap_or(0.0)
}

/// `part` ÷ `whole` in percent with one decimal; `None` when `whole` is 0.
fn share(part: f64, whole: f64) -> Option<f64> {
    (whole > 0.0).then(|| (part * 1000.0 / whole).round() / 10.0)
}

/// Hours rounded to a tenth, so sums of halves and quarters print cleanly.
pub fn tenths(hours: f64) -> f64 {
    (hours * 10.0).round() / 10.0
}

/// What one branch did in a year.
#[derive(Debug, Clone, PartialEq)]
pub struct BranchService {
    /// The branch.
    pub branch_id: i64,
    /// Activities it organised (as lead or co-organiser).
    pub activities: usize,
    /// People served by the activities it led.
    pub people_served: i64,
    /// Hours credited to it.
    pub volunteer_hours: f64,
    /// Members on its rolls who served at least once.
    pub members_serving: usize,
    /// Members on its rolls.
    pub members_on_rolls: usize,
    /// `members_serving` ÷ `members_on_rolls`, in percent.
    pub participation_rate: f64,
}

/// What the committee's branches did in a year, in all and by branch.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceTotals {
    /// Activities (each once).
    pub activities: usize,
    /// People served.
    pub people_served: i64,
    /// All volunteer hours, members' and outside volunteers'.
    pub volunteer_hours: f64,
    /// The part of `volunteer_hours` given by outside volunteers.
    pub outside_volunteer_hours: f64,
    /// Members on the rolls who served at least once.
    pub members_serving: usize,
    /// Members on the rolls.
    pub members_on_rolls: usize,
    /// `members_serving` ÷ `members_on_rolls`, in percent.
    pub participation_rate: f64,
    /// Activities by month, January first.
    pub activities_by_month: Vec<usize>,
    /// Activities by kind.
    pub activities_by_kind: BTreeMap<String, usize>,
    /// Per branch, in the order of the branches given.
    pub per_branch: Vec<BranchService>,
}

/// The totals of `activities` (those of one year) for `branch_ids`, with the
/// rolls counted on `rolls_on` (see [`rolls_day`]).
pub fn service_totals(
    activities: &[Activity],
    roster: &Roster,
    branch_ids: &[i64],
    rolls_on: NaiveDate,
) -> ServiceTotals {
    let mut per_branch: HashMap<i64, BranchService> = branch_ids
        .iter()
        .map(|&id| {
            let on_rolls = roster.on_rolls(id, rolls_on).len();
            (
                id,
                BranchService {
                    branch_id: id,
                    activities: 0,
                    people_served: 0,
                    volunteer_hours: 0.0,
                    members_serving: 0,
                    members_on_rolls: on_rolls,
                    participation_rate: 0.0,
                },
            )
        })
        .collect();
    let mut served: HashSet<i64> = HashSet::new();
    let mut by_month = vec![0; 12];
    let mut by_kind = BTreeMap::new();
    let (mut people_served, mut hours, mut outside_hours) = (0, 0.0, 0.0);
    for activity in activities {
        by_month[activity.date.month0() as usize] += 1;
        *by_kind.entry(activity.kind.clone()).or_insert(0) += 1;
        people_served += activity.people_served;
        for branch in activity.organisers() {
            if let Some(b) = per_branch.get_mut(&branch) {
                b.activities += 1;
            }
        }
        if let Some(lead) = per_branch.get_mut(&activity.branch_id) {
            lead.people_served += activity.people_served;
        }
        for p in &activity.participants {
            hours += p.hours;
            if p.kind != ParticipantKind::Member {
                outside_hours += p.hours;
            }
            if let Some(b) = per_branch.get_mut(&credited_branch(activity, p, roster)) {
                b.volunteer_hours += p.hours;
            }
            if p.hours > 0.0 {
                served.extend(p.member_id);
            }
        }
    }
    for b in per_branch.values_mut() {
        b.members_serving = roster.on_rolls(b.branch_id, rolls_on).iter().filter(|m| served.contains(&m.id)).count();
        b.participation_rate = percent(b.members_serving, b.members_on_rolls);
        b.volunteer_hours = tenths(b.volunteer_hours);
    }
    let per_branch: Vec<BranchService> = branch_ids.iter().filter_map(|id| per_branch.remove(id)).collect();
    let members_serving = per_branch.iter().map(|b| b.members_serving).sum();
    let members_on_rolls = per_branch.iter().map(|b| b.members_on_rolls).sum();
    ServiceTotals {
        activities: activities.len(),
        people_served,
        volunteer_hours: tenths(hours),
        outside_volunteer_hours: tenths(outside_hours),
        members_serving,
        members_on_rolls,
        participation_rate: percent(members_serving, members_on_rolls),
        activities_by_month: by_month,
        activities_by_kind: by_kind,
        per_branch,
    }
}

/// A brand's figures over a set of activities (one year's, usually).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct BrandFigures {
    /// Activities under the brand.
    pub activities: usize,
    /// People served by them.
    pub people_served: i64,
    /// Hours given in them.
    pub volunteer_hours: f64,
    /// Members on the rolls of the brand's branch who served in them.
    pub members_serving: usize,
    /// Members on the rolls of the brand's branch.
    pub members_on_rolls: usize,
    /// `members_serving` ÷ `members_on_rolls`, in percent.
    pub participation_rate: f64,
}

/// One target and how far it has come.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct TargetProgress {
    /// The brand.
    pub brand_id: i64,
    /// The brand's name.
    pub brand: String,
    /// The year.
    pub year: i32,
    /// What is counted.
    pub measure: TargetMeasure,
    /// The activity kind counted, for a count of one kind.
    pub activity_kind: Option<String>,
    /// What the target is called (义诊次数, 志愿服务时长…).
    pub label: String,
    /// The number aimed for.
    pub target: f64,
    /// What has been done.
    pub actual: f64,
    /// `actual` ÷ target, in percent (100 when the target is 0).
    pub percent: f64,
}

fn under_brand<'a>(brand: &'a Brand, activities: &'a [Activity]) -> impl Iterator<Item = &'a Activity> + 'a {
    activities.iter().filter(move |a| a.brand_id == Some(brand.id))
}

/// The brand's figures over `activities`, with the rolls of its branch counted on `rolls_on`.
pub fn brand_figures(brand: &Brand, activities: &[Activity], roster: &Roster, rolls_on: NaiveDate) -> BrandFigures {
    let mine: Vec<&Activity> = under_brand(brand, activities).collect();
    let served: HashSet<i64> =
        mine.iter().flat_map(|a| a.participants.iter().filter(|p| p.hours > 0.0).filter_map(|p| p.member_id)).collect();
    let on_rolls = roster.on_rolls(brand.branch_id, rolls_on);
    let members_serving = on_rolls.iter().filter(|m| served.contains(&m.id)).count();
    BrandFigures {
        activities: mine.len(),
        people_served: mine.iter().map(|a| a.people_served).sum(),
        volunteer_hours: tenths(mine.iter().map(|a| a.hours()).sum()),
        members_serving,
        members_on_rolls: on_rolls.len(),
        participation_rate: percent(members_serving, on_rolls.len()),
    }
}

/// Progress on the brand's targets for `year`, from that year's `activities`.
pub fn target_progress(
    brand: &Brand,
    year: i32,
    activities: &[Activity],
    roster: &Roster,
    rolls_on: NaiveDate,
) -> Vec<TargetProgress> {
    let figures = brand_figures(brand, activities, roster, rolls_on);
    brand
        .targets
        .iter()
        .filter(|t| t.year == year)
        .map(|t| {
            let actual = match (t.measure, &t.activity_kind) {
                (TargetMeasure::Activities, Some(kind)) => {
                    under_brand(brand, activities).filter(|a| &a.kind == kind).count() as f64
                }
                (TargetMeasure::Activities, None) => figures.activities as f64,
                (TargetMeasure::PeopleServed, _) => figures.people_served as f64,
                (TargetMeasure::VolunteerHours, _) => figures.volunteer_hours,
                (TargetMeasure::ParticipationRate, _) => figures.participation_rate,
            };
            let percent = share(actual, t.target).unwrap_or(100.0);
            TargetProgress {
                brand_id: brand.id,
                brand: brand.name.clone(),
                year: t.year,
                measure: t.measure,
                activity_kind: t.activity_kind.clone(),
                label: t.label(),
                target: t.target,
                actual,
                percent,
            }
        })
        .collect()
}

/// One activity in a person's record of service.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ServiceEntry {
    /// The activity.
    pub activity_id: i64,
    /// Its title.
    pub title: String,
    /// Its kind.
    pub kind: String,
    /// Its first day.
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// Where.
    pub place: Option<String>,
    /// Hours given.
    pub hours: f64,
    /// The branch the hours are credited to.
    pub branch_id: i64,
}

/// One person's service: the record a volunteer certificate summarises.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PersonService {
    /// The member, for a member.
    pub member_id: Option<i64>,
    /// Name.
    pub name: String,
    /// Member or outside volunteer.
    pub kind: ParticipantKind,
    /// Total hours.
    pub hours: f64,
    /// Each activity, by date.
    pub entries: Vec<ServiceEntry>,
}

/// Each person's service in `activities`, most hours first (then by name).
/// Outside volunteers are told apart by name and kind.
pub fn people_service(activities: &[Activity], roster: &Roster) -> Vec<PersonService> {
    let mut people: BTreeMap<(Option<i64>, String, ParticipantKind), PersonService> = BTreeMap::new();
    for activity in activities {
        for p in &activity.participants {
            let key = (p.member_id, if p.member_id.is_some() { String::new() } else { p.name.clone() }, p.kind);
            let person = people.entry(key).or_insert_with(|| PersonService {
                member_id: p.member_id,
                name: p.name.clone(),
                kind: p.kind,
                hours: 0.0,
                entries: Vec::new(),
            });
            person.hours += p.hours;
            person.entries.push(ServiceEntry {
                activity_id: activity.id,
                title: activity.title.clone(),
                kind: activity.kind.clone(),
                date: activity.date,
                place: activity.place.clone(),
                hours: p.hours,
                branch_id: credited_branch(activity, p, roster),
            });
        }
    }
    let mut people: Vec<PersonService> = people.into_values().collect();
    for person in &mut people {
        person.hours = tenths(person.hours);
        person.entries.sort_by_key(|e| (e.date, e.activity_id));
    }
    people.sort_by(|a, b| b.hours.total_cmp(&a.hours).then_with(|| a.name.cmp(&b.name)));
    people
}

/// The branch an honor counts for: the branch honored, the branch of the
/// brand honored, or the branch the member honored belonged to when awarded
/// (today's when the date is unknown); `None` for the committee's own honors.
pub fn honor_branch(honor: &Honor, brands: &[Brand], roster: &Roster) -> Option<i64> {
    if let Some(branch) = honor.branch_id {
        return Some(branch);
    }
    if let Some(brand) = honor.brand_id {
        return brands.iter().find(|b| b.id == brand).map(|b| b.branch_id);
    }
    let history = roster.get(honor.member_id?)?;
    match honor.awarded_on {
        Some(date) => history.branch_on(date.last_day()),
        None => Some(history.member.branch_id),
    }
}

/// True when the honor was awarded in `year`.
pub fn honor_in_year(honor: &Honor, year: i32) -> bool {
    honor.awarded_on.is_some_and(|d| d.year() == year)
}

/// True when the suggestion was raised in `year`.
pub fn suggestion_raised_in(suggestion: &Suggestion, year: i32) -> bool {
    suggestion.raised_on.is_some_and(|d| d.year() == year)
}

/// True when the suggestion was closed (已办结) in `year`: by its closing
/// date, or by the date it was raised when no closing date was recorded.
pub fn suggestion_done_in(suggestion: &Suggestion, year: i32) -> bool {
    suggestion.status == SuggestionStatus::Done
        && suggestion.resolved_on.or(suggestion.raised_on).is_some_and(|d| d.year() == year)
}
