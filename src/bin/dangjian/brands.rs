//! `dangjian brand|activity|partner|honor|suggestion …`: brand building.

use chrono::{Datelike, NaiveDate};
use clap::Subcommand;
use dangjian::date::PartialDate;
use dangjian::rules::counting::honor_in_year;
use dangjian::rules::participants::PersonNamed;
use dangjian::store::{
    Activity, Brand, BrandTarget, BrandVersion, Honor, HonorLevel, Pairing, Participant, ParticipantKind, Partner,
    PartnerKind, Suggestion, SuggestionStatus, TargetMeasure,
};
use dangjian::{Error, Result, Store};

use crate::{parse_date, parse_day, print_json, split_list};

/// `dangjian brand …`: brands (一支部一品牌).
#[derive(Subcommand)]
pub enum BrandCommand {
    /// 新建品牌
    Add {
        /// 所属支部
        #[arg(long)]
        branch: String,
        /// 品牌名称
        #[arg(long)]
        name: String,
        /// 口号
        #[arg(long)]
        slogan: Option<String>,
        /// 品牌内涵
        #[arg(long)]
        meaning: Option<String>,
        /// 工作方法
        #[arg(long)]
        methods: Option<String>,
        /// 品牌目标（文字）
        #[arg(long)]
        goal: Option<String>,
        /// 创建日期 YYYY-MM-DD 或 YYYY-MM
        #[arg(long, value_parser = parse_date)]
        started: Option<PartialDate>,
        /// 版本："版本号:起始日期:说明"，如 "2.0:2023-01:升级为健康共富"，可多次使用
        #[arg(long = "version-entry", value_name = "VERSION")]
        versions: Vec<String>,
        /// 年度目标："年份:指标:目标值"，指标为 活动次数、义诊次数（任一活动类型加“次数”）、服务人次、志愿服务时长、党员参与率，可多次使用
        #[arg(long = "target", value_name = "TARGET")]
        targets: Vec<String>,
    },
    /// 列出品牌
    List {
        /// 输出 JSON
        #[arg(long)]
        json: bool,
    },
    /// 查看品牌：版本、年度目标完成情况、活动、结对与荣誉
    Show {
        /// 品牌名称
        name: String,
        /// 所属支部（不同支部有同名品牌时指明）
        #[arg(long)]
        branch: Option<String>,
        /// 年份（默认今年）
        #[arg(long)]
        year: Option<i32>,
        /// 输出 JSON
        #[arg(long)]
        json: bool,
    },
}

/// Reads "版本号:起始日期:说明".
fn parse_version(text: &str) -> Result<BrandVersion> {
    let mut parts = text.splitn(3, [':', '：']);
    let version = parts.next().unwrap_or_default().trim().to_string();
    let started_on = match parts.next().map(str::trim).filter(|d| !d.is_empty()) {
        Some(date) => Some(date.parse::<PartialDate>()?),
        None => None,
    };
    Ok(BrandVersion { version, started_on, summary: parts.next().map(|s| s.trim().to_string()) })
}

/// Reads "年份:指标:目标值"; 指标 names a measure, or an activity kind followed by 次数.
fn parse_target(store: &Store, text: &str) -> Result<BrandTarget> {
    let bad = || Error::Invalid(format!("年度目标「{text}」应写成 年份:指标:目标值，如 2026:义诊次数:12"));
    let parts: Vec<&str> = text.split([':', '：']).map(str::trim).collect();
    let [year, measure, target] = parts[..] else { return Err(bad()) };
    let year: i32 = year.parse().map_err(|_| bad())?;
    let target: f64 = target.trim_end_matches(['%', '％']).parse().map_err(|_| bad())?;
    let (measure, activity_kind) = match TargetMeasure::parse(measure) {
        Some(measure) => (measure, None),
        None => {
            let kind = measure.strip_suffix("次数").ok_or_else(|| {
                Error::Invalid(format!(
                    "指标「{measure}」无法识别，可选：{}，或某类活动的次数（如 义诊次数）",
                    TargetMeasure::choices()
                ))
            })?;
            (TargetMeasure::Activities, Some(store.activity_kind_named(kind)?))
        }
    };
    Ok(BrandTarget { year, measure, activity_kind, target })
}

