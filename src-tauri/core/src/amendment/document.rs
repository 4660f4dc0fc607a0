//! Everything a printed amendment shows (`ehr forms render amendment|additional-hsl|withdrawal` reads it
//! from a file).

use serde::{Deserialize, Serialize};

use super::changes::{AmendmentEffect, CHANGES_MAX, FieldChange, changes, effects};
use super::content::AmendmentContent;
use super::records::Amendment;
use crate::application::{ApplicationDraft, HslInput};
use crate::input::Bounded;
use crate::validation::CalendarDate;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AmendmentDocument {
    /// The amendment, with its content: the proposed form, the new locations, or the withdrawal's reason
    /// and date.
    pub amendment: Amendment,
    /// The HCP as registered.
    pub hcp_name_en: String,
    pub hcp_name_zh: String,
    /// The HCP's application reference.
    pub hcp_reference: String,
    /// For an HCP/HSL amendment, every field before → after, in the form's order; empty otherwise.
    pub changes: Vec<FieldChange>,
    pub effects: Vec<AmendmentEffect>,
}

impl AmendmentDocument {
    /// The document of `amendment` against the application as registered now.
    pub fn of(amendment: Amendment, registered: &ApplicationDraft) -> Self {
        let (changes, effects) = changes_and_effects(&amendment.content, registered);
        AmendmentDocument {
            hcp_name_en: registered.form.hcp_information.name_en.trim().to_owned(),
            hcp_name_zh: registered.form.hcp_information.name_zh.trim().to_owned(),
            hcp_reference: registered.reference.clone(),
            amendment,
            changes,
            effects,
        }
    }

    /// The new locations of an Additional HSL Form; none for the other forms.
    pub fn new_hsls(&self) -> &[HslInput] {
        match &self.amendment.content {
            AmendmentContent::AdditionalHsl { hsls } => hsls,
            _ => &[],
        }
    }

    /// The reason and effective date of a Withdrawal Request Form.
    pub fn withdrawal(&self) -> Option<(&str, Option<CalendarDate>)> {
        match &self.amendment.content {
            AmendmentContent::Withdrawal {
                reason,
                effective_date,
            } => Some((reason.trim(), *effective_date)),
            _ => None,
        }
    }
}

/// The change list and what it amounts to: an HCP/HSL amendment's against the registered form; an
/// additional HSL adds locations; a withdrawal changes no field.
pub fn changes_and_effects(
    content: &AmendmentContent,
    registered: &ApplicationDraft,
) -> (Vec<FieldChange>, Vec<AmendmentEffect>) {
    match content {
        AmendmentContent::HcpHsl { form } => (
            changes(&registered.form, form),
            effects(&registered.form, form),
        ),
        AmendmentContent::AdditionalHsl { .. } => (Vec::new(), vec![AmendmentEffect::HslAdded]),
        AmendmentContent::Withdrawal { .. } => (Vec::new(), Vec::new()),
    }
}

/// The amendment's bounds under `amendment.`, and at most every field of a form as changes.
impl Bounded for AmendmentDocument {
    fn list_max(path: &str) -> Option<usize> {
        match path {
            "changes" => Some(CHANGES_MAX),
            _ => Amendment::list_max(path.strip_prefix("amendment.")?),
        }
    }
}
