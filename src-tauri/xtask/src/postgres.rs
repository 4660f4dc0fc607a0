//! A throwaway PostgreSQL cluster for one test run: `initdb` into `target/tmp/pg-<pid>`, the server on a free
//! port on 127.0.0.1, stopped and removed when the guard is dropped (also when a step failed). Tests give
//! each case a database of its own on it (`store/tests/support/postgres.rs`).
//!
//! Debian's `postgresql` package keeps the server tools in `/usr/lib/postgresql/<version>/bin` (not on PATH);
//! its own cluster (the `postgresql` service, port 5432) is never used: ours has its own port and socket dir.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::e2e::free_port;
use crate::setup::is_root;

/// The variable the tests read the cluster's admin URL from.
pub const URL_VAR: &str = "EHR_TEST_POSTGRES_URL";

/// The superuser `initdb` creates; the tests connect as it (trust authentication, loopback only).
const SUPERUSER: &str = "ehr";

/// `initdb` refuses to run as root; as root the server tools run as this system user (the Debian package's).
const SYSTEM_USER: &str = "postgres";

/// How much of the server log a failure shows.
const LOG_TAIL_LINES: usize = 30;

/// A running cluster; dropping it stops the server and removes its files.
pub struct Cluster {
    bin: PathBuf,
    dir: PathBuf,
    port: u16,
    as_system_user: bool,
    tls: Option<crate::postgres_tls::Tls>,
}

impl Cluster {
    /// Starts a fresh cluster under `root/target/tmp`, after removing what earlier runs left behind.
    pub fn start(root: &Path) -> Result<Cluster, String> {
        let bin = server_bin()?;
        let as_system_user = is_root();
        let tmp = root.join("target/tmp");
        remove_stale(&tmp, &bin, as_system_user);
        let dir = tmp.join(format!("pg-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)
                .map_err(|e| format!("cannot clear {}: {e}", dir.display()))?;
        }
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        // From here on, a failure drops the guard, which removes the directory (and stops a half-started
        // server).
        let mut cluster = Cluster {
            bin,
            dir,
            port: 0,
            as_system_user,
            tls: None,
        };
        if as_system_user {
            cluster.run_ok(
                Command::new("chown")
                    .arg(format!("{SYSTEM_USER}:"))
                    .arg(&cluster.dir),
                "chown the cluster directory",
            )?;
        }
        let data = cluster.data_dir();
        cluster.run_ok(
            cluster
                .tool("initdb")
                .arg("-D")
                .arg(&data)
                .args(["-U", SUPERUSER, "--auth=trust", "-E", "UTF8"])
                .arg("--locale=C.UTF-8")
                // Nothing of a throwaway cluster must survive a crash of the machine; skipping the syncs
                // saves seconds.
                .arg("--no-sync"),
            "initdb",
        )?;
        cluster.tls = Some(crate::postgres_tls::prepare(
            &cluster.dir,
            &data,
            as_system_user.then_some(SYSTEM_USER),
        )?);
        // Another process may take the free port between our check and the server's bind: try again then.
        let mut last_error = String::new();
        for _ in 0..3 {
            cluster.port = free_port()?;
            match cluster.start_server() {
                Ok(()) => {
                    cluster.create_tls_role()?;
                    eprintln!(
                        "xtask: PostgreSQL test cluster on 127.0.0.1:{} ({})",
                        cluster.port,
                        cluster.dir.display()
                    );
                    return Ok(cluster);
                }
                // The server logs "Address already in use" when the port was taken; anything else is final.
                Err(error) if error.contains("already in use") => last_error = error,
                Err(error) => return Err(error),
            }
        }
        Err(last_error)
    }

    /// The superuser's URL on the cluster's `postgres` database, from which tests create their own.
    pub fn url(&self) -> String {
        format!("postgres://{SUPERUSER}@127.0.0.1:{}/postgres", self.port)
    }

    /// What the tests are told: the admin URL, and the TLS role's URL and password.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        let mut env = vec![(URL_VAR, self.url())];
        if let Some(tls) = &self.tls {
            env.push((crate::postgres_tls::TLS_URL_VAR, tls.url(self.port)));
            env.push((crate::postgres_tls::TLS_PASSWORD_VAR, tls.password.clone()));
        }
        env
    }

    fn create_tls_role(&self) -> Result<(), String> {
        let Some(tls) = &self.tls else { return Ok(()) };
        self.run_ok(
            self.tool("psql")
                .args([
                    "-h",
                    "127.0.0.1",
                    "-p",
                    &self.port.to_string(),
                    "-U",
                    SUPERUSER,
                ])
                .args(["-d", "postgres", "-v", "ON_ERROR_STOP=1", "-q", "-c"])
                .arg(tls.create_role()),
            "create the TLS test role",
        )
    }

    fn start_server(&self) -> Result<(), String> {
        let options = format!(
            // fsync off: the cluster lives for one test run and is deleted after it, so durability across a
            // power cut buys nothing, and syncing every commit would slow the suite on this disk. (The
            // crash tests kill the client, not the server, so they do not depend on it.)
            "-p {} -k '{}' -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200{}",
            self.port,
            self.dir.display(),
            self.tls
                .as_ref()
                .map(|tls| tls.server_options())
                .unwrap_or_default()
        );
        self.run_ok(
            self.tool("pg_ctl")
                .arg("-D")
                .arg(self.data_dir())
                .arg("-l")
                .arg(self.log_file())
                .args(["-w", "-t", "60", "start", "-o", &options]),
            "start the PostgreSQL test cluster (pg_ctl start)",
        )
    }

