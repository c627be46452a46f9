//! The annual brand-building report (年度党建品牌建设报告): the committee's
//! summary, then a section per branch (党总支 included) with its brand, what
//! it did, its organisational life, honors, suggestions, top volunteers and
//! the secretary's own summary and plan (DOMAIN.md, "What the annual
//! brand-building report holds").
//!
//! Every figure comes from the same core functions as `stats --json` and the
//! screens ([`Store::year_stats`], [`Store::compliance`], the counting rules),
//! loaded once for all branches.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use super::document::{BarChart, Block, Column, Document, Section, Table};
use super::org_life::{absences_table, compliance_grid};
use super::text::{amount, chinese_number, fraction, rate};
use crate::error::{Error, Result};
use crate::rules::brand_work::{HonorView, PairingView};
use crate::rules::compliance::{BranchCompliance, Compliance};
use crate::rules::counting::{self, PersonService};
use crate::rules::roster::Roster;
use crate::store::stats::{BranchYear, YearStats};
use crate::store::year_notes::YearNote;
use crate::store::{
    Activity, Brand, ComplianceStatus, Meeting, MeetingKind, Member, Store, Suggestion, SuggestionStatus,
};

/// How many of a branch's volunteers the report names.
const TOP_VOLUNTEERS: usize = 10;

/// The annual report's document for `year`, over `branch_ids` (every branch
/// when empty). The committee summary always covers the whole committee.
pub fn document(store: &Store, year: i32, branch_ids: &[i64]) -> Result<Document> {
    let data = YearData::load(store, year)?;
    let chosen: Vec<&BranchYear> =
        if branch_ids.is_empty() {
            data.stats.per_branch.iter().collect()
        } else {
            branch_ids
                .iter()
                .map(|id| {
                    data.stats.per_branch.iter().find(|b| b.branch_id == *id).ok_or_else(|| {
                        Error::NotFound(format!("没有编号为 {id} 的支部（或它已撤销且 {year} 年没有记录）"))
                    })
                })
                .collect::<Result<_>>()?
        };
    let committee = store.committee()?;
    let mut sections = vec![summary_section(&data)];
    for (i, branch) in chosen.iter().enumerate() {
        sections.push(branch_section(&data, branch, i + 2));
    }
    let subtitle = if branch_ids.is_empty() {
        committee.hospital_name.clone()
    } else {
        let names: Vec<&str> = chosen.iter().map(|b| b.branch.as_str()).collect();
        format!("{}（{}）", committee.hospital_name, names.join("、"))
    };
    Ok(Document {
        title: format!("{year}年度党建品牌建设报告"),
        author: committee.committee_name,
        date: data.today,
        subtitle: Some(subtitle).filter(|s| !s.is_empty()),
        contents: true,
        sections,
    })
}

/// Everything the report reads, loaded once for all branches.
struct YearData {
    year: i32,
    /// The year's first and last day.
    first_day: NaiveDate,
    last_day: NaiveDate,
    today: NaiveDate,
    stats: YearStats,
    compliance: Compliance,
    meetings: Vec<Meeting>,
    activities: Vec<Activity>,
    volunteers: Vec<PersonService>,
    brands: Vec<Brand>,
    pairings: Vec<PairingView>,
    honors: Vec<HonorView>,
    suggestions: Vec<Suggestion>,
    notes: Vec<YearNote>,
    member_names: HashMap<i64, String>,
    branch_names: HashMap<i64, String>,
}

