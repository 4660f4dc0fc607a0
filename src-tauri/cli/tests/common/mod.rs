//! What the CLI's test files share: running `ehr` as a user would, and opening the database it wrote.

#![allow(dead_code)] // each test binary uses its own part
#![allow(clippy::unwrap_used, clippy::expect_used)] // test support: a panic is a failure with its location

use std::path::Path;
use std::process::{Command, Output};

/// The administrator every test office is set up with, holding every clinic role.
pub const ADMIN: &str = "admin";
pub const ADMIN_PASSWORD: &str = "harbour lantern pepper violin";
const CLINIC_ROLES: &str = "system_admin,user_admin,front_desk,auditor";

/// The commands that act on the office's data, and so sign in (the card's readers and state are not data).
fn signs_in(args: &[&str]) -> bool {
    // The command's words: what is neither a flag nor the value of `--db`.
    let words: Vec<&str> = args
        .iter()
        .enumerate()
        .filter(|(i, a)| !a.starts_with("--") && (*i == 0 || args[i - 1] != "--db"))
        .map(|(_, a)| *a)
        .collect();
    let on_data = match words.as_slice() {
        ["card", "readers" | "watch", ..] => false,
        ["staff", "template"] => false,
        ["staff", "sample", ..] => args.contains(&"--hcp"),
        [
            "applications" | "card" | "db" | "audit" | "staff" | "requests" | "amendments",
            ..,
        ] => true,
        _ => false,
    };
    on_data && !args.contains(&"--user")
}

/// Runs `ehr` with `args`, reading cards through PC/SC whatever the developer's environment says, signed in
/// as [`ADMIN`] for the commands that need it (the office is set up first when `--db` names a database
/// that the command would once have created). Its stderr is kept for the suite's last check, that no
/// personal data reached any error output (xtask's privacy.rs).
pub fn ehr(args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ehr"));
    command.args(args).env_remove("EHR_DESK_CARD_PROGRAM");
    if signs_in(args) {
        let creates = args.windows(2).any(|w| {
            w == ["applications", "create"]
                || w == ["applications", "import"]
                || w == ["card", "read"]
        });
        if creates
            && let Some(db) = args
                .windows(2)
                .find(|w| w[0] == "--db")
                .map(|w| Path::new(w[1]))
        {
            block_on(async { open_store(db).await.close().await });
        }
        command
            .args(["--user", ADMIN])
            .env("EHR_PASSWORD", ADMIN_PASSWORD);
    }
    let output = command.output().unwrap();
    keep_stderr(&output);
    output
}

/// Runs `ehr` with `args` exactly as given, with `stdin` on its standard input and `env` set.
pub fn ehr_with(args: &[&str], stdin: &str, env: &[(&str, &str)]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_ehr"))
        .args(args)
        .envs(env.iter().copied())
        .env_remove("EHR_DESK_CARD_PROGRAM")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    keep_stderr(&output);
    output
}

/// Writes this run's stderr under `target/tmp/ehr-stderr/` and its stdout under `target/tmp/ehr-stdout/`, one
/// file per run, for the suite's last checks (no personal data in errors; no password or hash anywhere).
pub fn keep_stderr(output: &Output) {
    static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ehr-stderr");
    let run = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = format!(
        "{}-{}-{run}.txt",
        env!("CARGO_CRATE_NAME"),
        std::process::id()
    );
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(&name), &output.stderr).unwrap();
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ehr-stdout");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join(name), &output.stdout).unwrap();
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// The JSON `ehr --json` printed, or a failure that shows what it printed instead.
pub fn json_of(output: &Output) -> serde_json::Value {
    serde_json::from_str(&stdout(output))
        .unwrap_or_else(|e| panic!("{e}: {} / {}", stdout(output), stderr(output)))
}

fn accounts(store: &ehr_store::Store) -> ehr_core::auth::Accounts<'_> {
    static CLOCK: ehr_core::ports::SystemClock = ehr_core::ports::SystemClock;
    static VAULT: ehr_secrets::Vault = ehr_secrets::Vault;
    ehr_core::auth::Accounts::new(store, &VAULT, &CLOCK, "test-workstation".into())
}

/// The database at `db` (made and set up as a clinic, with [`ADMIN`] holding every clinic role, if it is
/// not yet), and the administrator signed in: what the tests write rows with.
pub async fn signed_in(db: &Path) -> (ehr_store::Store, ehr_core::auth::Session) {
    use ehr_core::auth::{OfficeKind, Password, Role, UserName};
    let store = ehr_store::Store::open_sqlite(db).await.unwrap();
    let admin = UserName::parse(ADMIN).unwrap();
    let password = Password::parse(ADMIN_PASSWORD).unwrap();
    if accounts(&store).office().await.unwrap().is_none() {
        let (session, _) = accounts(&store)
            .set_up(
                OfficeKind::Clinic,
                "Test Clinic",
                admin.clone(),
                "TEST Admin",
                &password,
                None,
            )
            .await
            .unwrap();
        let roles: Vec<Role> = CLINIC_ROLES
            .split(',')
            .map(|r| Role::from_code(r).unwrap())
            .collect();
        accounts(&store)
            .set_roles(session.principal(), &admin, &roles)
            .await
            .unwrap();
    }
    let session = accounts(&store)
        .sign_in(&admin, &password, None)
        .await
        .unwrap();
    (store, session)
}

/// The database at `db`, set up as [`signed_in`] does.
pub async fn open_store(db: &Path) -> ehr_store::Store {
    signed_in(db).await.0
}

/// Runs `work` to completion on a runtime of its own.
pub fn block_on<T>(work: impl Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(work)
}
