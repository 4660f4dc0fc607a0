//! Which version of a record a change is made from: how every change refuses to overwrite one it never saw.

/// The version of a record a change is made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base {
    /// The version the person saw (a screen's, or the CLI's `--version`): if the record has moved on since,
    /// the change is refused as stale, with who changed it and when.
    Seen(u64),
    /// Whatever is stored when the change is made (the CLI without `--version`). The change is still refused
    /// if another is written between its read and its write.
    Latest,
}

impl Base {
    /// The version the change's write must find, given the one just read.
    pub fn resolve(self, stored: u64) -> u64 {
        match self {
            Base::Seen(version) => version,
            Base::Latest => stored,
        }
    }

    /// `--version` when given, else the latest.
    pub fn given(version: Option<u64>) -> Self {
        version.map_or(Base::Latest, Base::Seen)
    }
}

/// A bare number is the version seen: the app always sends the one its screen shows.
impl From<u64> for Base {
    fn from(version: u64) -> Self {
        Base::Seen(version)
    }
}

#[cfg(test)]
mod tests {
    use super::Base;

    #[test]
    fn a_seen_version_is_kept_and_the_latest_is_the_one_read() {
        assert_eq!(Base::Seen(3).resolve(5), 3);
        assert_eq!(Base::Latest.resolve(5), 5);
        assert_eq!(Base::given(Some(3)), Base::Seen(3));
        assert_eq!(Base::given(None), Base::Latest);
        assert_eq!(Base::from(7), Base::Seen(7));
    }
}
