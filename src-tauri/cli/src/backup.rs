//! `ehr db backup | restore | copy | migrate`: the database maintainer's commands. Each needs
//! `Permission::DatabaseMaintain`, signed in with `--user` — on the database itself, on the backup being
//! restored (its accounts decide who may restore it) or on the source of a copy.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ehr_core::auth::{Permission, Session};
use ehr_core::ports::{Clock, SystemClock};
use ehr_store::{Counts, Location, OpenedBackup, Store};

use crate::args::Cli;
use crate::database::{
    Access, keyring_password, location, open_at, open_store, parse_location, store_error,
};
use crate::error::CliError;
use crate::output;
use crate::session::{Stdin, sign_in};

async fn maintainer(cli: &Cli, store: &Store) -> Result<Session, CliError> {
    let session = sign_in(cli, store, &mut Stdin::read(cli)?).await?;
    session.principal().require(Permission::DatabaseMaintain)?;
    Ok(session)
}

fn db_flag(cli: &Cli) -> Option<&'static str> {
    cli.db.is_some().then_some("--db")
}

pub async fn backup(cli: &Cli, out: &Path) -> Result<ExitCode, CliError> {
    let here = location(cli)?;
    let store = open_store(cli, Access::Existing).await?;
    let written = async {
        maintainer(cli, &store).await?;
        store
            .backup(out, SystemClock.now())
            .await
            .map_err(|e| store_error(&here, Some("--out"), e))
    }
    .await;
    store.close().await;
    let file = written?;
    if cli.json {
        output::json(&serde_json::json!({ "ok": true, "file": file }))?;
    } else {
        println!("Backup written: {}", file.display());
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn restore(cli: &Cli, file: &Path) -> Result<ExitCode, CliError> {
    // Asked for before the backup is opened: that takes as long as the backup is large.
    cli.user.as_ref().ok_or(CliError::SignInNeeded)?;
    let target = location(cli)?;
    let password = keyring_password(&target)?;
    let password = password.as_ref().map(|p| p.as_str());
    // A file target's own folder, so that putting the restored file in place is a rename.
    let beside = match &target {
        Location::File(path) => path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
        Location::Postgres(_) => std::env::temp_dir(),
    };
    let opened = OpenedBackup::open(file, &beside)
        .await
        .map_err(|e| store_error(&target, Some("FILE"), e))?;
    // Who may restore is the backup's to say; only then is the target looked at.
    let allowed = match maintainer(cli, opened.store()).await {
        Ok(_) => ehr_store::ensure_empty(&target, password)
            .await
            .map_err(|e| store_error(&target, db_flag(cli), e)),
        Err(refused) => Err(refused),
    };
    if let Err(refused) = allowed {
        opened.store().close().await;
        return Err(refused);
    }
    let counts = match &target {
        Location::File(path) => {
            opened
                .install(path)
                .await
                .map_err(|e| store_error(&target, db_flag(cli), e))?;
            None
        }
        Location::Postgres(_) => {
            let copied = ehr_store::copy_into(opened.store(), &target, password).await;
            opened.store().close().await;
            Some(copied.map_err(|e| store_error(&target, db_flag(cli), e))?)
        }
    };
    report(
        cli,
        &format!("Restored {} into {target}.", file.display()),
        counts.as_ref(),
    )
}

pub async fn copy(cli: &Cli, from: Option<&str>, to: &str) -> Result<ExitCode, CliError> {
    let source = match from {
        Some(from) => parse_location(from, "--from")?,
        None => location(cli)?,
    };
    let target = parse_location(to, "--to")?;
    let password = keyring_password(&target)?;
    let flag = if from.is_some() { "--from" } else { "--db" };
    let store = open_at(&source, Access::Existing, Some(flag)).await?;
    let copied = async {
        maintainer(cli, &store).await?;
        ehr_store::copy_into(&store, &target, password.as_ref().map(|p| p.as_str()))
            .await
            .map_err(|e| store_error(&target, Some("--to"), e))
    }
    .await;
    store.close().await;
    let counts = copied?;
    report(
        cli,
        &format!("Copied {source} into {target}."),
        Some(&counts),
    )
}

fn report(cli: &Cli, done: &str, counts: Option<&Counts>) -> Result<ExitCode, CliError> {
    if cli.json {
        let tables: serde_json::Map<String, serde_json::Value> = counts
            .into_iter()
            .flatten()
            .map(|(table, rows)| (table.clone(), (*rows).into()))
            .collect();
        output::json(&serde_json::json!({ "ok": true, "rows": tables }))?;
    } else {
        println!("{done}");
        for (table, rows) in counts.into_iter().flatten() {
            println!("  {table}: {rows} row(s)");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Opening a database brings its schema up to date (all or nothing) for every command; this one says
/// from which version to which.
pub async fn migrate(cli: &Cli) -> Result<ExitCode, CliError> {
    let store = open_store(cli, Access::Existing).await?;
    let signed = maintainer(cli, &store).await;
    store.close().await;
    signed?;
    let migrated = store.migrated();
    if cli.json {
        output::json(&serde_json::json!({
            "ok": true, "from": migrated.from, "to": migrated.to, "changed": migrated.changed()
        }))?;
    } else if migrated.changed() {
        match migrated.from {
            Some(from) => println!(
                "The schema was brought from version {from} to version {}.",
                migrated.to
            ),
            None => println!("The schema was made, at version {}.", migrated.to),
        }
    } else {
        println!("The schema is up to date (version {}).", migrated.to);
    }
    Ok(ExitCode::SUCCESS)
}
