//! A signed-in session: the principal and the unlocked office key. Only the sign-in use cases make one; the
//! key goes when the session is dropped (on lock and sign-out), and nothing outside can copy it.

use super::Principal;
use crate::ports::{DataCipher, OfficeKey};

pub struct Session {
    principal: Principal,
    key: Box<dyn OfficeKey>,
}

impl Session {
    pub(crate) fn new(principal: Principal, key: Box<dyn OfficeKey>) -> Session {
        Session { principal, key }
    }

    pub fn principal(&self) -> &Principal {
        &self.principal
    }

    /// Seals and opens the office's personal data for this session's use cases.
    pub fn cipher(&self) -> &dyn DataCipher {
        self.key.cipher()
    }

    pub(crate) fn key(&self) -> &dyn OfficeKey {
        self.key.as_ref()
    }
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("principal", &self.principal)
            .finish_non_exhaustive()
    }
}
