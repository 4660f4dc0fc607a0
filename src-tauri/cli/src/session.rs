//! Signing in on the command line: `--user`, with the password from `EHR_PASSWORD`, `--password-stdin` or a
//! prompt on the terminal. The core does the rest — the same sign-in, lockout and audit as the desktop app.

use std::io::BufRead;

use ehr_core::auth::{Accounts, Password, Session, workstation_name};
use ehr_core::ports::SystemClock;
use ehr_secrets::Vault;
use ehr_store::{Store, StoreError};

use crate::args::Cli;
use crate::database::{Access, open_store};
use crate::error::CliError;

/// The environment variable a script sets to the signed-in user's password.
pub const PASSWORD_VARIABLE: &str = "EHR_PASSWORD";

/// The account use cases on `store`, at this workstation.
pub fn accounts(store: &Store) -> Accounts<'_> {
    Accounts::new(store, &Vault, &SystemClock, workstation_name())
}

/// Standard input's lines, read once: `--password-stdin` may carry two secrets (the recovery key and the
/// new password), one per line.
pub struct Stdin(Vec<String>);

impl Stdin {
    pub fn read(cli: &Cli) -> Result<Stdin, CliError> {
        if !cli.password_stdin {
            return Ok(Stdin(Vec::new()));
        }
        let mut lines = Vec::new();
        for line in std::io::stdin().lock().lines().take(2) {
            lines.push(line.map_err(CliError::Password)?);
        }
        lines.reverse();
        Ok(Stdin(lines))
    }

    pub fn next(&mut self) -> Option<String> {
        self.0.pop()
    }
}

fn parse(typed: String, what: &'static str) -> Result<Password, CliError> {
    Password::parse(typed)
        .map_err(|issue| CliError::Core(ehr_core::CoreError::invalid(issue.at(what))))
}

fn prompt(question: &str) -> Result<String, CliError> {
    rpassword::prompt_password(question).map_err(|_| CliError::NoPassword)
}

/// The signed-in user's own password: `EHR_PASSWORD`, else `--password-stdin` when `stdin_is_theirs`, else
/// a prompt.
pub fn own_password(stdin: &mut Stdin, stdin_is_theirs: bool) -> Result<Password, CliError> {
    if let Ok(typed) = std::env::var(PASSWORD_VARIABLE) {
        return parse(typed, PASSWORD_VARIABLE);
    }
    if stdin_is_theirs && let Some(typed) = stdin.next() {
        return parse(typed, "--password-stdin");
    }
    parse(prompt("Password: ")?, "password")
}

/// A new password (a new user's, a reset, one's own new one): `--password-stdin`, else a prompt, twice.
pub fn new_password(stdin: &mut Stdin, question: &str) -> Result<Password, CliError> {
    if let Some(typed) = stdin.next() {
        return parse(typed, "--password-stdin");
    }
    let first = prompt(question)?;
    let again = prompt("Again: ")?;
    if first != again {
        return Err(CliError::PasswordsDiffer);
    }
    parse(first, "password")
}

/// Opens the existing database (a command never creates one: `ehr setup` does), signs in, and runs `work`
/// with the store and the session; the store is closed whatever `work` answered.
pub async fn signed_in<T>(
    cli: &Cli,
    work: impl AsyncFnOnce(&Store, &Session) -> Result<T, CliError>,
) -> Result<T, CliError> {
    let store = open_store(cli, Access::Existing).await?;
    let outcome = async {
        let session = sign_in(cli, &store, &mut Stdin::read(cli)?).await?;
        work(&store, &session).await
    }
    .await;
    store.close().await;
    outcome
}

/// Signs `--user` in, or refuses with "sign in with --user" (exit 2).
pub async fn sign_in(cli: &Cli, store: &Store, stdin: &mut Stdin) -> Result<Session, CliError> {
    let user = cli.user.as_ref().ok_or(CliError::SignInNeeded)?;
    let password = own_password(stdin, true)?;
    let session = accounts(store).sign_in(user, &password, None).await?;
    seal_leftovers(store, &session).await?;
    Ok(session)
}

/// Seals what an earlier version left in plaintext, now that the key is here (once per database).
pub async fn seal_leftovers(store: &Store, session: &Session) -> Result<(), CliError> {
    store
        .sealed(session.cipher())
        .seal_plaintext_rows()
        .await
        .map_err(|source: StoreError| CliError::Core(ehr_core::CoreError::Storage(source.into())))
}
