//! [`PcscReader`]: the identity-reading port on PC/SC, with a watcher thread keeping [`ReaderState`] current.

mod model;
mod pcsc_transport;
mod watcher;

pub use pcsc_transport::PcscTransport;

use std::ffi::CString;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use ehr_core::patient::{Identity, RawIdentity};
use ehr_core::ports::{CardFailure, IdentityReader, ReaderState};
use pcsc::{Context, Protocols, Scope, ShareMode};

use crate::profile::{CardProfile, known_profiles};
use model::Model;
use pcsc_transport::failure;

/// How long [`PcscReader::new`] waits for the watcher's first look at the readers.
const FIRST_LOOK: Duration = Duration::from_secs(3);

/// Reads identity cards through the PC/SC service. Dropping it stops the watcher thread within
/// [`watcher::POLL`].
pub struct PcscReader {
    shared: Arc<Shared>,
    watcher: Option<JoinHandle<()>>,
}

struct Shared {
    profiles: Vec<Box<dyn CardProfile>>,
    model: Mutex<Published>,
    /// One read at a time: a second one would fight the first for the card.
    reading: Mutex<()>,
    stop: AtomicBool,
    stopped: Condvar,
    settled: Condvar,
}

struct Published {
    model: Model,
    last: ReaderState,
    subscribers: Vec<Sender<ReaderState>>,
    settled: bool,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic elsewhere cannot leave the model half-updated in a way a reader would trust: each update
    // recomputes the state from the facts, so the poisoned data is still usable.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Shared {
    fn stopping(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    /// Sleeps, waking early when the reader is dropped.
    fn pause(&self, duration: Duration) {
        let guard = lock(&self.model);
        let _ = self
            .stopped
            .wait_timeout_while(guard, duration, |_| !self.stopping());
    }

    fn recognised(&self, atr: &[u8]) -> bool {
        self.profiles.iter().any(|p| p.matches(atr))
    }

    /// Changes the facts, then tells every subscriber the new state if it differs from the last one.
    fn update<R>(&self, change: impl FnOnce(&mut Model) -> R) -> R {
        let mut published = lock(&self.model);
        let result = change(&mut published.model);
        let state = published.model.state(|atr| self.recognised(atr));
        if state != published.last {
            tracing::debug!(phase = %state.phase, readers = state.readers.len(), "reader state");
            published.last = state.clone();
            published
                .subscribers
                .retain(|subscriber| subscriber.send(state.clone()).is_ok());
        }
        result
    }

    fn settle(&self) {
        let mut published = lock(&self.model);
        if !published.settled {
            published.settled = true;
            self.settled.notify_all();
        }
    }
}

impl PcscReader {
    /// Starts watching the readers with the installation's card profiles; returns once the first look at
    /// the service and readers is done (or after a few seconds), so the state is already meaningful.
    pub fn new() -> Result<Self, CardFailure> {
        Self::with_profiles(known_profiles())
    }

    pub fn with_profiles(profiles: Vec<Box<dyn CardProfile>>) -> Result<Self, CardFailure> {
        let shared = Arc::new(Shared {
            profiles,
            model: Mutex::new(Published {
                model: Model::default(),
                last: Model::default().state(|_| false),
                subscribers: Vec::new(),
                settled: false,
            }),
            reading: Mutex::new(()),
            stop: AtomicBool::new(false),
            stopped: Condvar::new(),
            settled: Condvar::new(),
        });
        let for_thread = Arc::clone(&shared);
        let watcher = std::thread::Builder::new()
            .name("card-reader-watcher".into())
            .spawn(move || watcher::run(&for_thread))
            .map_err(|error| CardFailure::Reader {
                detail: format!("cannot start the reader watcher: {error}"),
            })?;
        let guard = lock(&shared.model);
        let _ = shared
            .settled
            .wait_timeout_while(guard, FIRST_LOOK, |published| !published.settled);
        Ok(PcscReader {
            shared,
            watcher: Some(watcher),
        })
    }

