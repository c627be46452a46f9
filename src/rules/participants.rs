//! Who a participant in an activity is: the one rule that turns a name (and
//! an ID or staff number, where given) into a member of the hospital's
//! roster, or into an outside volunteer named as such. The CLI, the app and
//! the volunteer-hours import all go through [`People::resolve`].
//!
//! A name that matches no member is never silently taken for an outside
//! volunteer: the caller must say so (身份 团员 / 群众志愿者), after the user
//! has confirmed it.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::error::{Error, Result};
use crate::id_number::mask_id_number;
use crate::store::{Member, Participant, ParticipantKind};

/// How a person is named where their part in an activity is recorded.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PersonNamed<'a> {
    /// 姓名 (may be empty when an ID or staff number is given).
    pub name: &'a str,
    /// 公民身份号码, where given.
    pub id_number: Option<&'a str>,
    /// 工号, where given.
    pub staff_no: Option<&'a str>,
    /// Who the person is said to be; `None` when nothing is said.
    pub kind: Option<ParticipantKind>,
}

/// The whole hospital's roster, indexed for finding people by number or name.
/// It borrows the members, or owns them (`People<'static>`, for an importer
/// that keeps the index while it reads a file).
pub struct People<'a> {
    members: Cow<'a, [Member]>,
    /// Indices into `members`, by upper-case ID number, staff number and name.
    by_id_number: HashMap<String, usize>,
    by_staff_no: HashMap<String, usize>,
    by_name: HashMap<String, Vec<usize>>,
}

impl<'a> People<'a> {
    /// Indexes `members` (every member, whatever their status: a member who
    /// has since left still served while here).
    pub fn new(members: impl Into<Cow<'a, [Member]>>) -> People<'a> {
        let members = members.into();
        let (mut by_id_number, mut by_staff_no) = (HashMap::new(), HashMap::new());
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (index, m) in members.iter().enumerate() {
            if let Some(id) = &m.id_number {
                by_id_number.insert(id.to_ascii_uppercase(), index);
            }
            if let Some(staff_no) = &m.staff_no {
                by_staff_no.insert(staff_no.clone(), index);
            }
            by_name.entry(m.name.clone()).or_default().push(index);
        }
        People { members, by_id_number, by_staff_no, by_name }
    }

    /// The participant `person` names, giving `hours`. An ID number, else a
    /// staff number, decides who a member is (the name, if given, must agree);
    /// else the name must belong to exactly one member. A person said to be a
    /// 团员 or 群众志愿者 is recorded as that, by name. `branch_name` names
    /// branches in the message that tells same-named members apart.
    pub fn resolve(
        &self,
        person: &PersonNamed,
        hours: f64,
        branch_name: impl Fn(i64) -> String,
    ) -> Result<Participant> {
        let name = person.name.trim();
        let outside = |kind: ParticipantKind| Participant { member_id: None, name: name.to_string(), hours, kind };
        if let Some(kind) = person.kind.filter(|k| *k != ParticipantKind::Member) {
            if name.is_empty() {
                return Err(Error::Invalid(format!("{}须填写姓名", kind.label())));
            }
            if let Some(member) = self.numbered(person) {
                return Err(Error::Invalid(format!(
                    "「{name}」注明为{}，但所填号码属于党员「{}」；党员请勿注明为院外志愿者，或核对号码",
                    kind.label(),
                    member.name
                )));
            }
            return Ok(outside(kind));
        }
        let member = if let Some(id) = person.id_number.map(str::trim).filter(|id| !id.is_empty()) {
            let member = self.by_id_number.get(&id.to_ascii_uppercase()).ok_or_else(|| {
                Error::NotFound(format!("身份证号 {} 不属于名册中的任何党员，请核对", mask_id_number(id)))
            })?;
            agreeing(&self.members[*member], name, "身份证号")?
        } else if let Some(staff_no) = person.staff_no.map(str::trim).filter(|s| !s.is_empty()) {
            let member = self
                .by_staff_no
                .get(staff_no)
                .ok_or_else(|| Error::NotFound(format!("工号 {staff_no} 不属于名册中的任何党员，请核对")))?;
            agreeing(&self.members[*member], name, "工号")?
        } else if name.is_empty() {
            return Err(Error::Invalid("缺少姓名".into()));
        } else {
            let same_name = self.by_name.get(name).map(Vec::as_slice).unwrap_or_default();
            if same_name.is_empty() {
                return Err(Error::NotFound(format!(
                    "「{name}」不在党员名册中；若是院外志愿者，请注明身份（团员或群众志愿者）"
                )));
            }
            super::roster::member_named(same_name.iter().map(|i| &self.members[*i]), name, branch_name, "全院")?
        };
        Ok(Participant { member_id: Some(member.id), name: member.name.clone(), hours, kind: ParticipantKind::Member })
    }
}

impl People<'_> {
    /// The member the ID number, else the staff number, of `person` belongs to.
    fn numbered(&self, person: &PersonNamed) -> Option<&Member> {
        let id = person.id_number.map(str::trim).filter(|id| !id.is_empty());
        let staff_no = person.staff_no.map(str::trim).filter(|s| !s.is_empty());
        let index = match (id, staff_no) {
            (Some(id), _) => self.by_id_number.get(&id.to_ascii_uppercase()),
            (None, Some(staff_no)) => self.by_staff_no.get(staff_no),
            (None, None) => None,
        };
        index.map(|i| &self.members[*i])
    }
}