impl YearData {
    fn load(store: &Store, year: i32) -> Result<YearData> {
        let day = |month, day| {
            NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| Error::Invalid(format!("{year} 不是有效年份")))
        };
        let (first_day, last_day) = (day(1, 1)?, day(12, 31)?);
        let today = store.today();
        let activities = store.activities_in_year(year)?;
        let histories = store.roster_history()?;
        let volunteers = counting::people_service(&activities, &Roster::new(&histories));
        let member_names = store.list::<Member>()?.into_iter().map(|m| (m.id, m.name)).collect();
        let branch_names = store.list::<crate::store::Branch>()?.into_iter().map(|b| (b.id, b.name)).collect();
        Ok(YearData {
            year,
            first_day,
            last_day,
            today,
            stats: store.year_stats(year)?,
            compliance: store.compliance(year, today, None)?,
            meetings: store.meetings_in_year(year, None)?,
            activities,
            volunteers,
            brands: store.list()?,
            pairings: store.pairings(None)?,
            honors: store.honor_views()?,
            suggestions: store.list()?,
            notes: store.list::<YearNote>()?.into_iter().filter(|n| n.year == year).collect(),
            member_names,
            branch_names,
        })
    }

    /// The share of the year gone by today: 0 before it, 1 after it.
    fn year_elapsed(&self) -> f64 {
        let gone = (self.today - self.first_day).num_days() as f64;
        (gone / ((self.last_day - self.first_day).num_days() + 1) as f64).clamp(0.0, 1.0)
    }

    fn compliance_of(&self, branch_id: i64) -> Option<&BranchCompliance> {
        self.compliance.branches.iter().find(|b| b.branch_id == branch_id)
    }

    fn honors_of(&self, branch_id: Option<i64>) -> Vec<&HonorView> {
        self.honors
            .iter()
            .filter(|h| h.counts_for == branch_id && counting::honor_in_year(&h.honor, self.year))
            .collect()
    }
}

/// 一、全院概况: the totals, the charts and the branches that need attention.
fn summary_section(data: &YearData) -> Section {
    let s = &data.stats;
    let meetings_held: i64 = s.meetings.values().sum();
    let mut blocks = vec![Block::Paragraph(format!(
        "{year}年，院党委下设党支部{}个、党总支{}个，共有党员{}名（正式党员{}名、预备党员{}名）。全年召开组织生活会议{meetings_held}次，组织生活完成率{}；开展品牌活动{}次，服务群众{}人次，志愿服务{}小时（其中院外志愿者{}小时），党员参与率{}；获得荣誉{}项；收到群众意见建议{}件，办结{}件。",
        s.branches,
        s.general_branches,
        s.members.total,
        s.members.full,
        s.members.probationary,
        fraction(data.compliance.rate),
        s.activities,
        s.people_served,
        amount(s.volunteer_hours),
        amount(s.outside_volunteer_hours),
        rate(Some(s.participation_rate)),
        s.honors,
        s.suggestions_raised,
        s.suggestions_done,
        year = data.year,
    ))];

    blocks.push(Block::Heading("组织生活开展情况".into()));
    blocks.push(Block::Table(Table {
        columns: vec![Column::text("会议类型", 4.0), Column::number("次数", 1.0)],
        rows: MeetingKind::ALL
            .iter()
            .map(|k| vec![k.label().to_string(), s.meetings.get(k.as_str()).copied().unwrap_or(0).to_string()])
            .collect(),
    }));

    blocks.push(Block::Heading("各支部年度情况".into()));
    blocks.push(Block::Table(Table {
        columns: vec![
            Column::text("支部", 3.0),
            Column::number("品牌活动", 1.2),
            Column::number("服务人次", 1.2),
            Column::number("志愿时长", 1.2),
            Column::number("党员参与率", 1.4),
            Column::number("组织生活完成率", 1.8),
        ],
        rows: s
            .per_branch
            .iter()
            .map(|b| {
                vec![
                    b.branch.clone(),
                    b.activities.to_string(),
                    b.people_served.to_string(),
                    amount(b.volunteer_hours),
                    rate(Some(b.participation_rate)),
                    fraction(data.compliance_of(b.branch_id).and_then(|c| c.rate)),
                ]
            })
            .collect(),
    }));
    blocks.push(Block::BarChart(BarChart {
        title: "各支部志愿服务时长".into(),
        unit: "小时".into(),
        bars: s.per_branch.iter().map(|b| (b.branch.clone(), b.volunteer_hours)).collect(),
    }));
    blocks.push(Block::BarChart(BarChart {
        title: "各月品牌活动次数".into(),
        unit: "次".into(),
        bars: s.activities_by_month.iter().enumerate().map(|(m, &n)| (format!("{}月", m + 1), n as f64)).collect(),
    }));
    if !s.people_served_by_brand.is_empty() {
        blocks.push(Block::BarChart(BarChart {
            title: "各品牌服务群众人次".into(),
            unit: "人次".into(),
            bars: s.people_served_by_brand.iter().map(|b| (b.brand.clone(), b.people_served as f64)).collect(),
        }));
    }

    blocks.push(Block::Heading("需要关注的支部".into()));
    let attention: Vec<Vec<String>> = s
        .per_branch
        .iter()
        .filter_map(|b| {
            let concerns = concerns(data, b);
            (!concerns.is_empty()).then(|| vec![b.branch.clone(), concerns.join("；")])
        })
        .collect();
    if attention.is_empty() {
        blocks
            .push(Block::Paragraph("各支部均按要求开展组织生活，品牌目标进度正常，没有逾期未办结的意见建议。".into()));
    } else {
        blocks.push(Block::Table(Table {
            columns: vec![Column::text("支部", 1.0), Column::text("需要关注的事项", 3.0)],
            rows: attention,
        }));
    }

    let own_honors = data.honors_of(None);
    if !own_honors.is_empty() {
        blocks.push(Block::Heading("院党委获得的荣誉".into()));
        blocks.push(Block::Table(honors_table(data, &own_honors)));
    }
    Section { title: "一、全院概况".into(), blocks }
}

