//! The year's figures at a glance: branches, members, meetings, brand work.
//! Brand-work figures come from the counting rules (`rules::counting`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Brand, Honor, MeetingKind, Store, Suggestion};
use crate::error::Result;
use crate::rules::counting::{
    self, honor_branch, honor_in_year, suggestion_done_in, suggestion_raised_in, TargetProgress,
};
use crate::rules::roster::Roster;

/// Members on the rolls (在册) by category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MemberCounts {
    /// All members on the rolls.
    pub total: i64,
    /// 正式党员.
    pub full: i64,
    /// 预备党员.
    pub probationary: i64,
}

/// One branch's brand work in a year.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct BranchYear {
    /// The branch.
    pub branch_id: i64,
    /// Its name.
    pub branch: String,
    /// Activities it organised (lead or co-organiser).
    pub activities: usize,
    /// People served by the activities it led.
    pub people_served: i64,
    /// Hours credited to it.
    pub volunteer_hours: f64,
    /// Members on its rolls who served.
    pub members_serving: usize,
    /// Members on its rolls.
    pub members_on_rolls: usize,
    /// Participation rate, in percent.
    pub participation_rate: f64,
    /// Honors awarded in the year that count for it.
    pub honors: usize,
    /// Suggestions it closed in the year.
    pub suggestions_done: usize,
    /// Its brands' targets for the year and how far they have come.
    pub targets: Vec<TargetProgress>,
}

/// People served by one brand in the year.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct BrandServed {
    /// The brand.
    pub brand_id: i64,
    /// Its name.
    pub brand: String,
    /// People served by its activities.
    pub people_served: i64,
}

/// The figures of one calendar year.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct YearStats {
    /// The year.
    pub year: i32,
    /// Active (not archived) 党支部.
    pub branches: i64,
    /// Active 党总支.
    pub general_branches: i64,
    /// Members on the rolls now.
    pub members: MemberCounts,
    /// Meetings held in the year, by kind code (every kind listed, zeros included).
    #[ts(type = "Record<string, number>")]
    pub meetings: BTreeMap<String, i64>,
    /// Activities held in the year, each once.
    pub activities: usize,
    /// Activities by kind (every kind of 设置 listed).
    #[ts(type = "Record<string, number>")]
    pub activities_by_kind: BTreeMap<String, usize>,
    /// Activities by month, January first.
    pub activities_by_month: Vec<usize>,
    /// Volunteer hours given in the year, members' and outside volunteers'.
    pub volunteer_hours: f64,
    /// The part of `volunteer_hours` given by outside volunteers.
    pub outside_volunteer_hours: f64,
    /// 服务人次 in the year.
    pub people_served: i64,
    /// Members on the rolls (at the year's end, or today) who served at least once.
    pub members_serving: usize,
    /// Members on the rolls of every branch (at the year's end, or today).
    pub members_on_rolls: usize,
    /// `members_serving` ÷ `members_on_rolls`, in percent.
    pub participation_rate: f64,
    /// Honors awarded in the year.
    pub honors: usize,
    /// Suggestions raised in the year.
    pub suggestions_raised: usize,
    /// Suggestions closed in the year.
    pub suggestions_done: usize,
    /// People served, brand by brand (brands with activities in the year).
    pub people_served_by_brand: Vec<BrandServed>,
    /// Each branch's figures: every active branch, and any other with figures in the year.
    pub per_branch: Vec<BranchYear>,
}

