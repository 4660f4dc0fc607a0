//! Changes saved on other workstations (and by other processes here), passed on to the windows showing data
//! so they re-read it without a restart. Each window watches through an IPC channel, as for the card reader,
//! so the webview needs no event permission. A notice carries a kind and an id, never a value of the record.

use std::sync::{Mutex, PoisonError};

use ehr_store::{Change, Store};
use serde::Serialize;
use tauri::ipc::Channel;

/// What kind of record changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum ChangeKind {
    Application,
    Patient,
    /// Some HCP's staff (no id: one notice for a whole import).
    Staff,
    AccountRequest,
    Amendment,
    /// Something changed, unknown what (SQLite's file; or PostgreSQL after a lost connection): re-read.
    Unknown,
}

/// One change, as the UI receives it: `{ kind: "application", id: "0193…" }`, or `{ kind: "unknown", id:
/// null }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct StoreChanged {
    pub kind: ChangeKind,
    pub id: Option<String>,
}

impl From<Change> for StoreChanged {
    fn from(change: Change) -> Self {
        match change {
            Change::Application(id) => StoreChanged {
                kind: ChangeKind::Application,
                id: Some(id),
            },
            Change::Patient(id) => StoreChanged {
                kind: ChangeKind::Patient,
                id: Some(id),
            },
            Change::Staff => StoreChanged {
                kind: ChangeKind::Staff,
                id: None,
            },
            Change::AccountRequest => StoreChanged {
                kind: ChangeKind::AccountRequest,
                id: None,
            },
            Change::Amendment => StoreChanged {
                kind: ChangeKind::Amendment,
                id: None,
            },
            Change::Unknown => StoreChanged {
                kind: ChangeKind::Unknown,
                id: None,
            },
        }
    }
}

#[derive(Default)]
pub struct ChangeDesk {
    watchers: Mutex<Vec<Channel<StoreChanged>>>,
}

impl ChangeDesk {
    pub fn watch(&self, channel: Channel<StoreChanged>) {
        self.watchers
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(channel);
    }

    /// Passes a change on; a window that has gone (reloaded, closed) is dropped.
    pub fn publish(&self, change: &StoreChanged) {
        self.watchers
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .retain(|channel| channel.send(change.clone()).is_ok());
    }
}

/// Starts the store's change feed and forwards it to `desk` for as long as the app runs. Called from within
/// the async runtime (the feed's task is spawned on it).
pub async fn start(
    store: &Store,
    desk: std::sync::Arc<ChangeDesk>,
) -> Result<(), ehr_store::StoreError> {
    let mut feed = store.watch().await?;
    tauri::async_runtime::spawn(async move {
        while let Some(change) = feed.recv().await {
            desk.publish(&StoreChanged::from(change));
        }
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::Duration;

    use ehr_core::ports::PreferenceStore;
    use tauri::ipc::InvokeResponseBody;

    use super::*;

    /// A window's channel, as the test's own queue of the JSON it would receive.
    fn window() -> (Channel<StoreChanged>, std::sync::mpsc::Receiver<String>) {
        let (send, receive) = std::sync::mpsc::channel();
        let channel = Channel::new(move |body| {
            if let InvokeResponseBody::Json(json) = body {
                let _ = send.send(json);
            }
            Ok(())
        });
        (channel, receive)
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn a_commit_by_another_connection_reaches_the_watching_window_without_content() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(ehr_store::DATABASE_FILE_NAME);
        let app = Store::open_sqlite(&path).await.unwrap();
        let desk = Arc::new(ChangeDesk::default());
        start(&app, Arc::clone(&desk)).await.unwrap();
        let (channel, received) = window();
        desk.watch(channel);

        // Another process on the same file (here: another pool), as a second workstation's CLI would be.
        let other = Store::open_existing_sqlite(&path).await.unwrap();
        other.set_preference("ui.language", "zh-HK").await.unwrap();

        let json =
            tokio::task::spawn_blocking(move || received.recv_timeout(Duration::from_secs(10)))
                .await
                .unwrap()
                .expect("the change reached the window");
        assert_eq!(json, r#"{"kind":"unknown","id":null}"#);
    }

    #[test]
    fn a_change_carries_its_kind_and_id_only() {
        let change = StoreChanged::from(Change::Application("0193a7a0".into()));
        assert_eq!(
            serde_json::to_string(&change).unwrap(),
            r#"{"kind":"application","id":"0193a7a0"}"#
        );
        let patient = StoreChanged::from(Change::Patient("0193a7a1".into()));
        assert_eq!(patient.kind, ChangeKind::Patient);
    }
}
