//! The sealing port: personal data is sealed before it is stored and opened when it is read, with the office
//! key of the signed-in session (see `keys.rs`), which the store never sees.

/// Why data could not be sealed or opened.
#[derive(Debug, thiserror::Error)]
pub enum CipherFailure {
    /// Sealed with another key (another office's, a restored backup of another database) or changed.
    #[error("the data cannot be opened with this installation's key")]
    WrongKeyOrTampered,
    #[error("the sealed data is malformed")]
    Malformed,
}

/// Where a sealed value lives. Its seal is bound to this place (authenticated associated data), so a value
/// copied to another row, column or table does not open there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SealedPlace<'a> {
    pub table: &'static str,
    pub column: &'static str,
    /// The row's id (never its content).
    pub row: &'a str,
}

impl SealedPlace<'_> {
    /// The associated data: a fixed label, then each part NUL-separated (none of them holds a NUL).
    pub fn associated_data(&self) -> Vec<u8> {
        [
            b"ehr-desk sealed v2".as_slice(),
            self.table.as_bytes(),
            self.column.as_bytes(),
            self.row.as_bytes(),
        ]
        .join(&0u8)
    }
}

pub trait DataCipher: Send + Sync {
    /// Seals `plaintext` for `place`.
    fn seal(&self, plaintext: &[u8], place: &SealedPlace<'_>) -> Result<Vec<u8>, CipherFailure>;
    /// Opens a value sealed for `place`; one sealed for another place is `WrongKeyOrTampered`.
    fn open(&self, sealed: &[u8], place: &SealedPlace<'_>) -> Result<Vec<u8>, CipherFailure>;
    /// Opens a value sealed by the release before places were bound (once, to seal it again for its place).
    fn open_unbound(&self, sealed: &[u8]) -> Result<Vec<u8>, CipherFailure>;
    /// Whether `stored` was sealed for a place (as opposed to unbound, or plaintext from before sealing).
    fn is_sealed(&self, stored: &[u8]) -> bool;
    /// A blind index of `term`: a keyed HMAC under a key derived from the office key, so equal terms can be
    /// found in the database without it holding the term.
    fn blind(&self, term: &[u8]) -> [u8; 16];
}
