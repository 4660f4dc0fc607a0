//! The submission package: structure-aware mutations of a real package — members renamed to paths that
//! climb out (`../..`), dropped, doubled, replaced; the manifest and the application inside it changed as
//! JSON; compression switched — each sealed again so the reader's deeper checks are reached, and sometimes
//! broken after sealing. Every package is imported into a real (SQLite) office database: a refusal changes
//! nothing, and whatever is accepted leaves the office able to list and open every application.

use std::io::{Cursor, Read, Write};
use std::sync::{Arc, LazyLock};

use ehr_core::application::sample::{SAMPLE_CERTIFICATE, submitted_application};
use ehr_core::application::{Applications, sha256_hex};
use ehr_core::auth::{OfficeKind, Principal, Role};
use ehr_core::ports::{PackageContents, PackageFormat, SystemClock};
use ehr_package::ZipPackageFormat;
use ehr_store::{SealedStore, Store};
use proptest::prelude::*;
use serde_json::Value;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use crate::budget::fuzz;
use crate::bytes::{Mutation, apply, mutations};
use crate::json::{JsonOp, apply_json};
use crate::regressions;

const SEAL_PREFIX: &str = "ehr-desk-seal:sha256:";

#[derive(Debug, Clone)]
struct Member {
    name: String,
    content: Vec<u8>,
    deflated: bool,
}

/// The members of a real package of the sample application, in order.
static SAMPLE: LazyLock<Vec<Member>> = LazyLock::new(|| {
    let mut application = submitted_application();
    application.documents.truncate(1);
    let contents = PackageContents {
        documents: vec![(
            application.documents[0].clone(),
            SAMPLE_CERTIFICATE.to_vec(),
        )],
        application,
        pdf: b"%PDF-1.4 the application".to_vec(),
    };
    let bytes = ZipPackageFormat.write(&contents).unwrap();
    let mut zip = ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|index| {
            let mut file = zip.by_index(index).unwrap();
            let mut content = Vec::new();
            file.read_to_end(&mut content).unwrap();
            Member {
                name: file.name().unwrap().into_owned(),
                content,
                deflated: file.compression() == CompressionMethod::Deflated,
            }
        })
        .collect()
});

#[derive(Debug, Clone)]
enum MemberOp {
    Rename(prop::sample::Index, String),
    Drop(prop::sample::Index),
    Double(prop::sample::Index),
    Replace(prop::sample::Index, Vec<u8>),
    Bytes(prop::sample::Index, Vec<Mutation>),
    Add(String, Vec<u8>),
    Compression(prop::sample::Index),
    /// The application inside, changed as JSON (its id, its documents' ids and names, its reference...).
    Application(Vec<JsonOp>),
    Manifest(Vec<JsonOp>),
    /// One of the fields an importer must not trust, set to a hostile text.
    Field(&'static str, String),
}

/// The JSON pointers, inside `application.json`, of what ties the package together.
const TRUSTED_FIELDS: &[&str] = &[
    "/id",
    "/reference",
    "/status",
    "/documents/0/id",
    "/documents/0/fileName",
    "/documents/0/mediaType",
    "/documents/0/size",
    "/documents/0/sha256",
];

fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("../../..".to_owned()),
        Just("..\\..\\evil.exe".to_owned()),
        Just("not-a-uuid".to_owned()),
        Just("019ab3f2-c7b1-7d2e-9a44-0123456789ac".to_owned()),
        Just("HCP-0000-0000".to_owned()),
        Just(String::new()),
        "\\PC{0,16}",
        "[0-9a-f-]{30,40}",
    ]
}

fn member_name() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("../../../etc/passwd".to_owned()),
        Just("/absolute.pdf".to_owned()),
        Just("documents/../application.json".to_owned()),
        Just("documents\\..\\..\\evil.pdf".to_owned()),
        Just("C:\\Windows\\evil.exe".to_owned()),
        Just("documents/019ab3f2-c7b2-7000-8000-000000000001.exe".to_owned()),
        Just("application.json".to_owned()),
        Just("manifest.json".to_owned()),
        "[a-z./\\\\]{0,24}",
        "\\PC{0,12}",
    ]
}

fn content() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..200),
        Just(b"MZ\x90\x00\x03\x00\x00\x00 a Windows program".to_vec()),
        Just(b"%PDF-1.4 not really".to_vec()),
        Just(b"\x89PNG\r\n\x1a\n".to_vec()),
        (1usize..300_000).prop_map(|n| vec![0u8; n]),
    ]
}

