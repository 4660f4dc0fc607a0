#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

use super::sample::{
    administrator_replaced, new_administrator, new_hsl, sample_amendment_document, sample_content,
};
use super::*;
use crate::application::sample::{application_form, submitted_application};
use crate::application::{ApplicationDraft, ApplicationForm, ApplicationStatus, HslInput, Step};
use crate::auth::{Permission, Role, permissions_of};
use crate::input::decode;
use crate::issue::ErrorCode;
use crate::validation::CalendarDate;

fn day(iso: &str) -> CalendarDate {
    CalendarDate::parse_iso(iso).unwrap()
}

const TODAY: &str = "2026-12-01";

fn registered() -> ApplicationDraft {
    let mut draft = submitted_application();
    draft.status = ApplicationStatus::Registered;
    draft
}

fn paths(changes: &[FieldChange]) -> Vec<String> {
    changes.iter().map(|c| c.path.clone()).collect()
}

fn codes(issues: &[crate::Issue]) -> Vec<(ErrorCode, String)> {
    issues
        .iter()
        .map(|i| (i.code, i.field.clone().unwrap_or_default()))
        .collect()
}

#[test]
fn an_amendment_moves_forward_only() {
    use AmendmentStatus::*;
    assert!(Draft.can_become(Submitted));
    assert!(Draft.can_become(Withdrawn));
    assert!(Submitted.can_become(Accepted));
    assert!(Submitted.can_become(Rejected));
    assert!(Submitted.can_become(Withdrawn));
    assert!(
        !Draft.can_become(Accepted),
        "the RO cannot answer what was never submitted"
    );
    for &status in AmendmentStatus::ALL {
        assert!(!status.can_become(status), "{status} to itself");
        assert!(!status.can_become(Draft), "{status} back to draft");
    }
    for status in [Accepted, Rejected, Withdrawn] {
        assert_eq!(status.next(), [], "{status} is final");
    }
    assert_eq!(
        AmendmentEvent::of_status(Rejected),
        AmendmentEvent::Rejected
    );
}

#[test]
fn references_are_short_and_grouped() {
    let id = AmendmentId::parse("019ad9a1-5c00-7a11-8b01-000000000001").unwrap();
    assert_eq!(id.reference(), "AMD-D9A1-5C00-8B01");
    assert_eq!(AmendmentKind::Withdrawal.form_code(), Some("HCPW01"));
    assert_eq!(AmendmentKind::HcpHsl.code(), "hcp_hsl");
    assert_eq!(AmendmentKind::AdditionalHsl.code(), "additional_hsl");
}

#[test]
fn replacing_the_user_administrator_changes_exactly_that_persons_fields() {
    let before = application_form();
    let after = administrator_replaced();
    let found = changes(&before, &after);
    let at = |f: &str| format!("userInformation.administrators[0].{f}");
    // The position is the same ("Practice manager"): not a change.
    assert_eq!(
        paths(&found),
        ["nameEn", "nameZh", "hkid", "phone", "email"].map(at)
    );
    let person = new_administrator();
    assert_eq!(
        found[0],
        FieldChange {
            path: at("nameEn"),
            step: Step::UserInformation,
            kind: FieldChangeKind::Changed,
            before: Some("CHAN Tai Man".into()),
            after: Some(person.name_en.clone()),
        }
    );
    assert_eq!(found[2].before.as_deref(), Some("A123456(3)"));
    assert_eq!(found[2].after.as_deref(), Some("B987654(0)"));
    assert!(found.iter().all(|c| c.kind == FieldChangeKind::Changed));
    assert_eq!(
        effects(&before, &after),
        [AmendmentEffect::UserAdministratorReplaced]
    );
}

