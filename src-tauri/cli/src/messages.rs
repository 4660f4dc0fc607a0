//! English wording of the core's issue codes. The catalogue is the UI's own file, so the CLI and the desktop
//! app say the same thing and the wording is written once.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use ehr_core::Issue;

const ENGLISH: &str = include_str!("../../../ui/src/i18n/locales/en/errors.json");

static CATALOGUE: LazyLock<BTreeMap<String, String>> =
    LazyLock::new(|| serde_json::from_str(ENGLISH).unwrap_or_default());

/// The English message for an issue, its `{{parameters}}` filled in.
pub fn describe(issue: &Issue) -> String {
    let template = CATALOGUE
        .get(issue.code.code())
        .cloned()
        .unwrap_or_else(|| issue.code.to_string());
    issue.params.iter().fold(template, |text, (name, value)| {
        text.replace(&format!("{{{{{name}}}}}"), value)
    })
}

#[cfg(test)]
mod tests {
    use ehr_core::ErrorCode;

    use super::*;

    #[test]
    fn every_code_has_english_wording() {
        let missing: Vec<ErrorCode> = ErrorCode::ALL
            .iter()
            .copied()
            .filter(|code| !CATALOGUE.contains_key(code.code()))
            .collect();
        assert_eq!(missing, []);
    }

    #[test]
    fn parameters_are_filled_in() {
        let issue = Issue::new(ErrorCode::HkidCheckDigit)
            .with("expected", '3')
            .with("given", '4');
        assert_eq!(
            describe(&issue),
            "The check digit does not match: it should be 3, not 4. Please check the number."
        );
    }
}