/// Runs `dangjian brand …`.
pub fn brand(store: &Store, command: BrandCommand) -> Result<()> {
    match command {
        BrandCommand::Add { branch, name, slogan, meaning, methods, goal, started, versions, targets } => {
            let brand = store.create(&Brand {
                id: 0,
                branch_id: store.branch_by_name(&branch)?.id,
                name,
                slogan,
                meaning,
                methods,
                goal,
                started_on: started,
                versions: versions.iter().map(|v| parse_version(v)).collect::<Result<_>>()?,
                targets: targets.iter().map(|t| parse_target(store, t)).collect::<Result<_>>()?,
            })?;
            println!("已新建品牌「{}」（编号 {}）", brand.name, brand.id);
            Ok(())
        }
        BrandCommand::List { json } => {
            let brands: Vec<Brand> = store.list()?;
            if json {
                return print_json(&brands);
            }
            let branch_name = |id: i64| store.get::<dangjian::store::Branch>(id).map(|b| b.name).unwrap_or_default();
            for b in &brands {
                let version = b.versions.last().map(|v| v.version.as_str()).unwrap_or("");
                println!(
                    "{}\t{}\t{}\t{}\t{}",
                    b.id,
                    b.name,
                    branch_name(b.branch_id),
                    version,
                    b.slogan.as_deref().unwrap_or("")
                );
            }
            println!("共 {} 个品牌", brands.len());
            Ok(())
        }
        BrandCommand::Show { name, branch, year, json } => {
            let branch_id = branch.map(|b| store.branch_by_name(&b).map(|b| b.id)).transpose()?;
            let brand = store.brand_by_name(&name, branch_id)?;
            let story = store.brand_story(brand.id, year.unwrap_or_else(|| store.today().year()))?;
            if json {
                return print_json(&story);
            }
            let b = &story.brand;
            println!("{}（{}）", b.name, story.branch);
            for (label, text) in [("口号", &b.slogan), ("内涵", &b.meaning), ("方法", &b.methods), ("目标", &b.goal)]
            {
                if let Some(text) = text {
                    println!("{label}：{text}");
                }
            }
            for v in &b.versions {
                let since = v.started_on.map(|d| format!("（{d} 起）")).unwrap_or_default();
                println!("版本 {}{since}：{}", v.version, v.summary.as_deref().unwrap_or(""));
            }
            let f = &story.figures;
            println!(
                "{} 年：活动 {} 项，服务 {} 人次，志愿服务 {} 小时，党员参与率 {}%（{}/{}）",
                story.year,
                f.activities,
                f.people_served,
                f.volunteer_hours,
                f.participation_rate,
                f.members_serving,
                f.members_on_rolls
            );
            for p in &story.progress {
                println!("目标 {}：{} / {}（{}%）", p.label, p.actual, p.target, p.percent);
            }
            for p in &story.pairings {
                println!("结对：{}（联建活动 {} 项）", p.partner, p.activities.len());
            }
            for h in &story.honors {
                let when = h.awarded_on.map(|d| d.to_string()).unwrap_or_default();
                println!("荣誉：{} {} {when}", h.level.label(), h.title);
            }
            println!("活动共 {} 项（全部年份）", story.activities.len());
            Ok(())
        }
    }
}

