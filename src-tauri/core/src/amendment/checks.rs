//! What an amendment must be to be saved, and to be submitted. A draft is saved as typed unless it asks for
//! nothing (no change, no new location, a withdrawal dated in the past); submission needs every rule of the
//! application's own to hold.

use std::collections::HashMap;

use super::changes::changes;
use super::content::AmendmentContent;
use crate::application::{ApplicationDraft, ApplicationStatus, HslInput};
use crate::issue::{ErrorCode, Issue};
use crate::limits::{HSLS_MAX, REASON_MAX};
use crate::validation::{CalendarDate, IssueCollector, free_text};

/// The statuses of an application that may be amended: submitted to the Registration Office and not
/// refused, withdrawn or lapsed. A draft is changed directly instead.
pub const AMENDABLE: &[ApplicationStatus] = &[
    ApplicationStatus::Submitted,
    ApplicationStatus::Accepted,
    ApplicationStatus::TechnicalSetup,
    ApplicationStatus::Registered,
];

/// Refuses amending an application in `status`, with a coded issue.
pub fn check_amendable(status: ApplicationStatus) -> Result<(), Issue> {
    if AMENDABLE.contains(&status) {
        Ok(())
    } else {
        Err(Issue::new(ErrorCode::AmendmentNotAmendable).with("status", status))
    }
}

/// What refuses even a draft: an amendment that asks for nothing, or a withdrawal dated before `today`.
pub fn saving_issues(
    content: &AmendmentContent,
    registered: &ApplicationDraft,
    today: CalendarDate,
) -> Vec<Issue> {
    match content {
        AmendmentContent::HcpHsl { form } => {
            if changes(&registered.form, form).is_empty() {
                vec![Issue::new(ErrorCode::AmendmentNoChange)]
            } else {
                Vec::new()
            }
        }
        AmendmentContent::AdditionalHsl { hsls } => {
            if hsls.is_empty() {
                vec![Issue::new(ErrorCode::AmendmentNoNewHsl).at(HslInput::SECTION)]
            } else {
                Vec::new()
            }
        }
        AmendmentContent::Withdrawal { effective_date, .. } => match effective_date {
            Some(date) if *date < today => vec![
                Issue::new(ErrorCode::AmendmentEffectiveDatePast)
                    .at("effectiveDate")
                    .with("today", today),
            ],
            _ => Vec::new(),
        },
    }
}

/// Every issue that stands between the amendment and submission: the saving issues, then the form's own
/// rules (the proposed form, with the registered application's documents), each new location's, or the
/// withdrawal's reason and date.
pub fn submission_issues(
    content: &AmendmentContent,
    registered: &ApplicationDraft,
    today: CalendarDate,
) -> Vec<Issue> {
    let mut issues = saving_issues(content, registered, today);
    match content {
        AmendmentContent::HcpHsl { form } => issues.extend(form.issues(&registered.documents)),
        AmendmentContent::AdditionalHsl { hsls } => {
            issues.extend(new_hsl_issues(hsls, &registered.form.hsls));
        }
        AmendmentContent::Withdrawal {
            reason,
            effective_date,
        } => {
            let mut c = IssueCollector::new();
            c.required("reason", reason, |s| free_text(s, REASON_MAX));
            if effective_date.is_none() {
                c.push(Issue::new(ErrorCode::Required).at("effectiveDate"));
            }
            issues.extend(c.into_issues());
        }
    }
    issues
}

/// Each new location checked as an included one, none at the address of another new one or of one already
/// on the application, and all of them together within the application's limit.
fn new_hsl_issues(new: &[HslInput], registered: &[HslInput]) -> Vec<Issue> {
    let mut c = IssueCollector::new();
    let total = new.len() + registered.len();
    if total > HSLS_MAX {
        c.push(
            Issue::new(ErrorCode::AmendmentTooManyHsls)
                .at(HslInput::SECTION)
                .with("max", HSLS_MAX)
                .with("registered", registered.len()),
        );
    }
    let on_file: HashMap<String, usize> = registered
        .iter()
        .enumerate()
        .filter_map(|(index, hsl)| Some((hsl.address_key()?, index)))
        .collect();
    let mut first_seen: HashMap<String, usize> = HashMap::new();
    for (index, hsl) in new.iter().enumerate() {
        let included = HslInput {
            included: true,
            ..hsl.clone()
        };
        included.check(index, &mut c);
        let Some(key) = hsl.address_key() else {
            continue;
        };
        let at = format!("{}[{index}].addressLine1", HslInput::SECTION);
        if let Some(&other) = on_file.get(&key) {
            c.push(
                Issue::new(ErrorCode::AmendmentHslAlreadyRegistered)
                    .at(at)
                    .with("other", other + 1),
            );
        } else if let Some(&first) = first_seen.get(&key) {
            c.push(
                Issue::new(ErrorCode::DuplicateHslAddress)
                    .at(at)
                    .with("other", first + 1),
            );
        } else {
            first_seen.insert(key, index);
        }
    }
    c.into_issues()
}
