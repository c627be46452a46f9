//! Planning a row of volunteer hours: the activity it names (by title, and by
//! date when given), the person (through [`People::resolve`], the one rule for
//! who a participant is), and whether that person's hours in the activity are
//! new, changed or the same as stored. Importing a file again replaces hours
//! rather than adding them twice.

use std::collections::HashMap;

use super::{HoursField, Value};
use crate::date::PartialDate;
use crate::error::{Error, Result};
use crate::import::header::ColumnMap;
use crate::import::kind::{Decision, RowPlanner};
use crate::import::sheet::{Row, Sheet};
use crate::import::values::{fold, format_number};
use crate::import::{FieldChange, ImportReport, MemberChange, Problem};
use crate::rules::participants::{People, PersonNamed};
use crate::store::{Activity, Member, Participant, ParticipantKind, Store};

/// A row of a sheet of hours.
type HoursRow = Row<HoursField, Value>;
/// A sheet of hours.
type HoursSheet = Sheet<HoursField>;

/// One person's hours in one activity, with the row they came from.
#[derive(Debug, Clone)]
pub struct HoursWrite {
    /// The sheet and Excel row, for a message if the write fails.
    pub(super) origin: (String, usize),
    /// The activity.
    pub(super) activity_id: i64,
    /// The person and their hours, replacing what the activity has for them.
    pub(super) participant: Participant,
}

/// Who a participant is, for finding the same person twice in one activity.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Person {
    Member(i64),
    Outside(String),
}

impl Person {
    fn of(participant: &Participant) -> Person {
        match participant.member_id {
            Some(id) => Person::Member(id),
            None => Person::Outside(participant.name.clone()),
        }
    }
}

impl HoursRow {
    /// The text read for `field`.
    fn text(&self, field: HoursField) -> Option<&str> {
        match self.value(field) {
            Some(Value::Text(t)) => Some(t),
            _ => None,
        }
    }
}

/// What planning a sheet of hours knows while it goes through the rows.
pub struct HoursPlanner {
    /// Every member, for finding people.
    people: People<'static>,
    /// A branch's name by id, for telling same-named members apart.
    branch_name: Box<dyn Fn(i64) -> String + Send>,
    /// The stored activities by folded title, each with its participants.
    activities: HashMap<String, Vec<Activity>>,
    repeats: Repeats,
}

/// The rows that give hours for the same person in the same activity.
#[derive(Default)]
struct Repeats {
    /// (activity, person) → the first row giving their hours: its index
    /// among the rows planned, and its sheet's name and row number.
    seen: HashMap<(i64, Person), (usize, String, usize)>,
    /// The errors of first rows whose person and activity a later row gives again.
    faults: Vec<(usize, Problem)>,
}

impl HoursPlanner {
    /// A planner over the database as it is now.
    pub(super) fn new(store: &Store) -> Result<HoursPlanner> {
        let mut activities: HashMap<String, Vec<Activity>> = HashMap::new();
        for activity in store.list::<Activity>()? {
            activities.entry(fold(&activity.title).into_owned()).or_default().push(activity);
        }
        Ok(HoursPlanner {
            people: People::new(store.list::<Member>()?),
            branch_name: Box::new(store.branch_names()?),
            activities,
            repeats: Repeats::default(),
        })
    }
}

impl RowPlanner<super::Hours> for HoursPlanner {
    /// A sheet needs an activity column and an hours column.
    fn accept_sheet(&self, name: &str, map: &ColumnMap<HoursField>) -> std::result::Result<Option<String>, String> {
        let missing: Vec<String> = [HoursField::Activity, HoursField::Hours]
            .into_iter()
            .filter(|f| map.column_of(*f).is_none())
            .map(|f| format!("「{}」", f.label()))
            .collect();
        if missing.is_empty() {
            return Ok(None);
        }
        Err(format!(
            "工作表「{name}」没有{}列：请增加该列（活动名称、服务时长），或在「核对表头」中指定哪一列是它",
            missing.join("和")
        ))
    }

