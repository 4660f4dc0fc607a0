//! IPC arguments through the core's strict decoder. Tauri decodes arguments itself, and its error quotes
//! serde's message, values and all (`invalid args `form` for command `save_application`: invalid type: integer
//! `91234567`, expected a string`); `Strict<T>` takes the argument as parsed JSON and decodes it as every
//! other input is decoded — unknown keys, arrays for objects and oversized values refused, and the error only
//! codes and paths (`input.unknown_field at hsls[1].Included`).

use ehr_core::input::{Bounded, decode_value};
use serde::de::{DeserializeOwned, Deserializer, Error as _};
use serde::{Deserialize, Serialize};

/// An argument `T`, decoded strictly. Typed as `T` in the UI's bindings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Strict<T>(pub T);

impl<'de, T> Deserialize<'de> for Strict<T>
where
    T: DeserializeOwned + Serialize + Bounded,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        decode_value(value).map(Strict).map_err(D::Error::custom)
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
        let error = serde_json::from_value::<Strict<ApplicationForm>>(form).unwrap_err();
        assert_eq!(
            error.to_string(),
            "input.wrong_type at userInformation.administrators[0].phone"
        );
        let mut form = serde_json::to_value(application_form()).unwrap();
        form["hsls"][1]["Included"] = json!(false);
        let error = serde_json::from_value::<Strict<ApplicationForm>>(form).unwrap_err();
        assert_eq!(error.to_string(), "input.unknown_field at hsls[1].Included");
        let form = serde_json::to_value(application_form()).unwrap();
        assert_eq!(
            serde_json::from_value::<Strict<ApplicationForm>>(form).unwrap(),
            Strict(application_form())
        );
    }
}
