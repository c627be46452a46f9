//! Finding the header row of a roster sheet and what each column holds.
//!
//! Headers are matched after [`fold`]ing (full-width to half-width, no white
//! space), through the synonyms in [`SYNONYMS`]: every variant in DOMAIN.md and
//! the national member system's export. To support a new variant, add it there.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::values::{fold, Cell};
use crate::store::enums::text_enum;

text_enum! {
    /// A member field a roster column can fill.
    RosterField {
        /// 序号: a row number, read and ignored.
        Serial = "serial" ("序号"),
        /// 姓名
        Name = "name" ("姓名"),
        /// 性别
        Gender = "gender" ("性别"),
        /// 民族
        Ethnicity = "ethnicity" ("民族"),
        /// 公民身份号码
        IdNumber = "id_number" ("公民身份号码", "身份证号"),
        /// 出生日期
        BirthDate = "birth_date" ("出生日期"),
        /// 学历
        Education = "education" ("学历"),
        /// 学位
        Degree = "degree" ("学位"),
        /// 人员类别
        Category = "category" ("人员类别"),
        /// 所在党支部
        Branch = "branch" ("所在党支部", "支部"),
        /// 党小组
        Group = "group" ("党小组"),
        /// 入党日期
        JoinedOn = "joined_on" ("入党日期"),
        /// 转正日期
        FullMemberOn = "full_member_on" ("转正日期"),
        /// 工作岗位
        Post = "post" ("工作岗位"),
        /// 科室
        Department = "department" ("科室"),
        /// 职务
        Duty = "duty" ("职务"),
        /// 职称
        ProfessionalTitle = "professional_title" ("职称"),
        /// 手机号码
        Phone = "phone" ("手机号码"),
        /// 家庭住址
        Address = "address" ("家庭住址"),
        /// 党籍状态
        Status = "status" ("党籍状态"),
        /// 是否失联党员
        LostContact = "lost_contact" ("是否失联党员"),
        /// 是否流动党员
        Floating = "floating" ("是否流动党员"),
        /// 备注
        Note = "note" ("备注"),
    }
}

/// Header texts (folded) and the field each names.
const SYNONYMS: &[(&str, RosterField)] = &[
    ("序号", RosterField::Serial),
    ("编号", RosterField::Serial),
    ("姓名", RosterField::Name),
    ("党员姓名", RosterField::Name),
    ("性别", RosterField::Gender),
    ("民族", RosterField::Ethnicity),
    ("公民身份号码", RosterField::IdNumber),
    ("公民身份证号码", RosterField::IdNumber),
    ("身份证号", RosterField::IdNumber),
    ("身份证号码", RosterField::IdNumber),
    ("身份证", RosterField::IdNumber),
    ("证件号码", RosterField::IdNumber),
    ("出生日期", RosterField::BirthDate),
    ("出生年月", RosterField::BirthDate),
    ("出生年月日", RosterField::BirthDate),
    ("学历", RosterField::Education),
    ("文化程度", RosterField::Education),
    ("最高学历", RosterField::Education),
    ("学位", RosterField::Degree),
    ("人员类别", RosterField::Category),
    ("党员类别", RosterField::Category),
    ("类别", RosterField::Category),
    ("所在党支部", RosterField::Branch),
    ("所在支部", RosterField::Branch),
    ("党支部", RosterField::Branch),
    ("支部", RosterField::Branch),
    ("所属支部", RosterField::Branch),
    ("所属党支部", RosterField::Branch),
    ("所在党组织", RosterField::Branch),
    ("党组织名称", RosterField::Branch),
    ("党小组", RosterField::Group),
    ("所在党小组", RosterField::Group),
    ("入党日期", RosterField::JoinedOn),
    ("入党时间", RosterField::JoinedOn),
    ("加入党组织日期", RosterField::JoinedOn),
    ("入党年月", RosterField::JoinedOn),
    ("转正日期", RosterField::FullMemberOn),
    ("转正时间", RosterField::FullMemberOn),
    ("转为正式党员日期", RosterField::FullMemberOn),
    ("工作岗位", RosterField::Post),
    ("岗位", RosterField::Post),
    ("科室", RosterField::Department),
    ("工作部门", RosterField::Department),
    ("所在科室", RosterField::Department),
    ("部门", RosterField::Department),
    ("职务", RosterField::Duty),
    ("职称", RosterField::ProfessionalTitle),
    ("专业技术职称", RosterField::ProfessionalTitle),
    ("专业技术职务", RosterField::ProfessionalTitle),
    ("手机号码", RosterField::Phone),
    ("手机号", RosterField::Phone),
    ("手机", RosterField::Phone),
    ("联系电话", RosterField::Phone),
    ("电话", RosterField::Phone),
    ("家庭住址", RosterField::Address),
    ("住址", RosterField::Address),
    ("家庭地址", RosterField::Address),
    ("党籍状态", RosterField::Status),
    ("是否失联党员", RosterField::LostContact),
    ("失联党员", RosterField::LostContact),
    ("是否流动党员", RosterField::Floating),
    ("流动党员", RosterField::Floating),
    ("备注", RosterField::Note),
];