/// What a branch should look at: obligations not met, targets behind the
/// share of the year gone, suggestions past their due date.
fn concerns(data: &YearData, branch: &BranchYear) -> Vec<String> {
    let mut concerns = Vec::new();
    if let Some(compliance) = data.compliance_of(branch.branch_id) {
        let overdue = compliance.items.iter().filter(|i| i.status == ComplianceStatus::Overdue).count();
        if overdue > 0 {
            concerns.push(format!("组织生活{overdue}项逾期未完成（完成率{}）", fraction(compliance.rate)));
        }
    }
    let elapsed = data.year_elapsed();
    for target in branch.targets.iter().filter(|t| t.percent < elapsed * 100.0) {
        concerns.push(format!(
            "「{}」{}完成{}/{}（{}）",
            target.brand,
            target.label,
            amount(target.actual),
            amount(target.target),
            rate(Some(target.percent))
        ));
    }
    let overdue =
        data.suggestions.iter().filter(|s| s.branch_id == Some(branch.branch_id) && s.overdue(data.today)).count();
    if overdue > 0 {
        concerns.push(format!("{overdue}件意见建议逾期未办结"));
    }
    concerns
}

/// One branch's section, numbered `ordinal` (二, 三, …).
fn branch_section(data: &YearData, branch: &BranchYear, ordinal: usize) -> Section {
    let note = data.notes.iter().find(|n| n.branch_id == branch.branch_id);
    let mut blocks = vec![Block::Heading("品牌概况".into())];
    let brands: Vec<&Brand> = data.brands.iter().filter(|b| b.branch_id == branch.branch_id).collect();
    if brands.is_empty() {
        blocks.push(Block::Note("本支部尚未创建服务品牌。".into()));
    }
    blocks.extend(brands.iter().map(|brand| Block::Facts(brand_facts(brand, data.year))));

    blocks.push(Block::Heading("年度工作总结".into()));
    blocks.extend(secretary_words(note.and_then(|n| n.summary.as_deref()), "年度工作总结"));

    blocks.push(Block::Heading("品牌建设成效".into()));
    blocks.extend(service_blocks(data, branch));

    blocks.push(Block::Heading("结对共建".into()));
    blocks.push(pairings_block(data, branch.branch_id));

    blocks.push(Block::Heading("组织生活".into()));
    blocks.extend(org_life_blocks(data, branch.branch_id));

    blocks.push(Block::Heading("获得荣誉".into()));
    let honors = data.honors_of(Some(branch.branch_id));
    blocks.push(if honors.is_empty() {
        Block::Note("本年度暂无荣誉。".into())
    } else {
        Block::Table(honors_table(data, &honors))
    });

    blocks.push(Block::Heading("为群众办实事".into()));
    blocks.extend(suggestion_blocks(data, branch));

    blocks.push(Block::Heading("志愿服务之星".into()));
    blocks.push(volunteers_block(data, branch.branch_id));

    blocks.push(Block::Heading(format!("{}年工作计划", data.year + 1)));
    blocks.extend(secretary_words(note.and_then(|n| n.plan.as_deref()), "下一年度工作计划"));

    Section { title: format!("{}、{}", chinese_number(ordinal), branch.branch), blocks }
}

