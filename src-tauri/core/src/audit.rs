//! The audit trail's hash chain: each entry's hash is SHA-256 over the previous entry's hash and the entry's
//! own fields, so changing, removing or reordering any stored entry breaks every hash from it on.
//!
//! The hashing is here, pure, and nowhere else: every backend (SQLite today, PostgreSQL later) stores what
//! [`chain_hash`] computes and every verifier recomputes it the same way.
//!
//! Encoding (version 1), hashed in this order:
//! - the domain tag `ehr-desk/audit-chain/v1` (its 23 ASCII bytes),
//! - the previous entry's hash (32 bytes; [`GENESIS`], 32 zero bytes, for the first entry),
//! - the entry's id, then its time in milliseconds since the Unix epoch: each a big-endian signed 64-bit integer,
//! - the user, the workstation, the action code and the subject: each its UTF-8 byte length as a big-endian
//!   unsigned 64-bit integer, then its bytes (length-prefixed, so `"ab","c"` and `"a","bc"` differ).
//!
//! A chain without a key can be rewritten whole by someone who can write the database and recompute every
//! hash; the latest hash `ehr audit verify` prints is what an auditor writes down (or sends elsewhere) to
//! notice that.

use std::fmt;

use sha2::{Digest, Sha256};

use crate::CoreError;
use crate::auth::{Permission, Principal};
use crate::ports::{AuditFields, AuditLink, AuditTrail};
use crate::time::Timestamp;
use crate::validation::CalendarDate;

const DOMAIN: &[u8] = b"ehr-desk/audit-chain/v1";

/// How many links a walk of the trail reads at a time: the whole trail is never held in memory.
const PAGE: u32 = 1000;

/// A SHA-256 chain hash, shown as 64 lower-case hexadecimal digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChainHash([u8; 32]);

/// What the first entry chains from.
pub const GENESIS: ChainHash = ChainHash([0; 32]);

impl ChainHash {
    /// A stored hash, if it has a hash's length.
    pub fn from_slice(bytes: &[u8]) -> Option<Self> {
        bytes.try_into().ok().map(ChainHash)
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl fmt::Display for ChainHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

/// The hash of entry `id` with `fields`, following the entry whose hash is `previous` (the encoding is in
/// this module's documentation).
pub fn chain_hash(previous: &ChainHash, id: i64, fields: &AuditFields) -> ChainHash {
    let mut hasher = Sha256::new();
    hasher.update(DOMAIN);
    hasher.update(previous.0);
    hasher.update(id.to_be_bytes());
    hasher.update(fields.at.millis().to_be_bytes());
    for text in [
        &fields.actor.user,
        &fields.actor.workstation,
        &fields.action,
        &fields.subject,
    ] {
        let length = u64::try_from(text.len()).unwrap_or(u64::MAX);
        hasher.update(length.to_be_bytes());
        hasher.update(text.as_bytes());
    }
    ChainHash(hasher.finalize().into())
}

/// The first place where the chain does not verify: its 1-based position in the walk and the id found
/// there. When an entry and its hash were both removed, this is the entry after it, at its position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChainBreak {
    pub position: u64,
    pub id: i64,
}

/// What a walk of the whole trail found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChainVerdict {
    Intact { entries: u64, latest: ChainHash },
    Broken(ChainBreak),
}

/// Checks links one after another, oldest first, keeping only the last verified hash.
#[derive(Debug, Clone)]
pub struct ChainWalk {
    latest: ChainHash,
    entries: u64,
}

impl Default for ChainWalk {
    fn default() -> Self {
        ChainWalk {
            latest: GENESIS,
            entries: 0,
        }
    }
}

impl ChainWalk {
    /// The next link: it verifies when it has an entry and its stored hash is the one recomputed from the
    /// previous link's. An entry without a hash, or a hash without its entry, does not verify.
    pub fn check(&mut self, link: &AuditLink) -> Result<(), ChainBreak> {
        let position = self.entries + 1;
        let broken = ChainBreak {
            position,
            id: link.id,
        };
        let (Some(fields), Some(stored)) = (&link.fields, &link.hash) else {
            return Err(broken);
        };
        let expected = chain_hash(&self.latest, link.id, fields);
        if stored.as_slice() != expected.as_bytes() {
            return Err(broken);
        }
        self.latest = expected;
        self.entries = position;
        Ok(())
    }

    pub fn verdict(&self) -> ChainVerdict {
        ChainVerdict::Intact {
            entries: self.entries,
            latest: self.latest,
        }
    }
}

/// Walks the whole trail: how many entries verify and the latest hash, or the first entry that does not.
pub async fn verify(
    principal: &Principal,
    trail: &dyn AuditTrail,
) -> Result<ChainVerdict, CoreError> {
    principal.require(Permission::AuditRead)?;
    let mut walk = ChainWalk::default();
    let mut after = i64::MIN;
    loop {
        let links = trail.audit_links(after, PAGE).await?;
        for link in &links {
            if let Err(broken) = walk.check(link) {
                return Ok(ChainVerdict::Broken(broken));
            }
        }
        match links.last() {
            Some(last) => after = last.id,
            None => return Ok(walk.verdict()),
        }
    }
}

/// One entry as `ehr audit list` shows it: its id, its fields, and its stored hash (`None` if it has none).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ListedEntry {
    pub id: i64,
    #[serde(flatten)]
    pub fields: AuditFields,
    pub hash: Option<String>,
}