/// The field a header text names, if any.
pub fn field_for(header: &str) -> Option<RosterField> {
    let folded = fold(header);
    SYNONYMS.iter().find(|(text, _)| *text == folded.as_ref()).map(|(_, field)| *field)
}

/// What each column of a sheet holds.
#[derive(Debug, Clone, Default)]
pub struct ColumnMap {
    /// Column index → the header text as written.
    pub headers: BTreeMap<usize, String>,
    /// Column index → field, for the columns that name one.
    pub fields: BTreeMap<usize, RosterField>,
}

impl ColumnMap {
    /// The column that holds `field`.
    pub fn column_of(&self, field: RosterField) -> Option<usize> {
        self.fields.iter().find(|(_, f)| **f == field).map(|(c, _)| *c)
    }

    /// The header text of the column that holds `field`, or the field's own name.
    pub fn header_of(&self, field: RosterField) -> String {
        self.column_of(field).and_then(|c| self.headers.get(&c).cloned()).unwrap_or_else(|| field.label().to_string())
    }
}

/// How many rows of a sheet, from the first it holds (blank ones counted), are
/// searched for the header.
pub const HEADER_SEARCH_ROWS: usize = 30;

/// What the columns of `row` hold, if it reads as a roster's header: it names
/// 姓名 and at least one other field. `overrides` (folded header text → field)
/// come before the synonyms.
pub fn header_map(row: &[Cell], overrides: &BTreeMap<String, RosterField>) -> Option<ColumnMap> {
    let mut map = ColumnMap::default();
    for (column, cell) in row.iter().enumerate() {
        let Cell::Text(text) = cell else { continue };
        let header = text.trim();
        if header.is_empty() {
            continue;
        }
        map.headers.insert(column, header.to_string());
        let field = overrides.get(fold(header).as_ref()).copied().or_else(|| field_for(header));
        if let Some(field) = field.filter(|f| map.column_of(*f).is_none()) {
            map.fields.insert(column, field);
        }
    }
    let named = map.column_of(RosterField::Name).is_some();
    (named && map.fields.len() >= 2).then_some(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<Cell> {
        cells.iter().map(|c| if c.is_empty() { Cell::Empty } else { Cell::Text(c.to_string()) }).collect()
    }

    #[test]
    fn titles_and_date_lines_are_not_headers() {
        let none = BTreeMap::new();
        assert!(header_map(&row(&["某某医院党员花名册"]), &none).is_none());
        assert!(header_map(&row(&["填报日期：2026年3月1日"]), &none).is_none());
        assert!(header_map(&row(&["姓名"]), &none).is_none(), "a name column alone is not a header");
        let map =
            header_map(&row(&["序号", "姓\u{3000}名", "身份证号码", "出生年月", "籍贯"]), &none).expect("a header");
        assert_eq!(map.column_of(RosterField::Name), Some(1));
        assert_eq!(map.column_of(RosterField::IdNumber), Some(2));
        assert_eq!(map.column_of(RosterField::BirthDate), Some(3));
        assert_eq!(map.headers[&4], "籍贯", "unmapped headers are kept");
        assert!(!map.fields.contains_key(&4));
    }

    #[test]
    fn overrides_map_headers_the_synonyms_do_not_know() {
        let overrides = BTreeMap::from([("工作单位".to_string(), RosterField::Department)]);
        let map = header_map(&row(&["姓名", "工作单位"]), &overrides).expect("a header");
        assert_eq!(map.column_of(RosterField::Department), Some(1));
    }

    #[test]
    fn a_sheet_of_instructions_has_no_header() {
        assert!(header_map(&row(&["填表说明"]), &BTreeMap::new()).is_none());
        assert!(header_map(&row(&["1. 姓名请填写全名"]), &BTreeMap::new()).is_none());
    }
}