#[test]
fn an_added_location_is_one_added_entry_per_field_with_a_value() {
    let before = application_form();
    let mut after = before.clone();
    after.hsls.push(new_hsl());
    let found = changes(&before, &after);
    assert_eq!(
        paths(&found),
        [
            "nameEn",
            "nameZh",
            "addressLine1",
            "addressLine2",
            "district",
            "phone",
            "openingHours",
            "hcpType",
            "patientRegistration",
            "recordSystem",
            "included"
        ]
        .map(|f| format!("hsls[2].{f}")),
        "the blank vendor is no value"
    );
    assert!(
        found.iter().all(|c| c.kind == FieldChangeKind::Added
            && c.before.is_none()
            && c.step == Step::Hsls)
    );
    assert_eq!(found[4].after.as_deref(), Some("tsuen_wan"));
    assert_eq!(found[8].after.as_deref(), Some("true"));
    assert_eq!(effects(&before, &after), [AmendmentEffect::HslAdded]);
}

#[test]
fn a_removed_location_is_one_removed_entry_per_field() {
    let before = application_form();
    let mut after = before.clone();
    after.hsls.truncate(1);
    let found = changes(&before, &after);
    assert_eq!(
        found.len(),
        12,
        "every field of the Sha Tin location has a value"
    );
    assert!(found.iter().all(|c| c.kind == FieldChangeKind::Removed
        && c.after.is_none()
        && c.path.starts_with("hsls[1].")));
    assert_eq!(effects(&before, &after), [AmendmentEffect::HslRemoved]);
}

#[test]
fn no_change_is_an_empty_list_and_white_space_is_no_change() {
    let before = application_form();
    assert_eq!(changes(&before, &before), []);
    assert_eq!(effects(&before, &before), []);
    let mut spaced = before.clone();
    spaced.hcp_information.name_en = format!("  {} ", before.hcp_information.name_en);
    assert_eq!(changes(&before, &spaced), []);
}

#[test]
fn a_field_filled_in_or_emptied_is_added_or_removed() {
    let before = application_form();
    let mut after = before.clone();
    after.hcp_information.fax.clear();
    after.hsls[0].record_system_vendor = "ClinicPro 6".into();
    let found = changes(&before, &after);
    assert_eq!(
        found
            .iter()
            .map(|c| (c.path.as_str(), c.kind, c.step))
            .collect::<Vec<_>>(),
        [
            (
                "hcpInformation.fax",
                FieldChangeKind::Removed,
                Step::HcpInformation
            ),
            (
                "hsls[0].recordSystemVendor",
                FieldChangeKind::Added,
                Step::Hsls
            ),
        ]
    );
}

#[test]
fn changes_follow_the_forms_order() {
    let before = application_form();
    let mut after = before.clone();
    // Changed in reverse order of the form.
    after.declarations.conditions = false;
    after.hsls[1].opening_hours = "Mon–Fri 10:00–18:00".into();
    after.hsls[0].district = "wan_chai".into();
    after.user_information.authorised_person.phone = "2123 4501".into();
    after.user_information.administrators[1].email = "kayan@harbourfamily.com.hk".into();
    after.hcp_information.phone = "2123 4599".into();
    after.hcp_information.name_en = "Harbour Family Clinic".into();
    assert_eq!(
        paths(&changes(&before, &after)),
        [
            "hcpInformation.nameEn",
            "hcpInformation.phone",
            "userInformation.administrators[1].email",
            "userInformation.authorisedPerson.phone",
            "hsls[0].district",
            "hsls[1].openingHours",
            "declarations.conditions",
        ]
    );
    assert_eq!(
        changes(&before, &after)
            .iter()
            .map(|c| c.step)
            .collect::<Vec<_>>(),
        [
            Step::HcpInformation,
            Step::HcpInformation,
            Step::UserInformation,
            Step::UserInformation,
            Step::Hsls,
            Step::Hsls,
            Step::Review
        ]
    );
    assert_eq!(
        effects(&before, &after),
        [
            AmendmentEffect::HcpDetailsChanged,
            AmendmentEffect::HslDetailsChanged,
            AmendmentEffect::UserAdministratorChanged,
            AmendmentEffect::AuthorisedPersonChanged,
        ]
    );
}

