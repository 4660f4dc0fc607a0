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

/// The number of entries the archive's end record declares, read before the archive is parsed (parsing a
/// central directory of millions of entries would cost memory before any count could be checked). `None`
/// when the file does not end as a package does — an end record whose comment is a seal — so the zip
/// reader decides what it is. A zip64 end record (which no package has) declares "too many".
pub fn declared_entries(archive: &[u8]) -> Option<u64> {
    const END_RECORD: usize = 22;
    const ZIP64_LOCATOR: usize = 20;
    let comment_len = PREFIX.len() + DIGEST_LEN;
    let start = archive.len().checked_sub(END_RECORD + comment_len)?;
    let record = &archive[start..];
    let field = |at: usize| u16::from_le_bytes([record[at], record[at + 1]]);
    if !record.starts_with(&[0x50, 0x4b, 0x05, 0x06])
        || usize::from(field(20)) != comment_len
        || !record[END_RECORD..].starts_with(PREFIX.as_bytes())
    {
        return None;
    }
    let zip64 = start
        .checked_sub(ZIP64_LOCATOR)
        .is_some_and(|at| archive[at..].starts_with(&[0x50, 0x4b, 0x06, 0x07]));
    let entries = field(10);
    Some(if zip64 || entries == u16::MAX {
        u64::MAX
    } else {
        u64::from(entries)
    })
}
