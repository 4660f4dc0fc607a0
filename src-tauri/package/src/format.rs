//! Writing and reading packages: an application's, and an amendment's, sealed and checked the same way.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read, Write};

use ehr_core::amendment::Amendment;
use ehr_core::application::{ApplicationDraft, Attachment, sha256_hex};
use ehr_core::limits::{MANIFEST_MAX_BYTES, PACKAGE_FILES_MAX, PACKAGE_MAX_BYTES};
use ehr_core::ports::{
    AmendmentPackage, AmendmentPackageFormat, PackageContents, PackageFailure, PackageFormat,
};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use crate::manifest::{AMENDMENT_FORMAT, FORMAT, Manifest, ManifestEntry, VERSION};
use crate::paths::{
    self, AMENDMENT, AMENDMENT_LAYOUT, AMENDMENT_PDF, APPLICATION, APPLICATION_LAYOUT, Layout,
    MANIFEST, PDF,
};
use crate::seal;

/// The zip package format, version 1: applications' packages and amendments'.
#[derive(Debug, Default, Clone, Copy)]
pub struct ZipPackageFormat;

fn document_path(attachment: &Attachment) -> String {
    format!(
        "documents/{}.{}",
        attachment.id,
        attachment.media_type.extension()
    )
}

fn write_error(error: impl std::error::Error + Send + Sync + 'static) -> PackageFailure {
    PackageFailure::Write(Box::new(error))
}

fn corrupt(error: impl std::error::Error + Send + Sync + 'static) -> PackageFailure {
    PackageFailure::Corrupt(Box::new(error))
}

#[derive(Debug, thiserror::Error)]
enum Invalid {
    #[error("the package's seal is missing or does not match its content")]
    Seal,
    #[error("{0} is not a package of eHR Desk")]
    Format(String),
}

/// A file of a package: its path, its content, how it is stored.
type File<'a> = (String, &'a [u8], CompressionMethod);

/// The zip of `files` under a manifest of their sizes and digests, sealed in the archive comment.
fn seal_files(format: &str, files: Vec<File<'_>>) -> Result<Vec<u8>, PackageFailure> {
    let manifest = Manifest {
        format: format.to_owned(),
        version: VERSION,
        files: files
            .iter()
            .map(|(path, content, _)| ManifestEntry {
                path: path.clone(),
                size: content.len() as u64,
                sha256: sha256_hex(content),
            })
            .collect(),
    };
    let manifest = serde_json::to_vec_pretty(&manifest).map_err(write_error)?;

    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    // A fixed timestamp: the same content exports to the same bytes.
    let options = SimpleFileOptions::default().last_modified_time(DateTime::default());
    let entries = std::iter::once((
        MANIFEST.to_owned(),
        manifest.as_slice(),
        CompressionMethod::Deflated,
    ))
    .chain(files);
    for (path, content, method) in entries {
        zip.start_file(path, options.compression_method(method))
            .map_err(write_error)?;
        zip.write_all(content).map_err(write_error)?;
    }
    zip.set_comment(seal::placeholder()).map_err(write_error)?;
    let mut bytes = zip.finish().map_err(write_error)?.into_inner();
    seal::apply(&mut bytes).ok_or_else(|| write_error(Invalid::Seal))?;
    Ok(bytes)
}

/// Every file a package of `layout` lists, each verified against the manifest, after the seal, every name
/// and every declared size were checked (nothing is inflated before); nothing unlisted rides along.
fn open_files(bytes: &[u8], layout: &Layout) -> Result<BTreeMap<String, Vec<u8>>, PackageFailure> {
    if bytes.len() as u64 > PACKAGE_MAX_BYTES {
        return Err(PackageFailure::TooLarge {
            file: None,
            max_bytes: PACKAGE_MAX_BYTES,
        });
    }
    if seal::declared_entries(bytes).is_some_and(|n| n > PACKAGE_FILES_MAX as u64 + 1) {
        return Err(PackageFailure::TooManyFiles {
            max: PACKAGE_FILES_MAX,
        });
    }
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(corrupt)?;
    if !seal::verify(bytes, zip.comment()) {
        return Err(PackageFailure::Tampered {
            file: "(package seal)".into(),
        });
    }
    // Names first, from the central directory: nothing is inflated until every name and size is known.
    if zip.len() > PACKAGE_FILES_MAX + 1 {
        return Err(PackageFailure::TooManyFiles {
            max: PACKAGE_FILES_MAX,
        });
    }
    let mut names = BTreeSet::new();
    for (i, name) in zip.file_names().enumerate() {
        match name {
            Ok(name) if (layout.is_path)(&name) && names.insert(name.to_string()) => {}
            _ => {
                return Err(PackageFailure::PathInvalid {
                    entry: format!("archive entry {i}"),
                });
            }
        }
    }
    let manifest = parse_manifest(&read_entry(&mut zip, MANIFEST, MANIFEST_MAX_BYTES, None)?)?;
    if manifest.format != layout.format {
        return Err(corrupt(Invalid::Format(manifest.format)));
    }
    if manifest.version != VERSION {
        return Err(PackageFailure::UnsupportedVersion {
            version: manifest.version.to_string(),
        });
    }
    paths::check_manifest(&manifest, layout)?;

    // Every file listed must be there and match; nothing unlisted may ride along.
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for entry in &manifest.files {
        let limit = (layout.limit)(&entry.path);
        let content = read_entry(&mut zip, &entry.path, limit, Some(entry.size))?;
        if sha256_hex(&content) != entry.sha256 {
            return Err(PackageFailure::Tampered {
                file: entry.path.clone(),
            });
        }
        files.insert(entry.path.clone(), content);
    }
    if let Some(extra) = names
        .into_iter()
        .find(|name| name != MANIFEST && !files.contains_key(name))
    {
        return Err(PackageFailure::Tampered { file: extra });
    }
    Ok(files)
}