/// The secretary's text, a paragraph per line, or a note that it is not written yet.
fn secretary_words(text: Option<&str>, what: &str) -> Vec<Block> {
    match text {
        Some(text) => {
            text.lines().filter(|l| !l.trim().is_empty()).map(|l| Block::Paragraph(l.trim().into())).collect()
        }
        None => vec![Block::Note(format!("支部书记尚未填写{what}（在“报表”页填写后重新生成）。"))],
    }
}

/// A brand's name, slogan, meaning, methods, version and years running.
fn brand_facts(brand: &Brand, year: i32) -> Vec<(String, String)> {
    let mut facts = vec![("品牌名称".to_string(), brand.name.clone())];
    let optional = [
        ("品牌口号", &brand.slogan),
        ("品牌内涵", &brand.meaning),
        ("工作方法", &brand.methods),
        ("品牌目标", &brand.goal),
    ];
    facts.extend(optional.iter().filter_map(|(label, text)| Some((label.to_string(), (*text).clone()?))));
    let current = brand.versions.iter().rev().find(|v| v.started_on.is_none_or(|d| d.year() <= year));
    if let Some(version) = current {
        let since = version.started_on.map(|d| format!("（{}起）", d.chinese())).unwrap_or_default();
        let summary = version.summary.as_deref().map(|s| format!("：{s}")).unwrap_or_default();
        facts.push(("当前版本".into(), format!("{}{since}{summary}", version.version)));
    }
    if let Some(started) = brand.started_on.filter(|d| d.year() <= year) {
        facts.push(("创建时间".into(), format!("{}，{year}年为第{}年", started.chinese(), year - started.year() + 1)));
    }
    facts
}

