//! TLS and a password on the test cluster, so the tests reach PostgreSQL as an office's workstations do: a
//! role that may connect only over TLS with a password (SCRAM), and a CA of the run's own that
//! `sslmode=verify-full` checks the server against. Certificates are made with `openssl` into the cluster's
//! folder and removed with it.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The role that must use TLS and a password.
pub const TLS_USER: &str = "ehr_tls";
/// The variables the tests read: the role's URL (verify-full against the run's CA) and its password.
pub const TLS_URL_VAR: &str = "EHR_TEST_POSTGRES_TLS_URL";
pub const TLS_PASSWORD_VAR: &str = "EHR_TEST_POSTGRES_TLS_PASSWORD";

pub struct Tls {
    pub ca: PathBuf,
    pub cert: PathBuf,
    pub key: PathBuf,
    pub password: String,
}

/// Makes the CA and the server's certificate (for 127.0.0.1 and localhost) in `dir`, and lets the TLS role
/// in only over TLS with a password (lines put first in `pg_hba.conf`, where the first match wins).
pub fn prepare(dir: &Path, data: &Path, server_user: Option<&str>) -> Result<Tls, String> {
    let ca = dir.join("ca.pem");
    let ca_key = dir.join("ca.key");
    let cert = dir.join("server.crt");
    let key = dir.join("server.key");
    let csr = dir.join("server.csr");
    let ext = dir.join("server.ext");
    let curve = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
    ];
    openssl(
        Command::new("openssl")
            .args(["req", "-x509"])
            .args(curve)
            .args(["-days", "2", "-subj", "/CN=eHR Desk test CA"])
            .args(["-addext", "basicConstraints=critical,CA:TRUE"])
            .args(["-addext", "keyUsage=critical,keyCertSign,cRLSign"])
            .arg("-keyout")
            .arg(&ca_key)
            .arg("-out")
            .arg(&ca),
        "make the test CA",
    )?;
    openssl(
        Command::new("openssl")
            .arg("req")
            .args(curve)
            .args(["-subj", "/CN=localhost"])
            .arg("-keyout")
            .arg(&key)
            .arg("-out")
            .arg(&csr),
        "make the server's key",
    )?;
    std::fs::write(
        &ext,
        "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n\
         keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n",
    )
    .map_err(|e| format!("cannot write {}: {e}", ext.display()))?;
    openssl(
        Command::new("openssl")
            .args(["x509", "-req", "-days", "2"])
            .arg("-in")
            .arg(&csr)
            .arg("-CA")
            .arg(&ca)
            .arg("-CAkey")
            .arg(&ca_key)
            .arg("-CAcreateserial")
            .arg("-extfile")
            .arg(&ext)
            .arg("-out")
            .arg(&cert),
        "sign the server's certificate",
    )?;
    // The server refuses a key others can read; as root, it runs as the system user, who must own it.
    std::fs::set_permissions(&key, std::os::unix::fs::PermissionsExt::from_mode(0o600))
        .map_err(|e| format!("cannot protect {}: {e}", key.display()))?;
    if let Some(user) = server_user {
        openssl(
            Command::new("chown")
                .arg(format!("{user}:"))
                .arg(&key)
                .arg(&cert),
            "give the server its key",
        )?;
    }
    let hba = data.join("pg_hba.conf");
    let rest =
        std::fs::read_to_string(&hba).map_err(|e| format!("cannot read {}: {e}", hba.display()))?;
    std::fs::write(
        &hba,
        format!(
            "hostssl all {TLS_USER} 127.0.0.1/32 scram-sha-256\nhost all {TLS_USER} 127.0.0.1/32 reject\n{rest}"
        ),
    )
    .map_err(|e| format!("cannot write {}: {e}", hba.display()))?;
    Ok(Tls {
        ca,
        cert,
        key,
        password: password()?,
    })
}

impl Tls {
    /// The server options that turn TLS on.
    pub fn server_options(&self) -> String {
        format!(
            " -c ssl=on -c ssl_cert_file='{}' -c ssl_key_file='{}'",
            self.cert.display(),
            self.key.display()
        )
    }

    /// The statement that makes the role (run as the superuser once the server is up).
    pub fn create_role(&self) -> String {
        format!("CREATE ROLE {TLS_USER} LOGIN PASSWORD '{}'", self.password)
    }

    pub fn url(&self, port: u16) -> String {
        format!(
            "postgres://{TLS_USER}@127.0.0.1:{port}/postgres?sslmode=verify-full&sslrootcert={}",
            self.ca.display()
        )
    }
}

fn openssl(command: &mut Command, what: &str) -> Result<(), String> {
    let output = command
        .output()
        .map_err(|e| format!("{what}: cannot run openssl: {e} (run `cargo xtask setup`)"))?;
    if output.status.success() {
        return Ok(());
    }
    Err(format!(
        "{what} failed: {}",
        String::from_utf8_lossy(&output.stderr).trim()
    ))
}

/// A throwaway password for the run's TLS role (letters and digits: it goes into SQL as a literal).
fn password() -> Result<String, String> {
    let output = Command::new("openssl")
        .args(["rand", "-hex", "16"])
        .output()
        .map_err(|e| format!("cannot run openssl: {e}"))?;
    let text = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    if !output.status.success() || text.len() != 32 || !text.chars().all(|c| c.is_ascii_hexdigit())
    {
        return Err("openssl rand gave no password".to_owned());
    }
    Ok(text)
}
