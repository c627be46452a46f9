//! One import run: parse every row, then, in one transaction, resolve
//! branches and groups, match stored members, check, and write. A preview
//! runs the same transaction and rolls it back.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use rusqlite::Connection;

use super::header::{find_header, ColumnMap, RosterField};
use super::source::{self, SheetData};
use super::values::{self, fold, Cell};
use super::{
    backup_database, FieldChange, ImportProgress, ImportReport, MemberChange, Problem, RosterOptions, RowOutcome,
    RowPreview, SheetReport,
};
use crate::date::PartialDate;
use crate::error::{Error, Result};
use crate::store::record::{create_in, update_in};
use crate::store::{Branch, BranchKind, Category, Gender, Member, MemberFilter, MemberStatus, PartyGroup, Store};

/// Rows the app's preview table shows at most.
const MAX_PREVIEW_ROWS: usize = 5_000;

/// Texts that start a signature footer line rather than a member row.
const FOOTER_STARTS: &[&str] = &[
    "制表人",
    "审核人",
    "填表人",
    "负责人",
    "制表日期",
    "填报日期",
    "日期",
    "签字",
    "签名",
    "联系人",
    "单位盖章",
    "盖章",
    "注:",
    "注：",
    "说明",
];

/// A parsed cell value.
#[derive(Debug, Clone)]
enum Value {
    Text(String),
    Date(PartialDate),
    Gender(Gender),
    Category(Category),
    Status(MemberStatus),
    Flag(bool),
}

/// One member row of the file.
struct Row {
    sheet: usize,
    number: usize,
    cells: Vec<Cell>,
    values: Vec<(RosterField, Value)>,
    branch: Option<String>,
    extra: BTreeMap<String, String>,
    errors: Vec<Problem>,
    warnings: Vec<Problem>,
}

/// A sheet with a roster.
struct Sheet {
    name: String,
    map: ColumnMap,
}

impl Row {
    fn value(&self, field: RosterField) -> Option<&Value> {
        self.values.iter().find(|(f, _)| *f == field).map(|(_, v)| v)
    }
    fn text(&self, field: RosterField) -> Option<&str> {
        match self.value(field) {
            Some(Value::Text(t)) => Some(t),
            _ => None,
        }
    }
}

/// Reads and applies (or previews) a roster.
pub fn run(
    store: &Store,
    file: &Path,
    options: &RosterOptions,
    apply: bool,
    progress: &dyn Fn(ImportProgress),
) -> Result<ImportReport> {
    progress(ImportProgress { stage: "正在读取文件".into(), done: 0, total: 0 });
    let data = select_sheets(source::read(file)?, options)?;
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
    let existing_branches: Vec<Branch> = store.list()?;
    let (sheets, rows) = parse_sheets(&data, options, &existing_branches, &mut report, progress);
    if sheets.is_empty() && report.errors.is_empty() {
        return Err(Error::Invalid(format!(
            "文件「{}」中没有找到花名册：需要一行表头，至少包含「姓名」和另一列（如身份证号、性别、所在党支部）",
            file.display()
        )));
    }
    let backup = if apply { backup_database(store)? } else { None };
    let tx = store.begin_write()?;
    let outcomes = write_rows(&tx, store, &sheets, rows, options, &mut report, progress)?;
    let commit = apply && (report.errors.is_empty() || options.skip_invalid) && outcomes > 0;
    if commit {
        tx.commit()?;
        report.applied = true;
        report.backup = backup.map(|p| p.display().to_string());
    } else {
        tx.rollback()?;
        if let Some(path) = backup {
            let _ = std::fs::remove_file(path);
        }
    }
    Ok(report)
}

fn select_sheets(sheets: Vec<SheetData>, options: &RosterOptions) -> Result<Vec<SheetData>> {
    let Some(wanted) = &options.sheet else { return Ok(sheets) };
    let names: Vec<String> = sheets.iter().map(|s| s.name.clone()).collect();
    let chosen: Vec<SheetData> = sheets.into_iter().filter(|s| s.name == *wanted).collect();
    if chosen.is_empty() {
        return Err(Error::NotFound(format!("文件中没有名为「{wanted}」的工作表；现有：{}", names.join("、"))));
    }
    Ok(chosen)
}

