//! The file port: a finished document — a PDF, a submission package — written where the person asked,
//! whole or not at all. The use cases record a print or an export only after the file is complete.

use crate::error::CoreError;
use crate::issue::{ErrorCode, Issue};

/// Where one file goes. The adapter writes to a temporary file beside it, syncs it and renames it, so the
/// destination never holds part of a file.
pub trait Destination: Send + Sync {
    /// Writes `bytes` as the whole file, durably. On failure the destination is as it was: absent, or the
    /// earlier file intact.
    fn write_whole(&self, bytes: &[u8]) -> Result<(), FileFailure>;
    /// Removes the file [`Destination::write_whole`] wrote: used when the record of writing it cannot be
    /// stored, so that no file of personal data leaves unrecorded.
    fn withdraw(&self) -> Result<(), FileFailure>;
}

/// Why a file was not written. `path` is where it was to go, as the person named it (a path is not personal
/// data); an OS error is kept as the source, for the log only.
#[derive(Debug, thiserror::Error)]
pub enum FileFailure {
    #[error("the folder for {path} does not exist")]
    FolderMissing { path: String },
    #[error("the disk is full: {path} was not written")]
    DiskFull { path: String },
    #[error("{path} cannot be written: the folder is read-only or not permitted")]
    NotPermitted { path: String },
    #[error("{path} is also a file this command reads")]
    SameAsInput { path: String },
    #[error("cannot write {path}")]
    Failed {
        path: String,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

impl FileFailure {
    pub fn code(&self) -> ErrorCode {
        match self {
            FileFailure::FolderMissing { .. } => ErrorCode::FileFolderMissing,
            FileFailure::DiskFull { .. } => ErrorCode::FileDiskFull,
            FileFailure::NotPermitted { .. } => ErrorCode::FileNotPermitted,
            FileFailure::SameAsInput { .. } => ErrorCode::FileSameAsInput,
            FileFailure::Failed { .. } => ErrorCode::FileWriteFailed,
        }
    }

    pub fn path(&self) -> &str {
        match self {
            FileFailure::FolderMissing { path }
            | FileFailure::DiskFull { path }
            | FileFailure::NotPermitted { path }
            | FileFailure::SameAsInput { path }
            | FileFailure::Failed { path, .. } => path,
        }
    }

    pub fn issue(&self) -> Issue {
        Issue::new(self.code()).with("path", self.path())
    }
}

/// Writes `bytes` to `to`, then stores its record; when the record cannot be stored the file is withdrawn
/// (a crash in between can leave a file without its record, never a record without its file).
pub(crate) async fn write_then_record<F>(
    to: &dyn Destination,
    bytes: &[u8],
    record: F,
) -> Result<(), CoreError>
where
    F: Future<Output = Result<(), CoreError>>,
{
    to.write_whole(bytes)?;
    if let Err(error) = record.await {
        // The storage failure is what the person is told; a file that cannot be removed stays unrecorded.
        let _ = to.withdraw();
        return Err(error);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // tests: a panic is a failure with its location

    use std::cell::RefCell;
    use std::pin::pin;
    use std::sync::Mutex;
    use std::task::{Context, Poll, Waker};

    use super::*;
    use crate::ports::StoreFailure;

    /// What happened to a destination, in order.
    #[derive(Default)]
    struct Journal {
        events: Mutex<Vec<&'static str>>,
        fail_write: bool,
    }

    impl Destination for Journal {
        fn write_whole(&self, _bytes: &[u8]) -> Result<(), FileFailure> {
            if self.fail_write {
                return Err(FileFailure::DiskFull { path: "out".into() });
            }
            self.events.lock().unwrap().push("written");
            Ok(())
        }

        fn withdraw(&self) -> Result<(), FileFailure> {
            self.events.lock().unwrap().push("withdrawn");
            Ok(())
        }
    }

    /// The use cases' futures here never wait on anything: one poll finishes them.
    fn finish<T>(future: impl Future<Output = T>) -> T {
        match pin!(future).poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(value) => value,
            Poll::Pending => panic!("the future waited"),
        }
    }

    #[test]
    fn nothing_is_recorded_when_the_file_cannot_be_written() {
        let to = Journal {
            fail_write: true,
            ..Journal::default()
        };
        let recorded = RefCell::new(false);
        let outcome = finish(write_then_record(&to, b"pdf", async {
            *recorded.borrow_mut() = true;
            Ok(())
        }));
        assert_eq!(
            outcome.unwrap_err().issues().unwrap()[0].code,
            ErrorCode::FileDiskFull
        );
        assert!(!*recorded.borrow());
    }

    #[test]
    fn the_file_is_written_before_the_record_and_withdrawn_when_the_record_fails() {
        let to = Journal::default();
        finish(write_then_record(&to, b"pdf", async {
            to.events.lock().unwrap().push("recorded");
            Ok(())
        }))
        .unwrap();
        assert_eq!(*to.events.lock().unwrap(), ["written", "recorded"]);

        let to = Journal::default();
        let failed = finish(write_then_record(&to, b"pdf", async {
            Err(CoreError::Storage(StoreFailure::new(
                std::io::Error::other("disk full"),
            )))
        }));
        assert!(matches!(failed, Err(CoreError::Storage(_))));
        assert_eq!(*to.events.lock().unwrap(), ["written", "withdrawn"]);
    }
}
