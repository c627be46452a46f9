//! The columns of a sheet of volunteer hours: the fields and the header texts
//! that name them. To support a new variant, add it to [`SYNONYMS`].

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::import::header::Field;
use crate::store::enums::text_enum;

text_enum! {
    /// What a column of a sheet of volunteer hours can hold.
    HoursField {
        /// 序号: a row number, read and ignored.
        Serial = "serial" ("序号"),
        /// 活动: the title of an activity already recorded.
        Activity = "activity" ("活动"),
        /// 日期: the activity's day, to tell activities of one title apart.
        Date = "date" ("日期"),
        /// 姓名
        Name = "name" ("姓名"),
        /// 公民身份号码
        IdNumber = "id_number" ("公民身份号码", "身份证号"),
        /// 工号
        StaffNo = "staff_no" ("工号"),
        /// 时长: hours given.
        Hours = "hours" ("时长"),
        /// 身份: 党员, 团员 or 群众志愿者.
        Kind = "kind" ("身份"),
    }
}

/// Header texts (folded: half-width brackets, no spaces) and the field each names.
const SYNONYMS: &[(&str, HoursField)] = &[
    ("序号", HoursField::Serial),
    ("编号", HoursField::Serial),
    ("活动", HoursField::Activity),
    ("活动名称", HoursField::Activity),
    ("活动项目", HoursField::Activity),
    ("服务项目", HoursField::Activity),
    ("项目名称", HoursField::Activity),
    ("志愿服务项目", HoursField::Activity),
    ("志愿服务活动", HoursField::Activity),
    ("日期", HoursField::Date),
    ("活动日期", HoursField::Date),
    ("服务日期", HoursField::Date),
    ("活动时间", HoursField::Date),
    ("服务时间", HoursField::Date),
    ("姓名", HoursField::Name),
    ("志愿者姓名", HoursField::Name),
    ("参与人", HoursField::Name),
    ("参与人员", HoursField::Name),
    ("公民身份号码", HoursField::IdNumber),
    ("公民身份证号码", HoursField::IdNumber),
    ("身份证号", HoursField::IdNumber),
    ("身份证号码", HoursField::IdNumber),
    ("身份证", HoursField::IdNumber),
    ("证件号码", HoursField::IdNumber),
    ("工号", HoursField::StaffNo),
    ("职工号", HoursField::StaffNo),
    ("人员编号", HoursField::StaffNo),
    ("员工编号", HoursField::StaffNo),
    ("时长", HoursField::Hours),
    ("服务时长", HoursField::Hours),
    ("志愿服务时长", HoursField::Hours),
    ("志愿时长", HoursField::Hours),
    ("小时", HoursField::Hours),
    ("小时数", HoursField::Hours),
    ("时长(小时)", HoursField::Hours),
    ("服务时长(小时)", HoursField::Hours),
    ("志愿服务时长(小时)", HoursField::Hours),
    ("身份", HoursField::Kind),
    ("人员身份", HoursField::Kind),
    ("志愿者身份", HoursField::Kind),
    ("政治面貌", HoursField::Kind),
];

impl Field for HoursField {
    const NAME: Self = HoursField::Name;
    const SYNONYMS: &'static [(&'static str, Self)] = SYNONYMS;

    fn code(self) -> &'static str {
        self.as_str()
    }

    fn label(self) -> &'static str {
        HoursField::label(self)
    }
}
