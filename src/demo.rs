//! The demo hospital: a realistic, deterministic data set built from the seed
//! articles' examples (brands, campaigns, pairings, suggestions), for trying
//! the app and for tests.
//!
//! [`load`] fills an empty database with about 150 members in nine branches
//! and a general branch, last year's organisational life in full and this
//! year's up to `today`, with the gaps real branches have (missed months,
//! absences without a reason), plus activities with volunteer hours, pairings,
//! honors and suggestions. The same `today` always gives the same data.

use std::collections::HashSet;

use chrono::{Datelike, Days, Months, NaiveDate};
use rusqlite::Connection;
use serde::Serialize;

use crate::date::PartialDate;
use crate::error::{Error, Result};
use crate::id_number::check_char;
use crate::rules::roster::Roster;
use crate::store::record::create_in;
use crate::store::year_notes::YearNote;
use crate::store::{member_history, members, save_committee};
use crate::store::{
    Activity, Attendance, AttendanceStatus, Branch, BranchKind, Brand, BrandTarget, BrandVersion, Category, Committee,
    CommitteePost, CommitteeRole, Gender, Honor, HonorLevel, Meeting, MeetingKind, Member, MemberStatus, Pairing,
    Participant, ParticipantKind, Partner, PartnerKind, PartyGroup, Store, Suggestion, SuggestionStatus, TargetMeasure,
};

/// How much the demo created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DemoSummary {
    /// Branches and general branches.
    pub branches: usize,
    /// Members.
    pub members: usize,
    /// Meeting records.
    pub meetings: usize,
    /// Activities.
    pub activities: usize,
}

/// One demo branch: name, departments, brand, and how reliably it holds its meetings.
struct BranchPlan {
    name: &'static str,
    departments: &'static [&'static str],
    members: usize,
    groups: &'static [&'static str],
    brand: (&'static str, &'static str, &'static str),
    /// Share of months in which it misses an obligation.
    miss_rate: f64,
    /// Born in these years (the retirees' branch is older).
    birth_years: (i32, i32),
}

const PLANS: &[BranchPlan] = &[
    BranchPlan {
        name: "内科第一党支部",
        departments: &["呼吸内科", "心血管内科", "消化内科"],
        members: 22,
        groups: &["呼吸党小组", "心内党小组"],
        brand: ("畅享呼吸", "同心向党，畅享呼吸", "以呼吸慢病管理为抓手，把肺功能筛查和康复指导送进社区和村居。"),
        miss_rate: 0.03,
        birth_years: (1965, 1998),
    },
    BranchPlan {
        name: "麻醉手术科党支部",
        departments: &["麻醉科", "手术室"],
        members: 16,
        groups: &[],
        brand: ("醉美手护", "敬畏生命，醉美手护", "守护围手术期安全，开展无痛诊疗科普和术前访视。"),
        miss_rate: 0.05,
        birth_years: (1970, 1998),
    },
    BranchPlan {
        name: "中医党支部",
        departments: &["中医科", "针灸推拿科", "康复医学科"],
        members: 18,
        groups: &[],
        brand: (
            "中医药服务大篷车",
            "大篷车开到家门口",
            "一辆大篷车、五支服务队、八个服务项目，定期开进村居开展中医义诊、适宜技术推广和健康宣教。",
        ),
        miss_rate: 0.0,
        birth_years: (1963, 1997),
    },
    BranchPlan {
        name: "医技第一党支部",
        departments: &["检验科", "放射科", "超声科"],
        members: 17,
        groups: &[],
        brand: ("精准百分百", "精准诊断，百分之百用心", "以检查报告的准确与及时为承诺，推行党员先锋岗和质控公开。"),
        miss_rate: 0.05,
        birth_years: (1968, 1999),
    },
    BranchPlan {
        name: "护理党支部",
        departments: &["护理部", "病区护理单元"],
        members: 24,
        groups: &["内科护理党小组", "外科护理党小组", "门急诊护理党小组"],
        brand: (
            "鑫健康",
            "鑫健康，心服务",
            "依托党群服务站的四个服务点，提供健康角、义诊、用药咨询、急救培训等八项服务。",
        ),
        miss_rate: 0.03,
        birth_years: (1972, 2000),
    },
    BranchPlan {
        name: "急诊党支部",
        departments: &["急诊科", "重症医学科"],
        members: 14,
        groups: &[],
        brand: ("生命绿色通道", "与时间赛跑，为生命护航", "打造胸痛、卒中绿色通道，走进学校和企业开展急救培训。"),
        miss_rate: 0.35,
        birth_years: (1975, 1999),
    },
    BranchPlan {
        name: "行政后勤党支部",
        departments: &["院办", "党办", "财务科", "后勤保障科"],
        members: 16,
        groups: &[],
        brand: ("暖心后勤", "后勤跑在前，服务暖人心", "以一线需求为导向的后勤服务承诺和“接诉即办”。"),
        miss_rate: 0.15,
        birth_years: (1966, 1998),
    },
    BranchPlan {
        name: "老年护理党支部",
        departments: &["老年病科", "安宁疗护病区"],
        members: 12,
        groups: &[],
        brand: ("代表接待日", "党代表在身边", "每月由六名党代表轮流接待来访群众，收集意见建议并跟踪办理。"),
        miss_rate: 0.08,
        birth_years: (1967, 1996),
    },
    BranchPlan {
        name: "离退休党支部",
        departments: &["离退休人员"],
        members: 13,
        groups: &[],
        brand: ("银发先锋", "退休不褪色，余热映初心", "组织退休老专家坐诊、讲院史，参与志愿服务。"),
        miss_rate: 0.1,
        birth_years: (1942, 1963),
    },
];

