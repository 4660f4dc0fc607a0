//! Writing and reading packages.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};

use ehr_core::application::{ApplicationDraft, Attachment, sha256_hex};
use ehr_core::ports::{PackageContents, PackageFailure, PackageFormat};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use crate::manifest::{FORMAT, Manifest, ManifestEntry, VERSION};
use crate::seal;

const MANIFEST: &str = "manifest.json";
const APPLICATION: &str = "application.json";
const PDF: &str = "application.pdf";

/// The zip package format, version 1.
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

impl PackageFormat for ZipPackageFormat {
    fn write(&self, contents: &PackageContents) -> Result<Vec<u8>, PackageFailure> {
        let application = serde_json::to_vec_pretty(&contents.application).map_err(write_error)?;
        let mut files: Vec<(String, &[u8], CompressionMethod)> = vec![
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
        let manifest = Manifest {
            format: FORMAT.to_owned(),
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
        // A fixed timestamp: the same application exports to the same bytes.
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

    fn read(&self, bytes: &[u8]) -> Result<PackageContents, PackageFailure> {
        let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(corrupt)?;
        if !seal::verify(bytes, zip.comment()) {
            return Err(PackageFailure::Tampered {
                file: "(package seal)".into(),
            });
        }
        let manifest: Manifest =
            serde_json::from_slice(&read_entry(&mut zip, MANIFEST)?).map_err(corrupt)?;
        if manifest.format != FORMAT {
            return Err(corrupt(Invalid::Format(manifest.format)));
        }
        if manifest.version != VERSION {
            return Err(PackageFailure::UnsupportedVersion {
                version: manifest.version.to_string(),
            });
        }

        // Every file listed must be there and match; nothing unlisted may ride along.
        let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        for entry in &manifest.files {
            let content = read_entry(&mut zip, &entry.path)?;
            if content.len() as u64 != entry.size || sha256_hex(&content) != entry.sha256 {
                return Err(PackageFailure::Tampered {
                    file: entry.path.clone(),
                });
            }
            files.insert(entry.path.clone(), content);
        }
        let listed = |name: &str| name == MANIFEST || files.contains_key(name);
        if let Some(extra) = zip
            .file_names()
            .filter_map(Result::ok)
            .find(|name| !listed(name))
        {
            return Err(PackageFailure::Tampered {
                file: extra.into_owned(),
            });
        }

        let mut take = |path: &str| {
            files.remove(path).ok_or_else(|| PackageFailure::Tampered {
                file: path.to_owned(),
            })
        };
        let application: ApplicationDraft =
            serde_json::from_slice(&take(APPLICATION)?).map_err(corrupt)?;
        let pdf = take(PDF)?;
        let mut documents = Vec::with_capacity(application.documents.len());
        for attachment in &application.documents {
            documents.push((attachment.clone(), take(&document_path(attachment))?));
        }
        Ok(PackageContents {
            application,
            pdf,
            documents,
        })
    }
}

fn read_entry(zip: &mut ZipArchive<Cursor<&[u8]>>, path: &str) -> Result<Vec<u8>, PackageFailure> {
    let mut file = zip.by_name(path).map_err(|_| PackageFailure::Tampered {
        file: path.to_owned(),
    })?;
    let mut content = Vec::new();
    // A read error here is a damaged entry (its CRC or compressed stream), not a missing one.
    file.read_to_end(&mut content)
        .map_err(|_| PackageFailure::Tampered {
            file: path.to_owned(),
        })?;
    Ok(content)
}