impl Store {
    /// The figures of `year`.
    pub fn year_stats(&self, year: i32) -> Result<YearStats> {
        let conn = self.conn();
        let year_text = format!("{year:04}");
        let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0));
        let mut meetings: BTreeMap<String, i64> =
            MeetingKind::ALL.iter().map(|k| (k.as_str().to_string(), 0)).collect();
        let mut statement =
            conn.prepare("SELECT kind, count(*) FROM meetings WHERE substr(date, 1, 4) = ?1 GROUP BY kind")?;
        for row in statement.query_map([&year_text], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
            let (kind, n) = row?;
            meetings.insert(kind, n);
        }

        let branches: Vec<super::Branch> = self.list()?;
        let brands: Vec<Brand> = self.list()?;
        let activities = self.activities_in_year(year)?;
        let histories = self.roster_history()?;
        let roster = Roster::new(&histories);
        let rolls_on = counting::rolls_day(year, self.today());
        let ids: Vec<i64> = branches.iter().map(|b| b.id).collect();
        let totals = counting::service_totals(&activities, &roster, &ids, rolls_on);
        let honors: Vec<Honor> = self.list::<Honor>()?.into_iter().filter(|h| honor_in_year(h, year)).collect();
        let suggestions: Vec<Suggestion> = self.list()?;

        let mut activities_by_kind: BTreeMap<String, usize> =
            self.activity_kinds()?.into_iter().map(|k| (k, 0)).collect();
        activities_by_kind.extend(totals.activities_by_kind.clone());
        let people_served_by_brand = brands
            .iter()
            .map(|b| BrandServed {
                brand_id: b.id,
                brand: b.name.clone(),
                people_served: activities.iter().filter(|a| a.brand_id == Some(b.id)).map(|a| a.people_served).sum(),
            })
            .filter(|b| activities.iter().any(|a| a.brand_id == Some(b.brand_id)))
            .collect();
        let per_branch = totals
            .per_branch
            .iter()
            .zip(&branches)
            .filter_map(|(service, branch)| {
                let targets = brands
                    .iter()
                    .filter(|b| b.branch_id == branch.id)
                    .flat_map(|b| counting::target_progress(b, year, &activities, &roster, rolls_on))
                    .collect();
                let figures = BranchYear {
                    branch_id: branch.id,
                    branch: branch.name.clone(),
                    activities: service.activities,
                    people_served: service.people_served,
                    volunteer_hours: service.volunteer_hours,
                    members_serving: service.members_serving,
                    members_on_rolls: service.members_on_rolls,
                    participation_rate: service.participation_rate,
                    honors: honors.iter().filter(|h| honor_branch(h, &brands, &roster) == Some(branch.id)).count(),
                    suggestions_done: suggestions
                        .iter()
                        .filter(|s| s.branch_id == Some(branch.id) && suggestion_done_in(s, year))
                        .count(),
                    targets,
                };
                let has_figures =
                    figures.activities + figures.honors + figures.suggestions_done + figures.members_on_rolls > 0
                        || figures.volunteer_hours > 0.0;
                (!branch.archived || has_figures).then_some(figures)
            })
            .collect();
        Ok(YearStats {
            year,
            branches: count("SELECT count(*) FROM branches WHERE kind = 'branch' AND NOT archived")?,
            general_branches: count("SELECT count(*) FROM branches WHERE kind = 'general_branch' AND NOT archived")?,
            members: MemberCounts {
                total: count("SELECT count(*) FROM members WHERE status = '在册'")?,
                full: count("SELECT count(*) FROM members WHERE status = '在册' AND category = '正式党员'")?,
                probationary: count("SELECT count(*) FROM members WHERE status = '在册' AND category = '预备党员'")?,
            },
            meetings,
            activities: totals.activities,
            activities_by_kind,
            activities_by_month: totals.activities_by_month,
            volunteer_hours: totals.volunteer_hours,
            outside_volunteer_hours: totals.outside_volunteer_hours,
            people_served: totals.people_served,
            members_serving: totals.members_serving,
            members_on_rolls: totals.members_on_rolls,
            participation_rate: totals.participation_rate,
            honors: honors.len(),
            suggestions_raised: suggestions.iter().filter(|s| suggestion_raised_in(s, year)).count(),
            suggestions_done: suggestions.iter().filter(|s| suggestion_done_in(s, year)).count(),
            people_served_by_brand,
            per_branch,
        })
    }
}