// Parsed once per run: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
/// `dangjian activity …`: activities and their participants.
#[derive(Subcommand)]
pub enum ActivityCommand {
    /// 登记一次活动
    Add {
        /// 活动名称
        #[arg(long)]
        title: String,
        /// 活动类型（见「设置」中的列表，如 义诊、健康讲座、急救培训、志愿服务、结对共建、参观学习、走访慰问、其他）
        #[arg(long)]
        kind: String,
        /// 日期（多日活动为开始日期）YYYY-MM-DD
        #[arg(long, value_parser = parse_day)]
        date: NaiveDate,
        /// 结束日期（多日活动）YYYY-MM-DD
        #[arg(long, value_parser = parse_day)]
        end_date: Option<NaiveDate>,
        /// 牵头支部
        #[arg(long)]
        branch: String,
        /// 协办支部，可多次使用
        #[arg(long = "co-branch")]
        co_branches: Vec<String>,
        /// 所属品牌名称
        #[arg(long)]
        brand: Option<String>,
        /// 联建单位名称
        #[arg(long)]
        partner: Option<String>,
        /// 地点
        #[arg(long)]
        place: Option<String>,
        /// 服务人次
        #[arg(long, default_value_t = 0)]
        served: i64,
        /// 活动内容
        #[arg(long)]
        description: Option<String>,
        /// 参与人及时长："姓名:小时"，院外志愿者加身份："姓名:小时:团员" 或 "姓名:小时:群众"；可多次使用
        #[arg(long = "participant", value_name = "PERSON")]
        participants: Vec<String>,
        /// 参与人列表（与 --participant 相同的写法，逗号分隔）
        #[arg(long)]
        volunteers: Option<String>,
    },
    /// 列出活动
    List {
        /// 年份（默认今年）
        #[arg(long)]
        year: Option<i32>,
        /// 只列出这个支部承办（牵头或协办）的活动
        #[arg(long)]
        branch: Option<String>,
        /// 输出 JSON
        #[arg(long)]
        json: bool,
    },
    /// 查看一次活动
    Show {
        /// 活动编号
        id: i64,
        /// 输出 JSON
        #[arg(long)]
        json: bool,
    },
}

/// Reads "姓名:小时[:身份]".
fn parse_participant(entry: &str) -> Result<(PersonNamed<'_>, f64)> {
    let parts: Vec<&str> = entry.split([':', '：']).map(str::trim).collect();
    let (name, hours, kind) = match parts[..] {
        [name, hours] => (name, hours, None),
        [name, hours, kind] => {
            let kind = ParticipantKind::parse(kind).ok_or_else(|| {
                Error::Invalid(format!("「{name}」的身份「{kind}」无法识别，可选：{}", ParticipantKind::choices()))
            })?;
            (name, hours, Some(kind))
        }
        _ => return Err(Error::Invalid(format!("参与人「{entry}」应写成 姓名:小时 或 姓名:小时:身份，如 张三:2.5"))),
    };
    let hours: f64 = hours
        .trim_end_matches(['h', '小', '时'])
        .parse()
        .map_err(|_| Error::Invalid(format!("「{name}」的服务时长「{hours}」不是数字，应写成如 2.5")))?;
    Ok((PersonNamed { name, kind, ..PersonNamed::default() }, hours))
}

fn print_activity(store: &Store, a: &Activity) -> Result<()> {
    let branch_name = |id: i64| store.get::<dangjian::store::Branch>(id).map(|b| b.name).unwrap_or_default();
    let when = match a.end_date {
        Some(end) => format!("{} 至 {end}", a.date),
        None => a.date.to_string(),
    };
    println!("{}（编号 {}）", a.title, a.id);
    println!("{}，{when}，{}", a.kind, a.place.as_deref().unwrap_or("地点未记录"));
    let co: Vec<String> = a.co_branch_ids.iter().map(|id| branch_name(*id)).collect();
    println!(
        "牵头：{}{}",
        branch_name(a.branch_id),
        if co.is_empty() { String::new() } else { format!("；协办：{}", co.join("、")) }
    );
    if let Some(brand) = a.brand_id {
        println!("品牌：{}", store.get::<Brand>(brand)?.name);
    }
    if let Some(partner) = a.partner_id {
        println!("联建单位：{}", store.get::<Partner>(partner)?.name);
    }
    println!("服务 {} 人次", a.people_served);
    for p in &a.participants {
        println!("  {}（{}）{} 小时", p.name, p.kind.label(), p.hours);
    }
    println!("参与 {} 人，共 {} 小时", a.participants.len(), a.hours());
    Ok(())
}

/// The brand called `name`: the lead branch's if it has one of that name, else the only one.
fn organisers_brand(store: &Store, name: &str, lead: i64) -> Result<Brand> {
    store.brand_by_name(name, Some(lead)).or_else(|_| store.brand_by_name(name, None))
}