#[test]
fn each_kind_of_change_has_its_effect() {
    let before = application_form();
    let effect_of = |change: &dyn Fn(&mut ApplicationForm)| {
        let mut after = before.clone();
        change(&mut after);
        effects(&before, &after)
    };
    use AmendmentEffect::*;
    assert_eq!(
        effect_of(&|f| f.hsls[0].phone = "2123 4500".into()),
        [HslContactChanged]
    );
    assert_eq!(effect_of(&|f| f.hsls[1].included = true), [HslAdded]);
    assert_eq!(effect_of(&|f| f.hsls[0].included = false), [HslRemoved]);
    assert_eq!(
        effect_of(&|f| f.user_information.administrators.push(new_administrator())),
        [UserAdministratorAdded]
    );
    assert_eq!(
        effect_of(&|f| {
            f.user_information.administrators.pop();
        }),
        [UserAdministratorRemoved]
    );
    assert_eq!(
        effect_of(&|f| f.user_information.authorised_person = new_administrator()),
        [AuthorisedPersonReplaced]
    );
    assert_eq!(
        effect_of(&|f| f.user_information.administrators[0].hkid = "a1234563".into()),
        [UserAdministratorChanged],
        "the same HKID written another way is the same person"
    );
    // An authorised person without an HKID is told apart by name.
    let mut before = before.clone();
    before.user_information.authorised_person.hkid.clear();
    let mut after = before.clone();
    after.user_information.authorised_person.email = "wong@harbourfamily.com.hk".into();
    assert_eq!(effects(&before, &after), [AuthorisedPersonChanged]);
    after.user_information.authorised_person.name_en = "HO Ka Ming".into();
    assert_eq!(effects(&before, &after), [AuthorisedPersonReplaced]);
}

#[test]
fn the_change_paths_are_the_issue_paths() {
    // The empty form's issues name each field it lacks; the sample has a value there, so emptying the sample
    // removes a value at each of those paths.
    let empty = ApplicationForm::default();
    let removed = paths(&changes(&application_form(), &empty));
    for issue in empty.issues(&[]) {
        if issue.code == ErrorCode::Required {
            let field = issue.field.unwrap();
            assert!(removed.contains(&field), "{field} not in {removed:?}");
        }
    }
}

#[test]
fn two_forms_at_their_largest_differ_by_at_most_changes_max() {
    let mut full = application_form();
    let admin = full.user_information.administrators[0].clone();
    full.user_information.administrators = vec![admin; crate::limits::ADMINISTRATORS_MAX];
    let hsl = HslInput {
        record_system_vendor: "ClinicPro".into(),
        ..new_hsl()
    };
    full.hsls = vec![hsl; crate::limits::HSLS_MAX];
    let mut none = ApplicationForm::default();
    none.hsls.clear();
    none.user_information.administrators.clear();
    let found = changes(&none, &full);
    assert_eq!(found.len(), CHANGES_MAX);
}

#[test]
fn only_a_submitted_and_not_refused_application_may_be_amended() {
    for &status in ApplicationStatus::ALL {
        let allowed = check_amendable(status).is_ok();
        assert_eq!(allowed, AMENDABLE.contains(&status), "{status}");
    }
    use ApplicationStatus::*;
    for status in [Draft, Rejected, Withdrawn, Unsuccessful] {
        let issue = check_amendable(status).unwrap_err();
        assert_eq!(issue.code, ErrorCode::AmendmentNotAmendable);
        assert_eq!(issue.params["status"], status.code());
    }
    assert!(check_amendable(Registered).is_ok());
    assert!(check_amendable(Submitted).is_ok());
}

#[test]
fn every_sample_is_ready_to_submit() {
    let today = day(TODAY);
    for &kind in AmendmentKind::ALL {
        let content = sample_content(kind, today);
        assert_eq!(content.kind(), kind);
        assert_eq!(
            codes(&submission_issues(&content, &registered(), today)),
            [],
            "{kind}"
        );
    }
}

