//! The whole application form — its five steps — and the rules that span fields and steps.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{
    Attachment, Declarations, DocumentKind, HcpInformationInput, HslInput, UserInformationInput,
};
use crate::coded::coded_enum;
use crate::input::Bounded;
use crate::issue::{ErrorCode, Issue};
use crate::limits::{ADMINISTRATORS_MAX, HSLS_MAX};
use crate::validation::IssueCollector;

coded_enum! {
    /// The five steps of the form, in order.
    pub enum Step {
        HcpInformation = "hcpInformation",
        UserInformation = "userInformation",
        Hsls = "hsls",
        Documents = "documents",
        Review = "review",
    }
}

impl Step {
    /// The step a field path belongs to (`hsls[1].district` → HSLs), so a list of issues can link to fields.
    pub fn of_field(path: &str) -> Step {
        let head = path.split(['.', '[']).next().unwrap_or_default();
        match head {
            "hcpInformation" => Step::HcpInformation,
            "userInformation" => Step::UserInformation,
            "hsls" => Step::Hsls,
            "documents" => Step::Documents,
            _ => Step::Review,
        }
    }
}

/// Everything typed into the form, valid or not. Attached documents are kept beside it (see [`Attachment`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct ApplicationForm {
    pub hcp_information: HcpInformationInput,
    pub user_information: UserInformationInput,
    pub hsls: Vec<HslInput>,
    pub declarations: Declarations,
}

impl Default for ApplicationForm {
    fn default() -> Self {
        // A new form offers one location to fill in.
        ApplicationForm {
            hcp_information: HcpInformationInput::default(),
            user_information: UserInformationInput::default(),
            hsls: vec![HslInput::default()],
            declarations: Declarations::default(),
        }
    }
}

impl ApplicationForm {
    /// Every issue that stands between this form (with these documents) and submission, in step order.
    pub fn issues(&self, documents: &[Attachment]) -> Vec<Issue> {
        let mut issues = self.hcp_information.issues();
        let mut c = IssueCollector::new();
        self.user_information.check(&mut c);
        if self.user_information.administrators.is_empty() {
            c.push(
                Issue::new(ErrorCode::NoUserAdministrator)
                    .at(format!("{}.administrators", UserInformationInput::SECTION)),
            );
        }
        duplicate_hkids(&self.user_information, &mut c);
        for (index, hsl) in self.hsls.iter().enumerate() {
            hsl.check(index, &mut c);
        }
        if !self.hsls.iter().any(|hsl| hsl.included) {
            c.push(Issue::new(ErrorCode::NoIncludedHsl).at(HslInput::SECTION));
        }
        duplicate_addresses(&self.hsls, &mut c);
        issues.extend(c.into_issues());
        issues.extend(missing_documents(documents));
        issues.extend(self.declarations.issues());
        issues
    }

    /// Which steps differ between two versions of the form, for the history.
    pub fn changed_steps(&self, other: &ApplicationForm) -> Vec<Step> {
        let mut steps = Vec::new();
        if self.hcp_information != other.hcp_information {
            steps.push(Step::HcpInformation);
        }
        if self.user_information != other.user_information {
            steps.push(Step::UserInformation);
        }
        if self.hsls != other.hsls {
            steps.push(Step::Hsls);
        }
        if self.declarations != other.declarations {
            steps.push(Step::Review);
        }
        steps
    }

    pub fn title(&self) -> String {
        self.hcp_information.title()
    }
}

impl Bounded for ApplicationForm {
    fn list_max(path: &str) -> Option<usize> {
        match path {
            "hsls" => Some(HSLS_MAX),
            "userInformation.administrators" => Some(ADMINISTRATORS_MAX),
            _ => None,
        }
    }
}

/// No person's HKID number may appear twice: each person on the form is a different person.
fn duplicate_hkids(users: &UserInformationInput, c: &mut IssueCollector) {
    let mut first_seen: HashMap<String, String> = HashMap::new();
    for (path, hkid) in users.hkids() {
        match first_seen.get(hkid.as_str()) {
            Some(first) => c.push(
                Issue::new(ErrorCode::DuplicateHkid)
                    .at(path)
                    .with("other", first),
            ),
            None => {
                first_seen.insert(hkid.as_str().to_owned(), path);
            }
        }
    }
}

