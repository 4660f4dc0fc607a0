//! Time, as a port, so use cases and their tests agree on "now".

use std::time::{SystemTime, UNIX_EPOCH};

use crate::time::Timestamp;

pub trait Clock: Send + Sync {
    fn now(&self) -> Timestamp;
}

/// The computer's clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        let millis = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or_default();
        Timestamp::from_millis(i64::try_from(millis).unwrap_or(i64::MAX))
    }
}
