//! Files written whole. Every file eHR Desk writes for a person (a PDF, a submission package, a preview
//! copy) is written to a temporary file in the destination's folder, synced, and renamed over the
//! destination: a crash, a kill, a full disk or a failed render leaves the earlier file or the new one,
//! never part of one. The desktop app and the CLI both write through [`FileDestination`].

use std::fs::File;
use std::io::{self, ErrorKind, Write};
use std::path::{Path, PathBuf};

use ehr_core::ports::{Destination, FileFailure};

/// How the temporary file beside a destination is named: hidden, and marked as unfinished, so a file
/// manager does not offer it and a kill that leaves one behind leaves nothing under the destination's name.
const PARTIAL_SUFFIX: &str = ".partial";

/// A file on disk as the destination of a print or an export.
#[derive(Debug, Clone)]
pub struct FileDestination {
    path: PathBuf,
}

impl FileDestination {
    pub fn new(path: impl Into<PathBuf>) -> Self {
        FileDestination { path: path.into() }
    }

    /// `path`, unless it is the same file as one of `inputs` — by identity, so a symlink, a `./` spelling
    /// or a hard link to an input is refused too. Checked before anything is read or written.
    pub fn distinct_from(path: impl Into<PathBuf>, inputs: &[&Path]) -> Result<Self, FileFailure> {
        let path = path.into();
        // A destination that does not exist yet cannot be an input.
        if inputs
            .iter()
            .any(|input| same_file::is_same_file(&path, input).unwrap_or(false))
        {
            return Err(FileFailure::SameAsInput {
                path: path.display().to_string(),
            });
        }
        Ok(FileDestination { path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Destination for FileDestination {
    fn write_whole(&self, bytes: &[u8]) -> Result<(), FileFailure> {
        write_whole(&self.path, bytes)
    }

    fn withdraw(&self) -> Result<(), FileFailure> {
        match std::fs::remove_file(&self.path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
            Err(e) => Err(failure(&self.path, e)),
        }
    }
}

/// Writes `bytes` as the whole file at `path`: a temporary file in the same folder, synced, renamed over
/// `path`, and the folder synced so the rename survives a power cut. The folder must exist.
pub fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), FileFailure> {
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let fail = |e: io::Error| failure(path, e);
    let mut temporary = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(PARTIAL_SUFFIX)
        .tempfile_in(folder)
        .map_err(fail)?;
    // Dropping `temporary` on any failure below removes it.
    temporary.write_all(bytes).map_err(fail)?;
    temporary.as_file().sync_all().map_err(fail)?;
    temporary.persist(path).map_err(|e| fail(e.error))?;
    sync_folder(folder).map_err(fail)
}

#[cfg(unix)]
fn sync_folder(folder: &Path) -> io::Result<()> {
    File::open(folder)?.sync_all()
}

/// Windows cannot open a folder as a file; NTFS journals the rename itself.
#[cfg(not(unix))]
fn sync_folder(_folder: &Path) -> io::Result<()> {
    Ok(())
}

/// The OS error as what the person can act on; the OS text stays in the source, for the log.
fn failure(path: &Path, error: io::Error) -> FileFailure {
    let path = path.display().to_string();
    match error.kind() {
        ErrorKind::NotFound | ErrorKind::NotADirectory => FileFailure::FolderMissing { path },
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded | ErrorKind::FileTooLarge => {
            FileFailure::DiskFull { path }
        }
        ErrorKind::ReadOnlyFilesystem | ErrorKind::PermissionDenied => {
            FileFailure::NotPermitted { path }
        }
        _ => FileFailure::Failed {
            path,
            source: Box::new(error),
        },
    }
}

/// The names of unfinished temporary files a killed writer left in `folder`, for tests and clean-up.
pub fn is_partial(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(PARTIAL_SUFFIX)
}

#[cfg(test)]
mod tests;