#[test]
fn an_hcp_hsl_amendment_asking_for_nothing_is_refused_even_as_a_draft() {
    let content = AmendmentContent::HcpHsl {
        form: Box::new(application_form()),
    };
    let today = day(TODAY);
    assert_eq!(
        codes(&saving_issues(&content, &registered(), today)),
        [(ErrorCode::AmendmentNoChange, String::new())]
    );
    assert!(
        submission_issues(&content, &registered(), today)
            .iter()
            .any(|i| i.code == ErrorCode::AmendmentNoChange)
    );
}

#[test]
fn the_proposed_form_passes_the_applications_own_rules_to_be_submitted() {
    let today = day(TODAY);
    let mut form = administrator_replaced();
    form.user_information.administrators[0].hkid = "B987654(1)".into();
    form.user_information.administrators[1].hkid = "Z437626(A)".into();
    let content = AmendmentContent::HcpHsl {
        form: Box::new(form),
    };
    // A draft is saved as typed...
    assert_eq!(saving_issues(&content, &registered(), today), []);
    // ...but is not submitted until the form is right.
    assert_eq!(
        codes(&submission_issues(&content, &registered(), today)),
        [
            (
                ErrorCode::HkidCheckDigit,
                "userInformation.administrators[0].hkid".into()
            ),
            (
                ErrorCode::DuplicateHkid,
                "userInformation.authorisedPerson.hkid".into()
            ),
        ]
    );
    // The documents are the registered application's.
    let mut without = registered();
    without.documents.clear();
    let content = sample_content(AmendmentKind::HcpHsl, today);
    assert!(
        submission_issues(&content, &without, today)
            .iter()
            .any(|i| i.code == ErrorCode::DocumentMissing)
    );
}

#[test]
fn new_locations_pass_the_location_checks_as_included_ones() {
    let today = day(TODAY);
    let check = |hsls: Vec<HslInput>| {
        let content = AmendmentContent::AdditionalHsl { hsls };
        codes(&submission_issues(&content, &registered(), today))
    };
    assert_eq!(
        codes(&saving_issues(
            &AmendmentContent::AdditionalHsl { hsls: vec![] },
            &registered(),
            today
        )),
        [(ErrorCode::AmendmentNoNewHsl, "hsls".into())]
    );
    let excluded = HslInput {
        included: false,
        phone: String::new(),
        ..new_hsl()
    };
    assert_eq!(
        check(vec![excluded]),
        [(ErrorCode::Required, "hsls[0].phone".into())],
        "a new location is one to register: it needs every detail"
    );
    let registered_one = application_form().hsls[1].clone();
    let found = submission_issues(
        &AmendmentContent::AdditionalHsl {
            hsls: vec![new_hsl(), registered_one.clone(), new_hsl()],
        },
        &registered(),
        today,
    );
    assert_eq!(
        found
            .iter()
            .map(|i| (i.code, i.field.clone().unwrap(), i.params["other"].clone()))
            .collect::<Vec<_>>(),
        [
            (
                ErrorCode::AmendmentHslAlreadyRegistered,
                "hsls[1].addressLine1".into(),
                "2".into()
            ),
            (
                ErrorCode::DuplicateHslAddress,
                "hsls[2].addressLine1".into(),
                "1".into()
            ),
        ]
    );
    let many: Vec<HslInput> = (0..crate::limits::HSLS_MAX - 1)
        .map(|i| HslInput {
            address_line1: format!("Shop {i}, G/F"),
            ..new_hsl()
        })
        .collect();
    let found = check(many);
    assert_eq!(found, [(ErrorCode::AmendmentTooManyHsls, "hsls".into())]);
}

