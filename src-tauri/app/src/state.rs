//! What the commands share: the store, the clock, the PDF renderer, the card reader, and the session — who
//! is at the keyboard, with the office key while they are signed in and the screen is not locked.

use std::path::PathBuf;
use std::sync::Arc;

use ehr_core::amendment::Amendments;
use ehr_core::application::Applications;
use ehr_core::auth::{Accounts, Principal, Session};
use ehr_core::patient::{CardReads, ConsentRules, Patients};
use ehr_core::ports::SystemClock;
use ehr_core::staff::{AccountRequests, ImportCancel, StaffDesk};
use ehr_core::{CoreError, ErrorCode, Issue};
use ehr_forms::PdfRenderer;
use ehr_secrets::Vault;
use ehr_store::{Location, SealedStore, Store};
use tokio::sync::{RwLock, RwLockReadGuard};

use crate::IpcError;
use crate::card_desk::CardDesk;
use crate::changes::{self, ChangeDesk};
use crate::database;
use crate::error::AppError;

/// Where the session stands. Locked keeps who was signed in (the screen asks for their password) but not
/// the key: nothing that reads or writes personal data can run until they unlock.
pub enum SessionSlot {
    SignedOut,
    Active(Session),
    Locked(Principal),
}

pub struct AppState {
    pub store: Store,
    location: Location,
    pub clock: SystemClock,
    pub vault: Vault,
    pub workstation: String,
    /// Parsed once at start-up: the CJK font is large and every PDF needs it.
    pub renderer: PdfRenderer,
    /// The consent rules that ship with this release, every version.
    pub rules: &'static ConsentRules,
    pub card: Arc<CardDesk>,
    /// The cards read at this desk, by the one-time handle a form cites (the core marks "from card").
    pub card_reads: CardReads,
    /// The windows watching for changes saved elsewhere.
    pub changes: Arc<ChangeDesk>,
    pub session: RwLock<SessionSlot>,
    /// The cancel of the import this app may be running (one at a time: the screen waits for it).
    pub import_cancel: ImportCancel,
}

/// The signed-in, unlocked session, held for one command (a lock waits for the commands running).
pub struct Acting<'s>(RwLockReadGuard<'s, SessionSlot>);

impl Acting<'_> {
    pub fn session(&self) -> &Session {
        match &*self.0 {
            SessionSlot::Active(session) => session,
            // `AppState::acting` answers only for an active session.
            SessionSlot::SignedOut | SessionSlot::Locked(_) => unreachable_session(),
        }
    }

    pub fn principal(&self) -> &Principal {
        self.session().principal()
    }
}

#[allow(clippy::panic)] // unreachable: `Acting` is only made from an active slot and holds the read lock
fn unreachable_session() -> ! {
    panic!("an Acting guard over a session that is not active")
}

impl AppState {
    /// Opens the database the settings say (this computer's file unless an office database is set) and
    /// starts watching it for changes. No key is needed to open it: the office key comes with a sign-in.
    pub async fn open(location: &Location, card: Arc<CardDesk>) -> Result<Self, AppError> {
        let store = database::open(location).await?;
        let desk = Arc::new(ChangeDesk::default());
        changes::start(&store, Arc::clone(&desk)).await?;
        crate::daily_backup::start(store.clone());
        Ok(AppState {
            store,
            location: location.clone(),
            clock: SystemClock,
            vault: Vault,
            workstation: ehr_core::auth::workstation_name(),
            renderer: PdfRenderer::new()?,
            rules: ConsentRules::embedded()?,
            card,
            card_reads: CardReads::new(),
            changes: desk,
            session: RwLock::new(SessionSlot::SignedOut),
            import_cancel: ImportCancel::default(),
        })
    }

    /// Where the data is, as opened.
    pub fn location(&self) -> Location {
        self.location.clone()
    }

    pub fn accounts(&self) -> Accounts<'_> {
        Accounts::new(
            &self.store,
            &self.vault,
            &self.clock,
            self.workstation.clone(),
        )
    }

    /// The active session, or `auth.session_locked` / `auth.not_signed_in`.
    pub async fn acting(&self) -> Result<Acting<'_>, IpcError> {
        let slot = self.session.read().await;
        match &*slot {
            SessionSlot::Active(_) => Ok(Acting(slot)),
            SessionSlot::Locked(_) => Err(Issue::new(ErrorCode::AuthSessionLocked).into()),
            SessionSlot::SignedOut => Err(Issue::new(ErrorCode::AuthNotSignedIn).into()),
        }
    }

    /// The store for personal data, with the acting session's key.
    pub fn sealed<'s>(&self, acting: &'s Acting<'_>) -> SealedStore<'s> {
        self.store.sealed(acting.session().cipher())
    }

    pub fn patients<'a>(
        &'a self,
        store: &'a SealedStore<'_>,
        acting: &'a Acting<'_>,
    ) -> Patients<'a> {
        Patients::new(store, &self.clock, self.rules, acting.principal())
            .with_card_reads(&self.card_reads)
    }

    pub fn applications<'a>(
        &'a self,
        store: &'a SealedStore<'_>,
        acting: &'a Acting<'_>,
    ) -> Applications<'a> {
        Applications::new(store, &self.clock, acting.principal())
    }

    pub fn staff<'a>(
        &'a self,
        store: &'a SealedStore<'_>,
        acting: &'a Acting<'_>,
    ) -> StaffDesk<'a> {
        StaffDesk::new(store, &self.clock, acting.principal())
    }

    pub fn requests<'a>(
        &'a self,
        store: &'a SealedStore<'_>,
        acting: &'a Acting<'_>,
    ) -> AccountRequests<'a> {
        AccountRequests::new(store, &self.clock, acting.principal())
    }

    pub fn amendments<'a>(
        &'a self,
        store: &'a SealedStore<'_>,
        acting: &'a Acting<'_>,
    ) -> Amendments<'a> {
        Amendments::new(store, &self.clock, acting.principal())
    }

    /// Makes `session` the active one, after sealing any plaintext an earlier version left.
    pub async fn activate(&self, session: Session) -> Result<(), CoreError> {
        self.store
            .sealed(session.cipher())
            .seal_plaintext_rows()
            .await
            .map_err(|e| CoreError::Storage(e.into()))?;
        *self.session.write().await = SessionSlot::Active(session);
        Ok(())
    }
}

/// What the app knows before (and whether) its database opened: where the data is meant to be, and why it
/// could not be opened. Always managed, so the UI can ask; [`AppState`] is managed only once the store is open
/// (at start-up, or after a successful retry).
pub struct Boot {
    pub data_dir: PathBuf,
    pub location: std::sync::Mutex<Location>,
    pub card: Arc<CardDesk>,
    /// Why the configured office database could not be opened; `None` once it is open.
    pub failure: std::sync::Mutex<Option<Issue>>,
}

impl Boot {
    pub fn new(data_dir: PathBuf, location: Location, card: Arc<CardDesk>) -> Self {
        Boot {
            data_dir,
            location: std::sync::Mutex::new(location),
            card,
            failure: std::sync::Mutex::new(None),
        }
    }

    pub fn location(&self) -> Location {
        self.location
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    pub fn failure(&self) -> Option<Issue> {
        self.failure
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    pub fn set_failure(&self, failure: Option<Issue>) {
        *self
            .failure
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = failure;
    }
}