fn json_ops() -> impl Strategy<Value = Vec<JsonOp>> {
    proptest::collection::vec(crate::json::json_op(), 1..4)
}

fn member_op() -> impl Strategy<Value = MemberOp> {
    let index = any::<prop::sample::Index>;
    prop_oneof![
        1 => (index(), member_name()).prop_map(|(i, n)| MemberOp::Rename(i, n)),
        1 => index().prop_map(MemberOp::Drop),
        1 => index().prop_map(MemberOp::Double),
        1 => (index(), content()).prop_map(|(i, c)| MemberOp::Replace(i, c)),
        1 => (index(), mutations(4)).prop_map(|(i, m)| MemberOp::Bytes(i, m)),
        1 => (member_name(), content()).prop_map(|(n, c)| MemberOp::Add(n, c)),
        1 => index().prop_map(MemberOp::Compression),
        3 => json_ops().prop_map(MemberOp::Application),
        1 => json_ops().prop_map(MemberOp::Manifest),
        2 => (prop::sample::select(TRUSTED_FIELDS), hostile_text()).prop_map(|(f, t)| MemberOp::Field(f, t)),
    ]
}

fn change_json(content: &[u8], ops: &[JsonOp]) -> Vec<u8> {
    match serde_json::from_slice::<Value>(content) {
        Ok(value) => serde_json::to_vec_pretty(&apply_json(value, ops)).unwrap(),
        Err(_) => content.to_vec(),
    }
}

fn apply_ops(members: &mut Vec<Member>, ops: &[MemberOp]) {
    for op in ops {
        let at = |i: &prop::sample::Index, n: usize| (n > 0).then(|| i.index(n));
        match op {
            MemberOp::Rename(i, name) => {
                if let Some(i) = at(i, members.len()) {
                    members[i].name = name.clone();
                }
            }
            MemberOp::Drop(i) => {
                if let Some(i) = at(i, members.len()) {
                    members.remove(i);
                }
            }
            MemberOp::Double(i) => {
                if let Some(i) = at(i, members.len()) {
                    members.push(members[i].clone());
                }
            }
            MemberOp::Replace(i, content) => {
                if let Some(i) = at(i, members.len()) {
                    members[i].content = content.clone();
                }
            }
            MemberOp::Bytes(i, mutations) => {
                if let Some(i) = at(i, members.len()) {
                    members[i].content = apply(std::mem::take(&mut members[i].content), mutations);
                }
            }
            MemberOp::Add(name, content) => members.push(Member {
                name: name.clone(),
                content: content.clone(),
                deflated: true,
            }),
            MemberOp::Compression(i) => {
                if let Some(i) = at(i, members.len()) {
                    members[i].deflated = !members[i].deflated;
                }
            }
            MemberOp::Field(pointer, text) => {
                for member in members.iter_mut().filter(|m| m.name == "application.json") {
                    if let Ok(mut value) = serde_json::from_slice::<Value>(&member.content) {
                        if let Some(node) = value.pointer_mut(pointer) {
                            *node = Value::String(text.clone());
                        }
                        member.content = serde_json::to_vec_pretty(&value).unwrap();
                    }
                }
            }
            MemberOp::Application(ops) | MemberOp::Manifest(ops) => {
                let name = if matches!(op, MemberOp::Application(_)) {
                    "application.json"
                } else {
                    "manifest.json"
                };
                for member in members.iter_mut().filter(|m| m.name == name) {
                    member.content = change_json(&member.content, ops);
                }
            }
        }
    }
}

/// The manifest made again for the members as they now are, so the checks past it are reached.
fn remake_manifest(members: &mut [Member]) {
    let files: Vec<Value> = members
        .iter()
        .filter(|m| m.name != "manifest.json")
        .map(|m| {
            serde_json::json!({
                "path": m.name,
                "size": m.content.len(),
                "sha256": sha256_hex(&m.content),
            })
        })
        .collect();
    for member in members.iter_mut().filter(|m| m.name == "manifest.json") {
        if let Ok(mut manifest) = serde_json::from_slice::<Value>(&member.content) {
            if let Some(object) = manifest.as_object_mut() {
                object.insert("files".into(), Value::Array(files.clone()));
            }
            member.content = serde_json::to_vec_pretty(&manifest).unwrap();
        }
    }
}

