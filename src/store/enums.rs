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
    /// The kinds of activity under a brand.
    ActivityKind {
        /// 义诊
        FreeClinic = "义诊" ("义诊"),
        /// 健康宣教 / 科普
        HealthTalk = "健康宣教" ("健康宣教", "科普", "健康讲座"),
        /// 急救培训
        FirstAidTraining = "急救培训" ("急救培训"),
        /// 志愿服务
        VolunteerService = "志愿服务" ("志愿服务"),
        /// 走访慰问
        Visit = "走访慰问" ("走访慰问", "走访"),
        /// 联建活动
        JointEvent = "联建活动" ("联建活动", "共建活动"),
        /// 参观学习
        StudyVisit = "参观学习" ("参观学习"),
        /// 其他
        Other = "其他" ("其他"),
    }
}

text_enum! {
    /// What an attachment documents.
    AttachmentOwner {
        /// A meeting record.
        Meeting = "meeting" ("会议"),
        /// An activity.
        Activity = "activity" ("活动"),
        /// An honor.
        Honor = "honor" ("荣誉"),
    }
}
