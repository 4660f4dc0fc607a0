//! What an amendment asks for, one shape per form. Drafts keep it as typed; the checks in `checks.rs` say
//! what stands between it and submission.

use serde::{Deserialize, Serialize};

use super::records::AmendmentKind;
use crate::application::{ApplicationForm, HslInput};
use crate::input::Bounded;
use crate::limits::HSLS_MAX;
use crate::validation::CalendarDate;

/// The content of an amendment, tagged by its kind (`{"kind": "withdrawal", "reason": …}`).
///
/// Issue paths are those of the content's fields: an HCP/HSL amendment's are its form's own
/// (`userInformation.administrators[0].hkid`, as the application's), an additional HSL's `hsls[0].phone`, a
/// withdrawal's `reason` and `effectiveDate`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(try_from = "Tagged", into = "Tagged")]
pub enum AmendmentContent {
    /// The whole form as it should be registered from now on (the "after"; the "before" is the registered
    /// application's form). One content covers every change the HCP/HSL Amendment Form can ask for.
    #[serde(rename = "hcp_hsl", rename_all = "camelCase")]
    HcpHsl { form: Box<ApplicationForm> },
    /// New service locations, each to be registered (at least one).
    #[serde(rename = "additional_hsl", rename_all = "camelCase")]
    AdditionalHsl { hsls: Vec<HslInput> },
    #[serde(rename = "withdrawal", rename_all = "camelCase")]
    Withdrawal {
        reason: String,
        /// The day the withdrawal takes effect: not before the day it is prepared.
        effective_date: Option<CalendarDate>,
    },
}

/// The content as it comes in. Read through this struct, not serde's internally tagged enum: that one buffers
/// the input, and the path of a problem inside the form (`form.hsls[0].nameEm`) would be lost.
///
/// It is also how the content is written (`into`), so one shape goes both ways — the one the TypeScript
/// bindings describe: the kind, and only that kind's fields.
#[derive(Clone, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Tagged {
    kind: AmendmentKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[specta(optional)]
    form: Option<ApplicationForm>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[specta(optional)]
    hsls: Option<Vec<HslInput>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[specta(optional)]
    reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[specta(optional)]
    effective_date: Option<CalendarDate>,
}

impl From<AmendmentContent> for Tagged {
    fn from(content: AmendmentContent) -> Self {
        let kind = content.kind();
        let mut tagged = Tagged {
            kind,
            form: None,
            hsls: None,
            reason: None,
            effective_date: None,
        };
        match content {
            AmendmentContent::HcpHsl { form } => tagged.form = Some(*form),
            AmendmentContent::AdditionalHsl { hsls } => tagged.hsls = Some(hsls),
            AmendmentContent::Withdrawal {
                reason,
                effective_date,
            } => {
                tagged.reason = Some(reason);
                tagged.effective_date = effective_date;
            }
        }
        tagged
    }
}

/// Content that does not fit its kind is refused worded as serde words it (`unknown field`, `missing
/// field`), so that `input::decode` reports it as it reports any other key.
impl TryFrom<Tagged> for AmendmentContent {
    type Error = String;

    fn try_from(tagged: Tagged) -> Result<Self, String> {
        let Tagged {
            kind,
            form,
            hsls,
            reason,
            effective_date,
        } = tagged;
        let given = [
            ("form", form.is_some()),
            ("hsls", hsls.is_some()),
            ("reason", reason.is_some()),
            ("effectiveDate", effective_date.is_some()),
        ];
        let (own, expected): (&[&str], &str) = match kind {
            AmendmentKind::HcpHsl => (&["form"], "`kind` or `form`"),
            AmendmentKind::AdditionalHsl => (&["hsls"], "`kind` or `hsls`"),
            AmendmentKind::Withdrawal => (
                &["reason", "effectiveDate"],
                "one of `kind`, `reason`, `effectiveDate`",
            ),
        };
        if let Some((field, _)) = given.iter().find(|(f, g)| *g && !own.contains(f)) {
            return Err(format!("unknown field `{field}`, expected {expected}"));
        }
        match kind {
            AmendmentKind::HcpHsl => Ok(AmendmentContent::HcpHsl {
                form: Box::new(form.ok_or("missing field `form`")?),
            }),
            AmendmentKind::AdditionalHsl => Ok(AmendmentContent::AdditionalHsl {
                hsls: hsls.ok_or("missing field `hsls`")?,
            }),
            AmendmentKind::Withdrawal => Ok(AmendmentContent::Withdrawal {
                reason: reason.unwrap_or_default(),
                effective_date,
            }),
        }
    }
}

impl AmendmentContent {
    pub fn kind(&self) -> AmendmentKind {
        match self {
            AmendmentContent::HcpHsl { .. } => AmendmentKind::HcpHsl,
            AmendmentContent::AdditionalHsl { .. } => AmendmentKind::AdditionalHsl,
            AmendmentContent::Withdrawal { .. } => AmendmentKind::Withdrawal,
        }
    }

    /// The content as stored: an additional HSL is one to register, so it is always included.
    pub(crate) fn normalised(mut self) -> Self {
        if let AmendmentContent::AdditionalHsl { hsls } = &mut self {
            for hsl in hsls {
                hsl.included = true;
            }
        }
        self
    }
}

/// The form's bounds under `form.`; at most [`HSLS_MAX`] new locations.
impl Bounded for AmendmentContent {
    fn list_max(path: &str) -> Option<usize> {
        match path {
            "hsls" => Some(HSLS_MAX),
            _ => ApplicationForm::list_max(path.strip_prefix("form.")?),
        }
    }
}
