//! Hand-made packages, as a hostile sender would make them: a zip written byte by byte (so its headers can
//! say anything), with a manifest and a seal that are valid — anyone can seal a zip.
//!
//! Shared by the package's tests and the CLI's (`#[path]`), so it uses only ehr-core and serde_json.

#![allow(dead_code)] // each test binary uses its own part
#![allow(clippy::unwrap_used, clippy::expect_used)] // test support: a panic is a failure with its location

use ehr_core::application::sha256_hex;

/// A one-page PDF that parses (the sample certificate's bytes).
pub const PDF: &[u8] = include_bytes!("../../../core/src/application/sample-certificate.pdf");
/// A 1×1 PNG that decodes.
pub const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00, 0x00, 0x00, 0x00, 0x3a, 0x7e, 0x9b,
    0x55, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x60, 0x00, 0x00, 0x00,
    0x02, 0x00, 0x01, 0x48, 0xaf, 0xa4, 0x71, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
    0x42, 0x60, 0x82,
];
/// A 2×2 white JPEG (made with Pillow for these tests).
pub const JPEG: &[u8] = include_bytes!("white-2x2.jpg");
/// The first bytes of a Windows program.
pub const EXE: &[u8] = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00 This program cannot be run in DOS mode.";

/// One member of a hand-made zip: its name, its bytes as stored, and what its headers declare.
pub struct Member {
    pub name: String,
    /// 0 stored, 8 deflated.
    pub method: u16,
    pub data: Vec<u8>,
    /// The uncompressed size both headers declare: the truth, or not.
    pub declared_size: u64,
    pub crc: u32,
}

impl Member {
    /// A member stored as it is, its headers honest.
    pub fn stored(name: &str, content: &[u8]) -> Member {
        Member {
            name: name.into(),
            method: 0,
            data: content.to_vec(),
            declared_size: content.len() as u64,
            crc: crc32(content),
        }
    }
}

pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

const SEAL_PREFIX: &str = "ehr-desk-seal:sha256:";

/// A zip of `members`, sealed as eHR Desk seals a package.
pub fn sealed_zip(members: &[Member]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    let u16le = |v: u16| v.to_le_bytes();
    let u32le = |v: u32| v.to_le_bytes();
    for member in members {
        let offset = u32::try_from(out.len()).unwrap();
        let size = u32::try_from(member.declared_size).unwrap();
        let compressed = u32::try_from(member.data.len()).unwrap();
        let name = member.name.as_bytes();
        let name_len = u16::try_from(name.len()).unwrap();
        // Local file header.
        out.extend_from_slice(&u32le(0x0403_4b50));
        out.extend_from_slice(&u16le(20));
        out.extend_from_slice(&u16le(0));
        out.extend_from_slice(&u16le(member.method));
        out.extend_from_slice(&u16le(0));
        out.extend_from_slice(&u16le(0x21));
        out.extend_from_slice(&u32le(member.crc));
        out.extend_from_slice(&u32le(compressed));
        out.extend_from_slice(&u32le(size));
        out.extend_from_slice(&u16le(name_len));
        out.extend_from_slice(&u16le(0));
        out.extend_from_slice(name);
        out.extend_from_slice(&member.data);
        // Its central directory entry.
        central.extend_from_slice(&u32le(0x0201_4b50));
        central.extend_from_slice(&u16le(20));
        central.extend_from_slice(&u16le(20));
        central.extend_from_slice(&u16le(0));
        central.extend_from_slice(&u16le(member.method));
        central.extend_from_slice(&u16le(0));
        central.extend_from_slice(&u16le(0x21));
        central.extend_from_slice(&u32le(member.crc));
        central.extend_from_slice(&u32le(compressed));
        central.extend_from_slice(&u32le(size));
        central.extend_from_slice(&u16le(name_len));
        central.extend_from_slice(&[0; 8]); // extra, comment, disk, internal attributes
        central.extend_from_slice(&u32le(0)); // external attributes
        central.extend_from_slice(&u32le(offset));
        central.extend_from_slice(name);
    }
    let central_offset = u32::try_from(out.len()).unwrap();
    out.extend_from_slice(&central);
    let count = u16::try_from(members.len()).unwrap();
    let comment = format!("{SEAL_PREFIX}{}", "0".repeat(64));
    out.extend_from_slice(&u32le(0x0605_4b50));
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&u16le(count));
    out.extend_from_slice(&u16le(count));
    out.extend_from_slice(&u32le(u32::try_from(central.len()).unwrap()));
    out.extend_from_slice(&u32le(central_offset));
    out.extend_from_slice(&u16le(u16::try_from(comment.len()).unwrap()));
    out.extend_from_slice(comment.as_bytes());
    // The seal: the digest of every byte before the comment, in place of the zeros.
    let comment_start = out.len() - comment.len();
    let digest = sha256_hex(&out[..comment_start]);
    let digest_start = comment_start + SEAL_PREFIX.len();
    out[digest_start..].copy_from_slice(digest.as_bytes());
    out
}

