//! The seal in the archive comment: a digest of everything before it.

use ehr_core::application::sha256_hex;

const PREFIX: &str = "ehr-desk-seal:sha256:";
const DIGEST_LEN: usize = 64;

/// A placeholder of the seal's final length, written first so the archive's layout does not change when the
/// real digest replaces it.
pub fn placeholder() -> String {
    format!("{PREFIX}{}", "0".repeat(DIGEST_LEN))
}

/// Replaces the placeholder at the end of `archive` with the digest of the bytes before it.
pub fn apply(archive: &mut [u8]) -> Option<()> {
    let comment_start = archive.len().checked_sub(PREFIX.len() + DIGEST_LEN)?;
    let digest = sha256_hex(&archive[..comment_start]);
    archive[comment_start + PREFIX.len()..].copy_from_slice(digest.as_bytes());
    Some(())
}

/// Whether `comment` (the archive comment zip found) is a seal matching the bytes before it.
pub fn verify(archive: &[u8], comment: &[u8]) -> bool {
    let Some(digest) = comment.strip_prefix(PREFIX.as_bytes()) else {
        return false;
    };
    // The comment must be the very end of the file: nothing appended, nothing cut.
    let Some(comment_start) = archive.len().checked_sub(comment.len()) else {
        return false;
    };
    archive.ends_with(comment) && digest == sha256_hex(&archive[..comment_start]).as_bytes()
}