fn sheet_problem(sheet: &str, row: usize, message: String) -> Problem {
    Problem { sheet: sheet.into(), row, column: String::new(), value: String::new(), message }
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

fn is_footer(cells: &[Cell], name_column: usize) -> bool {
    let footer_text = |cell: &Cell| match cell {
        Cell::Text(t) => FOOTER_STARTS.iter().any(|start| fold(t).starts_with(start)),
        _ => false,
    };
    let name_cell = cells.get(name_column).unwrap_or(&Cell::Empty);
    (name_cell.is_blank() || footer_text(name_cell)) && cells.iter().any(footer_text)
}

fn parse_sheets(
    data: &[SheetData],
    options: &RosterOptions,
    existing: &[Branch],
    report: &mut ImportReport,
    progress: &dyn Fn(ImportProgress),
) -> (Vec<Sheet>, Vec<Row>) {
    let overrides: BTreeMap<String, RosterField> = options.mapping.iter().map(|(h, f)| (fold(h), *f)).collect();
    let total: usize = data.iter().map(|s| s.rows.len()).sum();
    let mut sheets = Vec::new();
    let mut rows = Vec::new();
    let mut done = 0;
    for sheet in data {
        let Some((header_index, map)) = find_header(&sheet.rows, &overrides) else {
            if !sheet.rows.is_empty() {
                report.warnings.push(sheet_problem(
                    &sheet.name,
                    0,
                    "没有找到表头（需要「姓名」列和至少一个其他列），已跳过此工作表".into(),
                ));
            }
            report.sheets.push(SheetReport {
                name: sheet.name.clone(),
                header_row: None,
                mapping: BTreeMap::new(),
                unmapped: Vec::new(),
                branch_from_name: None,
                rows: 0,
            });
            continue;
        };
        let header_row = sheet.first_row + header_index;
        let has_branch_column = map.column_of(RosterField::Branch).is_some();
        let names_existing = existing.iter().any(|b| branch_key(&b.name) == branch_key(&sheet.name));
        let branch_from_name = (!has_branch_column && (names_existing || reads_as_branch(&sheet.name)))
            .then(|| sheet.name.trim().to_string());
        if !has_branch_column && branch_from_name.is_none() {
            report.errors.push(sheet_problem(
                &sheet.name,
                header_row,
                format!(
                    "工作表「{}」没有「所在党支部」列，工作表名称也不是支部名称：请增加「所在党支部」列，或把工作表改名为支部名称（如 内科党支部）",
                    sheet.name
                ),
            ));
            continue;
        }
        let sheet_index = sheets.len();
        let name_column = map.column_of(RosterField::Name).expect("a header has a name column");
        let mut count = 0;
        for (offset, cells) in sheet.rows.iter().enumerate().skip(header_index + 1) {
            done += 1;
            if done % 2_000 == 0 {
                progress(ImportProgress { stage: "正在检查数据".into(), done, total });
            }
            if cells.iter().all(Cell::is_blank) || is_footer(cells, name_column) {
                continue;
            }
            count += 1;
            let row = parse_row(sheet_index, &sheet.name, sheet.first_row + offset, cells, &map, &branch_from_name);
            rows.push(row);
        }
        report.sheets.push(SheetReport {
            name: sheet.name.clone(),
            header_row: Some(header_row),
            mapping: map.fields.iter().map(|(c, f)| (map.headers[c].clone(), f.as_str().to_string())).collect(),
            unmapped: map.headers.iter().filter(|(c, _)| !map.fields.contains_key(c)).map(|(_, h)| h.clone()).collect(),
            branch_from_name: branch_from_name.clone(),
            rows: count,
        });
        if map.column_of(RosterField::Category).is_none() {
            report.warnings.push(sheet_problem(
                &sheet.name,
                header_row,
                "表中没有「人员类别」列：新党员按正式党员登记，预备党员请导入后修改".into(),
            ));
        }
        sheets.push(Sheet { name: sheet.name.clone(), map });
    }
    (sheets, rows)
}

fn parse_row(
    sheet: usize,
    sheet_name: &str,
    number: usize,
    cells: &[Cell],
    map: &ColumnMap,
    branch_from_name: &Option<String>,
) -> Row {
    let mut row = Row {
        sheet,
        number,
        cells: cells.to_vec(),
        values: Vec::new(),
        branch: branch_from_name.clone(),
        extra: BTreeMap::new(),
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    for (column, header) in &map.headers {
        let cell = cells.get(*column).unwrap_or(&Cell::Empty);
        if cell.is_blank() {
            continue;
        }
        let Some(field) = map.fields.get(column).copied() else {
            row.extra.insert(header.clone(), cell.display());
            continue;
        };
        let parsed = match field {
            RosterField::Serial => continue,
            RosterField::Gender => values::gender(cell).map(Value::Gender),
            RosterField::IdNumber => values::id_number(cell).map(Value::Text),
            RosterField::BirthDate | RosterField::JoinedOn | RosterField::FullMemberOn => {
                values::date(cell).map(Value::Date)
            }
            RosterField::Category => values::category(cell).map(Value::Category),
            RosterField::Status => values::status(cell).map(Value::Status),
            RosterField::LostContact | RosterField::Floating => values::yes_no(cell).map(Value::Flag),
            RosterField::Phone => values::phone(cell).map(Value::Text),
            RosterField::Branch => {
                row.branch = Some(cell.display());
                continue;
            }
            _ => Ok(Value::Text(cell.display())),
        };
        match parsed {
            Ok(value) => row.values.push((field, value)),
            Err(message) => row.errors.push(Problem {
                sheet: sheet_name.into(),
                row: number,
                column: header.clone(),
                value: cell.display(),
                message,
            }),
        }
    }
    if row.text(RosterField::Name).is_none() {
        row.errors.push(Problem {
            sheet: sheet_name.into(),
            row: number,
            column: map.header_of(RosterField::Name),
            value: String::new(),
            message: "姓名为空：每一行都要有姓名；如果这一行不是党员，请把它删掉".into(),
        });
    }
    if row.branch.is_none() {
        row.errors.push(Problem {
            sheet: sheet_name.into(),
            row: number,
            column: map.header_of(RosterField::Branch),
            value: String::new(),
            message: "所在党支部为空：请填写支部名称".into(),
        });
    }
    row
}

/// Sets one field of a member from a parsed value.
fn set(member: &mut Member, field: RosterField, value: &Value) {
    let text = |v: &Value| match v {
        Value::Text(t) => Some(t.clone()),
        _ => None,
    };
    match (field, value) {
        (RosterField::Name, Value::Text(t)) => member.name = t.clone(),
        (RosterField::Gender, Value::Gender(g)) => member.gender = Some(*g),
        (RosterField::Ethnicity, v) => member.ethnicity = text(v),
        (RosterField::IdNumber, v) => member.id_number = text(v),
        (RosterField::BirthDate, Value::Date(d)) => member.birth_date = Some(*d),
        (RosterField::Education, v) => member.education = text(v),
        (RosterField::Degree, v) => member.degree = text(v),
        (RosterField::Category, Value::Category(c)) => member.category = *c,
        (RosterField::JoinedOn, Value::Date(d)) => member.joined_on = Some(*d),
        (RosterField::FullMemberOn, Value::Date(d)) => member.full_member_on = Some(*d),
        (RosterField::Post, v) => member.post = text(v),
        (RosterField::Department, v) => member.department = text(v),
        (RosterField::Duty, v) => member.duty = text(v),
        (RosterField::ProfessionalTitle, v) => member.professional_title = text(v),
        (RosterField::Phone, v) => member.phone = text(v),
        (RosterField::Address, v) => member.address = text(v),
        (RosterField::Status, Value::Status(s)) => member.status = *s,
        (RosterField::LostContact, Value::Flag(b)) => member.lost_contact = *b,
        (RosterField::Floating, Value::Flag(b)) => member.floating = *b,
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

/// Resolves every branch name in the file: existing (exactly or by a close
/// variant), created (when allowed), or an error on each row that names it.
fn resolve_branches(
    conn: &Connection,
    sheets: &[Sheet],
    rows: &mut [Row],
    options: &RosterOptions,
    report: &mut ImportReport,
) -> Result<HashMap<String, i64>> {
    let existing: Vec<Branch> = crate::store::record::select(conn, "1", [])?;
    let mut resolved: HashMap<String, i64> = HashMap::new();
    for row in rows.iter_mut() {
        let Some(name) = row.branch.clone() else { continue };
        if resolved.contains_key(&name) {
            continue;
        }
        let sheet = &sheets[row.sheet];
        let column = sheet.map.header_of(RosterField::Branch);
        if let Some(b) = existing.iter().find(|b| b.name == name.trim()) {
            resolved.insert(name, b.id);
        } else if let Some(b) = existing.iter().find(|b| branch_key(&b.name) == branch_key(&name)) {
            report.warnings.push(Problem {
                sheet: sheet.name.clone(),
                row: row.number,
                column,
                value: name.clone(),
                message: format!("「{name}」按已有的「{}」导入；如果不是同一个支部，请修改表格", b.name),
            });
            resolved.insert(name, b.id);
        } else if options.create_branches {
            let kind = if fold(&name).ends_with("总支") { BranchKind::GeneralBranch } else { BranchKind::Branch };
            let created = create_in(conn, &Branch { kind, ..Branch::new(&name) })?;
            report.new_branches.push(created.name.clone());
            resolved.insert(name, created.id);
        }
    }
    for row in rows.iter_mut() {
        let Some(name) = &row.branch else { continue };
        if !resolved.contains_key(name) {
            let sheet = &sheets[row.sheet];
            row.errors.push(Problem {
                sheet: sheet.name.clone(),
                row: row.number,
                column: sheet.map.header_of(RosterField::Branch),
                value: name.clone(),
                message: format!(
                    "支部「{name}」还不存在：请先在「支部」中新建，或导入时选择「创建新支部」（命令行加 --create-branches）"
                ),
            });
        }
    }
    Ok(resolved)
}

/// Marks both rows of every ID number that appears twice in the file.
fn mark_duplicate_ids(sheets: &[Sheet], rows: &mut [Row]) {
    let mut first_seen: HashMap<String, usize> = HashMap::new();
    let mut pairs = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        if let Some(id) = row.text(RosterField::IdNumber) {
            match first_seen.get(id) {
                Some(first) => pairs.push((*first, index)),
                None => {
                    first_seen.insert(id.to_string(), index);
                }
            }
        }
    }
    for (a, b) in pairs {
        for (this, other) in [(a, b), (b, a)] {
            let (other_sheet, other_row) = (sheets[rows[other].sheet].name.clone(), rows[other].number);
            let row = &mut rows[this];
            let sheet = &sheets[row.sheet];
            row.errors.push(Problem {
                sheet: sheet.name.clone(),
                row: row.number,
                column: sheet.map.header_of(RosterField::IdNumber),
                value: row.text(RosterField::IdNumber).unwrap_or_default().to_string(),
                message: format!(
                    "身份证号与「{other_sheet}」第 {other_row} 行相同：同一人只能出现一次，请删除重复的一行"
                ),
            });
        }
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

/// What the write step knows about the database while it goes through the rows.
struct Writer<'a> {
    conn: &'a Connection,
    sheets: &'a [Sheet],
    options: &'a RosterOptions,
    branch_ids: HashMap<String, i64>,
    branch_names: HashMap<i64, String>,
    groups: Vec<PartyGroup>,
    matcher: Matcher,
}

impl Writer<'_> {
    /// The member a row describes: the stored one with the row's values laid
    /// over it, or a new one. Also returns the stored member, if any.
    fn member_for(&mut self, row: &mut Row) -> Result<(Member, Option<Member>)> {
        let sheet = &self.sheets[row.sheet];
        let stored = self.matcher.find(row).cloned();
        let branch_id = row.branch.as_ref().and_then(|b| self.branch_ids.get(b)).copied();
        let mut member = stored.clone().unwrap_or_else(|| Member::new("", branch_id.unwrap_or_default()));
        for (field, value) in &row.values {
            set(&mut member, *field, value);
        }
        member.branch_id = branch_id.unwrap_or(member.branch_id);
        if let Some(group) = row.text(RosterField::Group).map(String::from) {
            match self.groups.iter().find(|g| g.branch_id == member.branch_id && g.name == group) {
                Some(g) => member.group_id = Some(g.id),
                None if self.options.create_branches && branch_id.is_some() => {
                    let created = create_in(
                        self.conn,
                        &PartyGroup { id: 0, branch_id: member.branch_id, name: group, leader: None },
                    )?;
                    member.group_id = Some(created.id);
                    self.groups.push(created);
                }
                None => {
                    let message = format!(
                        "党小组「{group}」不在该党员的支部中：请先在应用中新建该党小组，或导入时选择「创建新支部和党小组」（命令行加 --create-branches）"
                    );
                    row.errors.push(cell_problem(sheet, row, RosterField::Group, message));
                }
            }
        } else if stored.as_ref().is_some_and(|s| s.branch_id != member.branch_id) {
            member.group_id = None;
        }
        member.extra.extend(row.extra.clone());
        for (field, message) in member.problems() {
            let field = RosterField::parse(field).unwrap_or(RosterField::Name);
            row.errors.push(cell_problem(sheet, row, field, message));
        }
        if row.text(RosterField::IdNumber).is_none() && row.errors.is_empty() {
            let message = match &stored {
                Some(_) => "没有身份证号，已按姓名和出生日期认定为已登记的党员，请核对",
                None => "没有身份证号：以后按姓名和出生日期识别此人，建议补全身份证号",
            };
            row.warnings.push(cell_problem(sheet, row, RosterField::IdNumber, message.into()));
        }
        Ok((member, stored))
    }

    /// Stores a valid row's member (new or changed) and says what happened.
    fn write(&self, row: &mut Row, member: &Member, stored: Option<&Member>, report: &mut ImportReport) -> RowOutcome {
        let sheet = &self.sheets[row.sheet];
        if !row.errors.is_empty() {
            return RowOutcome::Invalid;
        }
        let written = match stored {
            None => create_in(self.conn, member).map(|_| RowOutcome::New),
            Some(before) => {
                let group_names: HashMap<i64, String> = self.groups.iter().map(|g| (g.id, g.name.clone())).collect();
                let shown = |m: &Member| shown(m, &self.branch_names, &group_names);
                let changes = diff(&shown(before), &shown(member));
                if changes.is_empty() {
                    return RowOutcome::Unchanged;
                }
                update_in(self.conn, member).map(|_| {
                    report.changes.push(MemberChange {
                        id: before.id,
                        name: member.name.clone(),
                        sheet: sheet.name.clone(),
                        row: row.number,
                        fields: changes,
                    });
                    RowOutcome::Updated
                })
            }
        };
        written.unwrap_or_else(|e| {
            row.errors.push(cell_problem(sheet, row, RosterField::Name, e.to_string()));
            RowOutcome::Invalid
        })
    }
}

/// Resolves branches, then builds, checks and stores every row's member.
/// Returns how many members were added or changed.
fn write_rows(
    conn: &Connection,
    store: &Store,
    sheets: &[Sheet],
    mut rows: Vec<Row>,
    options: &RosterOptions,
    report: &mut ImportReport,
    progress: &dyn Fn(ImportProgress),
) -> Result<usize> {
    let branch_ids = resolve_branches(conn, sheets, &mut rows, options, report)?;
    mark_duplicate_ids(sheets, &mut rows);
    let mut writer = Writer {
        conn,
        sheets,
        options,
        branch_ids,
        branch_names: crate::store::record::select::<Branch>(conn, "1", [])?
            .into_iter()
            .map(|b| (b.id, b.name))
            .collect(),
        groups: crate::store::record::select(conn, "1", [])?,
        matcher: Matcher::new(store.members(&MemberFilter::default())?),
    };
    let total = rows.len();
    let mut written = 0;
    for (index, mut row) in rows.into_iter().enumerate() {
        if index % 2_000 == 0 {
            progress(ImportProgress { stage: "正在写入".into(), done: index, total });
        }
        let (member, stored) = writer.member_for(&mut row)?;
        let outcome = writer.write(&mut row, &member, stored.as_ref(), report);
        match outcome {
            RowOutcome::New => report.new += 1,
            RowOutcome::Updated => report.updated += 1,
            RowOutcome::Unchanged => report.unchanged += 1,
            RowOutcome::Invalid => {}
        }
        written += usize::from(matches!(outcome, RowOutcome::New | RowOutcome::Updated));
        if options.include_rows && report.rows.len() < MAX_PREVIEW_ROWS {
            report.rows.push(preview(&sheets[row.sheet], &row, outcome));
        }
        report.errors.append(&mut row.errors);
        report.warnings.append(&mut row.warnings);
    }
    progress(ImportProgress { stage: "完成".into(), done: total, total });
    Ok(written)
}

fn cell_problem(sheet: &Sheet, row: &Row, field: RosterField, message: String) -> Problem {
    let column = sheet.map.column_of(field);
    Problem {
        sheet: sheet.name.clone(),
        row: row.number,
        column: sheet.map.header_of(field),
        value: column.and_then(|c| row.cells.get(c)).map(Cell::display).unwrap_or_default(),
        message,
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