/// Two locations at the same address are one location entered twice.
fn duplicate_addresses(hsls: &[HslInput], c: &mut IssueCollector) {
    let mut first_seen: HashMap<String, usize> = HashMap::new();
    for (index, hsl) in hsls.iter().enumerate() {
        let Some(key) = hsl.address_key() else {
            continue;
        };
        match first_seen.get(&key) {
            Some(&first) => c.push(
                Issue::new(ErrorCode::DuplicateHslAddress)
                    .at(format!("{}[{index}].addressLine1", HslInput::SECTION))
                    .with("other", first + 1),
            ),
            None => {
                first_seen.insert(key, index);
            }
        }
    }
}

fn missing_documents(documents: &[Attachment]) -> Vec<Issue> {
    DocumentKind::REQUIRED
        .iter()
        .filter(|kind| !documents.iter().any(|d| d.kind == **kind))
        .map(|kind| {
            Issue::new(ErrorCode::DocumentMissing)
                .at(format!("documents.{}", kind.code()))
                .with("kind", kind)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::application::sample::application_form;
    use crate::application::{MediaType, PersonInput};
    use crate::time::Timestamp;

    fn br_certificate() -> Attachment {
        crate::application::describe_attachment(
            DocumentKind::BusinessRegistrationCertificate,
            "br.pdf",
            b"%PDF-1.4 certificate",
            Timestamp::from_millis(0),
        )
        .unwrap()
    }

    fn codes(form: &ApplicationForm, documents: &[Attachment]) -> Vec<(ErrorCode, String)> {
        form.issues(documents)
            .into_iter()
            .map(|i| (i.code, i.field.unwrap_or_default()))
            .collect()
    }

    #[test]
    fn the_sample_is_complete() {
        let documents = [br_certificate()];
        assert_eq!(documents[0].media_type, MediaType::Pdf);
        assert_eq!(codes(&application_form(), &documents), []);
    }

    #[test]
    fn a_required_document_and_the_declarations_are_checked() {
        let mut form = application_form();
        form.declarations.code_of_practice = false;
        assert_eq!(
            codes(&form, &[]),
            [
                (
                    ErrorCode::DocumentMissing,
                    "documents.business_registration_certificate".into()
                ),
                (
                    ErrorCode::DeclarationMissing,
                    "declarations.codeOfPractice".into()
                ),
            ]
        );
    }

    #[test]
    fn at_least_one_administrator_and_one_included_location() {
        let mut form = application_form();
        form.user_information.administrators.clear();
        for hsl in &mut form.hsls {
            hsl.included = false;
        }
        let found = codes(&form, &[br_certificate()]);
        assert!(found.contains(&(
            ErrorCode::NoUserAdministrator,
            "userInformation.administrators".into()
        )));
        assert!(found.contains(&(ErrorCode::NoIncludedHsl, "hsls".into())));
    }

    #[test]
    fn excluded_locations_need_only_name_and_address() {
        let mut form = application_form();
        let excluded = &mut form.hsls[1];
        excluded.phone.clear();
        excluded.opening_hours.clear();
        excluded.hcp_type.clear();
        excluded.record_system.clear();
        assert_eq!(codes(&form, &[br_certificate()]), []);
        form.hsls[1].included = true;
        let fields: Vec<String> = codes(&form, &[br_certificate()])
            .into_iter()
            .map(|(_, f)| f)
            .collect();
        assert_eq!(
            fields,
            [
                "hsls[1].phone",
                "hsls[1].openingHours",
                "hsls[1].hcpType",
                "hsls[1].recordSystem"
            ]
        );
    }

    #[test]
    fn another_vendors_system_needs_its_name() {
        let mut form = application_form();
        form.hsls[0].record_system = "other_vendor".into();
        assert_eq!(
            codes(&form, &[br_certificate()]),
            [(ErrorCode::Required, "hsls[0].recordSystemVendor".into())]
        );
    }

    #[test]
    fn fields_belong_to_steps() {
        assert_eq!(
            Step::of_field("hcpInformation.brNumber"),
            Step::HcpInformation
        );
        assert_eq!(
            Step::of_field("userInformation.administrators[1].hkid"),
            Step::UserInformation
        );
        assert_eq!(Step::of_field("hsls[0].district"), Step::Hsls);
        assert_eq!(Step::of_field("hsls"), Step::Hsls);
        assert_eq!(
            Step::of_field("documents.business_registration_certificate"),
            Step::Documents
        );
        assert_eq!(Step::of_field("declarations.ordinance"), Step::Review);
    }

    #[test]
    fn changed_steps_name_what_differs() {
        let before = application_form();
        let mut after = before.clone();
        assert_eq!(after.changed_steps(&before), []);
        after.hsls[1].included = true;
        after.declarations.ordinance = false;
        assert_eq!(after.changed_steps(&before), [Step::Hsls, Step::Review]);
    }

    /// Valid HKIDs for the property tests, from the examples the algorithm is known by.
    const HKIDS: [&str; 4] = ["A123456(3)", "CA182361(1)", "Z437626(A)", "L555555(0)"];

    fn people(hkids: &[usize]) -> Vec<PersonInput> {
        let template = application_form().user_information.administrators[0].clone();
        hkids
            .iter()
            .map(|&i| PersonInput {
                hkid: HKIDS[i].to_lowercase().replace(['(', ')'], ""),
                ..template.clone()
            })
            .collect()
    }

    proptest! {
        #[test]
        fn a_repeated_hkid_is_reported_exactly_once_per_repeat(choice in prop::collection::vec(0usize..4, 1..6)) {
            let mut form = application_form();
            form.user_information.administrators = people(&choice);
            form.user_information.authorised_person.hkid.clear();
            let distinct = choice.iter().collect::<std::collections::HashSet<_>>().len();
            let repeats = form.issues(&[br_certificate()]).iter().filter(|i| i.code == ErrorCode::DuplicateHkid).count();
            prop_assert_eq!(repeats, choice.len() - distinct);
        }

        #[test]
        fn a_location_entered_twice_is_reported_on_the_second(
            index in 0usize..2,
            insert_at in 0usize..3,
            shout in any::<bool>(),
        ) {
            let mut form = application_form();
            let mut copy = form.hsls[index].clone();
            if shout {
                // The same address, typed differently, is still the same address.
                copy.address_line1 = format!("  {} ", copy.address_line1.to_uppercase().replace(',', ""));
            }
            form.hsls.insert(insert_at, copy);
            let found: Vec<Issue> = form.issues(&[br_certificate()]).into_iter()
                .filter(|i| i.code == ErrorCode::DuplicateHslAddress).collect();
            prop_assert_eq!(found.len(), 1);
            let field = found[0].field.clone().unwrap_or_default();
            let later: usize = field.trim_start_matches("hsls[").split(']').next().unwrap().parse().unwrap();
            let first = found[0].params["other"].parse::<usize>().unwrap() - 1; // "other" counts from 1
            prop_assert!(later > first, "{} blamed, first at {}", field, first);
            prop_assert_eq!(form.hsls[later].address_key(), form.hsls[first].address_key());
        }

        #[test]
        fn no_included_location_is_reported_iff_none_is_included(included in prop::collection::vec(any::<bool>(), 0..5)) {
            let mut form = application_form();
            let template = form.hsls[0].clone();
            form.hsls = included.iter().enumerate().map(|(i, &inc)| HslInput {
                address_line1: format!("Shop {i}, G/F"),
                included: inc,
                ..template.clone()
            }).collect();
            let reported = form.issues(&[br_certificate()]).iter().any(|i| i.code == ErrorCode::NoIncludedHsl);
            prop_assert_eq!(reported, !included.contains(&true));
        }
    }
}