    fn plan_row(&mut self, sheets: &[HoursSheet], row: &mut HoursRow, index: usize) -> Decision<HoursWrite> {
        let sheet = &sheets[row.sheet];
        for (field, what) in [(HoursField::Activity, "活动名称"), (HoursField::Hours, "服务时长（小时）")] {
            if row.cell(sheet, field).is_none() {
                let message = format!("{}为空：请填写{what}", field.label());
                row.errors.push(sheet.missing(row, field, message));
            }
        }
        let title = row.text(HoursField::Activity).map(String::from);
        let activity = title.and_then(|title| find_activity(&self.activities, sheet, row, &title));
        let participant = self.participant(sheet, row);
        let (Some(activity), Some(mut participant)) = (activity, participant) else { return Decision::Invalid };
        let Some(Value::Hours(hours)) = row.value(HoursField::Hours) else { return Decision::Invalid };
        participant.hours = *hours;
        self.repeats.check(sheet, row, index, activity, &participant);
        decide(sheet, row, activity, participant)
    }

    fn finish(self, _report: &mut ImportReport) -> ((), Vec<(usize, Problem)>) {
        ((), self.repeats.faults)
    }
}

impl HoursPlanner {
    /// The person the row names (hours still 0), or `None` with an error on
    /// the column that named them.
    fn participant(&self, sheet: &HoursSheet, row: &mut HoursRow) -> Option<Participant> {
        let kind = match row.value(HoursField::Kind) {
            Some(Value::Kind(kind)) => Some(*kind),
            _ => None,
        };
        let person = PersonNamed {
            name: row.text(HoursField::Name).unwrap_or_default(),
            id_number: row.text(HoursField::IdNumber),
            staff_no: row.text(HoursField::StaffNo),
            kind,
        };
        let outside = kind.is_some_and(|k| k != ParticipantKind::Member);
        let column = match (outside, person.id_number, person.staff_no) {
            (false, Some(_), _) => HoursField::IdNumber,
            (false, None, Some(_)) => HoursField::StaffNo,
            _ => HoursField::Name,
        };
        let by_name_only = column == HoursField::Name && !outside && !person.name.is_empty();
        match self.people.resolve(&person, 0.0, &self.branch_name) {
            Ok(participant) => Some(participant),
            Err(error) => {
                let hint = match error {
                    Error::Invalid(_) if by_name_only => "；在表格中，填写其「工号」或「公民身份号码」即可区分",
                    _ => "",
                };
                let message = format!("{error}{hint}");
                let problem = sheet.problem(row, column, message);
                row.errors.push(problem);
                None
            }
        }
    }
}

impl Repeats {
    /// Faults a row giving hours for a person and activity an earlier row
    /// gave, naming that row (which is faulted too, once the file is read).
    fn check(
        &mut self,
        sheet: &HoursSheet,
        row: &mut HoursRow,
        index: usize,
        activity: &Activity,
        participant: &Participant,
    ) {
        let key = (activity.id, Person::of(participant));
        let Some((first_index, first_sheet, first_row)) = self.seen.get(&key).cloned() else {
            self.seen.insert(key, (index, sheet.name.clone(), row.number));
            return;
        };
        let message = |other_sheet: &str, other_row: usize| {
            format!(
                "「{}」在活动「{}」（{}）的时长与「{other_sheet}」第 {other_row} 行重复：同一人在一次活动中只能登记一行，请删除重复的一行或合并时长",
                participant.name, activity.title, activity.date
            )
        };
        row.errors.push(sheet.problem(row, HoursField::Name, message(&first_sheet, first_row)));
        let first = Problem {
            sheet: first_sheet,
            row: first_row,
            column: sheet.map.header_of(HoursField::Name),
            value: participant.name.clone(),
            message: message(&sheet.name, row.number),
        };
        self.faults.push((first_index, first));
    }
}