/// Runs `dangjian activity …`.
pub fn activity(store: &Store, command: ActivityCommand) -> Result<()> {
    match command {
        ActivityCommand::Add {
            title,
            kind,
            date,
            end_date,
            branch,
            co_branches,
            brand,
            partner,
            place,
            served,
            description,
            participants,
            volunteers,
        } => {
            let lead = store.branch_by_name(&branch)?;
            let entries: Vec<String> =
                participants.into_iter().chain(volunteers.as_deref().map(split_list).unwrap_or_default()).collect();
            let people = entries.iter().map(|e| parse_participant(e)).collect::<Result<Vec<_>>>()?;
            let participants: Vec<Participant> = store.resolve_participants(&people)?;
            let activity = store.create(&Activity {
                id: 0,
                title,
                kind: store.activity_kind_named(&kind)?,
                date,
                end_date,
                place,
                branch_id: lead.id,
                co_branch_ids: co_branches
                    .iter()
                    .map(|b| store.branch_by_name(b).map(|b| b.id))
                    .collect::<Result<_>>()?,
                brand_id: brand.map(|name| organisers_brand(store, &name, lead.id).map(|b| b.id)).transpose()?,
                partner_id: partner.map(|name| store.partner_by_name(&name).map(|p| p.id)).transpose()?,
                people_served: served,
                description,
                participants,
            })?;
            println!(
                "已登记活动「{}」（编号 {}），参与 {} 人，共 {} 小时",
                activity.title,
                activity.id,
                activity.participants.len(),
                activity.hours()
            );
            Ok(())
        }
        ActivityCommand::List { year, branch, json } => {
            let branch_id = branch.map(|b| store.branch_by_name(&b).map(|b| b.id)).transpose()?;
            let activities = store.activities_of(Some(year.unwrap_or_else(|| store.today().year())), branch_id)?;
            if json {
                return print_json(&activities);
            }
            for a in &activities {
                println!(
                    "{}\t{}\t{}\t{}\t服务 {} 人次\t{} 小时",
                    a.id,
                    a.date,
                    a.kind,
                    a.title,
                    a.people_served,
                    a.hours()
                );
            }
            println!("共 {} 项", activities.len());
            Ok(())
        }
        ActivityCommand::Show { id, json } => {
            let activity: Activity = store.get(id)?;
            if json {
                return print_json(&activity);
            }
            print_activity(store, &activity)
        }
    }
}

/// `dangjian partner …`: partner organisations and pairings.
#[derive(Subcommand)]
pub enum PartnerCommand {
    /// 登记联建单位，并可同时与支部签订结对协议
    Add {
        /// 单位名称
        #[arg(long)]
        name: String,
        /// 类型：村、社区、学校、企业、银行、机关、医院、其他
        #[arg(long, value_parser = parse_partner_kind)]
        kind: PartnerKind,
        /// 联系人
        #[arg(long)]
        contact: Option<String>,
        /// 联系电话
        #[arg(long)]
        phone: Option<String>,
        /// 地址
        #[arg(long)]
        address: Option<String>,
        /// 与之结对的支部（同时登记结对协议）
        #[arg(long)]
        pair_with: Option<String>,
        /// 结对签约日期 YYYY-MM-DD 或 YYYY-MM
        #[arg(long, value_parser = parse_date, requires = "pair_with")]
        signed: Option<PartialDate>,
        /// 结对期满日期
        #[arg(long, value_parser = parse_date, requires = "pair_with")]
        term_ends: Option<PartialDate>,
        /// 共建目标与内容
        #[arg(long, requires = "pair_with")]
        goals: Option<String>,
    },
    /// 列出联建单位及结对协议
    List {
        /// 输出 JSON
        #[arg(long)]
        json: bool,
    },
}

fn parse_partner_kind(text: &str) -> std::result::Result<PartnerKind, String> {
    PartnerKind::parse(text).ok_or_else(|| format!("单位类型「{text}」无法识别，可选：{}", PartnerKind::choices()))
}

