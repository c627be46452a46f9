//! Planning a roster row: matching it to a stored member (by ID number, else
//! by name and birth date) and to a branch and party group, and deciding what
//! would be written.

use std::collections::HashMap;

use super::{RosterField, RosterOptions, Value};
use crate::error::Result;
use crate::import::header::ColumnMap;
use crate::import::kind::{Decision, RowPlanner};
use crate::import::sheet::{Row, Sheet};
use crate::import::values::fold;
use crate::import::{FieldChange, ImportReport, MemberChange, Problem};
use crate::store::record::Record;
use crate::store::{Branch, BranchKind, Member, MemberFilter, PartyGroup, Store};

/// A row of a roster.
type MemberRow = Row<RosterField, Value>;
/// A sheet of a roster.
type RosterSheet = Sheet<RosterField>;

/// One member to store, with the row it came from.
#[derive(Debug, Clone)]
pub struct MemberWrite {
    /// The sheet and Excel row, for a message if the write fails.
    pub(super) origin: (String, usize),
    /// The member as stored now, when the row updates one.
    pub(super) before: Option<Box<Member>>,
    /// The member as it will be.
    pub(super) member: Member,
}

/// The branches and party groups a roster creates, with negative placeholder ids.
#[derive(Debug, Clone, Default)]
pub struct NewBranches {
    pub(super) branches: Vec<Branch>,
    pub(super) groups: Vec<PartyGroup>,
}

impl MemberRow {
    /// The text read for `field`.
    fn text(&self, field: RosterField) -> Option<&str> {
        match self.value(field) {
            Some(Value::Text(t)) => Some(t),
            _ => None,
        }
    }
}

/// Whether a name reads as a branch (…党支部, …支部, …党总支).
fn reads_as_branch(name: &str) -> bool {
    let folded = fold(name);
    ["支部", "总支"].iter().any(|suffix| folded.ends_with(suffix))
}

/// A branch name with the variable parts removed, so 内科支部 and 中共内科党支部 match 内科党支部.
fn branch_key(name: &str) -> String {
    let folded = fold(name);
    folded.strip_prefix("中共").unwrap_or(&folded).replace('党', "")
}

/// Sets one field of a member from a parsed value.
fn set(member: &mut Member, field: RosterField, value: Value) {
    let text = |v: Value| match v {
        Value::Text(t) => Some(t),
        _ => None,
    };
    match (field, value) {
        (RosterField::Name, Value::Text(t)) => member.name = t,
        (RosterField::Gender, Value::Gender(g)) => member.gender = Some(g),
        (RosterField::Ethnicity, v) => member.ethnicity = text(v),
        (RosterField::IdNumber, v) => member.id_number = text(v),
        (RosterField::BirthDate, Value::Date(d)) => member.birth_date = Some(d),
        (RosterField::Education, v) => member.education = text(v),
        (RosterField::Degree, v) => member.degree = text(v),
        (RosterField::Category, Value::Category(c)) => member.category = c,
        (RosterField::JoinedOn, Value::Date(d)) => member.joined_on = Some(d),
        (RosterField::FullMemberOn, Value::Date(d)) => member.full_member_on = Some(d),
        (RosterField::StaffNo, v) => member.staff_no = text(v),
        (RosterField::Post, v) => member.post = text(v),
        (RosterField::Department, v) => member.department = text(v),
        (RosterField::Duty, v) => member.duty = text(v),
        (RosterField::ProfessionalTitle, v) => member.professional_title = text(v),
        (RosterField::Phone, v) => member.phone = text(v),
        (RosterField::Address, v) => member.address = text(v),
        (RosterField::Status, Value::Status(s)) => member.status = s,
        (RosterField::LostContact, Value::Flag(b)) => member.lost_contact = b,
        (RosterField::Floating, Value::Flag(b)) => member.floating = b,
        (RosterField::Note, v) => member.note = text(v),
        _ => {}
    }
}

