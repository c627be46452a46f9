//! `dangjian branch …` and `dangjian member …`.

use clap::{Args, Subcommand};
use dangjian::date::PartialDate;
use dangjian::store::{
    Branch, BranchKind, Category, CommitteeRole, Gender, Member, MemberFilter, MemberStatus, PartyGroup,
};
use dangjian::{Error, Result, Store};
use serde::Serialize;

use crate::{parse_date, print_json, split_list};

#[derive(Subcommand)]
pub enum BranchCommand {
    /// 新建支部
    Add {
        /// 支部名称
        #[arg(long)]
        name: String,
        /// 上级党总支的名称
        #[arg(long)]
        parent: Option<String>,
        /// 类型：党支部 或 党总支
        #[arg(long, default_value = "党支部", value_parser = parse_kind)]
        kind: BranchKind,
        /// 成立日期 YYYY-MM-DD
        #[arg(long, value_parser = parse_date)]
        founded: Option<PartialDate>,
        /// 覆盖的科室，逗号分隔
        #[arg(long)]
        departments: Option<String>,
    },
    /// 列出支部
    List {
        /// 输出 JSON
        #[arg(long)]
        json: bool,
    },
    /// 新建党小组
    AddGroup {
        /// 所属支部名称
        #[arg(long)]
        branch: String,
        /// 党小组名称
        #[arg(long)]
        name: String,
        /// 组长
        #[arg(long)]
        leader: Option<String>,
        /// 成立日期 YYYY-MM-DD
        #[arg(long, value_parser = parse_date)]
        founded: Option<PartialDate>,
    },
    /// 任命支委（书记、副书记、委员）；任命新书记时，前任书记的任期到前一天为止
    Appoint {
        /// 支部名称
        #[arg(long)]
        branch: String,
        /// 党员姓名（重名时请用 --member-id）
        #[arg(long)]
        member: Option<String>,
        /// 党员编号
        #[arg(long)]
        member_id: Option<i64>,
        /// 职务：书记、副书记、委员
        #[arg(long, value_parser = parse_role)]
        role: CommitteeRole,
        /// 委员分工，如 组织委员
        #[arg(long)]
        duty: Option<String>,
        /// 任职日期 YYYY-MM-DD
        #[arg(long, value_parser = parse_date)]
        from: PartialDate,
    },
    /// 支委离任
    StepDown {
        /// 支部名称
        #[arg(long)]
        branch: String,
        /// 党员姓名（重名时请用 --member-id）
        #[arg(long)]
        member: Option<String>,
        /// 党员编号
        #[arg(long)]
        member_id: Option<i64>,
        /// 离任日期（任期最后一天）YYYY-MM-DD
        #[arg(long, value_parser = parse_date)]
        on: PartialDate,
    },
}

fn parse_role(text: &str) -> std::result::Result<CommitteeRole, String> {
    CommitteeRole::parse(text).ok_or_else(|| format!("职务「{text}」无法识别，可选：{}", CommitteeRole::choices()))
}

fn parse_kind(text: &str) -> std::result::Result<BranchKind, String> {
    BranchKind::parse(text).ok_or_else(|| format!("类型「{text}」无法识别，可选：{}", BranchKind::choices()))
}

