//! Records that tell the truth, files that are whole: what `ehr` writes with `--out`, and what the history
//! and the audit trail say about it, when the folder is missing, the disk full or read-only, `--out` names
//! an input, `--db` is mistyped — and when the process is killed while it writes.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::{ehr, json_of, stderr};
use ehr_core::application::{ApplicationId, Applications, HistoryEvent};
use ehr_core::ports::{AuditAction, PackageFormat, SystemClock};

/// A clinic's database with the sample application in it, and that application's id.
fn clinic(dir: &Path) -> (PathBuf, String, PathBuf) {
    let db = dir.join("clinic.sqlite3");
    let sample = dir.join("sample.json");
    std::fs::write(&sample, ehr(&["forms", "sample", "application"]).stdout).unwrap();
    let created = json_of(&ehr(&[
        "--db",
        db.to_str().unwrap(),
        "--json",
        "applications",
        "create",
        "--input",
        sample.to_str().unwrap(),
    ]));
    let id = created["draft"]["id"].as_str().unwrap().to_owned();
    (db, id, sample)
}

/// How many exports the history and the audit trail record for `id`.
fn exports_recorded(db: &Path, id: &str) -> (usize, usize) {
    common::block_on(async {
        let (store, session) = common::signed_in(db).await;
        let recorded = exports_in(&store, &session, id).await;
        store.close().await;
        recorded
    })
}

async fn exports_in(
    store: &ehr_store::Store,
    session: &ehr_core::auth::Session,
    id: &str,
) -> (usize, usize) {
    let sealed = store.sealed(session.cipher());
    let apps = Applications::new(&sealed, &SystemClock, session.principal());
    let id = ApplicationId::parse(id).unwrap();
    let history = apps.history(&id).await.unwrap();
    let audit = apps.audit_trail(&id).await.unwrap();
    (
        history
            .iter()
            .filter(|h| h.event == HistoryEvent::Exported)
            .count(),
        audit
            .iter()
            .filter(|a| a.action == AuditAction::Exported)
            .count(),
    )
}

fn export(db: &Path, id: &str, out: &Path) -> Output {
    ehr(&[
        "--db",
        db.to_str().unwrap(),
        "--json",
        "applications",
        "export",
        id,
        "--out",
        out.to_str().unwrap(),
    ])
}