/// A member's fields as the user reads them, for the list of changes.
fn shown(member: &Member, branches: &HashMap<i64, String>, groups: &HashMap<i64, String>) -> Vec<(String, String)> {
    let columns = RosterField::ALL.iter().filter(|f| **f != RosterField::Serial);
    let mut fields: Vec<(String, String)> =
        columns.map(|f| (f.label().to_string(), f.shown(member, branches, groups))).collect();
    fields.extend(member.extra.iter().map(|(k, v)| (format!("其他：{k}"), v.clone())));
    fields
}

fn diff(before: &[(String, String)], after: &[(String, String)]) -> Vec<FieldChange> {
    let old: HashMap<&str, &str> = before.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    after
        .iter()
        .filter(|(k, v)| old.get(k.as_str()).copied().unwrap_or_default() != v)
        .map(|(k, v)| FieldChange {
            field: k.clone(),
            before: old.get(k.as_str()).copied().unwrap_or_default().to_string(),
            after: v.clone(),
        })
        .collect()
}

/// The problem of the row at (sheet index, row number) `at`, whose ID number
/// `id` the row at `other` gives too.
fn same_id(sheets: &[RosterSheet], at: (usize, usize), id: &str, other: (usize, usize)) -> Problem {
    let (sheet, other_sheet) = (&sheets[at.0], &sheets[other.0].name);
    Problem {
        sheet: sheet.name.clone(),
        row: at.1,
        column: sheet.map.header_of(RosterField::IdNumber),
        value: id.to_string(),
        message: format!("身份证号与「{other_sheet}」第 {} 行相同：同一人只能出现一次，请删除重复的一行", other.1),
    }
}

/// Finds the stored member a row stands for: by ID number, else by name and birth date.
struct Matcher {
    by_id: HashMap<String, Member>,
    by_name_birth: HashMap<(String, String), Vec<Member>>,
}

impl Matcher {
    fn new(members: Vec<Member>) -> Matcher {
        let mut matcher = Matcher { by_id: HashMap::new(), by_name_birth: HashMap::new() };
        for m in members {
            let key = (m.name.clone(), m.birth_date.map(|d| d.to_string()).unwrap_or_default());
            matcher.by_name_birth.entry(key).or_default().push(m.clone());
            if let Some(id) = m.id_number.clone() {
                matcher.by_id.insert(id, m);
            }
        }
        matcher
    }

    /// A row with an ID number matches the member with that number, or else a
    /// stored member without one who has the row's name and birth date (the ID
    /// is then added); a row without an ID matches by name and birth date.
    fn find(&self, row: &MemberRow) -> Option<&Member> {
        let id = row.text(RosterField::IdNumber);
        if let Some(member) = id.and_then(|id| self.by_id.get(id)) {
            return Some(member);
        }
        let name = row.text(RosterField::Name)?.to_string();
        let birth = match row.value(RosterField::BirthDate) {
            Some(Value::Date(d)) => d.to_string(),
            _ => String::new(),
        };
        match self.by_name_birth.get(&(name, birth)).map(Vec::as_slice) {
            Some([one]) if id.is_none() || one.id_number.is_none() => Some(one),
            _ => None,
        }
    }
}

/// What planning a roster knows while it goes through the rows.
pub struct RosterPlanner {
    create_branches: bool,
    /// The store's today, for the checks on dates.
    today: chrono::NaiveDate,
    /// The stored branches.
    branches: Vec<Branch>,
    /// Branch name as written in the file → the branch, or `None` when it
    /// does not exist and may not be created.
    branch_ids: HashMap<String, Option<i64>>,
    branch_names: HashMap<i64, String>,
    groups: Vec<PartyGroup>,
    /// Branches and groups to create, with placeholder ids.
    new: NewBranches,
    matcher: Matcher,
    /// Stored member id → the sheet and row that matched it first.
    matched: HashMap<i64, (String, usize)>,
    /// 工号 → the stored member who has it (id and name).
    stored_staff_nos: HashMap<String, (i64, String)>,
    /// 工号 → the sheet and row that gave it first.
    staff_nos_in_file: HashMap<String, (String, usize)>,
    /// ID number → the first row that gave it: its index among the rows
    /// planned, and its (sheet index, row number).
    first_with_id: HashMap<String, (usize, (usize, usize))>,
    /// The errors of first rows whose ID number a later row gives again.
    repeated_ids: Vec<(usize, Problem)>,
}