pub fn branch(store: &Store, command: BranchCommand) -> Result<()> {
    match command {
        BranchCommand::Add { name, parent, kind, founded, departments } => {
            let parent_id = parent.map(|p| store.branch_by_name(&p).map(|b| b.id)).transpose()?;
            let branch = store.create(&Branch {
                kind,
                parent_id,
                founded_on: founded,
                departments: departments.as_deref().map(split_list).unwrap_or_default(),
                ..Branch::new(&name)
            })?;
            println!("已新建{}「{}」（编号 {}）", branch.kind.label(), branch.name, branch.id);
            Ok(())
        }
        BranchCommand::List { json } => {
            let views = store.branch_views()?;
            if json {
                return print_json(&views);
            }
            for view in &views {
                let b = &view.branch;
                let parent =
                    b.parent_id.and_then(|id| views.iter().find(|p| p.branch.id == id)).map(|p| p.branch.name.as_str());
                println!(
                    "{}\t{}\t{}\t书记：{}\t{}{}",
                    b.id,
                    b.name,
                    b.kind.label(),
                    view.secretary_now.as_deref().unwrap_or("—"),
                    parent.map(|p| format!("上级：{p}")).unwrap_or_default(),
                    if b.archived { "\t已归档" } else { "" }
                );
            }
            Ok(())
        }
        BranchCommand::AddGroup { branch, name, leader, founded } => {
            let branch = store.branch_by_name(&branch)?;
            let group = store.create(&PartyGroup {
                id: 0,
                branch_id: branch.id,
                name,
                leader,
                founded_on: founded,
                dissolved_on: None,
            })?;
            println!("已在「{}」新建党小组「{}」（编号 {}）", branch.name, group.name, group.id);
            Ok(())
        }
        BranchCommand::Appoint { branch, member, member_id, role, duty, from } => {
            let branch = store.branch_by_name(&branch)?;
            let member = find_member(store, member, member_id)?;
            store.appoint(branch.id, member.id, role, duty, from)?;
            println!("已任命「{}」为「{}」{}（自 {from} 起）", member.name, branch.name, role.label());
            Ok(())
        }
        BranchCommand::StepDown { branch, member, member_id, on } => {
            let branch = store.branch_by_name(&branch)?;
            let member = find_member(store, member, member_id)?;
            store.end_post(branch.id, member.id, on)?;
            println!("「{}」在「{}」支委的任期到 {on} 为止", member.name, branch.name);
            Ok(())
        }
    }
}

// Parsed once per run: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
pub enum MemberCommand {
    /// 新增党员
    Add(MemberArgs),
    /// 列出党员（身份证号、手机号默认打码）
    List {
        /// 只列此支部
        #[arg(long)]
        branch: Option<String>,
        /// 只列此类别：正式党员 或 预备党员
        #[arg(long, value_parser = parse_category)]
        category: Option<Category>,
        /// 按姓名、科室、岗位或身份证号查找
        #[arg(long)]
        search: Option<String>,
        /// 输出 JSON
        #[arg(long)]
        json: bool,
        /// 显示完整的身份证号和手机号
        #[arg(long)]
        reveal: bool,
    },
    /// 组织关系转接：把党员转到另一个支部，记录转接日期
    Transfer {
        /// 姓名（重名时请用 --id）
        name: Option<String>,
        /// 党员编号
        #[arg(long)]
        id: Option<i64>,
        /// 转入的支部名称
        #[arg(long)]
        to: String,
        /// 转接日期 YYYY-MM-DD
        #[arg(long, value_parser = parse_date)]
        date: PartialDate,
        /// 备注
        #[arg(long)]
        note: Option<String>,
    },
    /// 党籍状态变动（转出、去世、停止党籍…），记录变动日期
    Status {
        /// 姓名（重名时请用 --id）
        name: Option<String>,
        /// 党员编号
        #[arg(long)]
        id: Option<i64>,
        /// 新的党籍状态：在册、转出、停止党籍、去世
        #[arg(long, value_parser = parse_status)]
        to: MemberStatus,
        /// 变动日期 YYYY-MM-DD
        #[arg(long, value_parser = parse_date)]
        date: PartialDate,
        /// 备注
        #[arg(long)]
        note: Option<String>,
    },
    /// 调整党小组，记录调整日期
    Group {
        /// 姓名（重名时请用 --id）
        name: Option<String>,
        /// 党员编号
        #[arg(long)]
        id: Option<i64>,
        /// 新的党小组名称（不填表示不再属于任何党小组）
        #[arg(long)]
        to: Option<String>,
        /// 调整日期 YYYY-MM-DD
        #[arg(long, value_parser = parse_date)]
        date: PartialDate,
    },
    /// 查看一名党员
    Show {
        /// 姓名（重名时请用 --id）
        name: Option<String>,
        /// 党员编号
        #[arg(long)]
        id: Option<i64>,
        /// 输出 JSON
        #[arg(long)]
        json: bool,
        /// 显示完整的身份证号和手机号
        #[arg(long)]
        reveal: bool,
    },
}

