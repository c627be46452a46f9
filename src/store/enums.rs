//! The closed lists of values (gender, member category, meeting kinds, …).
//!
//! Each is stored and exchanged as its text: Chinese where users read and
//! type the value itself (男, 正式党员), a stable English code where the value
//! has a longer Chinese name (meeting kinds). `parse` also accepts the common
//! variants users type.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Defines a closed list stored as text: `Variant = "text" ("中文名", ["alias", …])`.
macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal ($label:literal $(, $alias:literal)*)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
        #[ts(export)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant,)+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored text.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text,)+ }
            }

            /// The Chinese name shown to users.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }

            /// Reads the stored text, the Chinese name or a common variant.
            pub fn parse(text: &str) -> Option<$name> {
                let text = text.trim();
                $(
                    if text == $text || text == $label $(|| text == $alias)* {
                        return Some($name::$variant);
                    }
                )+
                None
            }

            /// The accepted spellings, for error messages.
            pub fn choices() -> String {
                $name::ALL.iter().map(|v| v.label()).collect::<Vec<_>>().join("、")
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                $name::parse(text).ok_or_else(|| {
                    rusqlite::types::FromSqlError::Other(format!("unknown {} «{text}»", stringify!($name)).into())
                })
            }
        }
    };
}

pub(crate) use text_enum;

text_enum! {
    /// 性别.
    Gender {
        /// 男
        Male = "男" ("男", "男性", "M"),
        /// 女
        Female = "女" ("女", "女性", "F"),
    }
}

text_enum! {
    /// 人员类别: full or probationary member.
    Category {
        /// 正式党员
        Full = "正式党员" ("正式党员", "正式"),
        /// 预备党员
        Probationary = "预备党员" ("预备党员", "预备"),
    }
}

text_enum! {
    /// 党籍状态: whether the member is on the rolls.
    MemberStatus {
        /// 在册: an active member of the branch.
        Active = "在册" ("在册", "正常"),
        /// 转出: transferred out of the hospital.
        TransferredOut = "转出" ("转出", "已转出"),
        /// 停止党籍.
        Suspended = "停止党籍" ("停止党籍"),
        /// 去世.
        Deceased = "去世" ("去世", "死亡", "已故"),
    }
}

text_enum! {
    /// The kinds of organisational life (组织生活) a branch must hold.
    MeetingKind {
        /// 支部党员大会: all members; quarterly.
        GeneralMeeting = "general_meeting" ("支部党员大会", "党员大会"),
        /// 支部委员会会议: the branch committee; monthly.
        CommitteeMeeting = "committee_meeting" ("支部委员会会议", "支委会"),
        /// 党小组会: one party group; monthly.
        GroupMeeting = "group_meeting" ("党小组会"),
        /// 党课.
        PartyLesson = "party_lesson" ("党课"),
        /// 主题党日: monthly.
        ThemeDay = "theme_day" ("主题党日"),
        /// 组织生活会: yearly.
        OrgLifeMeeting = "org_life_meeting" ("组织生活会"),
        /// 民主评议党员: yearly.
        DemocraticReview = "democratic_review" ("民主评议党员", "民主评议"),
        /// 谈心谈话.
        Talk = "talk" ("谈心谈话"),
    }
}

text_enum! {
    /// Whether an expected attendee came.
    AttendanceStatus {
        /// 出席.
        Present = "present" ("出席", "实到", "到会"),
        /// 请假: absent with a reason given in advance.
        Excused = "excused" ("请假"),
        /// 缺席.
        Absent = "absent" ("缺席"),
    }
}

text_enum! {
    /// The level of an honor.
    HonorLevel {
        /// 国家级
        National = "国家级" ("国家级"),
        /// 省部级
        Provincial = "省部级" ("省部级", "省级"),
        /// 市级
        City = "市级" ("市级"),
        /// 区级
        District = "区级" ("区级", "县级", "区县级"),
        /// 院级
        Hospital = "院级" ("院级"),
    }
}

text_enum! {
    /// How far a suggestion has been handled.
    SuggestionStatus {
        /// 待办理
        Open = "待办理" ("待办理", "待处理"),
        /// 办理中
        InProgress = "办理中" ("办理中", "处理中"),
        /// 已办结
        Done = "已办结" ("已办结", "已处理", "已完成"),
    }
}

text_enum! {
    /// Whether a unit is a branch or a general branch with branches under it.
    BranchKind {
        /// 党支部: the basic unit.
        Branch = "branch" ("党支部", "支部"),
        /// 党总支: has branches under it.
        GeneralBranch = "general_branch" ("党总支", "总支"),
    }
}