/// Runs `dangjian partner …`.
pub fn partner(store: &Store, command: PartnerCommand) -> Result<()> {
    match command {
        PartnerCommand::Add { name, kind, contact, phone, address, pair_with, signed, term_ends, goals } => {
            let partner = Partner { id: 0, name, kind, contact, phone, address, note: None };
            let (partner, pairing) = match pair_with {
                Some(branch) => {
                    let branch_id = store.branch_by_name(&branch)?.id;
                    let pairing = Pairing {
                        id: 0,
                        branch_id,
                        partner_id: 0,
                        started_on: signed,
                        ended_on: term_ends,
                        content: goals,
                    };
                    let (partner, pairing) = store.create_partner_with_pairing(&partner, &pairing)?;
                    (partner, Some(pairing))
                }
                None => (store.create(&partner)?, None),
            };
            println!("已登记联建单位「{}」（编号 {}）", partner.name, partner.id);
            if let Some(p) = pairing {
                println!("已登记结对协议（编号 {}）", p.id);
            }
            Ok(())
        }
        PartnerCommand::List { json } => {
            let partners: Vec<Partner> = store.list()?;
            let pairings = store.pairings(None)?;
            if json {
                return print_json(&serde_json::json!({ "partners": partners, "pairings": pairings }));
            }
            for p in &partners {
                println!("{}\t{}\t{}\t{}", p.id, p.name, p.kind.label(), p.contact.as_deref().unwrap_or(""));
                for pairing in pairings.iter().filter(|x| x.pairing.partner_id == p.id) {
                    let term = match (pairing.pairing.started_on, pairing.pairing.ended_on) {
                        (Some(s), Some(e)) => format!("{s} 至 {e}"),
                        (Some(s), None) => format!("{s} 起"),
                        _ => String::new(),
                    };
                    println!("\t结对：{} {term}，联建活动 {} 项", pairing.branch, pairing.activities.len());
                }
            }
            println!("共 {} 个联建单位，{} 份结对协议", partners.len(), pairings.len());
            Ok(())
        }
    }
}

/// `dangjian honor …`: honors.
#[derive(Subcommand)]
pub enum HonorCommand {
    /// 登记荣誉（授予支部、党员或品牌之一；都不指定即为院党委）
    Add {
        /// 荣誉名称
        #[arg(long)]
        title: String,
        /// 级别：国家级、省部级、市级、区级、院级
        #[arg(long, value_parser = parse_honor_level)]
        level: HonorLevel,
        /// 获奖日期 YYYY-MM-DD、YYYY-MM
        #[arg(long, value_parser = parse_date)]
        date: Option<PartialDate>,
        /// 颁发单位
        #[arg(long)]
        issuer: Option<String>,
        /// 授予的支部
        #[arg(long, conflicts_with_all = ["member", "brand"])]
        branch: Option<String>,
        /// 授予的党员（姓名）
        #[arg(long, conflicts_with = "brand")]
        member: Option<String>,
        /// 授予的品牌
        #[arg(long)]
        brand: Option<String>,
    },
    /// 列出荣誉
    List {
        /// 只列出这一年的
        #[arg(long)]
        year: Option<i32>,
        /// 输出 JSON
        #[arg(long)]
        json: bool,
    },
}

fn parse_honor_level(text: &str) -> std::result::Result<HonorLevel, String> {
    HonorLevel::parse(text).ok_or_else(|| format!("级别「{text}」无法识别，可选：{}", HonorLevel::choices()))
}

/// Runs `dangjian honor …`.
pub fn honor(store: &Store, command: HonorCommand) -> Result<()> {
    match command {
        HonorCommand::Add { title, level, date, issuer, branch, member, brand } => {
            let honor = store.create(&Honor {
                id: 0,
                title,
                level,
                awarded_on: date,
                issuer,
                branch_id: branch.map(|b| store.branch_by_name(&b).map(|b| b.id)).transpose()?,
                member_id: member.map(|m| store.member_by_name(&m).map(|m| m.id)).transpose()?,
                brand_id: brand.map(|b| store.brand_by_name(&b, None).map(|b| b.id)).transpose()?,
                note: None,
            })?;
            println!("已登记荣誉「{}」（编号 {}）", honor.title, honor.id);
            Ok(())
        }
        HonorCommand::List { year, json } => {
            let honors: Vec<Honor> =
                store.list::<Honor>()?.into_iter().filter(|h| year.is_none_or(|y| honor_in_year(h, y))).collect();
            if json {
                return print_json(&honors);
            }
            for h in &honors {
                let when = h.awarded_on.map(|d| d.to_string()).unwrap_or_default();
                println!("{}\t{when}\t{}\t{}\t{}", h.id, h.level.label(), h.title, h.issuer.as_deref().unwrap_or(""));
            }
            println!("共 {} 项", honors.len());
            Ok(())
        }
    }
}

