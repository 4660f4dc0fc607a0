//! A sample of each amendment form, against the sample application: for `ehr forms sample`, the renderer's
//! tests and demos. Every value fixed but the dates, which follow `today` so a sample is always current.

use super::content::AmendmentContent;
use super::document::AmendmentDocument;
use super::records::{Amendment, AmendmentId, AmendmentKind, AmendmentStatus};
use crate::application::sample::{application_form, submitted_application};
use crate::application::{ApplicationForm, ApplicationStatus, HslInput, PersonInput};
use crate::time::Timestamp;
use crate::validation::CalendarDate;

/// The user administrator who replaces the sample application's first one.
pub fn new_administrator() -> PersonInput {
    PersonInput {
        name_en: "CHEUNG Wing Sze".into(),
        name_zh: "張詠詩".into(),
        hkid: "B987654(0)".into(),
        position: "Practice manager".into(),
        phone: "9876 5432".into(),
        email: "wingsze.cheung@harbourfamily.com.hk".into(),
    }
}

/// The location the sample Additional HSL Form adds.
pub fn new_hsl() -> HslInput {
    HslInput {
        name_en: "Harbour Family Medical Centre (Tsuen Wan)".into(),
        name_zh: "海港家庭醫療中心（荃灣）".into(),
        address_line1: "Shop 12, 1/F, Tsuen Wan Plaza".into(),
        address_line2: "4 Tai Pa Street, Tsuen Wan".into(),
        district: "tsuen_wan".into(),
        phone: "2412 3456".into(),
        opening_hours: "Mon–Sat 09:00–13:00, 15:00–19:00".into(),
        hcp_type: "group_practice".into(),
        patient_registration: true,
        record_system: "cms_on_ramp".into(),
        record_system_vendor: String::new(),
        included: true,
    }
}

/// The sample application's form with its first user administrator replaced by [`new_administrator`].
pub fn administrator_replaced() -> ApplicationForm {
    let mut form = application_form();
    if let Some(first) = form.user_information.administrators.first_mut() {
        *first = new_administrator();
    }
    form
}

/// The sample content of each form; a withdrawal takes effect 30 days after `today`.
pub fn sample_content(kind: AmendmentKind, today: CalendarDate) -> AmendmentContent {
    match kind {
        AmendmentKind::HcpHsl => AmendmentContent::HcpHsl {
            form: Box::new(administrator_replaced()),
        },
        AmendmentKind::AdditionalHsl => AmendmentContent::AdditionalHsl {
            hsls: vec![new_hsl()],
        },
        AmendmentKind::Withdrawal => AmendmentContent::Withdrawal {
            reason: "The practice closes when its lease ends. 診所於租約期滿時結業。".into(),
            effective_date: today
                .date()
                .checked_add(time::Duration::days(30))
                .map(CalendarDate::from_date),
        },
    }
}

/// A submitted amendment of `kind` to the (registered) sample application, as printed on `today`.
pub fn sample_amendment_document(kind: AmendmentKind, today: CalendarDate) -> AmendmentDocument {
    let id = match kind {
        AmendmentKind::HcpHsl => "019ad9a1-5c00-7a11-8b01-000000000001",
        AmendmentKind::AdditionalHsl => "019ad9a1-5c00-7a11-8b02-000000000002",
        AmendmentKind::Withdrawal => "019ad9a1-5c00-7a11-8b03-000000000003",
    };
    let id = AmendmentId::parse(id).unwrap_or_else(AmendmentId::generate);
    let mut registered = submitted_application();
    registered.status = ApplicationStatus::Registered;
    let at = Timestamp::start_of_hong_kong_day(today);
    let amendment = Amendment {
        reference: id.reference(),
        id,
        hcp: registered.id.clone(),
        kind,
        status: AmendmentStatus::Submitted,
        content: sample_content(kind, today),
        created_at: at,
        updated_at: at,
        submitted_on: Some(today),
        version: crate::application::FIRST_VERSION,
    };
    AmendmentDocument::of(amendment, &registered)
}
