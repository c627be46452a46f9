//! Planning an import: matching each parsed row to a stored member (by ID
//! number, else by name and birth date) and to a branch and party group, and
//! deciding what would be written. Planning only reads the database, so a
//! preview is a plan and applying writes that same plan ([`super::apply`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::header::RosterField;
use super::rows::{self, branch_key, Row, Sheet, Value};
use super::values::{fold, Cell};
use super::{FieldChange, ImportProgress, ImportReport, MemberChange, Problem, RosterOptions, RowOutcome, RowPreview};
use crate::date::PartialDate;
use crate::error::{Error, Result};
use crate::store::record::Record;
use crate::store::{Branch, BranchKind, Member, MemberFilter, PartyGroup, Store};

/// Rows the app's preview table shows at most.
const MAX_PREVIEW_ROWS: usize = 5_000;

/// A roster read and checked against the database: what importing it would
/// do ([`RosterPlan::report`]) and the writes that do it.
///
/// New branches and party groups carry negative placeholder ids until they
/// are created; the members that belong to them refer to those placeholders.
#[derive(Debug, Clone)]
pub struct RosterPlan {
    pub(super) file: PathBuf,
    /// The file's size and modification time when it was read.
    file_stamp: Option<(u64, SystemTime)>,
    pub(super) options: RosterOptions,
    /// The database's last audit entry when the plan was made; a plan made
    /// before another write is made again when applied.
    pub(super) stamp: i64,
    pub(super) report: ImportReport,
    pub(super) new_branches: Vec<Branch>,
    pub(super) new_groups: Vec<PartyGroup>,
    pub(super) writes: Vec<PlannedWrite>,
}

impl RosterPlan {
    /// What importing would do (nothing is applied yet).
    pub fn report(&self) -> &ImportReport {
        &self.report
    }

    /// The file the plan was read from.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// The options the plan was made with.
    pub fn options(&self) -> &RosterOptions {
        &self.options
    }

    /// Whether the plan was made from `file`, unchanged since, with `options`
    /// (apart from `include_rows`, which only shapes the report), so applying
    /// it applies what the user saw.
    pub fn is_for(&self, file: &Path, options: &RosterOptions) -> bool {
        let same_options = RosterOptions { include_rows: self.options.include_rows, ..options.clone() } == self.options;
        self.file == file && same_options && self.file_stamp.is_some() && file_stamp(file) == self.file_stamp
    }

    /// Whether applying would write anything: some row is valid, and either
    /// no row has errors or the user chose to import the valid rows only.
    pub fn will_write(&self) -> bool {
        !self.writes.is_empty() && (self.report.errors.is_empty() || self.options.skip_invalid)
    }
}

/// One member to store, with the row it came from.
#[derive(Debug, Clone)]
pub(super) struct PlannedWrite {
    /// The sheet and Excel row, for a message if the write fails.
    pub origin: (String, usize),
    /// The member as stored now, when the row updates one.
    pub before: Option<Box<Member>>,
    /// The member as it will be.
    pub member: Member,
}

/// A file's size and modification time.
fn file_stamp(file: &Path) -> Option<(u64, SystemTime)> {
    std::fs::metadata(file).and_then(|m| Ok((m.len(), m.modified()?))).ok()
}