/// `dangjian suggestion …`: suggestions (我为群众办实事).
#[derive(Subcommand)]
pub enum SuggestionCommand {
    /// 登记一条意见建议（我为群众办实事）
    Add {
        /// 内容
        #[arg(long)]
        content: String,
        /// 来源：现场办公会、党代表接待日、义诊现场、座谈会……
        #[arg(long)]
        source: Option<String>,
        /// 提出日期 YYYY-MM-DD
        #[arg(long, value_parser = parse_date)]
        date: Option<PartialDate>,
        /// 责任支部
        #[arg(long)]
        branch: Option<String>,
        /// 办结时限 YYYY-MM-DD
        #[arg(long, value_parser = parse_day)]
        due: Option<NaiveDate>,
    },
    /// 列出意见建议
    List {
        /// 只列出逾期未办结的
        #[arg(long)]
        overdue: bool,
        /// 输出 JSON
        #[arg(long)]
        json: bool,
    },
    /// 更新办理情况
    Update {
        /// 编号
        id: i64,
        /// 状态：待办理、办理中、已办结
        #[arg(long, value_parser = parse_suggestion_status)]
        status: Option<SuggestionStatus>,
        /// 办理结果
        #[arg(long)]
        response: Option<String>,
        /// 办结日期（填写即为已办结；已办结时默认今天）
        #[arg(long, value_parser = parse_date)]
        resolved: Option<PartialDate>,
        /// 责任支部
        #[arg(long)]
        branch: Option<String>,
        /// 办结时限 YYYY-MM-DD
        #[arg(long, value_parser = parse_day)]
        due: Option<NaiveDate>,
    },
}

fn parse_suggestion_status(text: &str) -> std::result::Result<SuggestionStatus, String> {
    SuggestionStatus::parse(text)
        .ok_or_else(|| format!("状态「{text}」无法识别，可选：{}", SuggestionStatus::choices()))
}

/// Runs `dangjian suggestion …`.
pub fn suggestion(store: &Store, command: SuggestionCommand) -> Result<()> {
    match command {
        SuggestionCommand::Add { content, source, date, branch, due } => {
            let suggestion = store.create(&Suggestion {
                id: 0,
                branch_id: branch.map(|b| store.branch_by_name(&b).map(|b| b.id)).transpose()?,
                source,
                raised_on: Some(date.unwrap_or_else(|| PartialDate::day(store.today()))),
                content,
                status: SuggestionStatus::Open,
                response: None,
                resolved_on: None,
                due_on: due,
            })?;
            println!("已登记意见建议（编号 {}）", suggestion.id);
            Ok(())
        }
        SuggestionCommand::List { overdue, json } => {
            let today = store.today();
            let list: Vec<Suggestion> =
                store.list::<Suggestion>()?.into_iter().filter(|s| !overdue || s.overdue(today)).collect();
            if json {
                return print_json(&list);
            }
            for s in &list {
                let raised = s.raised_on.map(|d| d.to_string()).unwrap_or_default();
                let late = if s.overdue(today) { "（逾期）" } else { "" };
                println!("{}\t{raised}\t{}{late}\t{}", s.id, s.status.label(), s.content);
            }
            println!("共 {} 条", list.len());
            Ok(())
        }
        SuggestionCommand::Update { id, status, response, resolved, branch, due } => {
            let mut s: Suggestion = store.get(id)?;
            s.set_handling(status, resolved, store.today());
            if response.is_some() {
                s.response = response;
            }
            if let Some(branch) = branch {
                s.branch_id = Some(store.branch_by_name(&branch)?.id);
            }
            if due.is_some() {
                s.due_on = due;
            }
            let s = store.update(&s)?;
            println!("意见建议（编号 {}）：{}", s.id, s.status.label());
            Ok(())
        }
    }
}