#[derive(Args)]
pub struct MemberArgs {
    /// 姓名
    #[arg(long)]
    name: String,
    /// 所在支部名称
    #[arg(long)]
    branch: String,
    /// 身份证号
    #[arg(long)]
    id_number: Option<String>,
    /// 性别：男 或 女
    #[arg(long, value_parser = parse_gender)]
    gender: Option<Gender>,
    /// 出生日期 YYYY-MM-DD 或 YYYY-MM
    #[arg(long, value_parser = parse_date)]
    birth_date: Option<PartialDate>,
    /// 入党日期
    #[arg(long, value_parser = parse_date)]
    joined_on: Option<PartialDate>,
    /// 转正日期
    #[arg(long, value_parser = parse_date)]
    full_member_on: Option<PartialDate>,
    /// 人员类别：正式党员 或 预备党员
    #[arg(long, default_value = "正式党员", value_parser = parse_category)]
    category: Category,
    /// 手机号码
    #[arg(long)]
    phone: Option<String>,
    /// 民族
    #[arg(long)]
    ethnicity: Option<String>,
    /// 学历
    #[arg(long)]
    education: Option<String>,
    /// 科室
    #[arg(long)]
    department: Option<String>,
    /// 职称
    #[arg(long)]
    professional_title: Option<String>,
    /// 党小组名称
    #[arg(long)]
    group: Option<String>,
}

/// The member named by `--id`, or by a name that only one member has.
fn find_member(store: &Store, name: Option<String>, id: Option<i64>) -> Result<Member> {
    match (id, name) {
        (Some(id), _) => store.get::<Member>(id),
        (None, Some(name)) => store.member_by_name(&name),
        (None, None) => Err(Error::Invalid("请给出党员姓名或 --id 编号".into())),
    }
}

fn parse_status(text: &str) -> std::result::Result<MemberStatus, String> {
    MemberStatus::parse(text).ok_or_else(|| format!("党籍状态「{text}」无法识别，可选：{}", MemberStatus::choices()))
}

fn parse_gender(text: &str) -> std::result::Result<Gender, String> {
    Gender::parse(text).ok_or_else(|| format!("性别「{text}」无法识别，请填写 男 或 女"))
}

fn parse_category(text: &str) -> std::result::Result<Category, String> {
    Category::parse(text).ok_or_else(|| format!("人员类别「{text}」无法识别，可选：{}", Category::choices()))
}

/// A member as `member list --json` prints it: names instead of ids.
#[derive(Serialize)]
struct MemberRow {
    id: i64,
    name: String,
    gender: Option<Gender>,
    ethnicity: Option<String>,
    birth_date: Option<PartialDate>,
    id_number: Option<String>,
    education: Option<String>,
    joined_on: Option<PartialDate>,
    full_member_on: Option<PartialDate>,
    category: Category,
    branch: String,
    group: Option<String>,
    phone: Option<String>,
    department: Option<String>,
    professional_title: Option<String>,
    status: MemberStatus,
}

fn member_row(store: &Store, branches: &[Branch], member: Member) -> Result<MemberRow> {
    let branch = branches.iter().find(|b| b.id == member.branch_id).map(|b| b.name.clone()).unwrap_or_default();
    let group = match member.group_id {
        Some(id) => Some(store.get::<PartyGroup>(id)?.name),
        None => None,
    };
    Ok(MemberRow {
        id: member.id,
        name: member.name,
        gender: member.gender,
        ethnicity: member.ethnicity,
        birth_date: member.birth_date,
        id_number: member.id_number,
        education: member.education,
        joined_on: member.joined_on,
        full_member_on: member.full_member_on,
        category: member.category,
        branch,
        group,
        phone: member.phone,
        department: member.department,
        professional_title: member.professional_title,
        status: member.status,
    })
}