/// The activity in `activities` (by folded title) the row names; `None` with an error on the row when no
/// activity, or more than one, has that title (on the row's date, when given).
fn find_activity<'a>(
    activities: &'a HashMap<String, Vec<Activity>>,
    sheet: &HoursSheet,
    row: &mut HoursRow,
    title: &str,
) -> Option<&'a Activity> {
    let same_title = activities.get(fold(title).as_ref()).map(Vec::as_slice).unwrap_or_default();
    if same_title.is_empty() {
        let message = format!("活动「{title}」还没有登记：请先在「品牌与活动」中登记该活动，或核对活动名称与日期");
        row.errors.push(sheet.problem(row, HoursField::Activity, message));
        return None;
    }
    let date = match row.value(HoursField::Date) {
        Some(Value::Date(date)) => Some(*date),
        _ => None,
    };
    let held: Vec<&Activity> = same_title.iter().filter(|a| date.is_none_or(|d| held_on(a, d))).collect();
    let problem = match (held.as_slice(), date) {
        ([one], _) => return Some(one),
        ([], Some(date)) => sheet.problem(
            row,
            HoursField::Date,
            format!(
                "活动「{title}」没有在 {date} 举办的一次（已登记的日期：{}）：请核对日期，或先在「品牌与活动」中登记这次活动",
                dates(same_title)
            ),
        ),
        (several, None) => sheet.problem(
            row,
            HoursField::Activity,
            format!(
                "有 {} 次活动名为「{title}」（{}）：请填写「日期」列，指明是哪一次",
                several.len(),
                dates(several.iter().copied())
            ),
        ),
        (several, Some(date)) => sheet.problem(
            row,
            HoursField::Date,
            format!("{date} 有 {} 次活动名为「{title}」：请先在「品牌与活动」中把它们改为不同的名称", several.len()),
        ),
    };
    row.errors.push(problem);
    None
}

/// Whether `activity` was held on `date` (a day, or any day of a month-only date).
fn held_on(activity: &Activity, date: PartialDate) -> bool {
    let last_day = activity.end_date.unwrap_or(activity.date);
    date.first_day() <= last_day && activity.date <= date.last_day()
}

/// The days activities began, for a message.
fn dates<'a>(activities: impl IntoIterator<Item = &'a Activity>) -> String {
    activities.into_iter().map(|a| a.date.to_string()).collect::<Vec<_>>().join("、")
}

/// What a row with an activity and a person does: adds the person's hours, or
/// replaces the hours (and 身份) stored for them, or nothing when they are
/// the same.
fn decide(sheet: &HoursSheet, row: &HoursRow, activity: &Activity, participant: Participant) -> Decision<HoursWrite> {
    if !row.errors.is_empty() {
        return Decision::Invalid;
    }
    let stored = activity.participants.iter().find(|p| p.same_person(&participant)).cloned();
    let name = participant.name.clone();
    let write = HoursWrite { origin: (sheet.name.clone(), row.number), activity_id: activity.id, participant };
    let Some(before) = stored else { return Decision::New(write) };
    let after = &write.participant;
    let what = |field: &str| format!("{}（{}）{field}", activity.title, activity.date);
    let mut fields = Vec::new();
    if (before.hours - after.hours).abs() > 1e-9 {
        let (before, after) = (format_number(before.hours), format_number(after.hours));
        fields.push(FieldChange { field: what("时长"), before, after });
    }
    if before.kind != after.kind {
        let (before, after) = (before.kind.label().to_string(), after.kind.label().to_string());
        fields.push(FieldChange { field: what("身份"), before, after });
    }
    if fields.is_empty() {
        return Decision::Unchanged;
    }
    let id = after.member_id.unwrap_or_default();
    Decision::Updated(write, MemberChange { id, name, sheet: sheet.name.clone(), row: row.number, fields })
}