impl RosterPlanner {
    /// A planner over the database as it is now.
    pub(super) fn new(store: &Store, options: &RosterOptions) -> Result<RosterPlanner> {
        let branches: Vec<Branch> = store.list()?;
        let members = store.members(&MemberFilter::default())?;
        let stored_staff_nos =
            members.iter().filter_map(|m| Some((m.staff_no.clone()?, (m.id, m.name.clone())))).collect();
        Ok(RosterPlanner {
            create_branches: options.create_branches,
            today: store.today(),
            branch_ids: HashMap::new(),
            branch_names: branches.iter().map(|b| (b.id, b.name.clone())).collect(),
            branches,
            groups: store.list()?,
            new: NewBranches::default(),
            matcher: Matcher::new(members),
            matched: HashMap::new(),
            stored_staff_nos,
            staff_nos_in_file: HashMap::new(),
            first_with_id: HashMap::new(),
            repeated_ids: Vec::new(),
        })
    }
}

impl RowPlanner<super::Roster> for RosterPlanner {
    /// A sheet needs a branch column, or a name that is a branch's.
    fn accept_sheet(&self, name: &str, map: &ColumnMap<RosterField>) -> std::result::Result<Option<String>, String> {
        if map.column_of(RosterField::Branch).is_some() {
            return Ok(None);
        }
        let names_existing = self.branches.iter().any(|b| branch_key(&b.name) == branch_key(name));
        if names_existing || reads_as_branch(name) {
            return Ok(Some(name.trim().to_string()));
        }
        Err(format!(
            "工作表「{name}」没有「所在党支部」列，工作表名称也不是支部名称：请增加「所在党支部」列，或把工作表改名为支部名称（如 内科党支部）"
        ))
    }

    fn sheet_warning(&self, map: &ColumnMap<RosterField>) -> Option<String> {
        map.column_of(RosterField::Category)
            .is_none()
            .then(|| "表中没有「人员类别」列：新党员按正式党员登记，预备党员请导入后修改".into())
    }

    fn plan_row(&mut self, sheets: &[RosterSheet], row: &mut MemberRow, index: usize) -> Decision<MemberWrite> {
        let sheet = &sheets[row.sheet];
        let branch = row.cell(sheet, RosterField::Branch).map(|c| c.display()).or_else(|| sheet.from_name.clone());
        let id_number = row.text(RosterField::IdNumber).map(String::from);
        if row.text(RosterField::Name).is_none() {
            let message = "姓名为空：每一行都要有姓名；如果这一行不是党员，请把它删掉".into();
            row.errors.push(sheet.missing(row, RosterField::Name, message));
        }
        if branch.is_none() {
            let message = "所在党支部为空：请填写支部名称".into();
            row.errors.push(sheet.missing(row, RosterField::Branch, message));
        }
        if let Some(id) = &id_number {
            self.check_repeated_id(sheets, row, index, id);
        }
        let branch_id = branch.and_then(|name| self.branch_id(sheet, row, name));
        let (member, stored) = self.member_for(sheet, row, branch_id, id_number.is_some());
        self.decide(sheet, row, member, stored)
    }

    fn finish(self, report: &mut ImportReport) -> (NewBranches, Vec<(usize, Problem)>) {
        report.new_branches = self.new.branches.iter().map(|b| b.name.clone()).collect();
        (self.new, self.repeated_ids)
    }
}

impl RosterPlanner {
    /// Faults a row whose ID number an earlier row gave, naming that row
    /// (which is faulted too, once the whole file is read).
    fn check_repeated_id(&mut self, sheets: &[RosterSheet], row: &mut MemberRow, index: usize, id: &str) {
        let Some(&(first_index, first)) = self.first_with_id.get(id) else {
            self.first_with_id.insert(id.to_string(), (index, (row.sheet, row.number)));
            return;
        };
        let here = (row.sheet, row.number);
        row.errors.push(same_id(sheets, here, id, first));
        self.repeated_ids.push((first_index, same_id(sheets, first, id, here)));
    }

