//! Step 3, "HSL information": the healthcare service locations, each included in this application or not.

use serde::{Deserialize, Serialize};

use super::HcpType;
use crate::coded::coded_enum;
use crate::issue::ErrorCode;
use crate::validation::{
    ChineseName, District, EnglishName, IssueCollector, NameKind, PhoneNumber, ValueError,
    free_text,
};

coded_enum! {
    /// The clinical record system in use at a location.
    pub enum RecordSystem {
        None = "none",
        CmsOnRamp = "cms_on_ramp",
        CmsAdaptationModules = "cms_adaptation_modules",
        OtherVendor = "other_vendor",
    }
}

impl RecordSystem {
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        RecordSystem::from_code(raw.trim())
            .ok_or_else(|| ValueError::new(ErrorCode::RecordSystemUnknown))
    }
}

/// One healthcare service location, exactly as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct HslInput {
    pub name_en: String,
    pub name_zh: String,
    pub address_line1: String,
    pub address_line2: String,
    pub district: String,
    pub phone: String,
    pub opening_hours: String,
    pub hcp_type: String,
    /// Whether staff at this location will register patients for eHealth.
    pub patient_registration: bool,
    pub record_system: String,
    /// The vendor's product, when the record system is another vendor's.
    pub record_system_vendor: String,
    /// An HCP may register all or some of its locations.
    pub included: bool,
}

impl Default for HslInput {
    fn default() -> Self {
        HslInput {
            name_en: String::new(),
            name_zh: String::new(),
            address_line1: String::new(),
            address_line2: String::new(),
            district: String::new(),
            phone: String::new(),
            opening_hours: String::new(),
            hcp_type: String::new(),
            patient_registration: false,
            record_system: String::new(),
            record_system_vendor: String::new(),
            included: true,
        }
    }
}

use crate::limits::{ADDRESS_LINE_MAX, OPENING_HOURS_MAX, VENDOR_MAX};

impl HslInput {
    pub const SECTION: &'static str = "hsls";

    /// Included locations need every detail; an excluded one only needs to be identifiable.
    pub(crate) fn check(&self, index: usize, c: &mut IssueCollector) {
        let f = |name: &str| format!("{}[{index}].{name}", Self::SECTION);
        c.required(&f("nameEn"), &self.name_en, |s| {
            EnglishName::parse(s, NameKind::Organisation)
        });
        c.optional(&f("nameZh"), &self.name_zh, |s| {
            ChineseName::parse(s, NameKind::Organisation)
        });
        c.required(&f("addressLine1"), &self.address_line1, |s| {
            free_text(s, ADDRESS_LINE_MAX)
        });
        c.optional(&f("addressLine2"), &self.address_line2, |s| {
            free_text(s, ADDRESS_LINE_MAX)
        });
        c.required(&f("district"), &self.district, District::parse);
        if self.included {
            c.required(&f("phone"), &self.phone, PhoneNumber::parse);
            c.required(&f("openingHours"), &self.opening_hours, |s| {
                free_text(s, OPENING_HOURS_MAX)
            });
            c.required(&f("hcpType"), &self.hcp_type, HcpType::parse);
            let system = c.required(&f("recordSystem"), &self.record_system, RecordSystem::parse);
            if system == Some(RecordSystem::OtherVendor) {
                c.required(&f("recordSystemVendor"), &self.record_system_vendor, |s| {
                    free_text(s, VENDOR_MAX)
                });
            }
        } else {
            c.optional(&f("phone"), &self.phone, PhoneNumber::parse);
        }
    }

    /// The address reduced to what tells two addresses apart: letters and digits, lower case, and the district.
    pub(crate) fn address_key(&self) -> Option<String> {
        let compact = |s: &str| -> String {
            s.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect()
        };
        let line1 = compact(&self.address_line1);
        (!line1.is_empty()).then(|| {
            format!(
                "{line1}|{}|{}",
                compact(&self.address_line2),
                self.district.trim()
            )
        })
    }
}