    /// Reads the card's fields without validating them, for tools that measure or inspect the card.
    pub fn read_raw(&self) -> Result<RawIdentity, CardFailure> {
        self.read_then(Ok)
    }

    /// Reads the card and judges its fields with `judge` before the outcome is shown, so the state says
    /// `read` only for a card whose fields passed.
    fn read_then<T>(
        &self,
        judge: impl FnOnce(RawIdentity) -> Result<T, CardFailure>,
    ) -> Result<T, CardFailure> {
        let _one_at_a_time = lock(&self.shared.reading);
        let (reader, insertion) = {
            let published = lock(&self.shared.model);
            let reader = published.model.selected().cloned().ok_or(
                if published.last.phase == ehr_core::ports::ReaderPhase::NoService {
                    CardFailure::NoService
                } else {
                    CardFailure::NoReader
                },
            )?;
            let insertion = published.model.selected_card().map(|c| c.insertion);
            (reader, insertion)
        };
        let Some(insertion) = insertion else {
            return Err(CardFailure::NoCard);
        };
        self.shared
            .update(|model| model.reading(&reader, insertion));
        let result = self.read_card(&reader).and_then(judge);
        if let Err(failure) = &result {
            tracing::info!(%failure, "card read failed");
        }
        self.shared
            .update(|model| model.finish(&reader, insertion, result.as_ref().map(|_| ())));
        result
    }

    fn read_card(&self, reader: &str) -> Result<RawIdentity, CardFailure> {
        // Its own context: pcsc-lite serialises the calls on one context, so sharing the watcher's would make
        // every exchange wait out the watcher's pending status wait.
        let context = Context::establish(Scope::User).map_err(failure)?;
        let name = CString::new(reader).map_err(|_| CardFailure::UnknownReader(reader.into()))?;
        // A fresh connection every read: a handle from before a pull stays "removed" for good.
        let mut card = context
            .connect(&name, ShareMode::Shared, Protocols::ANY)
            .map_err(|error| match error {
                pcsc::Error::UnknownReader | pcsc::Error::ReaderUnavailable => {
                    CardFailure::UnknownReader(reader.into())
                }
                pcsc::Error::RemovedCard => CardFailure::NoCard,
                other => failure(other),
            })?;
        let atr = card.status2_owned().map_err(failure)?.atr().to_vec();
        let profile = self
            .shared
            .profiles
            .iter()
            .find(|p| p.matches(&atr))
            .ok_or(CardFailure::NotRecognised)?;
        tracing::debug!(profile = profile.name(), "reading the card");
        // Exclusive for the few exchanges of a read, so no other program interleaves its own SELECTs.
        let transaction = card.transaction().map_err(failure)?;
        let mut transport = PcscTransport {
            card: &transaction,
            context: &context,
            reader: &name,
        };
        profile.read(&mut transport)
    }
}

impl IdentityReader for PcscReader {
    fn state(&self) -> ReaderState {
        lock(&self.shared.model).last.clone()
    }

    /// Every state change from now on, starting with the current state.
    fn subscribe(&self) -> Receiver<ReaderState> {
        let (sender, receiver) = channel();
        let mut published = lock(&self.shared.model);
        // A fresh channel's receiver is alive, so this send cannot fail.
        let _ = sender.send(published.last.clone());
        published.subscribers.push(sender);
        receiver
    }

    fn select_reader(&self, name: &str) -> Result<(), CardFailure> {
        self.shared.update(|model| model.select(name))
    }

    fn read_identity(&self) -> Result<Identity, CardFailure> {
        self.read_then(|raw| raw.validate().map_err(CardFailure::InvalidFields))
    }
}

impl Drop for PcscReader {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
        {
            let _guard = lock(&self.shared.model);
            self.shared.stopped.notify_all();
        }
        if let Some(watcher) = self.watcher.take() {
            let started = Instant::now();
            if watcher.join().is_err() {
                tracing::error!("the card reader watcher panicked");
            }
            tracing::trace!(waited = ?started.elapsed(), "card reader watcher stopped");
        }
    }
}