/// Every entry, oldest first; with `since`, those from the start of that day in Hong Kong on.
pub async fn list(
    principal: &Principal,
    trail: &dyn AuditTrail,
    since: Option<CalendarDate>,
) -> Result<Vec<ListedEntry>, CoreError> {
    principal.require(Permission::AuditRead)?;
    let from = since.map(Timestamp::start_of_hong_kong_day);
    let mut listed = Vec::new();
    let mut after = i64::MIN;
    loop {
        let links = trail.audit_links(after, PAGE).await?;
        let Some(last) = links.last() else {
            return Ok(listed);
        };
        after = last.id;
        listed.extend(links.into_iter().filter_map(|link| {
            let fields = link
                .fields
                .filter(|f| from.is_none_or(|from| f.at >= from))?;
            Some(ListedEntry {
                id: link.id,
                fields,
                hash: link
                    .hash
                    .map(|h| h.iter().map(|b| format!("{b:02x}")).collect()),
            })
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::application::Actor;

    fn fields() -> AuditFields {
        AuditFields {
            at: Timestamp::from_millis(1_764_000_000_000),
            actor: Actor {
                user: "clerk".into(),
                workstation: "desk-1".into(),
            },
            action: "viewed".into(),
            subject: "019ab3f2-c7b1-7d2e-9a44-000000000001".into(),
        }
    }

    fn chained(entries: &[(i64, AuditFields)]) -> Vec<AuditLink> {
        let mut previous = GENESIS;
        entries
            .iter()
            .map(|(id, fields)| {
                previous = chain_hash(&previous, *id, fields);
                AuditLink {
                    id: *id,
                    fields: Some(fields.clone()),
                    hash: Some(previous.as_bytes().to_vec()),
                }
            })
            .collect()
    }

    fn walk(links: &[AuditLink]) -> ChainVerdict {
        let mut walk = ChainWalk::default();
        for link in links {
            if let Err(broken) = walk.check(link) {
                return ChainVerdict::Broken(broken);
            }
        }
        walk.verdict()
    }

    /// The encoding is a contract with every backend and every database already written: it never changes
    /// silently. (The value was computed once, independently, with Python's hashlib from the documented encoding.)
    #[test]
    fn the_encoding_is_fixed() {
        assert_eq!(
            chain_hash(&GENESIS, 1, &fields()).to_string(),
            "c58268325b973b848525f4b9b841e2d4224e2028d833152f75aaebfaf8e213d7"
        );
    }

    #[test]
    fn every_field_the_id_and_the_previous_hash_count() {
        let base = chain_hash(&GENESIS, 1, &fields());
        let mut variants = vec![
            chain_hash(&GENESIS, 2, &fields()),
            chain_hash(&ChainHash([1; 32]), 1, &fields()),
        ];
        let changes: [fn(&mut AuditFields); 5] = [
            |f| f.at = Timestamp::from_millis(f.at.millis() + 1),
            |f| f.actor.user.push('x'),
            |f| f.actor.workstation.push('x'),
            |f| f.action = "printed".into(),
            |f| f.subject.push('x'),
        ];
        for change in changes {
            let mut changed = fields();
            change(&mut changed);
            variants.push(chain_hash(&GENESIS, 1, &changed));
        }
        assert!(variants.iter().all(|v| *v != base));
    }

    #[test]
    fn fields_are_length_prefixed() {
        let mut one = fields();
        one.actor.user = "ab".into();
        one.actor.workstation = "c".into();
        let mut other = fields();
        other.actor.user = "a".into();
        other.actor.workstation = "bc".into();
        assert_ne!(
            chain_hash(&GENESIS, 1, &one),
            chain_hash(&GENESIS, 1, &other)
        );
    }

    #[test]
    fn an_intact_chain_verifies_and_a_broken_one_names_its_first_bad_entry() {
        let mut second = fields();
        second.action = "printed".into();
        let links = chained(&[(1, fields()), (2, second.clone()), (5, fields())]);
        let ChainVerdict::Intact { entries, latest } = walk(&links) else {
            panic!("an intact chain did not verify")
        };
        assert_eq!(entries, 3);
        assert_eq!(
            latest.as_bytes().as_slice(),
            links[2].hash.as_deref().unwrap()
        );
        assert_eq!(
            walk(&[]),
            ChainVerdict::Intact {
                entries: 0,
                latest: GENESIS
            }
        );

        let at = |position, id| ChainVerdict::Broken(ChainBreak { position, id });
        let mut changed = links.clone();
        changed[1].fields.as_mut().unwrap().subject.push('x');
        assert_eq!(walk(&changed), at(2, 2));
        let mut removed = links.clone();
        removed.remove(1);
        assert_eq!(
            walk(&removed),
            at(2, 5),
            "the next entry, at the removed one's place"
        );
        let mut entry_gone = links.clone();
        entry_gone[1].fields = None;
        assert_eq!(walk(&entry_gone), at(2, 2));
        let mut hash_gone = links.clone();
        hash_gone[1].hash = None;
        assert_eq!(walk(&hash_gone), at(2, 2));
        let mut swapped = links.clone();
        let (a, b) = (swapped[0].fields.clone(), swapped[1].fields.clone());
        (swapped[0].fields, swapped[1].fields) = (b, a);
        assert_eq!(walk(&swapped), at(1, 1));
    }
}
