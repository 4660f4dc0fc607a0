//! The user's preferences, such as the interface language, kept in the store so they survive restarts.

use serde::{Deserialize, Serialize};

use crate::coded::coded_enum;
use crate::error::CoreError;
use crate::ports::PreferenceStore;

coded_enum! {
    /// The interface languages: English and Traditional Chinese (Hong Kong).
    pub enum Language {
        English = "en",
        TraditionalChinese = "zh-HK",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Preferences {
    /// `None` until the user chooses; the UI then follows the system language.
    pub language: Option<Language>,
}

const LANGUAGE_KEY: &str = "ui.language";

pub async fn load(store: &dyn PreferenceStore) -> Result<Preferences, CoreError> {
    // A value written by a newer version that this one does not know is treated as "not chosen".
    let language = store
        .preference(LANGUAGE_KEY)
        .await?
        .as_deref()
        .and_then(Language::from_code);
    Ok(Preferences { language })
}

pub async fn set_language(
    store: &dyn PreferenceStore,
    language: Language,
) -> Result<(), CoreError> {
    Ok(store.set_preference(LANGUAGE_KEY, language.code()).await?)
}