/// Reads `file` and plans its import against the database as it is now.
/// Each row is planned as soon as it is read; only the check for an ID number
/// given twice waits for the whole file.
pub fn plan(
    store: &Store,
    file: &Path,
    options: &RosterOptions,
    progress: &dyn Fn(ImportProgress),
) -> Result<RosterPlan> {
    progress(ImportProgress { stage: "正在读取文件".into(), done: 0, total: 0 });
    let file_stamp = file_stamp(file);
    let mut report = ImportReport {
        file: file.display().to_string(),
        sheets: Vec::new(),
        new: 0,
        updated: 0,
        unchanged: 0,
        changes: Vec::new(),
        new_branches: Vec::new(),
        errors: Vec::new(),
        warnings: Vec::new(),
        applied: false,
        backup: None,
        rows: Vec::new(),
    };
    let stamp = store.last_audit_id()?;
    let branches: Vec<Branch> = store.list()?;
    let mut planner = Planner {
        today: store.today(),
        options,
        branches: &branches,
        branch_ids: HashMap::new(),
        branch_names: branches.iter().map(|b| (b.id, b.name.clone())).collect(),
        new_branches: Vec::new(),
        groups: store.list()?,
        new_groups: Vec::new(),
        matcher: Matcher::new(store.members(&MemberFilter::default())?),
        matched: HashMap::new(),
        first_with_id: HashMap::new(),
        repeated_ids: Vec::new(),
        rows: Vec::new(),
        writes: Vec::new(),
    };
    let sheets = rows::parse_file(file, options, &branches, &mut report, progress, &mut |sheets, row| {
        planner.plan_row(sheets, row)
    })?;
    if sheets.is_empty() && report.errors.is_empty() {
        return Err(Error::Invalid(format!(
            "文件「{}」中没有找到花名册：需要一行表头，至少包含「姓名」和另一列（如身份证号、性别、所在党支部）",
            file.display()
        )));
    }
    let Planner { new_branches, new_groups, mut rows, repeated_ids, mut writes, .. } = planner;
    let mut dropped = vec![false; writes.len()];
    for (first, later) in repeated_ids {
        let (first_row, later_row) = (&rows[first], &rows[later]);
        let id = first_row.id_number.as_deref().unwrap_or_default();
        let problem = same_id(&sheets, (first_row.sheet, first_row.number), id, (later_row.sheet, later_row.number));
        if let Some(index) = rows[first].write {
            dropped[index] = true;
        }
        rows[first].fault(problem);
    }
    if dropped.contains(&true) {
        let mut dropped = dropped.into_iter();
        writes.retain(|_| !dropped.next().unwrap_or_default());
    }
    for row in rows {
        match row.outcome {
            RowOutcome::New => report.new += 1,
            RowOutcome::Updated => report.updated += 1,
            RowOutcome::Unchanged => report.unchanged += 1,
            RowOutcome::Invalid => {}
        }
        report.changes.extend(row.change.map(|change| *change));
        report.rows.extend(row.preview.map(|preview| *preview));
        report.errors.extend(row.errors);
        report.warnings.extend(row.warnings);
    }
    report.new_branches = new_branches.iter().map(|b| b.name.clone()).collect();
    progress(ImportProgress { stage: "完成".into(), done: writes.len(), total: writes.len() });
    Ok(RosterPlan {
        file: file.to_path_buf(),
        file_stamp,
        options: options.clone(),
        stamp,
        report,
        new_branches,
        new_groups,
        writes,
    })
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
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let date = |v: &Option<PartialDate>| v.map(|d| d.to_string()).unwrap_or_default();
    let flag = |b: bool| if b { "是" } else { "否" }.to_string();
    let mut fields = vec![
        ("姓名", member.name.clone()),
        ("性别", member.gender.map(|g| g.label().to_string()).unwrap_or_default()),
        ("民族", text(&member.ethnicity)),
        ("公民身份号码", text(&member.id_number)),
        ("出生日期", date(&member.birth_date)),
        ("学历", text(&member.education)),
        ("学位", text(&member.degree)),
        ("人员类别", member.category.label().to_string()),
        ("所在党支部", branches.get(&member.branch_id).cloned().unwrap_or_default()),
        ("党小组", member.group_id.and_then(|g| groups.get(&g).cloned()).unwrap_or_default()),
        ("入党日期", date(&member.joined_on)),
        ("转正日期", date(&member.full_member_on)),
        ("工作岗位", text(&member.post)),
        ("科室", text(&member.department)),
        ("职务", text(&member.duty)),
        ("职称", text(&member.professional_title)),
        ("手机号码", text(&member.phone)),
        ("家庭住址", text(&member.address)),
        ("党籍状态", member.status.label().to_string()),
        ("是否失联党员", flag(member.lost_contact)),
        ("是否流动党员", flag(member.floating)),
        ("备注", text(&member.note)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect::<Vec<_>>();
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

/// The problem of a row whose ID number a later row gives again.
/// The problem of the row at (sheet index, row number) `at`, whose ID number
/// `id` the row at `other` gives too.
fn same_id(sheets: &[Sheet], at: (usize, usize), id: &str, other: (usize, usize)) -> Problem {
    let (sheet, other_sheet) = (&sheets[at.0], &sheets[other.0].name);
    Problem {
        sheet: sheet.name.clone(),
        row: at.1,
        column: sheet.map.header_of(RosterField::IdNumber),
        value: id.to_string(),
        message: format!("身份证号与「{other_sheet}」第 {} 行相同：同一人只能出现一次，请删除重复的一行", other.1),
    }
}

/// A row as planned: what happens to it, and what it reports.
struct PlannedRow {
    /// Index into the sheets with a roster.
    sheet: usize,
    /// Excel row number.
    number: usize,
    /// The row's ID number, for a later row that gives it again.
    id_number: Option<String>,
    outcome: RowOutcome,
    /// Index of the member to store (new and updated rows) in [`Planner::writes`].
    write: Option<usize>,
    /// What changes (updated rows).
    change: Option<Box<MemberChange>>,
    errors: Vec<Problem>,
    warnings: Vec<Problem>,
    /// The row for the preview table (when asked for, up to [`MAX_PREVIEW_ROWS`]).
    preview: Option<Box<RowPreview>>,
}

impl PlannedRow {
    /// Adds an error found after the row was planned: it is not imported
    /// (its write, if any, is left for the caller to drop).
    fn fault(&mut self, problem: Problem) {
        if let Some(preview) = &mut self.preview {
            preview.outcome = RowOutcome::Invalid;
            preview.problem_columns.push(problem.column.clone());
        }
        self.outcome = RowOutcome::Invalid;
        self.write = None;
        self.change = None;
        self.errors.push(problem);
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
    fn find(&self, row: &Row) -> Option<&Member> {
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

/// What planning knows while it goes through the rows.
struct Planner<'a> {
    options: &'a RosterOptions,
    /// The store's today, for the checks on dates.
    today: chrono::NaiveDate,
    /// The stored branches.
    branches: &'a [Branch],
    /// Branch name as written in the file → the branch, or `None` when it
    /// does not exist and may not be created.
    branch_ids: HashMap<String, Option<i64>>,
    branch_names: HashMap<i64, String>,
    /// Branches to create, with placeholder ids.
    new_branches: Vec<Branch>,
    groups: Vec<PartyGroup>,
    new_groups: Vec<PartyGroup>,
    matcher: Matcher,
    /// Stored member id → the sheet and row that matched it first.
    matched: HashMap<i64, (String, usize)>,
    /// ID number → the first row that gave it (index into `rows`).
    first_with_id: HashMap<String, usize>,
    /// Rows whose ID number a later row gives again: (first, later).
    repeated_ids: Vec<(usize, usize)>,
    rows: Vec<PlannedRow>,
    /// The members to store, in row order.
    writes: Vec<PlannedWrite>,
}

impl Planner<'_> {
    /// Reads and checks one row, and decides what importing it does; gives
    /// back the row's cells.
    fn plan_row(&mut self, sheets: &[Sheet], mut row: Row) -> Vec<Cell> {
        let sheet = &sheets[row.sheet];
        row.read_values(sheet);
        self.check_repeated_id(sheets, &mut row);
        let branch_id = self.branch_id(sheet, &mut row);
        let (member, stored) = self.member_for(sheet, &mut row, branch_id);
        let (outcome, write, change) = self.decide(sheet, &row, member, stored);
        let preview = (self.options.include_rows && self.rows.len() < MAX_PREVIEW_ROWS)
            .then(|| Box::new(preview(sheet, &row, outcome)));
        let write = write.map(|write| {
            self.writes.push(write);
            self.writes.len() - 1
        });
        self.rows.push(PlannedRow {
            sheet: row.sheet,
            number: row.number,
            id_number: row.id_number,
            outcome,
            write,
            change: change.map(Box::new),
            errors: row.errors,
            warnings: row.warnings,
            preview,
        });
        row.cells
    }

    /// Faults a row whose ID number an earlier row gave, naming that row (which
    /// is faulted too, once the whole file is read).
    fn check_repeated_id(&mut self, sheets: &[Sheet], row: &mut Row) {
        let Some(id) = &row.id_number else { return };
        let index = self.rows.len();
        let Some(&first) = self.first_with_id.get(id) else {
            self.first_with_id.insert(id.clone(), index);
            return;
        };
        self.repeated_ids.push((first, index));
        let first = &self.rows[first];
        let problem = same_id(sheets, (row.sheet, row.number), id, (first.sheet, first.number));
        row.errors.push(problem);
    }

    /// What importing a checked row does: nothing (errors, or no change), or
    /// the member to store, with the changes for an updated one.
    fn decide(
        &self,
        sheet: &Sheet,
        row: &Row,
        member: Member,
        stored: Option<Member>,
    ) -> (RowOutcome, Option<PlannedWrite>, Option<MemberChange>) {
        if !row.errors.is_empty() {
            return (RowOutcome::Invalid, None, None);
        }
        let origin = (sheet.name.clone(), row.number);
        let Some(before) = stored else {
            return (RowOutcome::New, Some(PlannedWrite { origin, before: None, member }), None);
        };
        let group_names: HashMap<i64, String> =
            self.groups.iter().chain(&self.new_groups).map(|g| (g.id, g.name.clone())).collect();
        let shown = |m: &Member| shown(m, &self.branch_names, &group_names);
        let changes = diff(&shown(&before), &shown(&member));
        if changes.is_empty() {
            return (RowOutcome::Unchanged, None, None);
        }
        let change = MemberChange {
            id: before.id,
            name: member.name.clone(),
            sheet: sheet.name.clone(),
            row: row.number,
            fields: changes,
        };
        (RowOutcome::Updated, Some(PlannedWrite { origin, before: Some(Box::new(before)), member }), Some(change))
    }

    /// The branch the row names: an existing one (exactly, or a close
    /// variant, with a warning), one to create (when allowed; with a
    /// placeholder id), or `None` with an error on the row.
    fn branch_id(&mut self, sheet: &Sheet, row: &mut Row) -> Option<i64> {
        let name = row.branch.as_ref()?;
        let resolved = match self.branch_ids.get(name) {
            Some(resolved) => *resolved,
            None => {
                let resolved = self.resolve_branch(sheet, row);
                self.branch_ids.insert(row.branch.clone()?, resolved);
                resolved
            }
        };
        if resolved.is_none() {
            let message = format!(
                "支部「{}」还不存在：请先在「支部」中新建，或导入时选择「创建新支部」（命令行加 --create-branches）",
                row.branch.as_deref().unwrap_or_default()
            );
            row.errors.push(self.branch_problem(sheet, row, message));
        }
        resolved
    }

    /// Resolves a branch name the file names for the first time, on `row`.
    fn resolve_branch(&mut self, sheet: &Sheet, row: &mut Row) -> Option<i64> {
        let name = row.branch.clone()?;
        if let Some(b) = self.branches.iter().find(|b| b.name == name.trim()) {
            return Some(b.id);
        }
        if let Some(b) = self.branches.iter().find(|b| branch_key(&b.name) == branch_key(&name)) {
            let message = format!("「{name}」按已有的「{}」导入；如果不是同一个支部，请修改表格", b.name);
            row.warnings.push(self.branch_problem(sheet, row, message));
            return Some(b.id);
        }
        if !self.options.create_branches {
            return None;
        }
        let kind = if fold(&name).ends_with("总支") { BranchKind::GeneralBranch } else { BranchKind::Branch };
        let mut branch = Branch { kind, ..Branch::new(&name) };
        branch.tidy();
        branch.id = -(self.new_branches.len() as i64 + 1);
        self.branch_names.insert(branch.id, branch.name.clone());
        self.new_branches.push(branch);
        self.new_branches.last().map(|b| b.id)
    }

    /// A problem with the row's branch (its cell, or the sheet's name).
    fn branch_problem(&self, sheet: &Sheet, row: &Row, message: String) -> Problem {
        Problem {
            sheet: sheet.name.clone(),
            row: row.number,
            column: sheet.map.header_of(RosterField::Branch),
            value: row.branch.clone().unwrap_or_default(),
            message,
        }
    }

    /// The member a row describes: the stored one with the row's values laid
    /// over it, or a new one, tidied and checked. Also returns the stored member, if any.
    fn member_for(&mut self, sheet: &Sheet, row: &mut Row, branch_id: Option<i64>) -> (Member, Option<Member>) {
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
        if row.id_number.is_none() && row.errors.is_empty() {
            let message = match &stored {
                Some(_) => "没有身份证号，已按姓名和出生日期认定为已登记的党员，请核对",
                None => "没有身份证号：以后按姓名和出生日期识别此人，建议补全身份证号",
            };
            row.warnings.push(sheet.problem(row, RosterField::IdNumber, message.into()));
        }
        (member, stored)
    }

    /// The id of the party group `name` in the branch: an existing one, one to
    /// create (when allowed), or `None` with an error on the row.
    fn group_id(
        &mut self,
        branch_id: i64,
        name: String,
        branch_known: bool,
        row: &mut Row,
        sheet: &Sheet,
    ) -> Option<i64> {
        if let Some(g) = self.groups.iter().chain(&self.new_groups).find(|g| g.branch_id == branch_id && g.name == name)
        {
            return Some(g.id);
        }
        if self.options.create_branches && branch_known {
            let id = -(self.new_groups.len() as i64 + 1);
            self.new_groups.push(PartyGroup {
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

fn preview(sheet: &Sheet, row: &Row, outcome: RowOutcome) -> RowPreview {
    RowPreview {
        sheet: sheet.name.clone(),
        row: row.number,
        outcome,
        cells: sheet
            .map
            .headers
            .iter()
            .map(|(c, h)| (h.clone(), row.cells.get(*c).map(Cell::display).unwrap_or_default()))
            .collect(),
        problem_columns: row.errors.iter().map(|p| p.column.clone()).collect(),
    }
}