/// What the branch did: its figures, targets, activities by kind and the activity list.
fn service_blocks(data: &YearData, branch: &BranchYear) -> Vec<Block> {
    let mut blocks = vec![Block::Paragraph(format!(
        "全年组织和参与开展品牌活动{}次，服务群众{}人次，志愿服务{}小时；支部{}名党员中有{}名参加志愿服务，参与率{}。",
        branch.activities,
        branch.people_served,
        amount(branch.volunteer_hours),
        branch.members_on_rolls,
        branch.members_serving,
        rate(Some(branch.participation_rate)),
    ))];
    if !branch.targets.is_empty() {
        blocks.push(Block::Table(Table {
            columns: vec![
                Column::text("品牌", 2.5),
                Column::text("目标", 2.5),
                Column::number("目标值", 1.2),
                Column::number("完成", 1.2),
                Column::number("完成率", 1.2),
            ],
            rows: branch
                .targets
                .iter()
                .map(|t| {
                    vec![t.brand.clone(), t.label.clone(), amount(t.target), amount(t.actual), rate(Some(t.percent))]
                })
                .collect(),
        }));
    }
    let activities: Vec<&Activity> = data.activities.iter().filter(|a| a.organised_by(branch.branch_id)).collect();
    if activities.is_empty() {
        blocks.push(Block::Note("本年度暂无品牌活动记录。".into()));
        return blocks;
    }
    let mut kinds: Vec<(&str, usize)> = Vec::new();
    for activity in &activities {
        match kinds.iter_mut().find(|(k, _)| *k == activity.kind) {
            Some((_, n)) => *n += 1,
            None => kinds.push((&activity.kind, 1)),
        }
    }
    blocks.push(Block::Table(Table {
        columns: vec![Column::text("活动类型", 3.0), Column::number("次数", 1.0)],
        rows: kinds.iter().map(|(k, n)| vec![k.to_string(), n.to_string()]).collect(),
    }));
    blocks.push(Block::Table(Table {
        columns: vec![
            Column::text("日期", 1.6),
            Column::text("活动名称", 4.0),
            Column::text("类型", 1.4),
            Column::text("牵头支部", 2.0),
            Column::number("服务人次", 1.1),
            Column::number("志愿时长", 1.1),
        ],
        rows: activities
            .iter()
            .map(|a| {
                vec![
                    a.date.format("%Y-%m-%d").to_string(),
                    a.title.clone(),
                    a.kind.clone(),
                    data.branch_names.get(&a.branch_id).cloned().unwrap_or_default(),
                    a.people_served.to_string(),
                    amount(a.hours()),
                ]
            })
            .collect(),
    }));
    blocks
}

/// The branch's pairings in force during the year, with their joint activities of the year.
fn pairings_block(data: &YearData, branch_id: i64) -> Block {
    let rows: Vec<Vec<String>> = data
        .pairings
        .iter()
        .filter(|p| p.pairing.branch_id == branch_id && p.pairing.in_force_during(data.first_day, data.last_day))
        .map(|p| {
            let term = match (p.pairing.started_on, p.pairing.ended_on) {
                (Some(from), Some(to)) => format!("{}至{}", from.chinese(), to.chinese()),
                (Some(from), None) => format!("{}起", from.chinese()),
                (None, Some(to)) => format!("至{}", to.chinese()),
                (None, None) => "长期".into(),
            };
            let joint = p.activities.iter().filter(|a| a.date.year() == data.year).count();
            vec![p.partner.clone(), term, p.pairing.content.clone().unwrap_or_default(), joint.to_string()]
        })
        .collect();
    if rows.is_empty() {
        return Block::Note("本年度暂无结对共建单位。".into());
    }
    Block::Table(Table {
        columns: vec![
            Column::text("共建单位", 2.5),
            Column::text("协议期限", 2.5),
            Column::text("共建内容", 4.0),
            Column::number("本年联合活动", 1.5),
        ],
        rows,
    })
}

/// The branch's compliance rate, its month grid and its absentees.
fn org_life_blocks(data: &YearData, branch_id: i64) -> Vec<Block> {
    let meetings: Vec<&Meeting> = data.meetings.iter().filter(|m| m.branch_id == branch_id).collect();
    let mut blocks = vec![];
    match data.compliance_of(branch_id) {
        Some(compliance) => {
            let overdue = compliance.items.iter().filter(|i| i.status == ComplianceStatus::Overdue).count();
            blocks.push(Block::Paragraph(format!(
                "全年召开组织生活会议{}次，组织生活完成率{}，逾期未完成{overdue}项。",
                meetings.len(),
                fraction(compliance.rate)
            )));
            blocks.push(Block::Grid(compliance_grid(compliance, &data.compliance.obligations)));
        }
        None => blocks.push(Block::Note("本支部不在本年度组织生活考核范围内。".into())),
    }
    match absences_table(meetings) {
        Some(table) => blocks.push(Block::Table(table)),
        None => blocks.push(Block::Note("本年度无人缺席组织生活。".into())),
    }
    blocks
}