    fn data_dir(&self) -> PathBuf {
        self.dir.join("data")
    }

    fn log_file(&self) -> PathBuf {
        self.dir.join("server.log")
    }

    /// A server tool, run as the system user when we are root.
    fn tool(&self, name: &str) -> Command {
        tool(&self.bin, name, self.as_system_user, &self.dir)
    }

    /// Runs `command`; a failure names `what` and shows the command's output and the server log's tail.
    fn run_ok(&self, command: &mut Command, what: &str) -> Result<(), String> {
        let output = command
            .output()
            .map_err(|e| format!("{what}: cannot start: {e}"))?;
        if output.status.success() {
            return Ok(());
        }
        Err(format!(
            "{what} failed ({}):\n{}\n--- server log ({}), last lines ---\n{}",
            output.status,
            output_text(&output),
            self.log_file().display(),
            log_tail(&self.log_file())
        ))
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        if self.data_dir().join("postmaster.pid").exists() {
            // Immediate: the data is thrown away next, so there is nothing to flush.
            let _ = self
                .tool("pg_ctl")
                .arg("-D")
                .arg(self.data_dir())
                .args(["-m", "immediate", "-w", "stop"])
                .output();
        }
        if let Err(error) = std::fs::remove_dir_all(&self.dir) {
            eprintln!(
                "xtask: cannot remove the test cluster {}: {error}",
                self.dir.display()
            );
        }
    }
}

fn tool(bin: &Path, name: &str, as_system_user: bool, dir: &Path) -> Command {
    let program = bin.join(name);
    let mut command = if as_system_user {
        let mut command = Command::new("runuser");
        command.args(["-u", SYSTEM_USER, "--"]).arg(program);
        command
    } else {
        Command::new(program)
    };
    // The system user may not be allowed into the caller's working directory; the tools warn or fail there.
    command.current_dir(dir);
    command
}

/// The newest `/usr/lib/postgresql/*/bin` (Debian), else the folder of an `initdb` on PATH.
fn server_bin() -> Result<PathBuf, String> {
    let newest = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let version = major_version(&entry.file_name().to_string_lossy())?;
            let bin = entry.path().join("bin");
            bin.join("initdb").is_file().then_some((version, bin))
        })
        .max_by_key(|(version, _)| *version)
        .map(|(_, bin)| bin);
    if let Some(bin) = newest {
        return Ok(bin);
    }
    std::env::var_os("PATH")
        .and_then(|paths| {
            std::env::split_paths(&paths).find(|dir| dir.join("initdb").is_file())
        })
        .ok_or_else(|| {
            "PostgreSQL's server tools (initdb, pg_ctl) are missing: run `cargo xtask setup` (Debian: the \
             `postgresql` package)"
                .to_owned()
        })
}

/// `15` of `15`, `9` of `9.6`: the number the folder is ordered by.
fn major_version(name: &str) -> Option<(u32, u32)> {
    let mut parts = name.split('.');
    let major = parts.next()?.parse().ok()?;
    let minor = match parts.next() {
        Some(minor) => minor.parse().ok()?,
        None => 0,
    };
    Some((major, minor))
}

/// Removes the `pg-<pid>` folders of earlier runs whose xtask is gone. A server such a run left running (its
/// xtask was killed before the guard's drop) is stopped first; a folder whose xtask still runs is another
/// run's, and is left alone.
fn remove_stale(tmp: &Path, bin: &Path, as_system_user: bool) {
    let Ok(entries) = std::fs::read_dir(tmp) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(owner) = name
            .strip_prefix("pg-")
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if owner != std::process::id() && alive(owner) {
            continue;
        }
        let dir = entry.path();
        let data = dir.join("data");
        if postmaster_pid(&data).is_some_and(alive) {
            let _ = tool(bin, "pg_ctl", as_system_user, &dir)
                .arg("-D")
                .arg(&data)
                .args(["-m", "immediate", "-w", "stop"])
                .output();
        }
        if postmaster_pid(&data).is_some_and(alive) {
            eprintln!(
                "xtask: an earlier test cluster in {} is still running; left alone",
                dir.display()
            );
            continue;
        }
        match std::fs::remove_dir_all(&dir) {
            Ok(()) => eprintln!(
                "xtask: removed an earlier run's test cluster {}",
                dir.display()
            ),
            Err(error) => eprintln!("xtask: cannot remove {}: {error}", dir.display()),
        }
    }
}

/// The server's pid, from the first line of `postmaster.pid` (absent once it stopped cleanly).
fn postmaster_pid(data: &Path) -> Option<u32> {
    std::fs::read_to_string(data.join("postmaster.pid"))
        .ok()?
        .lines()
        .next()?
        .trim()
        .parse()
        .ok()
}

fn alive(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}

fn output_text(output: &Output) -> String {
    let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&output.stderr));
    text.trim_end().to_owned()
}

fn log_tail(log: &Path) -> String {
    match std::fs::read_to_string(log) {
        Ok(text) => {
            let lines: Vec<&str> = text.lines().collect();
            lines[lines.len().saturating_sub(LOG_TAIL_LINES)..].join("\n")
        }
        Err(_) => "(no server log yet)".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::major_version;

    #[test]
    fn orders_server_versions_by_number() {
        assert!(major_version("15") > major_version("9.6"));
        assert!(major_version("16") > major_version("15"));
        assert_eq!(major_version("main"), None);
    }
}
