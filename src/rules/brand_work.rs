//! The doors from the store to the counting rules of brand work
//! ([`super::counting`]) and to [`People::resolve`]: each loads what a rule
//! needs and calls it, so the CLI, the app and the reports share one answer.

use serde::Serialize;
use ts_rs::TS;

use super::counting::{self, BrandFigures, PersonService, TargetProgress};
use super::participants::{People, PersonNamed};
use super::roster::Roster;
use crate::error::{Error, Result};
use crate::store::{
    Activity, Attachment, AttachmentOwner, Branch, Brand, Honor, Member, Pairing, Participant, Partner, Store,
};

/// A brand's page: its story, figures and progress.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct BrandStory {
    /// The brand, with versions and targets.
    pub brand: Brand,
    /// Its branch's name.
    pub branch: String,
    /// Its logo and other images.
    pub attachments: Vec<Attachment>,
    /// The year shown.
    pub year: i32,
    /// The figures of that year.
    pub figures: BrandFigures,
    /// Progress on that year's targets.
    pub progress: Vec<TargetProgress>,
    /// Its activities, newest first (all years).
    pub activities: Vec<Activity>,
    /// Its branch's pairings, with the partners' names.
    pub pairings: Vec<PairingView>,
    /// Honors to the brand or its branch, newest first.
    pub honors: Vec<Honor>,
}

/// A pairing with its partner's name and the activities the branch held with
/// that partner during the agreement's term.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PairingView {
    /// The agreement.
    pub pairing: Pairing,
    /// The branch's name.
    pub branch: String,
    /// The partner's name.
    pub partner: String,
    /// Activities the branch organised with the partner within the term, newest first.
    pub activities: Vec<Activity>,
}

/// An honor with the branch it counts for (see [`counting::honor_branch`]).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct HonorView {
    /// The honor.
    pub honor: Honor,
    /// The branch it counts for; `None` for the committee's own.
    pub counts_for: Option<i64>,
}

impl Store {
    /// Every honor, by date, with the branch each counts for.
    pub fn honor_views(&self) -> Result<Vec<HonorView>> {
        let brands: Vec<Brand> = self.list()?;
        let histories = self.roster_history()?;
        let roster = Roster::new(&histories);
        Ok(self
            .list::<Honor>()?
            .into_iter()
            .map(|honor| HonorView { counts_for: counting::honor_branch(&honor, &brands, &roster), honor })
            .collect())
    }

    /// The volunteer record of every person in `year` (all years when `None`).
    pub fn people_service(&self, year: Option<i32>) -> Result<Vec<PersonService>> {
        let activities = self.activities_of(year, None)?;
        let histories = self.roster_history()?;
        Ok(counting::people_service(&activities, &Roster::new(&histories)))
    }

    /// Progress on every brand's targets for `year`, brand by brand.
    pub fn target_progress(&self, year: i32) -> Result<Vec<TargetProgress>> {
        let brands: Vec<Brand> = self.list()?;
        let activities = self.activities_in_year(year)?;
        let histories = self.roster_history()?;
        let roster = Roster::new(&histories);
        let rolls_on = counting::rolls_day(year, self.today());
        Ok(brands.iter().flat_map(|b| counting::target_progress(b, year, &activities, &roster, rolls_on)).collect())
    }

    /// A brand's page for `year`.
    pub fn brand_story(&self, brand_id: i64, year: i32) -> Result<BrandStory> {
        let brand: Brand = self.get(brand_id)?;
        let branch: Branch = self.get(brand.branch_id)?;
        let histories = self.roster_history()?;
        let roster = Roster::new(&histories);
        let rolls_on = counting::rolls_day(year, self.today());
        let of_year = self.activities_in_year(year)?;
        let mut activities = self.activities_of_brand(brand.id)?;
        activities.reverse();
        let mut honors: Vec<Honor> = self
            .list::<Honor>()?
            .into_iter()
            .filter(|h| h.brand_id == Some(brand.id) || h.branch_id == Some(brand.branch_id))
            .collect();
        honors.reverse();
        Ok(BrandStory {
            figures: counting::brand_figures(&brand, &of_year, &roster, rolls_on),
            progress: counting::target_progress(&brand, year, &of_year, &roster, rolls_on),
            attachments: self.attachments_of(AttachmentOwner::Brand, brand.id)?,
            pairings: self.pairings(Some(brand.branch_id))?,
            branch: branch.name,
            year,
            activities,
            honors,
            brand,
        })
    }

    /// The pairings (of one branch, or all) with partner names and joint activities.
    pub fn pairings(&self, branch_id: Option<i64>) -> Result<Vec<PairingView>> {
        let partners: Vec<Partner> = self.list()?;
        let activities = self.activities_with_partners_of(branch_id)?;
        let branch_name = self.branch_names()?;
        let pairings: Vec<Pairing> =
            self.list::<Pairing>()?.into_iter().filter(|p| branch_id.is_none_or(|b| p.branch_id == b)).collect();
        Ok(pairings
            .into_iter()
            .map(|pairing| PairingView {
                branch: branch_name(pairing.branch_id),
                partner: partners
                    .iter()
                    .find(|p| p.id == pairing.partner_id)
                    .map(|p| p.name.clone())
                    .unwrap_or_default(),
                activities: activities
                    .iter()
                    .rev()
                    .filter(|a| {
                        a.partner_id == Some(pairing.partner_id)
                            && a.organised_by(pairing.branch_id)
                            && pairing.covers(a.date)
                    })
                    .cloned()
                    .collect(),
                pairing,
            })
            .collect())
    }

    /// The participant `person` names (see [`People::resolve`]), giving `hours`.
    pub fn resolve_participant(&self, person: &PersonNamed, hours: f64) -> Result<Participant> {
        let members: Vec<Member> = self.list()?;
        People::new(&members).resolve(person, hours, self.branch_names()?)
    }

    /// Resolves several people at once; every name that fails is reported
    /// together, one per line, so the user can fix them all in one go.
    pub fn resolve_participants(&self, people: &[(PersonNamed, f64)]) -> Result<Vec<Participant>> {
        let members: Vec<Member> = self.list()?;
        let index = People::new(&members);
        let branch_name = self.branch_names()?;
        let mut found = Vec::new();
        let mut problems = Vec::new();
        for (person, hours) in people {
            match index.resolve(person, *hours, &branch_name) {
                Ok(p) => found.push(p),
                Err(e) => problems.push(e.to_string()),
            }
        }
        if problems.is_empty() {
            Ok(found)
        } else {
            Err(Error::Invalid(problems.join("\n")))
        }
    }
}
