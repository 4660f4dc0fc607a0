//! Registrations that end soon or have ended: the eHealth account of a professional whose registration has
//! lapsed should be disabled, so the home screen and `ehr staff expiring` list them.

use serde::{Deserialize, Serialize};

use super::member::{StaffId, StoredStaff};
use crate::application::ApplicationId;
use crate::coded::coded_enum;
use crate::validation::{CalendarDate, Profession};

/// How far ahead the home screen looks by default.
pub const EXPIRY_WINDOW_DAYS: u16 = 60;
/// The furthest ahead a list may look (a year and a half covers a nurse's longest certificate but one).
pub const EXPIRY_WINDOW_MAX_DAYS: u16 = 550;

coded_enum! {
    pub enum ExpiryState {
        /// Valid until a day from today to the end of the window (today included: it is still valid today).
        Expiring = "expiring",
        /// Its last valid day has passed.
        Expired = "expired",
    }
}

/// One registration in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ExpiringRegistration {
    pub staff: StaffId,
    pub hcp: ApplicationId,
    pub name_en: String,
    pub name_zh: Option<String>,
    pub hkid_masked: String,
    pub profession: Profession,
    pub number: String,
    pub valid_until: CalendarDate,
    /// Days from today to the last valid day: 0 today, negative once expired.
    pub days_left: i64,
    pub state: ExpiryState,
}

/// The registrations of `staff` that expired before `today` or end within `days` of it (both edges
/// included), the expired first, each group soonest first. Those who left the HCP are not listed.
pub fn expiring(
    staff: &[StoredStaff],
    today: CalendarDate,
    days: u16,
) -> Vec<ExpiringRegistration> {
    let window = i64::from(days.min(EXPIRY_WINDOW_MAX_DAYS));
    let mut found: Vec<ExpiringRegistration> = staff
        .iter()
        .filter(|stored| !stored.record.has_left())
        .flat_map(|stored| {
            let record = &stored.record;
            record.member.registrations.iter().filter_map(move |r| {
                let days_left = today.days_until(r.valid_until);
                let state = match days_left {
                    ..0 => ExpiryState::Expired,
                    0.. if days_left <= window => ExpiryState::Expiring,
                    _ => return None,
                };
                Some(ExpiringRegistration {
                    staff: record.id.clone(),
                    hcp: record.hcp.clone(),
                    name_en: record.member.name_en.to_string(),
                    name_zh: record.member.name_zh.as_ref().map(ToString::to_string),
                    hkid_masked: record.member.hkid.masked(),
                    profession: r.profession,
                    number: r.number.clone(),
                    valid_until: r.valid_until,
                    days_left,
                    state,
                })
            })
        })
        .collect();
    found.sort_by(|a, b| {
        let key = |e: &ExpiringRegistration| (e.state != ExpiryState::Expired, e.valid_until);
        key(a).cmp(&key(b)).then_with(|| a.name_en.cmp(&b.name_en))
    });
    found
}