pub fn member(store: &Store, command: MemberCommand) -> Result<()> {
    match command {
        MemberCommand::Add(args) => {
            let branch = store.branch_by_name(&args.branch)?;
            let group_id =
                args.group.as_deref().map(|name| store.group_by_name(&branch, name).map(|g| g.id)).transpose()?;
            let member = store.create(&Member {
                gender: args.gender,
                id_number: args.id_number,
                birth_date: args.birth_date,
                joined_on: args.joined_on,
                full_member_on: args.full_member_on,
                category: args.category,
                phone: args.phone,
                ethnicity: args.ethnicity,
                education: args.education,
                department: args.department,
                professional_title: args.professional_title,
                group_id,
                ..Member::new(&args.name, branch.id)
            })?;
            println!("已将「{}」登记到「{}」（编号 {}）", member.name, branch.name, member.id);
            Ok(())
        }
        MemberCommand::List { branch, category, search, json, reveal } => {
            let branch_id = branch.map(|b| store.branch_by_name(&b).map(|b| b.id)).transpose()?;
            let members = store.listed_members(&MemberFilter { branch_id, category, status: None, search }, reveal)?;
            let branches: Vec<Branch> = store.list()?;
            let rows = members.into_iter().map(|m| member_row(store, &branches, m)).collect::<Result<Vec<_>>>()?;
            if json {
                return print_json(&rows);
            }
            for r in &rows {
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    r.id,
                    r.name,
                    r.gender.map(|g| g.label()).unwrap_or("—"),
                    r.branch,
                    r.category.label(),
                    r.id_number.as_deref().unwrap_or("—"),
                    r.phone.as_deref().unwrap_or("—"),
                );
            }
            println!("共 {} 人", rows.len());
            Ok(())
        }
        MemberCommand::Transfer { name, id, to, date, note } => {
            let member = find_member(store, name, id)?;
            let to = store.branch_by_name(&to)?;
            let moved = store.transfer_member(member.id, to.id, date, note)?;
            println!("已将「{}」转入「{}」（{date}）", moved.name, to.name);
            Ok(())
        }
        MemberCommand::Show { name, id, json, reveal } => {
            let detail = store.member_detail(find_member(store, name, id)?.id, reveal)?;
            if json {
                return print_json(&detail);
            }
            let member = detail.member.clone();
            let branches: Vec<Branch> = store.list()?;
            let row = member_row(store, &branches, member.clone())?;
            let text = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
            let date = |v: &Option<PartialDate>| v.map(|d| d.to_string()).unwrap_or_else(|| "—".into());
            println!("姓名：{}（编号 {}）", row.name, row.id);
            println!(
                "性别：{}　民族：{}　出生日期：{}",
                row.gender.map(|g| g.label()).unwrap_or("—"),
                text(&row.ethnicity),
                date(&row.birth_date)
            );
            println!("身份证号：{}　手机号码：{}", text(&row.id_number), text(&row.phone));
            println!(
                "所在支部：{}　党小组：{}　人员类别：{}　党籍状态：{}",
                row.branch,
                text(&row.group),
                row.category.label(),
                row.status.label()
            );
            println!("入党日期：{}　转正日期：{}", date(&row.joined_on), date(&row.full_member_on));
            println!(
                "学历：{}　科室：{}　职称：{}",
                text(&row.education),
                text(&row.department),
                text(&row.professional_title)
            );
            let branch_name = |id: i64| branches.iter().find(|b| b.id == id).map_or("?", |b| b.name.as_str());
            if let Some(age) = detail.party_age {
                println!("党龄：{age} 年");
            }
            if let Some(ends) = detail.probation_ends {
                println!("预备期届满：{ends}");
            }
            for t in &detail.transfers {
                let from = t.from_branch_id.map_or("院外", branch_name);
                println!("转接：{} 从「{from}」转入「{}」", t.transferred_on, branch_name(t.to_branch_id));
            }
            for c in &detail.status_changes {
                println!(
                    "党籍状态：{} 由「{}」改为「{}」{}",
                    c.changed_on,
                    c.from_status,
                    c.to_status,
                    c.note.as_deref().map(|n| format!("（{n}）")).unwrap_or_default()
                );
            }
            Ok(())
        }
        MemberCommand::Status { name, id, to, date, note } => {
            let member = find_member(store, name, id)?;
            let changed = store.change_member_status(member.id, to, date, note)?;
            println!("「{}」的党籍状态自 {date} 起为「{}」", changed.name, changed.status);
            Ok(())
        }
        MemberCommand::Group { name, id, to, date } => {
            let member = find_member(store, name, id)?;
            let branch: Branch = store.get(member.branch_id)?;
            let group_id = to.as_deref().map(|g| store.group_by_name(&branch, g).map(|g| g.id)).transpose()?;
            let changed = store.change_member_group(member.id, group_id, date)?;
            println!(
                "「{}」自 {date} 起{}",
                changed.name,
                to.map_or("不属于任何党小组".to_string(), |g| format!("属于「{g}」"))
            );
            Ok(())
        }
    }
}