    /// What importing a checked row does: nothing (errors, or no change), or
    /// the member to store, with the changes for an updated one.
    fn decide(
        &self,
        sheet: &RosterSheet,
        row: &MemberRow,
        member: Member,
        stored: Option<Member>,
    ) -> Decision<MemberWrite> {
        if !row.errors.is_empty() {
            return Decision::Invalid;
        }
        let origin = (sheet.name.clone(), row.number);
        let Some(before) = stored else {
            return Decision::New(MemberWrite { origin, before: None, member });
        };
        let group_names: HashMap<i64, String> =
            self.groups.iter().chain(&self.new.groups).map(|g| (g.id, g.name.clone())).collect();
        let shown = |m: &Member| shown(m, &self.branch_names, &group_names);
        let changes = diff(&shown(&before), &shown(&member));
        if changes.is_empty() {
            return Decision::Unchanged;
        }
        let change = MemberChange {
            id: before.id,
            name: member.name.clone(),
            sheet: sheet.name.clone(),
            row: row.number,
            fields: changes,
        };
        Decision::Updated(MemberWrite { origin, before: Some(Box::new(before)), member }, change)
    }

    /// The branch the row names: an existing one (exactly, or a close
    /// variant, with a warning), one to create (when allowed; with a
    /// placeholder id), or `None` with an error on the row.
    fn branch_id(&mut self, sheet: &RosterSheet, row: &mut MemberRow, name: String) -> Option<i64> {
        let resolved = match self.branch_ids.get(&name) {
            Some(resolved) => *resolved,
            None => {
                let resolved = self.resolve_branch(sheet, row, &name);
                self.branch_ids.insert(name.clone(), resolved);
                resolved
            }
        };
        if resolved.is_none() {
            let message = format!(
                "支部「{name}」还不存在：请先在「支部」中新建，或导入时选择「创建新支部」（命令行加 --create-branches）"
            );
            row.errors.push(branch_problem(sheet, row, &name, message));
        }
        resolved
    }

    /// Resolves a branch name the file names for the first time, on `row`.
    fn resolve_branch(&mut self, sheet: &RosterSheet, row: &mut MemberRow, name: &str) -> Option<i64> {
        if let Some(b) = self.branches.iter().find(|b| b.name == name.trim()) {
            return Some(b.id);
        }
        if let Some(b) = self.branches.iter().find(|b| branch_key(&b.name) == branch_key(name)) {
            let message = format!("「{name}」按已有的「{}」导入；如果不是同一个支部，请修改表格", b.name);
            row.warnings.push(branch_problem(sheet, row, name, message));
            return Some(b.id);
        }
        if !self.create_branches {
            return None;
        }
        let kind = if fold(name).ends_with("总支") { BranchKind::GeneralBranch } else { BranchKind::Branch };
        let mut branch = Branch { kind, ..Branch::new(name) };
        branch.tidy();
        branch.id = -(self.new.branches.len() as i64 + 1);
        self.branch_names.insert(branch.id, branch.name.clone());
        self.new.branches.push(branch);
        self.new.branches.last().map(|b| b.id)
    }