/// A zip of `members`, sealed as eHR Desk seals its packages.
fn sealed_zip(members: &[Member]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for member in members {
        let method = if member.deflated {
            CompressionMethod::Deflated
        } else {
            CompressionMethod::Stored
        };
        // The zip crate refuses a name twice; such a member is simply left out.
        if zip
            .start_file(
                member.name.as_str(),
                SimpleFileOptions::default().compression_method(method),
            )
            .is_ok()
        {
            zip.write_all(&member.content).unwrap();
        }
    }
    zip.set_comment(format!("{SEAL_PREFIX}{}", "0".repeat(64)))
        .unwrap();
    let mut bytes = zip.finish().unwrap().into_inner();
    let start = bytes.len() - 64 - SEAL_PREFIX.len();
    let digest = sha256_hex(&bytes[..start]);
    let end = bytes.len();
    bytes[end - 64..].copy_from_slice(digest.as_bytes());
    bytes
}

#[derive(Debug, Clone)]
struct Crafted {
    ops: Vec<MemberOp>,
    remake_manifest: bool,
    after_sealing: Vec<Mutation>,
}

fn crafted() -> impl Strategy<Value = Crafted> {
    (
        proptest::collection::vec(member_op(), 0..4),
        prop::bool::weighted(0.8),
        prop_oneof![4 => Just(Vec::new()), 1 => mutations(3)],
    )
        .prop_map(|(ops, remake_manifest, after_sealing)| Crafted {
            ops,
            remake_manifest,
            after_sealing,
        })
}

fn package(crafted: &Crafted) -> Vec<u8> {
    let mut members = SAMPLE.clone();
    apply_ops(&mut members, &crafted.ops);
    if crafted.remake_manifest {
        remake_manifest(&mut members);
    }
    apply(sealed_zip(&members), &crafted.after_sealing)
}

/// A fresh office database for each package, so each is judged on its own (and a kept seed replays the same
/// way): a copy of one migrated, empty database, opened with the run's key.
struct Office {
    runtime: tokio::runtime::Runtime,
    key: Arc<ehr_secrets::Sealer>,
    dir: tempfile::TempDir,
    cases: std::sync::atomic::AtomicU64,
}

const EMPTY: &str = "empty.sqlite3";

impl Office {
    fn open() -> Office {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let key = Arc::new(ehr_secrets::Sealer::random());
        runtime.block_on(async {
            let store = Store::open_sqlite(&dir.path().join(EMPTY)).await.unwrap();
            store.close().await;
        });
        Office {
            runtime,
            key,
            dir,
            cases: std::sync::atomic::AtomicU64::new(0),
        }
    }

    fn import(&self, bytes: &[u8]) -> Result<(), TestCaseError> {
        let case = self
            .cases
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path = self.dir.path().join(format!("office-{case}.sqlite3"));
        std::fs::copy(self.dir.path().join(EMPTY), &path).unwrap();
        self.runtime.block_on(async {
            let store = Store::open_sqlite(&path).await.unwrap();
            let outcome = judge_import(&store.sealed(&*self.key), bytes).await;
            store.close().await;
            outcome
        })?;
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        Ok(())
    }
}

async fn judge_import(store: &SealedStore<'_>, bytes: &[u8]) -> Result<(), TestCaseError> {
    let officer = Principal::for_tests(OfficeKind::RegistrationOffice, &[Role::RoOfficer]);
    let applications = Applications::new(store, &SystemClock, &officer);
    let outcome = applications
        .import_package(bytes, &ZipPackageFormat, &ehr_package::ContentInspector)
        .await;
    let listed = applications
        .list()
        .await
        .map_err(|e| fail("an import broke the list", &e))?
        .items;
    match outcome {
        Ok(saved) => {
            prop_assert_eq!(listed.len(), 1);
            let opened = applications
                .get(&saved.draft.id)
                .await
                .map_err(|e| fail("an imported application cannot be opened", &e))?;
            for attachment in &opened.documents {
                let content = applications
                    .document_content(&opened.id, &attachment.id)
                    .await
                    .map_err(|e| fail("an imported document cannot be read", &e))?;
                prop_assert_eq!(sha256_hex(&content), attachment.sha256.clone());
            }
        }
        Err(error) => {
            prop_assert!(
                error.issues().is_some(),
                "a refusal without a worded reason: {error:?}"
            );
            prop_assert!(listed.is_empty(), "a refused import left a row behind");
        }
    }
    Ok(())
}

fn fail(what: &str, error: &ehr_core::CoreError) -> TestCaseError {
    TestCaseError::fail(format!("{what}: {error:?}"))
}

#[test]
fn crafted_packages_are_refused_or_imported_whole() {
    let office = Office::open();
    fuzz(regressions!("package-crafted"), crafted(), |crafted| {
        office.import(&package(&crafted))
    });
}