/// The branch founded this year (its founding date is set from `today`).
const NEW_BRANCH: BranchPlan = BranchPlan {
    name: "儿科党支部",
    departments: &["儿科", "新生儿科"],
    members: 9,
    groups: &[],
    brand: ("童心守护", "童心向党，守护成长", "走进幼儿园和社区开展儿童健康讲座和预防接种咨询。"),
    miss_rate: 0.05,
    birth_years: (1978, 1999),
};

/// The general branch that the first three clinical branches sit under.
const GENERAL_BRANCH: &str = "临床党总支";

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林",
    "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "蒋",
    "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "沈", "姚", "陆", "钱", "顾", "戴", "金", "邵", "倪",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞",
    "平", "刚", "桂英", "华", "建国", "建华", "志强", "晓燕", "海燕", "文", "斌", "宇", "浩", "凯", "婷", "雪", "琳",
    "颖", "慧", "俊", "晨", "欣怡", "子涵", "思远", "佳琪", "雨萱", "嘉伟", "立新", "春梅", "红梅", "国平", "卫东",
];
/// Real names with characters outside GB2312, which reports and fonts must handle.
const RARE_NAMES: &[&str] = &["王喆", "李堃", "朱镕", "陈玥", "赵昇", "孙珺"];
const AREA_CODES: &[&str] = &["310116", "330781", "330106", "310104"];
const ABSENCE_REASONS: &[&str] = &["外出进修", "值班", "病假", "出差", "产假", "参加院外会诊"];

/// A deterministic random source with the few draws the demo needs.
struct Dice(fastrand::Rng);

impl Dice {
    fn chance(&mut self, p: f64) -> bool {
        self.0.f64() < p
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.0.usize(..items.len())]
    }
    fn between(&mut self, low: i64, high: i64) -> i64 {
        self.0.i64(low..=high)
    }
    /// A day in `year`-`month`, 3rd to 26th, not after `last`.
    fn day_in(&mut self, year: i32, month: u32, last: NaiveDate) -> Option<NaiveDate> {
        let day = NaiveDate::from_ymd_opt(year, month, self.0.u32(3..=26))?;
        (day <= last).then_some(day)
    }
}

/// How big a demo hospital to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DemoSize {
    /// Ten branches and a general branch, about 160 members, two years of records.
    #[default]
    Standard,
    /// Ten times that: about 60 branches, 2,000 members, ten years of records
    /// (for benchmarks and for trying the app at a large hospital's scale).
    Large,
}

impl DemoSize {
    /// How many copies of the branch plans.
    fn copies(self) -> usize {
        match self {
            DemoSize::Standard => 1,
            DemoSize::Large => 6,
        }
    }
    /// Members per branch, as a multiple of the plan's.
    fn member_factor(self) -> usize {
        match self {
            DemoSize::Standard => 1,
            DemoSize::Large => 2,
        }
    }
    /// Years of records, ending with today's.
    fn years(self) -> i32 {
        match self {
            DemoSize::Standard => 2,
            DemoSize::Large => 10,
        }
    }
}

/// Fills an empty database with the standard demo hospital as of `today`.
pub fn load(store: &Store, today: NaiveDate) -> Result<DemoSummary> {
    load_sized(store, today, DemoSize::Standard)
}

/// Fills an empty database with a demo hospital of `size` as of `today`.
pub fn load_sized(store: &Store, today: NaiveDate, size: DemoSize) -> Result<DemoSummary> {
    let _timed = crate::logging::timed("demo");
    if !store.is_empty()? {
        return Err(Error::Conflict("示范数据只能载入空数据库：当前数据库已有支部或党员".into()));
    }
    let committee = Committee {
        hospital_name: "滨江市中西医结合医院".into(),
        committee_name: "中共滨江市中西医结合医院委员会".into(),
    };
    store.write(|conn| {
        save_committee(conn, &committee)?;
        let dice = Dice(fastrand::Rng::with_seed(20_231_108));
        Builder { store, conn, today, size, dice, ids: HashSet::new(), drifting: HashSet::new() }.build()
    })
}

struct Builder<'a> {
    /// The store being filled: its reads see this transaction's writes.
    store: &'a Store,
    conn: &'a Connection,
    today: NaiveDate,
    size: DemoSize,
    dice: Dice,
    ids: HashSet<String>,
    /// Members who stopped coming in the last four months (a lapse warning).
    drifting: HashSet<i64>,
}

/// What a meeting needs to know about the unit that holds it.
struct Unit<'a> {
    branch: &'a Branch,
    groups: &'a [PartyGroup],
    brand: &'a str,
    miss_rate: f64,
    /// Branches that often forget to write down a reason or a recorder.
    careless: bool,
}

/// One built branch with what later steps need.
struct Built {
    plan: &'static BranchPlan,
    branch: Branch,
    groups: Vec<PartyGroup>,
    members: Vec<Member>,
    brand: Brand,
}