text_enum! {
    /// Who a participant in an activity is: a member of the hospital's Party
    /// organisation, or someone from outside it named as such.
    ParticipantKind {
        /// 党员: a member on the hospital's roster.
        Member = "member" ("党员", "中共党员"),
        /// 团员: a Communist Youth League member (not on the Party roster).
        LeagueMember = "league_member" ("团员", "共青团员"),
        /// 群众志愿者: any other volunteer.
        Volunteer = "volunteer" ("群众志愿者", "群众", "志愿者"),
    }
}

text_enum! {
    /// What kind of organisation a partner (联建单位) is.
    PartnerKind {
        /// 村 (村委、村党总支).
        Village = "village" ("村", "村委", "村委会"),
        /// 社区.
        Community = "community" ("社区", "街道"),
        /// 学校.
        School = "school" ("学校", "中学", "小学", "幼儿园"),
        /// 企业.
        Firm = "firm" ("企业", "公司"),
        /// 银行.
        Bank = "bank" ("银行"),
        /// 机关 (government office).
        Government = "government" ("机关", "政府机关", "机关单位"),
        /// 医院 (卫生院、医疗机构).
        Hospital = "hospital" ("医院", "卫生院", "医疗机构"),
        /// 其他.
        Other = "other" ("其他"),
    }
}

text_enum! {
    /// What a brand's yearly target measures.
    TargetMeasure {
        /// 活动次数 (of one kind, such as 义诊, when the target names one).
        Activities = "activities" ("活动次数", "活动"),
        /// 服务人次.
        PeopleServed = "people_served" ("服务人次"),
        /// 志愿服务时长 (hours).
        VolunteerHours = "volunteer_hours" ("志愿服务时长", "服务时长", "志愿时长"),
        /// 党员参与率 (percent of the branch's members on the rolls).
        ParticipationRate = "participation_rate" ("党员参与率", "参与率"),
    }
}

text_enum! {
    /// What an attachment documents.
    AttachmentOwner {
        /// A meeting record.
        Meeting = "meeting" ("会议"),
        /// An activity.
        Activity = "activity" ("活动"),
        /// An honor (the certificate's scan).
        Honor = "honor" ("荣誉"),
        /// A brand (its logo).
        Brand = "brand" ("品牌"),
    }
}

text_enum! {
    /// A seat on a branch committee (支部委员会).
    CommitteeRole {
        /// 书记.
        Secretary = "secretary" ("书记", "支部书记"),
        /// 副书记.
        DeputySecretary = "deputy_secretary" ("副书记"),
        /// 委员 (组织委员, 宣传委员, 纪检委员…; the duty is kept beside the role).
        Member = "member" ("委员", "支委", "组织委员", "宣传委员", "纪检委员"),
    }
}

text_enum! {
    /// How often an obligation falls due.
    Frequency {
        /// Each calendar month.
        Month = "month" ("每月", "月"),
        /// Each quarter (Q1 = January–March).
        Quarter = "quarter" ("每季度", "季度"),
        /// Each half-year (H1 = January–June).
        HalfYear = "half_year" ("每半年", "半年"),
        /// Each calendar year.
        Year = "year" ("每年", "年"),
    }
}

text_enum! {
    /// Who an obligation binds inside a branch.
    ObligationScope {
        /// The branch as a whole.
        Branch = "branch" ("每个支部", "支部"),
        /// Each party group of the branch (branches without groups owe nothing).
        Group = "group" ("每个党小组", "党小组"),
        /// Each member of the branch committee (e.g. a yearly heart-to-heart talk).
        CommitteeMember = "committee_member" ("每名支委", "支委"),
        /// The branch secretary in person (the secretary's yearly party lesson).
        Secretary = "secretary" ("支部书记本人", "书记"),
    }
}

text_enum! {
    /// Where a branch stands on one obligation in one period.
    ComplianceStatus {
        /// Held as required.
        Done = "done" ("已完成"),
        /// The period is not over and it is not yet held.
        Due = "due" ("待完成"),
        /// The period is over and it was not held as required.
        Overdue = "overdue" ("逾期未完成"),
        /// The obligation does not bind the branch (or group) in this period.
        NotApplicable = "n/a" ("不适用"),
    }
}

text_enum! {
    /// What an inspector would fault in a meeting record.
    FindingKind {
        /// No start time.
        MissingTime = "missing_time" ("未记录开始时间"),
        /// No place.
        MissingPlace = "missing_place" ("未记录地点"),
        /// No chair (主持人).
        MissingChair = "missing_chair" ("未记录主持人"),
        /// No recorder (记录人).
        MissingRecorder = "missing_recorder" ("未记录记录人"),
        /// No account of what was said.
        MissingContent = "missing_content" ("未记录会议内容"),
        /// Nobody listed as expected.
        MissingAttendance = "missing_attendance" ("未登记应到人员"),
        /// Someone on the roll of the day left out of the attendance.
        MissingAttendees = "missing_attendees" ("应到人员未全部登记"),
        /// Someone away with no reason recorded.
        AbsentWithoutReason = "absent_without_reason" ("缺席未注明理由"),
        /// A party lesson without its lecturer.
        MissingLecturer = "missing_lecturer" ("党课未记录授课人"),
        /// A vote at a general meeting without more than half of the voting members present.
        VoteWithoutQuorum = "vote_without_quorum" ("表决时有表决权的党员未过半数"),
        /// A committee meeting without more than half of the committee present.
        CommitteeWithoutQuorum = "committee_without_quorum" ("支委会到会未过半数"),
    }
}