    /// The member a row describes: the stored one with the row's values laid
    /// over it, or a new one, tidied and checked. Also returns the stored member, if any.
    fn member_for(
        &mut self,
        sheet: &RosterSheet,
        row: &mut MemberRow,
        branch_id: Option<i64>,
        has_id_number: bool,
    ) -> (Member, Option<Member>) {
        let stored = self.matcher.find(row).cloned();
        if let Some(stored) = &stored {
            if let Some((first_sheet, first_row)) = self.matched.get(&stored.id) {
                let message = format!(
                    "与「{first_sheet}」第 {first_row} 行是同一名已登记的党员「{}」：同一人只能出现一次，请删除重复的一行或核对身份证号",
                    stored.name
                );
                row.errors.push(sheet.problem(row, RosterField::Name, message));
            } else {
                self.matched.insert(stored.id, (sheet.name.clone(), row.number));
            }
        }
        let mut member = stored.clone().unwrap_or_else(|| Member::new("", branch_id.unwrap_or_default()));
        let group = row.text(RosterField::Group).map(String::from);
        for (field, value) in std::mem::take(&mut row.values) {
            set(&mut member, field, value);
        }
        member.branch_id = branch_id.unwrap_or(member.branch_id);
        if let Some(group) = group {
            member.group_id = self.group_id(member.branch_id, group, branch_id.is_some(), row, sheet);
        } else if stored.as_ref().is_some_and(|s| s.branch_id != member.branch_id) {
            member.group_id = None;
        }
        member.extra.extend(std::mem::take(&mut row.extra));
        member.tidy();
        for (field, message) in member.problems(self.today) {
            let field = RosterField::parse(field).unwrap_or(RosterField::Name);
            row.errors.push(sheet.problem(row, field, message));
        }
        if let Some(staff_no) = &member.staff_no {
            self.check_staff_no(sheet, row, staff_no, stored.as_ref().map(|s| s.id));
        }
        if !has_id_number && row.errors.is_empty() {
            let message = match &stored {
                Some(_) => "没有身份证号，已按姓名和出生日期认定为已登记的党员，请核对",
                None => "没有身份证号：以后按姓名和出生日期识别此人，建议补全身份证号",
            };
            row.warnings.push(sheet.problem(row, RosterField::IdNumber, message.into()));
        }
        (member, stored)
    }

    /// Faults a row whose 工号 another stored member has, or an earlier row gave.
    fn check_staff_no(&mut self, sheet: &RosterSheet, row: &mut MemberRow, staff_no: &str, member_id: Option<i64>) {
        let message = match (self.stored_staff_nos.get(staff_no), self.staff_nos_in_file.get(staff_no)) {
            (Some((owner, name)), _) if Some(*owner) != member_id => {
                format!("工号 {staff_no} 已属于已登记的党员「{name}」：同一工号只能属于一人，请核对")
            }
            (_, Some((first_sheet, first_row))) => {
                format!("工号与「{first_sheet}」第 {first_row} 行相同：同一工号只能属于一人，请核对")
            }
            _ => {
                self.staff_nos_in_file.insert(staff_no.to_string(), (sheet.name.clone(), row.number));
                return;
            }
        };
        row.errors.push(sheet.problem(row, RosterField::StaffNo, message));
    }

    /// The id of the party group `name` in the branch: an existing one, one to
    /// create (when allowed), or `None` with an error on the row.
    fn group_id(
        &mut self,
        branch_id: i64,
        name: String,
        branch_known: bool,
        row: &mut MemberRow,
        sheet: &RosterSheet,
    ) -> Option<i64> {
        if let Some(g) = self.groups.iter().chain(&self.new.groups).find(|g| g.branch_id == branch_id && g.name == name)
        {
            return Some(g.id);
        }
        if self.create_branches && branch_known {
            let id = -(self.new.groups.len() as i64 + 1);
            self.new.groups.push(PartyGroup {
                id,
                branch_id,
                name,
                leader: None,
                founded_on: None,
                dissolved_on: None,
            });
            return Some(id);
        }
        let message = format!(
            "党小组「{name}」不在该党员的支部中：请先在应用中新建该党小组，或导入时选择「创建新支部和党小组」（命令行加 --create-branches）"
        );
        row.errors.push(sheet.problem(row, RosterField::Group, message));
        None
    }
}

/// A problem with the row's branch `name` (its cell, or the sheet's name).
fn branch_problem(sheet: &RosterSheet, row: &MemberRow, name: &str, message: String) -> Problem {
    Problem {
        sheet: sheet.name.clone(),
        row: row.number,
        column: sheet.map.header_of(RosterField::Branch),
        value: name.to_string(),
        message,
    }
}