fn take(files: &mut BTreeMap<String, Vec<u8>>, path: &str) -> Result<Vec<u8>, PackageFailure> {
    files.remove(path).ok_or_else(|| PackageFailure::Tampered {
        file: path.to_owned(),
    })
}

impl PackageFormat for ZipPackageFormat {
    fn write(&self, contents: &PackageContents) -> Result<Vec<u8>, PackageFailure> {
        let application = serde_json::to_vec_pretty(&contents.application).map_err(write_error)?;
        let mut files: Vec<File<'_>> = vec![
            (
                APPLICATION.to_owned(),
                &application,
                CompressionMethod::Deflated,
            ),
            // PDFs and scans are compressed already: storing them keeps export fast and the digest obvious.
            (PDF.to_owned(), &contents.pdf, CompressionMethod::Stored),
        ];
        for (attachment, content) in &contents.documents {
            files.push((
                document_path(attachment),
                content,
                CompressionMethod::Stored,
            ));
        }
        seal_files(FORMAT, files)
    }

    fn read(&self, bytes: &[u8]) -> Result<PackageContents, PackageFailure> {
        let mut files = open_files(bytes, &APPLICATION_LAYOUT)?;
        let application = parse_application(&take(&mut files, APPLICATION)?)?;
        // Ids and file names are checked before they are used to find a document's path.
        let issues = application.identity_issues();
        if !issues.is_empty() {
            return Err(PackageFailure::Invalid(issues));
        }
        let pdf = take(&mut files, PDF)?;
        let mut documents = Vec::with_capacity(application.documents.len());
        for attachment in &application.documents {
            documents.push((
                attachment.clone(),
                take(&mut files, &document_path(attachment))?,
            ));
        }
        Ok(PackageContents {
            application,
            pdf,
            documents,
        })
    }
}

impl AmendmentPackageFormat for ZipPackageFormat {
    fn write_amendment(&self, package: &AmendmentPackage) -> Result<Vec<u8>, PackageFailure> {
        let amendment = serde_json::to_vec_pretty(&package.amendment).map_err(write_error)?;
        let mut files: Vec<File<'_>> = vec![(
            AMENDMENT.to_owned(),
            &amendment,
            CompressionMethod::Deflated,
        )];
        if let Some(pdf) = &package.pdf {
            files.push((AMENDMENT_PDF.to_owned(), pdf, CompressionMethod::Stored));
        }
        seal_files(AMENDMENT_FORMAT, files)
    }

    fn read_amendment(&self, bytes: &[u8]) -> Result<AmendmentPackage, PackageFailure> {
        let mut files = open_files(bytes, &AMENDMENT_LAYOUT)?;
        let amendment: Amendment = ehr_core::input::decode(&take(&mut files, AMENDMENT)?)
            .map_err(|error| PackageFailure::Invalid(error.0))?;
        let issues = amendment.identity_issues();
        if !issues.is_empty() {
            return Err(PackageFailure::Invalid(issues));
        }
        // Listed in the (verified) manifest or absent from the package: a PDF cannot be dropped unnoticed.
        let pdf = files.remove(AMENDMENT_PDF);
        Ok(AmendmentPackage { amendment, pdf })
    }
}

/// The manifest, through the core's strict decoder (unknown keys and wrong shapes refused with their path).
fn parse_manifest(bytes: &[u8]) -> Result<Manifest, PackageFailure> {
    ehr_core::input::decode(bytes).map_err(|error| PackageFailure::Invalid(error.0))
}

/// The application, through the core's strict decoder: ids decode only through their own parse, unknown
/// keys and wrong shapes are refused with their path, never their value.
fn parse_application(bytes: &[u8]) -> Result<ApplicationDraft, PackageFailure> {
    ehr_core::input::decode(bytes).map_err(|error| PackageFailure::Invalid(error.0))
}

/// One member's content, refused before it is inflated when the central directory declares more than
/// `limit` (or other than `expected`), and read through a `take` so a member that inflates to more than it
/// declares stops one byte past its declared size.
fn read_entry(
    zip: &mut ZipArchive<Cursor<&[u8]>>,
    path: &str,
    limit: u64,
    expected: Option<u64>,
) -> Result<Vec<u8>, PackageFailure> {
    let tampered = || PackageFailure::Tampered {
        file: path.to_owned(),
    };
    let file = zip.by_name(path).map_err(|_| tampered())?;
    let declared = file.size();
    if declared > limit {
        return Err(PackageFailure::TooLarge {
            file: Some(path.to_owned()),
            max_bytes: limit,
        });
    }
    if expected.is_some_and(|size| size != declared) {
        return Err(tampered());
    }
    // `declared` is at most `limit`, so this allocation is bounded.
    let mut content = Vec::with_capacity(usize::try_from(declared).unwrap_or(0));
    // A read error here is a damaged entry (its CRC or compressed stream), not a missing one.
    file.take(declared.saturating_add(1))
        .read_to_end(&mut content)
        .map_err(|_| tampered())?;
    if content.len() as u64 != declared {
        return Err(tampered());
    }
    Ok(content)
}