#[test]
fn a_withdrawal_needs_a_reason_and_a_date_not_in_the_past() {
    let today = day(TODAY);
    let withdrawal = |reason: &str, date: Option<&str>| AmendmentContent::Withdrawal {
        reason: reason.into(),
        effective_date: date.map(day),
    };
    assert_eq!(
        codes(&submission_issues(
            &withdrawal(" ", None),
            &registered(),
            today
        )),
        [
            (ErrorCode::Required, "reason".into()),
            (ErrorCode::Required, "effectiveDate".into())
        ]
    );
    // A draft may leave them for later, but not date the withdrawal before today.
    assert_eq!(
        saving_issues(&withdrawal("", None), &registered(), today),
        []
    );
    assert_eq!(
        codes(&saving_issues(
            &withdrawal("Closing", Some("2026-11-30")),
            &registered(),
            today
        )),
        [(
            ErrorCode::AmendmentEffectiveDatePast,
            "effectiveDate".into()
        )]
    );
    assert_eq!(
        submission_issues(&withdrawal("Closing", Some(TODAY)), &registered(), today),
        []
    );
    let long = "x".repeat(crate::limits::REASON_MAX + 1);
    assert_eq!(
        codes(&submission_issues(
            &withdrawal(&long, Some(TODAY)),
            &registered(),
            today
        )),
        [(ErrorCode::TooLong, "reason".into())]
    );
}

#[test]
fn new_locations_are_stored_as_included() {
    let content = AmendmentContent::AdditionalHsl {
        hsls: vec![HslInput {
            included: false,
            ..new_hsl()
        }],
    };
    let AmendmentContent::AdditionalHsl { hsls } = content.normalised() else {
        panic!("the kind changed");
    };
    assert!(hsls[0].included);
}

