//! IPC arguments through the core's strict decoder. Tauri decodes arguments itself, and its error is a bare
//! string quoting serde's message, values and all (`invalid args `form` for command `save_application`:
//! invalid type: integer `91234567`, expected a string`). `Strict<T>` takes the argument as parsed JSON and
//! decodes it as every other input is decoded — unknown keys, arrays for objects and oversized values refused —
//! and the command answers the refusal as an `IpcError`: issues with codes and paths, worded by the UI.

use ehr_core::CoreError;
use ehr_core::input::{Bounded, InputError, decode_value};
use serde::de::{DeserializeOwned, Deserializer};
use serde::{Deserialize, Serialize};

use crate::IpcError;

/// An argument `T`, decoded strictly; [`Strict::get`] gives it or the refusal. Typed as `T` in the bindings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Strict<T>(Result<T, InputError>);

impl<T> Strict<T> {
    pub fn get(self) -> Result<T, IpcError> {
        self.0
            .map_err(|error| IpcError::from(CoreError::from(error)))
    }
}

impl<'de, T> Deserialize<'de> for Strict<T>
where
    T: DeserializeOwned + Serialize + Bounded,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Any JSON is taken here; what it holds is judged by the decoder, and answered by the command.
        let value = serde_json::Value::deserialize(deserializer)?;
        Ok(Strict(decode_value(value)))
    }
}

impl<T: specta::Type> specta::Type for Strict<T> {
    fn definition(types: &mut specta::Types) -> specta::datatype::DataType {
        T::definition(types)
    }
}

#[cfg(test)]
mod tests {
    use ehr_core::application::ApplicationForm;
    use ehr_core::application::sample::application_form;
    use serde_json::json;

    use super::*;

    #[test]
    fn a_bad_argument_is_refused_by_path_without_its_value() {
        let mut form = serde_json::to_value(application_form()).unwrap();
        form["userInformation"]["administrators"][0]["phone"] = json!(91234567);
        // As Tauri decodes an argument: from the JSON value of the call's arguments.
        let refused = |form| {
            let strict = serde_json::from_value::<Strict<ApplicationForm>>(form).unwrap();
            let issues = strict.get().unwrap_err().issues;
            let json = serde_json::to_string(&issues).unwrap();
            assert!(!json.contains("91234567"), "{json}");
            issues
                .into_iter()
                .map(|i| (i.code.code(), i.field.unwrap_or_default()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            refused(form),
            [(
                "input.wrong_type",
                "userInformation.administrators[0].phone".to_owned()
            )]
        );
        let mut form = serde_json::to_value(application_form()).unwrap();
        form["hsls"][1]["Included"] = json!(false);
        assert_eq!(
            refused(form),
            [("input.unknown_field", "hsls[1].Included".to_owned())]
        );
        let form = serde_json::to_value(application_form()).unwrap();
        let strict = serde_json::from_value::<Strict<ApplicationForm>>(form).unwrap();
        assert_eq!(strict.get().unwrap(), application_form());
    }
}