impl Builder<'_> {
    fn build(mut self) -> Result<DemoSummary> {
        let general = create_in(
            self.conn,
            self.today,
            &Branch {
                kind: BranchKind::GeneralBranch,
                founded_on: PartialDate::month(2008, 7),
                departments: vec!["内科".into(), "外科".into(), "中医".into()],
                ..Branch::new(GENERAL_BRANCH)
            },
        )?;
        let mut names_used = HashSet::new();
        let mut built = Vec::new();
        const COPY_SUFFIXES: [&str; 6] = ["", "（二）", "（三）", "（四）", "（五）", "（六）"];
        for (copy, suffix) in COPY_SUFFIXES.iter().enumerate().take(self.size.copies()) {
            for (i, plan) in PLANS.iter().enumerate() {
                let index = copy * PLANS.len() + i;
                let parent = (index < 3).then_some(general.id);
                let founded = NaiveDate::from_ymd_opt(2008 + i as i32, 7, 1).expect("valid");
                let name = format!("{}{suffix}", plan.name);
                built.push(self.branch(index, plan, &name, parent, founded, &mut names_used)?);
            }
        }
        // A branch founded this year, about seven months ago.
        let founded = self.today - Days::new(200);
        let index = built.len();
        built.push(self.branch(index, &NEW_BRANCH, NEW_BRANCH.name, None, founded, &mut names_used)?);
        let general = self.general_committee(general, &built)?;
        self.changes(&mut built)?;
        let histories = self.store.roster_history()?;
        let roster = Roster::new(&histories);
        let partners = self.partners(&built)?;
        let mut meetings = 0;
        let mut activities = 0;
        for year in (self.today.year() - self.size.years() + 1)..=self.today.year() {
            for (i, b) in built.iter().enumerate() {
                let unit = Unit {
                    branch: &b.branch,
                    groups: &b.groups,
                    brand: &b.brand.name,
                    miss_rate: b.plan.miss_rate,
                    careless: b.plan.miss_rate > 0.1,
                };
                meetings += self.meetings(&unit, &roster, year)?;
                activities += self.activities(b, &built[(i + 1) % built.len()], year, &partners)?;
            }
            let unit = Unit { branch: &general, groups: &[], brand: "临床先锋", miss_rate: 0.05, careless: false };
            meetings += self.meetings(&unit, &roster, year)?;
        }
        self.honors(&built)?;
        self.suggestions(&built)?;
        self.year_notes(&built)?;
        Ok(DemoSummary {
            branches: built.len() + 1,
            members: built.iter().map(|b| b.members.len()).sum(),
            meetings,
            activities,
        })
    }

    /// The general branch's committee: the secretaries of the branches under it.
    fn general_committee(&mut self, mut general: Branch, built: &[Built]) -> Result<Branch> {
        let started = PartialDate::month(self.today.year() - 3, 6);
        general.committee = built
            .iter()
            .filter(|b| b.branch.parent_id == Some(general.id))
            .zip([CommitteeRole::Secretary, CommitteeRole::Member, CommitteeRole::Member])
            .map(|(b, role)| CommitteePost {
                member_id: b.members[1].id,
                name: b.members[1].name.clone(),
                role,
                duty: None,
                started_on: started,
                ended_on: None,
            })
            .collect();
        crate::store::record::update_in(self.conn, self.today, &general)
    }

    /// The year's changes the rules must follow: a party group added mid-year,
    /// a member transferred, a change of secretary, probations ending soon and
    /// overdue, a member leaving the hospital, and a member drifting away.
    fn changes(&mut self, built: &mut [Built]) -> Result<()> {
        let (conn, today) = (self.conn, self.today);
        let day = |days: u64| PartialDate::day(today - Days::new(days));
        // 内科第一党支部 opens a third party group five months ago.
        let new_group = create_in(
            conn,
            today,
            &PartyGroup {
                id: 0,
                branch_id: built[0].branch.id,
                name: "消化党小组".into(),
                leader: Some(built[0].members[4].name.clone()),
                founded_on: Some(day(150)),
                dissolved_on: None,
            },
        )?;
        for member in built[0].members.iter().skip(3).step_by(4) {
            member_history::change_group_in(conn, today, member.id, Some(new_group.id), day(150))?;
        }
        built[0].groups.push(new_group);
        // A nurse moves from 护理党支部 to 急诊党支部 four months ago.
        let nurse = built[4].members[10].id;
        members::transfer_in(conn, today, nurse, built[5].branch.id, day(120), Some("调至急诊科".into()))?;
        // 医技第一党支部 changes its secretary three months ago.
        let handover = today - Days::new(90);
        let branch = &mut built[3].branch;
        if let Some(old) = branch.committee.iter_mut().find(|p| p.role == CommitteeRole::Secretary) {
            old.ended_on = Some(PartialDate::day(handover - Days::new(1)));
        }
        let successor = built[3]
            .members
            .iter()
            .find(|m| !branch.committee.iter().any(|p| p.member_id == m.id))
            .expect("a branch has members off its committee");
        branch.committee.push(CommitteePost {
            member_id: successor.id,
            name: successor.name.clone(),
            role: CommitteeRole::Secretary,
            duty: None,
            started_on: Some(PartialDate::day(handover)),
            ended_on: None,
        });
        built[3].branch = crate::store::record::update_in(conn, today, &built[3].branch)?;
        // Probations: one ends within the month, one ended three weeks ago without 转正.
        for (b, m, joined) in
            [(1, 6, today - Months::new(12) + Days::new(12)), (2, 7, today - Months::new(12) - Days::new(21))]
        {
            let member = Member {
                category: Category::Probationary,
                joined_on: Some(PartialDate::day(joined)),
                full_member_on: None,
                ..built[b].members[m].clone()
            };
            built[b].members[m] = crate::store::record::update_in(conn, today, &member)?;
        }
        // A member of 行政后勤党支部 left the hospital about three months ago.
        let leaver = built[6].members[9].id;
        member_history::change_status_in(
            conn,
            today,
            leaver,
            MemberStatus::TransferredOut,
            day(100),
            Some("调离本院".into()),
        )?;
        // Another has not come to anything for four months.
        self.drifting.insert(built[6].members[7].id);
        Ok(())
    }

    fn branch(
        &mut self,
        index: usize,
        plan: &'static BranchPlan,
        name: &str,
        parent_id: Option<i64>,
        founded: NaiveDate,
        names_used: &mut HashSet<String>,
    ) -> Result<Built> {
        let founded = PartialDate::day(founded);
        let mut branch = create_in(
            self.conn,
            self.today,
            &Branch {
                parent_id,
                founded_on: Some(founded),
                term_ends_on: PartialDate::month(self.today.year() + 1 + (index as i32 % 2), 6),
                departments: plan.departments.iter().map(|d| d.to_string()).collect(),
                ..Branch::new(name)
            },
        )?;
        let mut groups = Vec::new();
        for name in plan.groups {
            groups.push(create_in(
                self.conn,
                self.today,
                &PartyGroup {
                    id: 0,
                    branch_id: branch.id,
                    name: name.to_string(),
                    leader: None,
                    founded_on: None,
                    dissolved_on: None,
                },
            )?);
        }
        let mut members = Vec::new();
        for n in 0..plan.members * self.size.member_factor() {
            let name = if index < RARE_NAMES.len() && n == 2 {
                RARE_NAMES[index].to_string()
            } else {
                self.fresh_name(names_used)
            };
            names_used.insert(name.clone());
            let group_id = (!groups.is_empty()).then(|| groups[n % groups.len()].id);
            let member = self.member(&name, plan, branch.id, group_id, n)?;
            members.push(create_in(self.conn, self.today, &member)?);
        }
        let seats: &[(CommitteeRole, Option<&str>)] = if members.len() >= 20 {
            &[
                (CommitteeRole::Secretary, None),
                (CommitteeRole::DeputySecretary, None),
                (CommitteeRole::Member, Some("组织委员")),
                (CommitteeRole::Member, Some("宣传委员")),
                (CommitteeRole::Member, Some("纪检委员")),
            ]
        } else {
            &[
                (CommitteeRole::Secretary, None),
                (CommitteeRole::Member, Some("组织委员")),
                (CommitteeRole::Member, Some("宣传委员")),
            ]
        };
        branch.committee = members
            .iter()
            .zip(seats)
            .map(|(m, (role, duty))| CommitteePost {
                member_id: m.id,
                name: m.name.clone(),
                role: *role,
                duty: duty.map(String::from),
                started_on: branch
                    .term_ends_on
                    .and_then(|t| PartialDate::month(t.year() - 5, 6))
                    .map(|start| start.max(founded)),
                ended_on: None,
            })
            .collect();
        let branch = crate::store::record::update_in(self.conn, self.today, &branch)?;
        let brand = self.brand(plan, branch.id, index)?;
        Ok(Built { plan, branch, groups, members, brand })
    }

    fn fresh_name(&mut self, used: &HashSet<String>) -> String {
        loop {
            let name = format!("{}{}", self.dice.pick(SURNAMES), self.dice.pick(GIVEN));
            if !used.contains(&name) && !RARE_NAMES.contains(&name.as_str()) {
                return name;
            }
        }
    }

    fn id_number(&mut self, birth: NaiveDate, gender: Gender) -> String {
        loop {
            let mut sequence = self.dice.between(1, 499) * 2;
            if gender == Gender::Male {
                sequence -= 1;
            }
            let first17 = format!("{}{}{sequence:03}", self.dice.pick(AREA_CODES), birth.format("%Y%m%d"));
            let id = format!("{first17}{}", check_char(&first17));
            if self.ids.insert(id.clone()) {
                return id;
            }
        }
    }

    fn member(
        &mut self,
        name: &str,
        plan: &BranchPlan,
        branch_id: i64,
        group_id: Option<i64>,
        n: usize,
    ) -> Result<Member> {
        let gender = if self.dice.chance(0.55) { Gender::Female } else { Gender::Male };
        let (low, high) = plan.birth_years;
        let birth = NaiveDate::from_ymd_opt(
            self.dice.between(low.into(), high.into()) as i32,
            self.dice.0.u32(1..=12),
            self.dice.0.u32(1..=28),
        )
        .expect("valid day");
        // Some members joined recently and are still on probation; the rest joined in their twenties or thirties.
        let probationary = n % 9 == 5 && plan.birth_years.0 > 1950;
        let joined = if probationary {
            self.today - Days::new(self.dice.between(40, 330) as u64)
        } else {
            let age = self.dice.between(20, 34) as u32;
            (birth + Months::new(age * 12) + Days::new(self.dice.between(0, 200) as u64))
                .min(self.today - Months::new(14))
        };
        let joined = if joined < birth + Months::new(18 * 12) { birth + Months::new(18 * 12 + 6) } else { joined };
        let full = (!probationary).then(|| joined + Months::new(12) + Days::new(self.dice.between(0, 20) as u64));
        // Old rosters often recorded only the month.
        let month_only = |d: NaiveDate| PartialDate::month(d.year(), d.month()).expect("valid month");
        let (joined_on, full_member_on) = if n % 7 == 3 {
            (month_only(joined), full.map(month_only))
        } else {
            (PartialDate::day(joined), full.map(PartialDate::day))
        };
        let retired = plan.birth_years.1 < 1970;
        let (post, titles) = if retired {
            ("退休", &["主任医师", "副主任医师", "主任护师"][..])
        } else if plan.name.contains("护理") {
            ("护士", &["主管护师", "护师", "副主任护师"][..])
        } else if plan.name.contains("行政") {
            ("管理", &["经济师", "会计师", "工程师"][..])
        } else if plan.name.contains("医技") {
            ("技师", &["主管技师", "技师", "副主任技师"][..])
        } else {
            ("医生", &["主治医师", "副主任医师", "主任医师", "住院医师"][..])
        };
        let education = *self.dice.pick(&["本科", "本科", "硕士研究生", "博士研究生", "大专"]);
        let degree = match education {
            "博士研究生" => Some("博士"),
            "硕士研究生" => Some("硕士"),
            "本科" => Some("学士"),
            _ => None,
        };
        Ok(Member {
            gender: Some(gender),
            ethnicity: Some(
                self.dice.pick(&["汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "回族", "满族", "壮族"]).to_string(),
            ),
            id_number: Some(self.id_number(birth, gender)),
            birth_date: Some(PartialDate::day(birth)),
            education: Some(education.into()),
            degree: degree.map(String::from),
            category: if probationary { Category::Probationary } else { Category::Full },
            group_id,
            joined_on: Some(joined_on),
            full_member_on,
            post: Some(post.into()),
            department: Some(self.dice.pick(plan.departments).to_string()),
            duty: (n == 0).then(|| "科主任".to_string()),
            professional_title: Some(self.dice.pick(titles).to_string()),
            phone: Some(format!("13{}{:08}", self.dice.between(0, 9), self.dice.between(0, 99_999_999))),
            status: if retired && n == plan.members - 1 { MemberStatus::Deceased } else { MemberStatus::Active },
            ..Member::new(name, branch_id)
        })
    }

    fn brand(&mut self, plan: &BranchPlan, branch_id: i64, index: usize) -> Result<Brand> {
        let (name, slogan, meaning) = plan.brand;
        let started = NaiveDate::from_ymd_opt(2016 + (index as i32 % 5), 3, 1).expect("valid");
        let mut versions = vec![BrandVersion {
            version: "1.0".into(),
            started_on: Some(PartialDate::day(started)),
            summary: Some(format!("创建“{name}”品牌，明确服务项目和党员先锋岗。")),
        }];
        if index.is_multiple_of(2) {
            versions.push(BrandVersion {
                version: "2.0".into(),
                started_on: PartialDate::month(2023, 1),
                summary: Some("升级为“健康共富·党建联建”，与村居、学校、企业结对共建。".into()),
            });
        }
        create_in(
            self.conn,
            self.today,
            &Brand {
                id: 0,
                branch_id,
                name: name.into(),
                slogan: Some(slogan.into()),
                meaning: Some(meaning.into()),
                methods: Some("党员先锋岗 + 专家团队 + 村居结对，每月固定服务日，服务清单公开认领。".into()),
                goal: Some("每月至少开展一次品牌服务活动，让群众在家门口享受优质医疗服务。".into()),
                started_on: Some(PartialDate::day(started)),
                versions,
                targets: [self.today.year() - 1, self.today.year()]
                    .into_iter()
                    .flat_map(|year| {
                        [
                            (TargetMeasure::Activities, Some("义诊"), 3.0),
                            (TargetMeasure::Activities, None, 14.0),
                            (TargetMeasure::PeopleServed, None, 1800.0),
                            (TargetMeasure::VolunteerHours, None, 150.0),
                            (TargetMeasure::ParticipationRate, None, 80.0),
                        ]
                        .map(|(measure, kind, target)| BrandTarget {
                            year,
                            measure,
                            activity_kind: kind.map(String::from),
                            target,
                        })
                    })
                    .collect(),
            },
        )
    }

    /// The partners, each with a branch it is paired with (a partner paired
    /// with two branches is listed twice).
    fn partners(&mut self, built: &[Built]) -> Result<Vec<(i64, Partner)>> {
        let list = [
            ("新华村党总支", PartnerKind::Village),
            ("枫南村党总支", PartnerKind::Village),
            ("合兴村党总支", PartnerKind::Village),
            ("滨江实验小学党支部", PartnerKind::School),
            ("滨江农商银行城东支行党支部", PartnerKind::Bank),
            ("海湾化工有限公司党委", PartnerKind::Firm),
            ("石化街道东城社区党委", PartnerKind::Community),
        ];
        let mut partners = Vec::new();
        for (i, (name, kind)) in list.iter().enumerate() {
            let partner = create_in(
                self.conn,
                self.today,
                &Partner {
                    id: 0,
                    name: name.to_string(),
                    kind: *kind,
                    contact: Some(format!("{}书记", SURNAMES[i * 3])),
                    phone: Some(format!("0571-{:08}", 57_230_000 + i * 17)),
                    address: None,
                    note: None,
                },
            )?;
            // Each partner is paired with one branch, and the first few with a second,
            // so that every branch of the standard demo has a partner.
            let mut paired = vec![i % built.len()];
            if i + list.len() < built.len() {
                paired.push(i + list.len());
            }
            for b in paired {
                let branch = &built[b].branch;
                let signed = 2021 + (i as i32 % 3);
                create_in(
                    self.conn,
                    self.today,
                    &Pairing {
                        id: 0,
                        branch_id: branch.id,
                        partner_id: partner.id,
                        started_on: PartialDate::month(signed, 5),
                        ended_on: PartialDate::month(signed + 5, 4),
                        content: Some(format!(
                            "{}与{}结对共建：每季度一次义诊或健康讲座，党课联学，共建健康驿站。",
                            branch.name, partner.name
                        )),
                    },
                )?;
                partners.push((branch.id, partner.clone()));
            }
        }
        Ok(partners)
    }

    /// Records a unit's organisational life in `year`, from its founding up to
    /// yesterday, with its usual gaps. A 党总支 holds its committee meetings,
    /// its secretary's lesson and its 组织生活会; a 党支部 everything.
    fn meetings(&mut self, unit: &Unit, roster: &Roster, year: i32) -> Result<usize> {
        let mut count = 0;
        let last = self.today - Days::new(1);
        let first = unit.branch.founded_on.map_or(NaiveDate::MIN, |f| f.first_day());
        let general = unit.branch.kind == BranchKind::GeneralBranch;
        for month in 1..=12u32 {
            let mut plan: Vec<(MeetingKind, Option<&PartyGroup>)> = vec![(MeetingKind::CommitteeMeeting, None)];
            if !general {
                plan.push((MeetingKind::ThemeDay, None));
                plan.extend(unit.groups.iter().map(|g| (MeetingKind::GroupMeeting, Some(g))));
                if month % 3 == 2 {
                    plan.push((MeetingKind::GeneralMeeting, None));
                    plan.push((MeetingKind::PartyLesson, None));
                }
            }
            if month == 5 && general {
                plan.push((MeetingKind::PartyLesson, None));
            }
            if month == 12 {
                plan.push((MeetingKind::OrgLifeMeeting, None));
                // Half the branches hold the review together with the org life meeting.
                if !general && unit.branch.id % 2 == 1 {
                    plan.push((MeetingKind::DemocraticReview, None));
                }
            }
            for (kind, group) in plan {
                if self.dice.chance(unit.miss_rate) {
                    continue;
                }
                let Some(date) = self.dice.day_in(year, month, last) else { continue };
                if date < first || group.is_some_and(|g| !g.existed_during(date, date)) {
                    continue;
                }
                let also = if kind == MeetingKind::OrgLifeMeeting && !general && unit.branch.id % 2 == 0 {
                    vec![MeetingKind::DemocraticReview]
                } else {
                    Vec::new()
                };
                self.meeting(unit, roster, kind, group, date, also)?;
                count += 1;
            }
            // Talks in June for even-numbered branches, in November for the others.
            if !general && (month == 6 || month == 11) && (month == 6) == (unit.branch.id % 2 == 0) {
                count += self.talks(unit, roster, year, month)?;
            }
        }
        // A branch that never misses holds meetings on the last and first day of a quarter.
        if unit.miss_rate == 0.0 && year == self.today.year() {
            for (kind, month, day) in [(MeetingKind::GeneralMeeting, 3, 31), (MeetingKind::PartyLesson, 4, 1)] {
                let date = NaiveDate::from_ymd_opt(year, month, day).expect("valid");
                if date < last {
                    self.meeting(unit, roster, kind, None, date, Vec::new())?;
                    count += 1;
                }
            }
        }
        Ok(count)
    }

    /// The secretary's heart-to-heart talk with each committee member.
    fn talks(&mut self, unit: &Unit, roster: &Roster, year: i32, month: u32) -> Result<usize> {
        let Some(date) = self.dice.day_in(year, month, self.today - Days::new(1)) else { return Ok(0) };
        let Some(secretary) = unit.branch.secretary_on(date).map(|p| p.member_id) else { return Ok(0) };
        let mut count = 0;
        let seated: Vec<i64> =
            unit.branch.committee_on(date).map(|p| p.member_id).filter(|id| *id != secretary).collect();
        for member_id in seated {
            let attendance = [secretary, member_id]
                .iter()
                .filter_map(|id| roster.get(*id))
                .map(|h| Attendance {
                    member_id: Some(h.member.id),
                    name: h.member.name.clone(),
                    status: AttendanceStatus::Present,
                    reason: None,
                })
                .collect();
            self.store_meeting(unit, MeetingKind::Talk, None, date, Vec::new(), attendance)?;
            count += 1;
        }
        Ok(count)
    }

    fn meeting(
        &mut self,
        unit: &Unit,
        roster: &Roster,
        kind: MeetingKind,
        group: Option<&PartyGroup>,
        date: NaiveDate,
        also: Vec<MeetingKind>,
    ) -> Result<()> {
        let expected = roster.expected(unit.branch, kind, group.map(|g| g.id), date);
        let drifting_since = self.today - Months::new(4);
        let attendance = expected
            .iter()
            .map(|m| {
                let roll = self.dice.0.f64();
                let (status, reason) = if self.drifting.contains(&m.id) && date > drifting_since {
                    (AttendanceStatus::Absent, None)
                } else if roll < 0.88 {
                    (AttendanceStatus::Present, None)
                } else if roll < 0.96 {
                    (AttendanceStatus::Excused, Some(self.dice.pick(ABSENCE_REASONS).to_string()))
                } else {
                    (AttendanceStatus::Absent, None)
                };
                // Careless branches forget to write down why someone was away.
                let reason = if unit.careless && self.dice.chance(0.4) { None } else { reason };
                // Meeting::tidy makes an absence without a reason 缺席.
                Attendance { member_id: Some(m.id), name: m.name.clone(), status, reason }
            })
            .collect();
        self.store_meeting(unit, kind, group, date, also, attendance)
    }

    fn store_meeting(
        &mut self,
        unit: &Unit,
        kind: MeetingKind,
        group: Option<&PartyGroup>,
        date: NaiveDate,
        also_counts: Vec<MeetingKind>,
        attendance: Vec<Attendance>,
    ) -> Result<()> {
        let secretary = unit.branch.secretary_on(date).map(|p| p.name.clone());
        let committee: Vec<&CommitteePost> = unit.branch.committee_on(date).collect();
        let recorder = committee.get(2).or(committee.last()).map(|p| p.name.clone());
        let recorder = if unit.careless && self.dice.chance(0.15) { None } else { recorder };
        let (topic, content) = topic_for(kind, date, unit.brand, self.dice.0.usize(..4));
        create_in(
            self.conn,
            self.today,
            &Meeting {
                id: 0,
                branch_id: unit.branch.id,
                group_id: group.map(|g| g.id),
                kind,
                date,
                start_time: Some(if kind == MeetingKind::ThemeDay { "14:00" } else { "12:30" }.into()),
                place: Some(if kind == MeetingKind::ThemeDay { "党群服务站" } else { "行政楼三楼会议室" }.into()),
                chair: secretary.clone(),
                recorder,
                lecturer: (kind == MeetingKind::PartyLesson).then(|| secretary.clone().unwrap_or_default()),
                topic,
                content: Some(content),
                decisions: matches!(kind, MeetingKind::CommitteeMeeting | MeetingKind::GeneralMeeting)
                    .then(|| "会议议定的事项由支部委员分工落实，下次会议通报进展。".to_string()),
                vote: (kind == MeetingKind::GeneralMeeting)
                    .then(|| "全体有表决权的到会党员举手表决，一致通过。".to_string()),
                also_counts,
                attendance,
            },
        )?;
        Ok(())
    }

    /// The brand's activities of `year`: one or two a month (three at 中医),
    /// some with a partner the branch is paired with, some co-organised with
    /// the next branch, some with outside volunteers.
    fn activities(&mut self, b: &Built, co: &Built, year: i32, partners: &[(i64, Partner)]) -> Result<usize> {
        let mut count = 0;
        let last = self.today - Days::new(1);
        let kinds = ["义诊", "健康讲座", "健康讲座", "急救培训", "志愿服务", "结对共建", "走访慰问"];
        let own_partners: Vec<&Partner> =
            partners.iter().filter(|(branch, _)| *branch == b.branch.id).map(|(_, p)| p).collect();
        let outside = [
            ("林晓", ParticipantKind::LeagueMember),
            ("周雨桐", ParticipantKind::Volunteer),
            ("陈立新", ParticipantKind::Volunteer),
        ];
        for month in 1..=12u32 {
            let per_month = if b.plan.name == "中医党支部" { 3 } else { 1 + usize::from(self.dice.chance(0.4)) };
            for _ in 0..per_month {
                let Some(date) = self.dice.day_in(year, month, last) else { continue };
                let kind = *self.dice.pick(&kinds);
                let partner = (!own_partners.is_empty() && (kind == "结对共建" || self.dice.chance(0.3)))
                    .then(|| *self.dice.pick(&own_partners));
                let place = partner.map_or("院内门诊大厅".to_string(), |p| {
                    p.name.replace("党总支", "").replace("党支部", "").replace("党委", "")
                });
                let joint = co.branch.id != b.branch.id && self.dice.chance(0.15);
                let mut participants: Vec<Participant> = Vec::new();
                let mut add_members = |dice: &mut Dice, members: &[Member], n: i64| {
                    for _ in 0..n {
                        let m = dice.pick(members);
                        if m.status == MemberStatus::Active && !participants.iter().any(|p| p.member_id == Some(m.id)) {
                            let hours = [2.0, 2.5, 3.0, 4.0][dice.0.usize(..4)];
                            participants.push(Participant {
                                member_id: Some(m.id),
                                name: m.name.clone(),
                                hours,
                                kind: ParticipantKind::Member,
                            });
                        }
                    }
                };
                let n = self.dice.between(3, 7);
                add_members(&mut self.dice, &b.members, n);
                if joint {
                    add_members(&mut self.dice, &co.members, 2);
                }
                if self.dice.chance(0.25) {
                    let (name, kind) = *self.dice.pick(&outside);
                    participants.push(Participant { member_id: None, name: name.into(), hours: 3.0, kind });
                }
                create_in(
                    self.conn,
                    self.today,
                    &Activity {
                        id: 0,
                        title: format!("{}·{}{}", b.brand.name, place, kind),
                        kind: kind.into(),
                        date,
                        end_date: None,
                        place: Some(place),
                        branch_id: b.branch.id,
                        co_branch_ids: if joint { vec![co.branch.id] } else { Vec::new() },
                        brand_id: Some(b.brand.id),
                        partner_id: partner.map(|p| p.id),
                        people_served: self.dice.between(20, 260),
                        description: Some(format!(
                            "{}党员志愿者开展{kind}，现场发放健康资料，解答群众咨询。",
                            if joint {
                                format!("{}联合{}", b.branch.name, co.branch.name)
                            } else {
                                b.branch.name.clone()
                            },
                        )),
                        participants,
                    },
                )?;
                count += 1;
            }
        }
        Ok(count)
    }

    /// Honors of last year and of this year so far: to branches, members, a
    /// brand and the committee.
    fn honors(&mut self, built: &[Built]) -> Result<()> {
        enum To {
            Branch(usize),
            Member(usize, usize),
            Brand(usize),
            Committee,
        }
        let last_year = self.today.year() - 1;
        let list: [(&str, HonorLevel, To, i32); 10] = [
            ("先进基层党组织", HonorLevel::City, To::Branch(2), last_year),
            ("五星级党支部", HonorLevel::District, To::Branch(0), last_year),
            ("优秀党建品牌", HonorLevel::District, To::Brand(4), last_year),
            ("优秀共产党员", HonorLevel::District, To::Member(2, 1), last_year),
            ("优秀共产党员", HonorLevel::Hospital, To::Member(0, 3), last_year),
            ("优秀党务工作者", HonorLevel::Hospital, To::Member(3, 0), last_year),
            ("志愿服务先进集体", HonorLevel::City, To::Branch(5), last_year),
            ("公立医院党建工作示范单位", HonorLevel::Provincial, To::Committee, last_year),
            ("最佳志愿服务项目", HonorLevel::City, To::Brand(0), self.today.year()),
            ("优秀共产党员", HonorLevel::Hospital, To::Member(1, 2), self.today.year()),
        ];
        for (i, (title, level, to, year)) in list.into_iter().enumerate() {
            let month = if year == self.today.year() { 1 + i as u32 % self.today.month() } else { 6 + (i as u32 % 6) };
            create_in(
                self.conn,
                self.today,
                &Honor {
                    id: 0,
                    title: title.into(),
                    level,
                    awarded_on: PartialDate::month(year, month),
                    issuer: Some(
                        match level {
                            HonorLevel::Provincial => "省卫生健康委党组",
                            HonorLevel::City => "中共滨江市委",
                            HonorLevel::District => "区卫生健康工作党委",
                            _ => "院党委",
                        }
                        .into(),
                    ),
                    branch_id: match to {
                        To::Branch(b) => Some(built[b].branch.id),
                        _ => None,
                    },
                    member_id: match to {
                        To::Member(b, m) => Some(built[b].members[m].id),
                        _ => None,
                    },
                    brand_id: match to {
                        To::Brand(b) => Some(built[b].brand.id),
                        _ => None,
                    },
                    note: None,
                },
            )?;
        }
        Ok(())
    }

    /// Suggestions raised last year and this year, most closed within a
    /// month; this year's newest still open, some of them past their due date.
    /// The secretaries' summaries and plans: last year's for every branch, this
    /// year's for two branches in three (the others still have theirs to write).
    fn year_notes(&mut self, built: &[Built]) -> Result<()> {
        let this_year = self.today.year();
        for (i, b) in built.iter().enumerate() {
            for year in [this_year - 1, this_year] {
                if year == this_year && i % 3 == 2 {
                    continue;
                }
                let brand = &b.brand.name;
                let note = YearNote {
                    id: 0,
                    branch_id: b.branch.id,
                    year,
                    summary: Some(format!(
                        "{year}年，支部以“{brand}”品牌为抓手，落实“三会一课”制度，把党员志愿服务和科室业务结合起来，组织党员深入社区、村居开展义诊和健康讲座。\n支部委员分工负责品牌项目，按月公示志愿服务时长，党员参与率稳步提高。"
                    )),
                    plan: Some(format!(
                        "{}年，支部将继续深化“{brand}”品牌建设：固定每月一次进社区服务，扩大结对共建范围，并把群众提出的意见建议逐条落实、按期办结。",
                        year + 1
                    )),
                };
                create_in(self.conn, self.today, &note)?;
            }
        }
        Ok(())
    }

    fn suggestions(&mut self, built: &[Built]) -> Result<()> {
        let items = [
            ("现场办公会", "希望周末也能开放中医理疗", "已与康复医学科协调，每周六上午开设理疗门诊。"),
            ("义诊现场", "村里老人配药不方便", "大篷车每月第二个周三进村，开展慢病配药服务。"),
            ("患者来信来电", "门诊楼指示牌看不清", "已更换大字号指示牌并增设志愿者引导岗。"),
            ("义诊现场", "希望多讲讲高血压用药", "已安排内科党员专家每季度进村科普一次。"),
            ("职工提出", "夜班食堂供餐时间太短", ""),
            ("党代表接待日", "住院部电梯等候时间长", ""),
            ("座谈会", "检查报告想在手机上查看", "医技第一党支部牵头，报告已可在医院公众号查询。"),
            ("走访入户", "希望开展老年人防跌倒培训", ""),
            ("党代表接待日", "停车难", "已协调周边单位开放错时停车位 80 个。"),
            ("义诊现场", "希望派医生到村卫生室坐诊", ""),
        ];
        let (last_year, this_year) = (self.today.year() - 1, self.today.year());
        for (year, shift) in [(last_year, 0), (this_year, 5)] {
            for (i, (source, content, response)) in items.into_iter().enumerate() {
                let Some(raised) = NaiveDate::from_ymd_opt(year, 1 + (i as u32 + shift) % 12, 10) else { continue };
                if raised >= self.today {
                    continue;
                }
                let open = response.is_empty() || (year == this_year && raised + Days::new(45) > self.today);
                let status = match (open, i % 3) {
                    (false, _) => SuggestionStatus::Done,
                    (true, 0) => SuggestionStatus::Open,
                    (true, _) => SuggestionStatus::InProgress,
                };
                let done = status == SuggestionStatus::Done;
                create_in(
                    self.conn,
                    self.today,
                    &Suggestion {
                        id: 0,
                        branch_id: Some(built[(i + shift as usize) % built.len()].branch.id),
                        source: Some(source.into()),
                        raised_on: Some(PartialDate::day(raised)),
                        content: content.into(),
                        status,
                        response: done.then(|| response.to_string()),
                        resolved_on: done.then(|| PartialDate::day(raised + Days::new(30))),
                        due_on: Some(raised + Days::new(60)),
                    },
                )?;
            }
        }
        Ok(())
    }
}

/// A plausible topic and summary for a meeting of `kind`.
fn topic_for(kind: MeetingKind, date: NaiveDate, brand: &str, variant: usize) -> (String, String) {
    let month = date.month();
    match kind {
        MeetingKind::CommitteeMeeting => (
            format!("{month}月支委会：研究本月党建和业务工作"),
            "通报上月工作完成情况，研究本月主题党日安排、发展党员和品牌活动计划。".into(),
        ),
        MeetingKind::ThemeDay => {
            let topics = ["重温入党誓词", "走进村居开展义诊", "学习党的二十大精神", "参观红色教育基地"];
            (format!("{month}月主题党日：{}", topics[variant]), format!("围绕“{brand}”品牌开展主题党日活动。"))
        }
        MeetingKind::GroupMeeting => (format!("{month}月党小组学习"), "学习近期重要文件，交流岗位建功情况。".into()),
        MeetingKind::GeneralMeeting => (
            format!("第{}季度支部党员大会", (month - 1) / 3 + 1),
            "听取支部工作报告，讨论发展党员和品牌建设事项。".into(),
        ),
        MeetingKind::PartyLesson => {
            let titles = ["医者仁心与初心使命", "公立医院党委领导下的院长负责制", "清廉医院建设", "从院史看医院精神"];
            (titles[variant].into(), "讲授专题党课，党员结合岗位交流体会。".into())
        }
        MeetingKind::OrgLifeMeeting => {
            (format!("{}年度组织生活会", date.year()), "支部班子对照检查，党员逐一开展批评和自我批评。".into())
        }
        MeetingKind::DemocraticReview => {
            (format!("{}年度民主评议党员", date.year()), "党员个人总结、互评，支委会综合评定等次。".into())
        }
        MeetingKind::Talk => ("谈心谈话".into(), "了解思想和工作情况，听取对支部工作的意见。".into()),
    }
}
