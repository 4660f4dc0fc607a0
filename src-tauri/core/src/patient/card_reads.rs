//! The card reads the core itself saw, each under a one-time handle. "From card" on a registration is the
//! core's to say: a form cites the handle of a read, and the core fills and marks the card's fields from its
//! own record of that read — whatever the form claims. A handle serves one registration, for the user who
//! read the card, for [`CardReads::LIFETIME_MILLIS`].

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use super::Identity;
use crate::auth::UserId;
use crate::coded::uuid_id;
use crate::ports::IdentitySource;
use crate::time::Timestamp;

uuid_id! {
    /// One read of a card, as the form cites it.
    pub struct CardReadId;
}

struct CardRead {
    identity: Identity,
    source: IdentitySource,
    reader: UserId,
    at: Timestamp,
}

/// The reads of this session's desk, in memory only (they hold a card's personal data).
#[derive(Default)]
pub struct CardReads {
    reads: Mutex<HashMap<CardReadId, CardRead>>,
}

impl CardReads {
    /// A registration is finished within half an hour of the card being read, or the card is read again.
    pub const LIFETIME_MILLIS: i64 = 30 * 60 * 1000;
    /// Reads never registered (a patient who left) are dropped oldest first beyond this many.
    pub const MAX_KEPT: usize = 50;

    pub fn new() -> Self {
        Self::default()
    }

    pub(crate) fn record(
        &self,
        identity: Identity,
        source: IdentitySource,
        reader: &UserId,
        at: Timestamp,
    ) -> CardReadId {
        let mut reads = self.reads.lock().unwrap_or_else(PoisonError::into_inner);
        reads.retain(|_, read| at.millis() - read.at.millis() < Self::LIFETIME_MILLIS);
        while reads.len() >= Self::MAX_KEPT {
            let oldest = reads
                .iter()
                .min_by_key(|(_, r)| r.at.millis())
                .map(|(id, _)| id.clone());
            match oldest {
                Some(id) => reads.remove(&id),
                None => break,
            };
        }
        let id = CardReadId::generate();
        reads.insert(
            id.clone(),
            CardRead {
                identity,
                source,
                reader: reader.clone(),
                at,
            },
        );
        id
    }

    /// The read, if it is this user's and still fresh; `consume` spends the handle.
    pub(crate) fn find(
        &self,
        id: &CardReadId,
        user: &UserId,
        now: Timestamp,
        consume: bool,
    ) -> Option<(Identity, IdentitySource)> {
        let mut reads = self.reads.lock().unwrap_or_else(PoisonError::into_inner);
        let usable = reads.get(id).is_some_and(|read| {
            &read.reader == user && now.millis() - read.at.millis() < Self::LIFETIME_MILLIS
        });
        if !usable {
            return None;
        }
        if consume {
            reads.remove(id).map(|read| (read.identity, read.source))
        } else {
            reads
                .get(id)
                .map(|read| (read.identity.clone(), read.source))
        }
    }
}