/// The member found by a number, unless the name given with it is someone else's.
fn agreeing<'m>(member: &'m Member, name: &str, by: &str) -> Result<&'m Member> {
    if name.is_empty() || name == member.name {
        Ok(member)
    } else {
        Err(Error::Invalid(format!("{by}属于「{}」，与姓名「{name}」不符，请核对", member.name)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn members() -> Vec<Member> {
        let mut wang = Member::new("王喆", 1);
        wang.id = 1;
        wang.id_number = Some("11010519491231002X".into());
        wang.staff_no = Some("H0001".into());
        let mut li_a = Member::new("李堃", 1);
        li_a.id = 2;
        let mut li_b = Member::new("李堃", 2);
        li_b.id = 3;
        vec![wang, li_a, li_b]
    }

    fn branch(id: i64) -> String {
        format!("第{id}支部")
    }

    #[test]
    fn numbers_decide_and_names_must_agree() {
        let all = members();
        let people = People::new(&all);
        let by_id = PersonNamed { id_number: Some("11010519491231002x"), ..Default::default() };
        assert_eq!(people.resolve(&by_id, 2.0, branch).unwrap().member_id, Some(1));
        let by_staff = PersonNamed { name: "王喆", staff_no: Some("H0001"), ..Default::default() };
        let found = people.resolve(&by_staff, 1.5, branch).unwrap();
        assert_eq!((found.member_id, found.kind, found.hours), (Some(1), ParticipantKind::Member, 1.5));
        let wrong = PersonNamed { name: "李堃", staff_no: Some("H0001"), ..Default::default() };
        let error = people.resolve(&wrong, 1.0, branch).unwrap_err().to_string();
        assert!(error.contains("工号属于「王喆」"), "{error}");
    }

    #[test]
    fn an_ambiguous_name_names_each_candidate() {
        let all = members();
        let error = People::new(&all).resolve(&PersonNamed { name: "李堃", ..Default::default() }, 1.0, branch);
        let error = error.unwrap_err().to_string();
        assert!(error.contains("编号 2，第1支部") && error.contains("编号 3，第2支部"), "{error}");
    }

    #[test]
    fn an_unknown_name_is_never_silently_an_outside_volunteer() {
        let all = members();
        let people = People::new(&all);
        let error = people.resolve(&PersonNamed { name: "林晓", ..Default::default() }, 3.0, branch).unwrap_err();
        assert!(error.to_string().contains("请注明身份"), "{error}");
        let said = PersonNamed { name: "林晓", kind: Some(ParticipantKind::LeagueMember), ..Default::default() };
        let volunteer = people.resolve(&said, 3.0, branch).unwrap();
        assert_eq!((volunteer.member_id, volunteer.kind), (None, ParticipantKind::LeagueMember));
        let numbered = PersonNamed { staff_no: Some("H0001"), ..said };
        let error = people.resolve(&numbered, 3.0, branch).unwrap_err().to_string();
        assert!(
            error.contains("所填号码属于党员「王喆」"),
            "a member's number is never an outside volunteer's: {error}"
        );
    }
}
