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

pub trait DataCipher: Send + Sync {
    fn seal(&self, plaintext: &[u8]) -> Result<Vec<u8>, CipherFailure>;
    fn open(&self, sealed: &[u8]) -> Result<Vec<u8>, CipherFailure>;
    /// Whether `stored` was sealed by this cipher's format (as opposed to plaintext written before sealing).
    fn is_sealed(&self, stored: &[u8]) -> bool;
}