text_enum! {
    /// The kinds of item on the to-do list, most urgent first.
    ReminderKind {
        /// An obligation whose period is over and that was not held.
        Overdue = "overdue" ("逾期未开展"),
        /// A probationary member whose probation has ended without 转正.
        ProbationOverdue = "probation_overdue" ("预备期已满未转正"),
        /// No org life attended in the last 6 months (Party Constitution art. 9).
        LapseAlarm = "lapse_alarm" ("连续6个月未参加组织生活"),
        /// An obligation due by the end of this month.
        Due = "due" ("本月待开展"),
        /// A probationary member whose 转正 falls due within 30 days.
        ProbationDue = "probation_due" ("预备期即将届满"),
        /// No org life attended in the last 3 months.
        LapseWarning = "lapse_warning" ("连续3个月未参加组织生活"),
        /// A suggestion past its due date and not yet 已办结.
        SuggestionOverdue = "suggestion_overdue" ("意见建议逾期未办结"),
        /// A meeting record an inspector would fault.
        IncompleteRecord = "incomplete_record" ("会议记录不完整"),
        /// A member's 入党纪念日 falls this month.
        Anniversary = "anniversary" ("本月入党纪念日"),
    }
}

/// Writes the Chinese labels of every closed list as TypeScript constants
/// (`MEETING_KIND_LABELS`, …), each `Record<Type, string>` in display order,
/// the error codes and the suggested suggestion sources, so the UI never
/// copies a label or a code by hand. `cargo test` writes the result to `ui/src/generated/labels.ts`
/// beside ts-rs's types.
pub fn typescript_labels() -> String {
    use crate::backups::BackupReason;
    use crate::import::{HoursField, RosterField};
    use crate::report::ReportKind;
    fn constant(name: &str) -> String {
        let mut out = String::new();
        for (i, c) in name.chars().enumerate() {
            if c.is_uppercase() && i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_uppercase());
        }
        out + "_LABELS"
    }
    macro_rules! labels {
        ($($name:ident),+) => {{
            let mut ts = String::from(
                "// This file was generated from the Rust enums (store/enums.rs, typescript_labels). Do not edit this file manually.\n",
            );
            $(
                ts.push_str(&format!("import type {{ {} }} from './{}'\n", stringify!($name), stringify!($name)));
            )+
            ts.push_str("import type { ErrorCode } from './ErrorCode'\n");
            $(
                ts.push_str(&format!(
                    "\n/** The Chinese name of each {}, in display order. */\nexport const {}: Record<{}, string> = {{\n",
                    stringify!($name),
                    constant(stringify!($name)),
                    stringify!($name)
                ));
                for value in $name::ALL {
                    ts.push_str(&format!("  {:?}: {:?},\n", value.as_str(), value.label()));
                }
                ts.push_str("}\n");
            )+
            ts
        }};
    }
    let mut ts = labels!(
        Gender,
        Category,
        MemberStatus,
        MeetingKind,
        AttendanceStatus,
        HonorLevel,
        SuggestionStatus,
        BranchKind,
        ParticipantKind,
        PartnerKind,
        TargetMeasure,
        AttachmentOwner,
        CommitteeRole,
        Frequency,
        ObligationScope,
        ComplianceStatus,
        FindingKind,
        ReminderKind,
        RosterField,
        HoursField,
        ReportKind,
        BackupReason
    );
    let codes: Vec<String> = crate::error::ErrorCode::ALL.iter().map(|c| serde_json::json!(c).to_string()).collect();
    ts.push_str(&format!(
        "\n/** Every code a command rejects with. */\nexport const ERROR_CODES: readonly ErrorCode[] = [{}]\n",
        codes.join(", ")
    ));
    ts.push_str(&format!(
        "\n/** The usual sources of a suggestion (any other text is accepted too). */\nexport const SUGGESTION_SOURCES: readonly string[] = {:?}\n",
        super::suggestions::SUGGESTION_SOURCES
    ));
    ts
}

#[cfg(test)]
mod tests {
    #[test]
    fn export_typescript_labels() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/generated");
        std::fs::write(dir.join("labels.ts"), super::typescript_labels()).expect("ui/src/generated is writable");
    }
}