/// The one issue a refused command printed (`--json`): its code and its path parameter.
fn refusal(output: &Output) -> (String, String) {
    assert_eq!(output.status.code(), Some(1), "{}", stderr(output));
    let json = json_of(output);
    let issue = &json["issues"][0];
    (
        issue["code"].as_str().unwrap().to_owned(),
        issue["params"]["path"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
    )
}

fn names_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A tiny tmpfs, full after a few KiB, or read-only: a real full disk and a real read-only folder (root is
/// not stopped by a folder's mode). Mounting needs root, or sudo without a password.
struct Mounted {
    dir: tempfile::TempDir,
}

impl Mounted {
    fn tmpfs(options: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let status = privileged("mount")
            .args(["-t", "tmpfs", "-o", options, "tmpfs"])
            .arg(dir.path())
            .status()
            .unwrap();
        assert!(
            status.success(),
            "this test mounts a tiny tmpfs: run it as root or with passwordless sudo"
        );
        Mounted { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = privileged("umount").arg(self.dir.path()).status();
    }
}

/// `program` as root: directly when the tests run as root, else through `sudo -n`.
fn privileged(program: &str) -> Command {
    let root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout == b"0\n")
        .unwrap_or(false);
    if root {
        Command::new(program)
    } else {
        let mut sudo = Command::new("sudo");
        sudo.args(["-n", program]);
        sudo
    }
}

#[test]
fn an_export_to_a_missing_folder_fails_with_its_path_and_records_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (db, id, _) = clinic(dir.path());
    let out = dir.path().join("no-such-folder").join("app.ehrpkg");
    let (code, path) = refusal(&export(&db, &id, &out));
    assert_eq!(
        (code.as_str(), path.as_str()),
        ("file.folder_missing", out.to_str().unwrap())
    );
    assert!(!dir.path().join("no-such-folder").exists());
    assert_eq!(exports_recorded(&db, &id), (0, 0));

    let text = ehr(&[
        "--db",
        db.to_str().unwrap(),
        "applications",
        "export",
        &id,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        stderr(&text).contains("does not exist. Choose a folder that exists"),
        "{}",
        stderr(&text)
    );
    let history = common::stdout(&ehr(&[
        "--db",
        db.to_str().unwrap(),
        "applications",
        "history",
        &id,
    ]));
    assert!(!history.contains("exported"), "{history}");
}

#[test]
fn an_export_to_a_full_disk_fails_leaves_the_earlier_file_and_records_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (db, id, _) = clinic(dir.path());
    let disk = Mounted::tmpfs("size=16k,mode=0777");
    let out = disk.path().join("app.ehrpkg");
    std::fs::write(&out, "the earlier export").unwrap();

    let (code, path) = refusal(&export(&db, &id, &out));
    assert_eq!(
        (code.as_str(), path.as_str()),
        ("file.disk_full", out.to_str().unwrap())
    );
    assert_eq!(std::fs::read(&out).unwrap(), b"the earlier export");
    assert_eq!(names_in(disk.path()), ["app.ehrpkg"], "no part is left");
    assert_eq!(exports_recorded(&db, &id), (0, 0));
}

#[test]
fn a_render_to_a_full_disk_leaves_no_broken_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let sample = dir.path().join("sample.json");
    std::fs::write(&sample, ehr(&["forms", "sample", "application"]).stdout).unwrap();
    let disk = Mounted::tmpfs("size=16k,mode=0777");
    let out = disk.path().join("app.pdf");
    for form in ["application", "patient-registration"] {
        std::fs::write(&sample, ehr(&["forms", "sample", form]).stdout).unwrap();
        let output = ehr(&[
            "--json",
            "forms",
            "render",
            form,
            "--input",
            sample.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(refusal(&output).0, "file.disk_full");
        assert_eq!(names_in(disk.path()), Vec::<String>::new(), "{form}");
    }
}

#[test]
fn an_export_to_a_read_only_folder_fails_and_records_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (db, id, _) = clinic(dir.path());
    let read_only = Mounted::tmpfs("ro,size=64k");
    let out = read_only.path().join("app.ehrpkg");
    let (code, path) = refusal(&export(&db, &id, &out));
    assert_eq!(
        (code.as_str(), path.as_str()),
        ("file.not_permitted", out.to_str().unwrap())
    );
    assert_eq!(exports_recorded(&db, &id), (0, 0));
}

#[test]
fn out_naming_an_input_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let (db, id, sample) = clinic(dir.path());
    let form = std::fs::read(&sample).unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&sample, &link).unwrap();
    let dotted = dir.path().join(".").join("sample.json");
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let up = dir.path().join("sub").join("..").join("sample.json");
    for out in [&sample, &link, &dotted, &up] {
        let output = ehr(&[
            "--json",
            "forms",
            "render",
            "application",
            "--input",
            sample.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(
            refusal(&output),
            ("file.same_as_input".into(), out.to_str().unwrap().into())
        );
        assert_eq!(std::fs::read(&sample).unwrap(), form, "{out:?}");
    }

    // An export reads the database: `--out` naming it (here as a relative spelling) is refused too.
    let database = std::fs::read(&db).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_ehr"))
        .args([
            "--db",
            "clinic.sqlite3",
            "--json",
            "applications",
            "export",
            &id,
            "--out",
            "./sub/../clinic.sqlite3",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(refusal(&output).0, "file.same_as_input");
    assert_eq!(std::fs::read(&db).unwrap(), database);
    assert_eq!(exports_recorded(&db, &id), (0, 0));
    assert!(
        !names_in(dir.path()).iter().any(|n| n.contains("partial")),
        "{:?}",
        names_in(dir.path())
    );
}

#[test]
fn read_only_commands_on_a_mistyped_database_create_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("typo").join("ehr.sqlite3");
    let db_arg = db.to_str().unwrap();
    let id = "0193a7a0-0000-7000-8000-000000000000";
    let out = dir.path().join("out.ehrpkg");
    let commands: [&[&str]; 7] = [
        &["applications", "list"],
        &["applications", "show", id],
        &["applications", "history", id],
        &["applications", "audit", id],
        &["applications", "export", id, "--out", out.to_str().unwrap()],
        &[
            "applications",
            "submit",
            id,
            "--channel",
            "fax",
            "--date",
            "2026-11-25",
        ],
        &["applications", "status", id, "--to", "accepted"],
    ];
    for command in commands {
        let output = ehr(&[&["--db", db_arg, "--json"], command].concat());
        assert_eq!(
            refusal(&output),
            ("storage.no_database".into(), db_arg.into()),
            "{command:?}"
        );
        assert_eq!(names_in(dir.path()), Vec::<String>::new(), "{command:?}");
    }
    let text = ehr(&["--db", db_arg, "applications", "list"]);
    assert_eq!(text.status.code(), Some(1));
    assert_eq!(
        stderr(&text),
        format!(
            "--db: There is no database at {db_arg}. Check the path: nothing was created. \
             [storage.no_database]\n"
        )
    );

    // A command that creates data still creates the database it is pointed at.
    let sample = dir.path().join("sample.json");
    std::fs::write(&sample, ehr(&["forms", "sample", "application"]).stdout).unwrap();
    let created = ehr(&[
        "--db",
        db_arg,
        "applications",
        "create",
        "--input",
        sample.to_str().unwrap(),
    ]);
    assert_eq!(created.status.code(), Some(0), "{}", stderr(&created));
    assert!(db.is_file());
}

/// The acceptance test: `ehr` killed (SIGKILL) at random moments while it exports and renders. After every
/// kill the destination is absent or a whole, valid file; nothing is left under its name; and the history
/// and the audit trail record an export only when its file is there, whole.
#[test]
fn killed_while_writing_it_leaves_no_partial_file_and_no_false_record() {
    let dir = tempfile::tempdir().unwrap();
    let (db, id, sample) = clinic(dir.path());
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let seed = fastrand::u64(..);
    eprintln!("kill timings seeded with {seed}");
    let mut random = fastrand::Rng::with_seed(seed);
    // Runs killed while their temporary file was there, and runs that finished.
    let mut cut_short = 0;
    let mut whole = 0;

    let package = out_dir.join("app.ehrpkg");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (store, session) = runtime.block_on(common::signed_in(&db));
    // Kills early, late, and just after the temporary file appears (mid-write).
    let deadline = Instant::now() + Duration::from_secs(12);
    for round in 0..6 {
        if Instant::now() > deadline {
            break;
        }
        let before = runtime.block_on(exports_in(&store, &session, &id));
        let child = Command::new(env!("CARGO_BIN_EXE_ehr"))
            .args(["--db", db.to_str().unwrap(), "applications", "export", &id])
            .arg("--out")
            .arg(&package)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let micros = if round == 1 { 0 } else { 900_000 };
        kill_at_random(child, &out_dir, round, micros, &mut random);
        let after = runtime.block_on(exports_in(&store, &session, &id));
        let (present, left) = check_whole(&out_dir, "app.ehrpkg", |bytes| {
            let contents = ehr_package::ZipPackageFormat.read(bytes).unwrap();
            assert_eq!(contents.application.id.as_str(), id);
        });
        whole += usize::from(present);
        cut_short += left;
        assert!(
            after.0 >= before.0 && after.1 >= before.1,
            "{before:?} {after:?}"
        );
        if after != before {
            assert!(present, "an export was recorded without its file");
            assert_eq!((after.0 - before.0, after.1 - before.1), (1, 1));
        }
        let _ = std::fs::remove_file(&package);
    }
    runtime.block_on(store.close());

    let pdf = out_dir.join("app.pdf");
    for round in 0..12 {
        let child = Command::new(env!("CARGO_BIN_EXE_ehr"))
            .args(["forms", "render", "application", "--input"])
            .arg(&sample)
            .arg("--out")
            .arg(&pdf)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let micros = if round == 1 { 0 } else { 250_000 };
        kill_at_random(child, &out_dir, round, micros, &mut random);
        let (present, left) = check_whole(&out_dir, "app.pdf", |bytes| {
            lopdf::Document::load_mem(bytes).unwrap();
        });
        whole += usize::from(present);
        cut_short += left;
        let _ = std::fs::remove_file(&pdf);
    }
    eprintln!("{cut_short} runs killed mid-write; {whole} runs finished whole");
    assert!(
        cut_short > 0 && whole > 0,
        "some kills must land mid-write and some runs finish: {cut_short} {whole}"
    );
}

/// Kills `child` after a random delay of up to `micros`, or (every third round) just after its temporary
/// file appears in `folder`, while it writes; with `micros` 0, lets it finish (so a whole file is checked
/// in every run of the test).
fn kill_at_random(
    mut child: std::process::Child,
    folder: &Path,
    round: usize,
    micros: u64,
    random: &mut fastrand::Rng,
) {
    let started = Instant::now();
    if round.is_multiple_of(3) {
        // Watch for the temporary file: the write is under way.
        while started.elapsed() < Duration::from_secs(5) {
            if partials_in(folder) > 0 {
                std::thread::sleep(Duration::from_micros(random.u64(..500)));
                break;
            }
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_micros(100));
        }
    } else if micros == 0 {
        child.wait().unwrap();
    } else {
        std::thread::sleep(Duration::from_micros(random.u64(..micros)));
    }
    let _ = child.kill(); // SIGKILL
    child.wait().unwrap();
}

/// Whether `name` is in `folder` (when it is, `valid` checks it is whole), and how many temporary files
/// a kill mid-write left beside it. Nothing else may be there; the temporary files (hidden, marked partial)
/// are removed for the next round.
fn check_whole(folder: &Path, name: &str, valid: impl Fn(&[u8])) -> (bool, usize) {
    let (mut present, mut left) = (false, 0);
    for entry in names_in(folder) {
        if entry == name {
            valid(&std::fs::read(folder.join(&entry)).unwrap());
            present = true;
        } else {
            assert!(ehr_files::is_partial(&entry), "{entry} left in {folder:?}");
            std::fs::remove_file(folder.join(&entry)).unwrap();
            left += 1;
        }
    }
    (present, left)
}

fn partials_in(folder: &Path) -> usize {
    std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| ehr_files::is_partial(&e.file_name().to_string_lossy()))
                .count()
        })
        .unwrap_or(0)
}