/// Honors as a table: title, level, date, issuer and recipient.
fn honors_table(data: &YearData, honors: &[&HonorView]) -> Table {
    Table {
        columns: vec![
            Column::text("荣誉名称", 3.5),
            Column::text("级别", 1.2),
            Column::text("获得时间", 1.8),
            Column::text("授予单位", 2.5),
            Column::text("获奖对象", 2.0),
        ],
        rows: honors
            .iter()
            .map(|view| {
                let h = &view.honor;
                let recipient = if let Some(id) = h.member_id {
                    data.member_names.get(&id).cloned()
                } else if let Some(id) = h.brand_id {
                    data.brands.iter().find(|b| b.id == id).map(|b| format!("「{}」", b.name))
                } else if let Some(id) = h.branch_id {
                    data.branch_names.get(&id).cloned()
                } else {
                    Some("院党委".to_string())
                };
                vec![
                    h.title.clone(),
                    h.level.label().to_string(),
                    h.awarded_on.map(|d| d.chinese()).unwrap_or_default(),
                    h.issuer.clone().unwrap_or_default(),
                    recipient.unwrap_or_default(),
                ]
            })
            .collect(),
    }
}

/// The suggestions the branch received or closed in the year.
fn suggestion_blocks(data: &YearData, branch: &BranchYear) -> Vec<Block> {
    let ours: Vec<&Suggestion> = data
        .suggestions
        .iter()
        .filter(|s| s.branch_id == Some(branch.branch_id))
        .filter(|s| counting::suggestion_raised_in(s, data.year) || counting::suggestion_done_in(s, data.year))
        .collect();
    if ours.is_empty() {
        return vec![Block::Note("本年度暂无分派给本支部的群众意见建议。".into())];
    }
    let raised = ours.iter().filter(|s| counting::suggestion_raised_in(s, data.year)).count();
    let open = ours.iter().filter(|s| s.status != SuggestionStatus::Done).count();
    vec![
        Block::Paragraph(format!(
            "本年度受理群众意见建议{raised}件，办结{}件，尚在办理{open}件。",
            branch.suggestions_done
        )),
        Block::Table(Table {
            columns: vec![
                Column::text("提出时间", 1.8),
                Column::text("来源", 1.6),
                Column::text("内容", 4.0),
                Column::text("状态", 1.1),
                Column::text("办理结果", 3.5),
            ],
            rows: ours
                .iter()
                .map(|s| {
                    vec![
                        s.raised_on.map(|d| d.chinese()).unwrap_or_default(),
                        s.source.clone().unwrap_or_default(),
                        s.content.clone(),
                        s.status.label().to_string(),
                        s.response.clone().unwrap_or_default(),
                    ]
                })
                .collect(),
        }),
    ]
}

/// The people with the most hours credited to the branch.
fn volunteers_block(data: &YearData, branch_id: i64) -> Block {
    let mut ranked: Vec<(&PersonService, f64, usize)> = data
        .volunteers
        .iter()
        .filter_map(|person| {
            let entries: Vec<_> = person.entries.iter().filter(|e| e.branch_id == branch_id).collect();
            let hours: f64 = entries.iter().map(|e| e.hours).sum();
            (hours > 0.0).then_some((person, counting::tenths(hours), entries.len()))
        })
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.name.cmp(&b.0.name)));
    if ranked.is_empty() {
        return Block::Note("本年度暂无志愿服务时长记录。".into());
    }
    Block::Table(Table {
        columns: vec![
            Column::number("名次", 0.8),
            Column::text("姓名", 2.0),
            Column::text("身份", 1.6),
            Column::number("志愿时长", 1.3),
            Column::number("参加活动", 1.3),
        ],
        rows: ranked
            .iter()
            .take(TOP_VOLUNTEERS)
            .enumerate()
            .map(|(i, (person, hours, count))| {
                vec![
                    (i + 1).to_string(),
                    person.name.clone(),
                    person.kind.label().to_string(),
                    amount(*hours),
                    count.to_string(),
                ]
            })
            .collect(),
    })
}