/// A manifest listing `files` as (path, size, sha256).
pub fn manifest(files: &[(&str, u64, String)]) -> Vec<u8> {
    let files: Vec<_> = files
        .iter()
        .map(|(path, size, sha256)| serde_json::json!({ "path": path, "size": size, "sha256": sha256 }))
        .collect();
    serde_json::to_vec(&serde_json::json!({
        "format": "ehr-desk/application-package",
        "version": 1,
        "files": files,
    }))
    .unwrap()
}

/// A sealed package of `files` with an honest manifest: every size and digest right. Whatever is wrong with
/// it is in what the files say.
pub fn package(files: &[(&str, &[u8])]) -> Vec<u8> {
    let listed: Vec<_> = files
        .iter()
        .map(|(path, content)| (*path, content.len() as u64, sha256_hex(content)))
        .collect();
    let mut members = vec![Member::stored("manifest.json", &manifest(&listed))];
    members.extend(
        files
            .iter()
            .map(|(path, content)| Member::stored(path, content)),
    );
    sealed_zip(&members)
}

/// A document's description as `application.json` carries it.
pub fn attachment(
    id: &str,
    file_name: &str,
    media_type: &str,
    content: &[u8],
) -> serde_json::Value {
    serde_json::json!({
        "id": id,
        "kind": "business_registration_certificate",
        "fileName": file_name,
        "mediaType": media_type,
        "size": content.len(),
        "sha256": sha256_hex(content),
        "addedAt": 1_764_000_000_000_i64,
    })
}

/// An application as `application.json` carries it, around `form` (as `ehr forms sample application`
/// prints it).
pub fn application(
    id: &str,
    reference: &str,
    form: &serde_json::Value,
    documents: Vec<serde_json::Value>,
) -> serde_json::Value {
    serde_json::json!({
        "id": id,
        "reference": reference,
        "status": "submitted",
        "createdAt": 1_764_000_000_000_i64,
        "updatedAt": 1_764_000_000_000_i64,
        "form": form,
        "documents": documents,
        "submission": { "channel": "mail", "date": "2026-11-25" },
    })
}

/// A package of `application` with its documents at the paths eHR Desk gives them (`documents/<id>.<ext>`,
/// taken from each description) and a PDF of the application.
pub fn application_package(application: &serde_json::Value, documents: &[&[u8]]) -> Vec<u8> {
    let json = serde_json::to_vec_pretty(application).unwrap();
    let paths: Vec<String> = application["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let extension = match d["mediaType"].as_str().unwrap() {
                "image/png" => "png",
                "image/jpeg" => "jpg",
                _ => "pdf",
            };
            format!("documents/{}.{extension}", d["id"].as_str().unwrap())
        })
        .collect();
    let mut files: Vec<(&str, &[u8])> = vec![("application.json", &json), ("application.pdf", PDF)];
    files.extend(
        paths
            .iter()
            .map(String::as_str)
            .zip(documents.iter().copied()),
    );
    package(&files)
}
