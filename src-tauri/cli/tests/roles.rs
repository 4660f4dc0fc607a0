//! The role matrix on the command line: every `ehr` command × every role. Each allowed call gets past the
//! guard (it may then fail on the made-up id it was given, never with `auth.forbidden`), each refused one
//! answers `auth.forbidden` and changes no record. A command `ehr --help` lists without an entry here fails
//! the test: a new command must say what it needs.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

mod common;

use std::path::Path;

use common::{ADMIN_PASSWORD, ehr_with, signed_in, stdout};
use ehr_core::auth::{NewUser, OfficeKind, Password, Permission, Role, UserName};
use ehr_core::ports::SystemClock;
use ehr_secrets::Vault;

/// What a command needs: nothing (it touches no office data), or a permission from the core's table.
#[derive(Debug, Clone, Copy)]
enum Needs {
    Nothing,
    /// Any signed-in user: their own account.
    Own,
    Permission(Permission),
}

const ID: &str = "0193a7a0-0000-7000-8000-000000000000";
const OWN_PASSWORD: &str = "mango sailboat chorus maple";
/// A copy of the office under test, made as each office is set up: what `ehr db restore` restores.
const OFFICE_BACKUP: &str = "office-backup.sqlite3";

/// Every command, with the arguments that reach its guard and what it needs.
fn commands(dir: &Path) -> Vec<(Vec<String>, Needs)> {
    use Needs::Permission as P;
    let out = dir.join("out.ehrpkg").display().to_string();
    let garbage = dir.join("garbage.ehrpkg");
    std::fs::write(&garbage, b"not a zip").unwrap();
    let sample = dir.join("sample.json");
    std::fs::write(
        &sample,
        common::ehr(&["forms", "sample", "application"]).stdout,
    )
    .unwrap();
    let csv = dir.join("staff.csv");
    std::fs::write(
        &csv,
        common::ehr(&["staff", "sample", "--rows", "3"]).stdout,
    )
    .unwrap();
    let csv = csv.to_str().unwrap().to_owned();
    let staff_form = dir.join("staff.json");
    std::fs::write(&staff_form, br#"{"nameEn": "CHAN Tai Man"}"#).unwrap();
    let staff_form = staff_form.to_str().unwrap().to_owned();
    let request_sample = dir.join("request.json");
    std::fs::write(
        &request_sample,
        common::ehr(&["forms", "sample", "account-request"]).stdout,
    )
    .unwrap();
    let request_sample = request_sample.to_str().unwrap().to_owned();
    let pdf = dir.join("out.pdf").display().to_string();
    let withdrawal = dir.join("withdrawal.json");
    std::fs::write(
        &withdrawal,
        br#"{"kind": "withdrawal", "reason": "The practice closes."}"#,
    )
    .unwrap();
    let withdrawal = withdrawal.to_str().unwrap().to_owned();
    let amendment_out = dir.join("amendment.ehrpkg").display().to_string();
    let args = |a: &[&str]| a.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    vec![
        (
            args(&[
                "amendments",
                "create",
                "--hcp",
                ID,
                "--kind",
                "withdrawal",
                "--input",
                &withdrawal,
            ]),
            P(Permission::AmendmentEdit),
        ),
        (
            args(&["amendments", "edit", ID, "--input", &withdrawal]),
            P(Permission::AmendmentEdit),
        ),
        (
            args(&["amendments", "list"]),
            P(Permission::ApplicationRead),
        ),
        (
            args(&["amendments", "show", ID]),
            P(Permission::ApplicationRead),
        ),
        (
            args(&["amendments", "submit", ID]),
            P(Permission::AmendmentEdit),
        ),
        (
            args(&["amendments", "status", ID, "--to", "withdrawn"]),
            P(Permission::AmendmentEdit),
        ),
        (
            args(&["amendments", "export", ID, "--out", &amendment_out]),
            P(Permission::AmendmentEdit),
        ),
        (
            args(&["amendments", "print", ID, "--out", &pdf]),
            P(Permission::AmendmentEdit),
        ),
        (args(&["staff", "list"]), P(Permission::StaffRead)),
        (args(&["staff", "show", ID]), P(Permission::StaffRead)),
        (
            args(&["staff", "add", "--hcp", ID, "--input", &staff_form]),
            P(Permission::StaffManage),
        ),
        (
            args(&["staff", "import", &csv, "--hcp", ID, "--dry-run"]),
            P(Permission::StaffManage),
        ),
        (
            args(&["staff", "import", &csv, "--hcp", ID]),
            P(Permission::StaffManage),
        ),
        (args(&["staff", "template"]), Needs::Nothing),
        (args(&["staff", "sample", "--rows", "2"]), Needs::Nothing),
        (
            args(&["staff", "sample", "--rows", "2", "--hcp", ID]),
            P(Permission::StaffRead),
        ),
        (args(&["staff", "expiring"]), P(Permission::StaffRead)),
        (args(&["staff", "leave", ID]), P(Permission::StaffManage)),
        (
            args(&["staff", "leave", ID, "--undo", "--version", "1"]),
            P(Permission::StaffManage),
        ),
        (
            args(&["requests", "create", "--hcp", ID, "--staff", ID]),
            P(Permission::StaffManage),
        ),
        (
            args(&["requests", "disable-expired", "--hcp", ID]),
            P(Permission::StaffManage),
        ),
        (args(&["requests", "list"]), P(Permission::StaffRead)),
        (args(&["requests", "show", ID]), P(Permission::StaffRead)),
        (
            args(&["requests", "submit", ID]),
            P(Permission::StaffManage),
        ),
        (
            args(&["requests", "status", ID, "--to", "rejected"]),
            P(Permission::StaffManage),
        ),
        (
            args(&["requests", "print", ID, "--out", &pdf]),
            P(Permission::StaffManage),
        ),
        (
            args(&["forms", "sample", "account-request"]),
            Needs::Nothing,
        ),
        (
            args(&[
                "forms",
                "render",
                "account-request",
                "--input",
                &request_sample,
                "--out",
                &pdf,
            ]),
            Needs::Nothing,
        ),
        (
            args(&["applications", "list"]),
            P(Permission::ApplicationRead),
        ),
        (
            args(&[
                "applications",
                "create",
                "--input",
                sample.to_str().unwrap(),
            ]),
            P(Permission::ApplicationEdit),
        ),
        (
            args(&[
                "applications",
                "edit",
                ID,
                "--input",
                sample.to_str().unwrap(),
            ]),
            P(Permission::ApplicationEdit),
        ),
        (
            args(&["applications", "show", ID]),
            P(Permission::ApplicationRead),
        ),
        (
            args(&["applications", "history", ID]),
            P(Permission::ApplicationRead),
        ),
        (
            args(&["applications", "audit", ID]),
            P(Permission::AuditRead),
        ),
        (
            args(&[
                "applications",
                "submit",
                ID,
                "--channel",
                "fax",
                "--date",
                "2026-11-25",
            ]),
            P(Permission::ApplicationEdit),
        ),
        (
            args(&["applications", "status", ID, "--to", "accepted"]),
            P(Permission::ApplicationReview),
        ),
        (
            args(&["applications", "export", ID, "--out", &out]),
            P(Permission::ApplicationEdit),
        ),
        (
            args(&["applications", "import", garbage.to_str().unwrap()]),
            P(Permission::ApplicationImport),
        ),
        (args(&["card", "read"]), P(Permission::CardRead)),
        (args(&["card", "readers"]), Needs::Nothing),
        (
            args(&["card", "watch", "--until", "no_service"]),
            Needs::Nothing,
        ),
        (args(&["db", "check"]), P(Permission::DatabaseMaintain)),
        (
            args(&[
                "db",
                "backup",
                "--out",
                &dir.join("backups").display().to_string(),
            ]),
            P(Permission::DatabaseMaintain),
        ),
        // A backup of the office under test (its accounts decide who may restore it), into the office's
        // own database: past the guard it is refused as not empty, and changes nothing either way.
        (
            args(&[
                "db",
                "restore",
                &dir.join(OFFICE_BACKUP).display().to_string(),
            ]),
            P(Permission::DatabaseMaintain),
        ),
        (
            args(&[
                "db",
                "copy",
                "--to",
                &dir.join("copy.sqlite3").display().to_string(),
            ]),
            P(Permission::DatabaseMaintain),
        ),
        (args(&["db", "migrate"]), P(Permission::DatabaseMaintain)),
        // This workstation's own keyring, not the office's data (here refused: --db is a file).
        (args(&["db", "password", "--forget"]), Needs::Nothing),
        (args(&["audit", "verify"]), P(Permission::AuditRead)),
        (args(&["audit", "list"]), P(Permission::AuditRead)),
        (args(&["users", "list"]), P(Permission::UsersManage)),
        (
            args(&[
                "users",
                "add",
                "new.user",
                "--name",
                "LEE Ka Yan",
                "--roles",
                "auditor",
            ]),
            P(Permission::UsersManage),
        ),
        (
            args(&["users", "disable", "nobody.here"]),
            P(Permission::UsersManage),
        ),
        (
            args(&["users", "enable", "nobody.here"]),
            P(Permission::UsersManage),
        ),
        (
            args(&["users", "reset-password", "nobody.here"]),
            P(Permission::UsersManage),
        ),
        (
            args(&["users", "roles", "nobody.here", "--set", "auditor"]),
            P(Permission::UsersManage),
        ),
        (args(&["passwd"]), Needs::Own),
        (args(&["recover", "admin"]), Needs::Nothing),
        (
            args(&[
                "setup",
                "--office",
                "clinic",
                "--name",
                "X",
                "--admin",
                "x.admin",
                "--admin-name",
                "X",
            ]),
            Needs::Nothing,
        ),
        (args(&["validate", "hkid", "A123456(3)"]), Needs::Nothing),
        (args(&["forms", "sample", "application"]), Needs::Nothing),
        (
            args(&[
                "forms",
                "render",
                "application",
                "--input",
                sample.to_str().unwrap(),
                "--out",
                &out,
            ]),
            Needs::Nothing,
        ),
    ]
}

/// `ehr`'s commands, as its help lists them: `applications list`, `setup`, ...
fn listed_commands() -> Vec<String> {
    fn names(help: &str) -> Vec<String> {
        help.lines()
            .skip_while(|l| !l.starts_with("Commands:"))
            .skip(1)
            .take_while(|l| l.starts_with("  "))
            .filter_map(|l| l.split_whitespace().next())
            .filter(|name| *name != "help")
            .map(str::to_owned)
            .collect()
    }
    let mut all = Vec::new();
    for top in names(&stdout(&common::ehr(&["--help"]))) {
        let subs = names(&stdout(&common::ehr(&[&top, "--help"])));
        if subs.is_empty() {
            all.push(top);
        } else {
            all.extend(subs.into_iter().map(|sub| format!("{top} {sub}")));
        }
    }
    all
}

fn name_of(args: &[String]) -> String {
    match args[0].as_str() {
        "applications" | "card" | "db" | "audit" | "users" | "forms" | "staff" | "requests"
        | "amendments" => {
            format!("{} {}", args[0], args[1])
        }
        _ => args[0].clone(),
    }
}

#[test]
fn every_command_listed_says_what_it_needs() {
    let dir = tempfile::tempdir().unwrap();
    let known: Vec<String> = commands(dir.path())
        .iter()
        .map(|(a, _)| name_of(a))
        .collect();
    let listed = listed_commands();
    assert!(listed.len() > 20, "the help parse found them: {listed:?}");
    let missing: Vec<&String> = listed.iter().filter(|c| !known.contains(c)).collect();
    assert!(
        missing.is_empty(),
        "commands with no entry in the role matrix: {missing:?}"
    );
}

/// A consistent copy of the office's database for `db restore` to restore: `VACUUM INTO`, as `ehr db backup`
/// takes one (a plain file copy can miss what is still in the WAL, as long as a connection is open).
fn snapshot(db: &Path, to: &Path) {
    // The office before, in the same folder: VACUUM INTO writes only a new file.
    if to.exists() {
        std::fs::remove_file(to).unwrap();
    }
    common::block_on(async {
        let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", db.display()))
            .await
            .unwrap();
        sqlx::query("VACUUM INTO ?")
            .bind(to.display().to_string())
            .execute(&pool)
            .await
            .unwrap();
        pool.close().await;
    });
}

/// Sets the office up and adds one user per role it offers, each with their own password.
fn office_with_every_role(db: &Path, kind: OfficeKind) -> Vec<Role> {
    common::block_on(async {
        let (store, admin) = if kind == OfficeKind::Clinic {
            signed_in(db).await
        } else {
            let store = ehr_store::Store::open_sqlite(db).await.unwrap();
            let accounts = ehr_core::auth::Accounts::new(&store, &Vault, &SystemClock, "t".into());
            let (admin, _) = accounts
                .set_up(
                    kind,
                    "Registration Office",
                    UserName::parse(common::ADMIN).unwrap(),
                    "TEST Admin",
                    &Password::parse(ADMIN_PASSWORD).unwrap(),
                    None,
                )
                .await
                .unwrap();
            (store, admin)
        };
        let accounts = ehr_core::auth::Accounts::new(&store, &Vault, &SystemClock, "t".into());
        for role in kind.roles() {
            let name = UserName::parse(role.code()).unwrap();
            accounts
                .add_user(
                    &admin,
                    NewUser {
                        user_name: name.clone(),
                        full_name: format!("TEST {}", role.code()),
                        roles: vec![*role],
                        password: Password::parse("first chosen password 77").unwrap(),
                    },
                )
                .await
                .unwrap();
            accounts
                .sign_in(
                    &name,
                    &Password::parse("first chosen password 77").unwrap(),
                    Some(&Password::parse(OWN_PASSWORD).unwrap()),
                )
                .await
                .unwrap();
        }
        store.close().await;
        kind.roles().to_vec()
    })
}

/// Every row but the traces of signing in (each command's own sign-in is audited, and counted).
fn records(db: &Path) -> Vec<String> {
    common::block_on(async {
        let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", db.display()))
            .await
            .unwrap();
        let mut rows = Vec::new();
        for (table, filter) in [
            ("applications", ""),
            ("application_documents", ""),
            ("application_history", ""),
            ("patients", ""),
            ("staff", ""),
            ("account_requests", ""),
            ("account_request_history", ""),
            ("amendments", ""),
            ("amendment_history", ""),
            ("accounts", ""),
            ("account_roles", ""),
            ("office_key_wraps", ""),
            ("security_settings", ""),
            // The store's own once-per-database markers are not records.
            ("preferences", "WHERE key NOT LIKE 'store.%'"),
            ("audit_log", "WHERE action NOT IN ('signed_in')"),
        ] {
            let select = format!("SELECT * FROM {table} {filter} ORDER BY rowid");
            let count = sqlx::query(&select).fetch_all(&pool).await.unwrap().len();
            rows.push(format!("{table}: {count}"));
        }
        let accounts: Vec<(String, i64, i64)> = sqlx::query_as(
            "SELECT user_name, disabled, must_change_password FROM accounts ORDER BY user_name",
        )
        .fetch_all(&pool)
        .await
        .unwrap();
        rows.extend(accounts.iter().map(|a| format!("{a:?}")));
        pool.close().await;
        rows
    })
}

fn run_as(db: &Path, role: Role, args: &[String]) -> std::process::Output {
    let mut full: Vec<&str> = vec![
        "--db",
        db.to_str().unwrap(),
        "--json",
        "--user",
        role.code(),
    ];
    full.extend(args.iter().map(String::as_str));
    // Standard input carries a new password for the commands that read one.
    ehr_with(
        &full,
        &format!("{OWN_PASSWORD}\n"),
        &[("EHR_PASSWORD", OWN_PASSWORD)],
    )
}

fn forbidden(output: &std::process::Output) -> bool {
    serde_json::from_slice::<serde_json::Value>(&output.stdout)
        .ok()
        .is_some_and(|json| {
            json["issues"]
                .as_array()
                .is_some_and(|issues| issues.iter().any(|i| i["code"] == "auth.forbidden"))
        })
}

#[test]
fn every_command_for_every_role_is_allowed_or_refused_as_the_table_says() {
    let dir = tempfile::tempdir().unwrap();
    let mut checked = 0;
    for kind in [OfficeKind::Clinic, OfficeKind::RegistrationOffice] {
        let db = dir.path().join(format!("{kind}.sqlite3"));
        let roles = office_with_every_role(&db, kind);
        snapshot(&db, &dir.path().join(OFFICE_BACKUP));
        for (args, needs) in commands(dir.path()) {
            let Needs::Permission(permission) = needs else {
                continue;
            };
            for role in &roles {
                let allowed = role.permissions().contains(&permission);
                let before = records(&db);
                let output = run_as(&db, *role, &args);
                let what = format!("{} as {role} ({permission})", args.join(" "));
                if allowed {
                    assert!(
                        !forbidden(&output),
                        "{what} was refused: {}",
                        stdout(&output)
                    );
                } else {
                    assert!(
                        forbidden(&output),
                        "{what} was not refused: {} / {}",
                        stdout(&output),
                        common::stderr(&output)
                    );
                    assert_eq!(output.status.code(), Some(1), "{what}");
                    assert_eq!(
                        records(&db),
                        before,
                        "{what}: a refused call changed a record"
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "{checked}");
}

#[test]
fn commands_on_office_data_need_a_sign_in() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("clinic.sqlite3");
    office_with_every_role(&db, OfficeKind::Clinic);
    snapshot(&db, &dir.path().join(OFFICE_BACKUP));
    for (args, needs) in commands(dir.path()) {
        if matches!(needs, Needs::Nothing) {
            continue;
        }
        let mut full: Vec<&str> = vec!["--db", db.to_str().unwrap()];
        full.extend(args.iter().map(String::as_str));
        let output = ehr_with(&full, "", &[]);
        assert_eq!(output.status.code(), Some(2), "{}", args.join(" "));
        assert!(
            common::stderr(&output).contains("sign in with --user"),
            "{}: {}",
            args.join(" "),
            common::stderr(&output)
        );
    }
}
