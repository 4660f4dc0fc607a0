//! Enumerations that cross boundaries (IPC, storage, JSON files) by a stable code string.

/// Declares an enum whose variants each have a stable code. Generates `ALL`, `code()`, `from_code()` and
/// serde/specta representations as that code, so the UI, the database and exported files all agree.
macro_rules! coded_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
                 serde::Serialize, serde::Deserialize, specta::Type)]
        $vis enum $name {
            $( $(#[$vmeta])* #[serde(rename = $code)] $variant ),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[ $( $name::$variant ),+ ];

            pub fn code(self) -> &'static str {
                match self { $( $name::$variant => $code ),+ }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                match code { $( $code => Some($name::$variant), )+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

pub(crate) use coded_enum;

/// Declares an identifier newtype over a UUID string: generated as v7 (sorts by creation time), parsed only
/// from a well-formed UUID — deserialising included — serialised as the plain string.
macro_rules! uuid_id {
    ($(#[$meta:meta])* $vis:vis struct $name:ident;) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord,
                 serde::Serialize, serde::Deserialize, specta::Type)]
        #[serde(try_from = "String", into = "String")]
        $vis struct $name(#[specta(type = String)] String);

        impl TryFrom<String> for $name {
            type Error = crate::validation::ValueError;
            fn try_from(raw: String) -> Result<Self, Self::Error> {
                $name::parse(&raw).ok_or_else(|| {
                    crate::validation::ValueError::new(crate::issue::ErrorCode::IdFormat)
                })
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl $name {
            pub fn generate() -> Self {
                $name(uuid::Uuid::now_v7().to_string())
            }

            /// Accepts only a well-formed UUID, so a mistyped identifier is told apart from a missing one.
            pub fn parse(raw: &str) -> Option<Self> {
                uuid::Uuid::parse_str(raw.trim()).ok().map(|id| $name(id.to_string()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

pub(crate) use uuid_id;

/// The short reference people quote for a record with a v7 UUID: `PREFIX-` and 12 letters and digits of the
/// identifier in groups of four — 8 digits of its timestamp and 4 random ones, as an application's.
pub(crate) fn short_reference(prefix: &str, uuid: &str) -> String {
    let hex: String = uuid
        .chars()
        .filter(char::is_ascii_hexdigit)
        .collect::<String>()
        .to_uppercase();
    let picked = format!(
        "{}{}",
        hex.get(4..12).unwrap_or_default(),
        hex.get(16..20).unwrap_or_default()
    );
    let groups: Vec<&str> = [0, 4, 8]
        .iter()
        .filter_map(|&i| picked.get(i..i + 4))
        .collect();
    format!("{prefix}-{}", groups.join("-"))
}