#[test]
fn content_comes_in_strictly_tagged_by_kind() {
    let withdrawal: AmendmentContent =
        decode(br#"{"kind":"withdrawal","reason":"Closing","effectiveDate":"2026-12-31"}"#)
            .unwrap();
    assert_eq!(withdrawal.kind(), AmendmentKind::Withdrawal);
    let blank: AmendmentContent = decode(br#"{"kind":"withdrawal"}"#).unwrap();
    assert_eq!(
        blank,
        AmendmentContent::Withdrawal {
            reason: String::new(),
            effective_date: None
        },
        "a draft withdrawal may leave both for later"
    );
    let again: AmendmentContent = decode(&serde_json::to_vec(&blank).unwrap()).unwrap();
    assert_eq!(again, blank);
    let refused = |json: &str| {
        let error = decode::<AmendmentContent>(json.as_bytes()).unwrap_err();
        codes(error.issues())
    };
    assert_eq!(
        refused(r#"{"kind":"withdrawal","reasons":"Closing"}"#),
        [(ErrorCode::InputUnknownField, "reasons".into())]
    );
    assert_eq!(
        refused(r#"{"kind":"withdrawal","reason":"Closing","why":"x"}"#)[0].0,
        ErrorCode::InputUnexpectedKey
    );
    assert_eq!(
        refused(r#"{"kind":"merger"}"#)[0].0,
        ErrorCode::InputUnknownVariant
    );
    assert_eq!(
        refused(r#"{"kind":"hcp_hsl","form":{"hsls":[{"nameEm":"x"}]}}"#),
        [(ErrorCode::InputUnknownField, "form.hsls[0].nameEm".into())]
    );
    assert_eq!(
        refused(r#"{"kind":"withdrawal","hsls":[]}"#),
        [(ErrorCode::InputUnexpectedKey, String::new())],
        "a field of another form, not named: it is far from every field of this one"
    );
    assert_eq!(
        refused(r#"{"kind":"hcp_hsl"}"#),
        [(ErrorCode::InputMissingField, "form".into())]
    );
    assert_eq!(
        refused(r#"{"kind":"withdrawal","effectiveDate":"31/12/2026"}"#)[0].1,
        "effectiveDate",
        "files carry ISO dates"
    );
    let many = serde_json::json!({
        "kind": "additional_hsl",
        "hsls": vec![serde_json::json!({}); crate::limits::HSLS_MAX + 1],
    });
    assert_eq!(
        refused(&many.to_string()),
        [(ErrorCode::InputTooManyItems, "hsls".into())]
    );
    let admins = serde_json::json!({
        "kind": "hcp_hsl",
        "form": {"userInformation": {"administrators": vec![serde_json::json!({}); crate::limits::ADMINISTRATORS_MAX + 1]}},
    });
    assert_eq!(
        refused(&admins.to_string()),
        [(
            ErrorCode::InputTooManyItems,
            "form.userInformation.administrators".into()
        )]
    );
}

#[test]
fn an_amendment_and_its_document_round_trip_through_a_file() {
    let today = day(TODAY);
    for &kind in AmendmentKind::ALL {
        let document = sample_amendment_document(kind, today);
        let json = serde_json::to_vec(&document).unwrap();
        let back: AmendmentDocument = decode(&json).unwrap();
        assert_eq!(back, document, "{kind}");
        let amendment: Amendment =
            decode(&serde_json::to_vec(&document.amendment).unwrap()).unwrap();
        assert_eq!(amendment, document.amendment);
    }
}

#[test]
fn the_sample_documents_show_what_each_form_prints() {
    let today = day(TODAY);
    let hcp_hsl = sample_amendment_document(AmendmentKind::HcpHsl, today);
    assert_eq!(hcp_hsl.hcp_name_en, "Harbour Family Medical Centre");
    assert_eq!(hcp_hsl.hcp_name_zh, "海港家庭醫療中心");
    assert_eq!(hcp_hsl.hcp_reference, submitted_application().reference);
    assert_eq!(hcp_hsl.amendment.hcp, submitted_application().id);
    assert_eq!(
        hcp_hsl.amendment.reference,
        hcp_hsl.amendment.id.reference()
    );
    assert_eq!(hcp_hsl.changes.len(), 5);
    assert_eq!(
        hcp_hsl.effects,
        [AmendmentEffect::UserAdministratorReplaced]
    );
    assert_eq!(hcp_hsl.new_hsls(), []);
    assert_eq!(hcp_hsl.withdrawal(), None);

    let additional = sample_amendment_document(AmendmentKind::AdditionalHsl, today);
    assert_eq!(additional.new_hsls(), [new_hsl()]);
    assert_eq!(additional.changes, []);
    assert_eq!(additional.effects, [AmendmentEffect::HslAdded]);

    let withdrawal = sample_amendment_document(AmendmentKind::Withdrawal, today);
    let (reason, date) = withdrawal.withdrawal().unwrap();
    assert!(reason.contains("lease") && reason.contains("結業"));
    assert_eq!(date, Some(day("2026-12-31")));
    assert_eq!(withdrawal.amendment.submitted_on, Some(today));
    assert_eq!(withdrawal.amendment.status, AmendmentStatus::Submitted);
    assert_ne!(withdrawal.amendment.id, additional.amendment.id);
}

#[test]
fn the_user_administrator_edits_amendments_and_front_desk_staff_do_not() {
    assert!(
        Role::UserAdmin
            .permissions()
            .contains(&Permission::AmendmentEdit)
    );
    assert!(
        Role::UserAdmin
            .permissions()
            .contains(&Permission::ApplicationRead)
    );
    for role in [
        Role::FrontDesk,
        Role::RoOfficer,
        Role::SystemAdmin,
        Role::Auditor,
    ] {
        assert!(
            !permissions_of(&[role]).contains(&Permission::AmendmentEdit),
            "{role}"
        );
    }
    assert!(!permissions_of(&[Role::FrontDesk]).contains(&Permission::ApplicationRead));
}

#[test]
fn a_package_s_amendment_must_be_what_its_id_and_content_say() {
    let sample = sample_amendment_document(AmendmentKind::HcpHsl, day(TODAY)).amendment;
    assert_eq!(sample.identity_issues(), []);
    let mut forged = sample.clone();
    forged.reference = "AMD-0000-0000-0000".into();
    forged.kind = AmendmentKind::Withdrawal;
    assert_eq!(
        codes(&forged.identity_issues()),
        [
            (ErrorCode::PackageReferenceMismatch, "reference".into()),
            (ErrorCode::AmendmentKindMismatch, "kind".into()),
        ]
    );
}
