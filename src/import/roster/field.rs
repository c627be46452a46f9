//! The columns of a member roster: the fields and the header texts that name them.
//!
//! The synonyms are every variant in DOMAIN.md and the national member
//! system's export. To support a new variant, add it to [`SYNONYMS`].

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::date::PartialDate;
use crate::import::header::Field;
use crate::store::enums::text_enum;
use crate::store::Member;

text_enum! {
    /// A member field a roster column can fill, in the national member
    /// system's column order (with the hospital's 工号 before the job
    /// columns): the order of every roster the app writes (export, template)
    /// and of the fields the app offers.
    RosterField {
        /// 序号: a row number, read and ignored.
        Serial = "serial" ("序号"),
        /// 姓名
        Name = "name" ("姓名"),
        /// 性别
        Gender = "gender" ("性别"),
        /// 公民身份号码
        IdNumber = "id_number" ("公民身份号码", "身份证号"),
        /// 民族
        Ethnicity = "ethnicity" ("民族"),
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
        /// 工号: the hospital's staff number (not in the national system).
        StaffNo = "staff_no" ("工号"),
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
    ("工号", RosterField::StaffNo),
    ("职工号", RosterField::StaffNo),
    ("人员编号", RosterField::StaffNo),
    ("员工编号", RosterField::StaffNo),
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

impl Field for RosterField {
    const NAME: Self = RosterField::Name;
    const SYNONYMS: &'static [(&'static str, Self)] = SYNONYMS;

    fn code(self) -> &'static str {
        self.as_str()
    }

    fn label(self) -> &'static str {
        RosterField::label(self)
    }
}

impl RosterField {
    /// A member's value in this column as a roster shows it: dates keep their
    /// precision, flags are 是 or 否, the branch and party group by name
    /// (from `branches` and `groups`, by id). Empty for 序号, which numbers
    /// the rows of a file rather than describing the member.
    pub fn shown(self, member: &Member, branches: &HashMap<i64, String>, groups: &HashMap<i64, String>) -> String {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let date = |v: Option<PartialDate>| v.map(|d| d.to_string()).unwrap_or_default();
        let flag = |b: bool| if b { "是" } else { "否" }.to_string();
        match self {
            RosterField::Serial => String::new(),
            RosterField::Name => member.name.clone(),
            RosterField::Gender => member.gender.map(|g| g.label().to_string()).unwrap_or_default(),
            RosterField::IdNumber => text(&member.id_number),
            RosterField::Ethnicity => text(&member.ethnicity),
            RosterField::BirthDate => date(member.birth_date),
            RosterField::Education => text(&member.education),
            RosterField::Degree => text(&member.degree),
            RosterField::Category => member.category.label().to_string(),
            RosterField::Branch => branches.get(&member.branch_id).cloned().unwrap_or_default(),
            RosterField::Group => member.group_id.and_then(|g| groups.get(&g).cloned()).unwrap_or_default(),
            RosterField::JoinedOn => date(member.joined_on),
            RosterField::FullMemberOn => date(member.full_member_on),
            RosterField::StaffNo => text(&member.staff_no),
            RosterField::Post => text(&member.post),
            RosterField::Department => text(&member.department),
            RosterField::Duty => text(&member.duty),
            RosterField::ProfessionalTitle => text(&member.professional_title),
            RosterField::Phone => text(&member.phone),
            RosterField::Address => text(&member.address),
            RosterField::Status => member.status.label().to_string(),
            RosterField::LostContact => flag(member.lost_contact),
            RosterField::Floating => flag(member.floating),
            RosterField::Note => text(&member.note),
        }
    }
}
