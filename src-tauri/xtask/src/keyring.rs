//! A private Secret Service for tests and headless machines: a D-Bus session bus of its own with GNOME
//! Keyring unlocked in it, as a desktop session has. The app keeps its data key there; nothing is mocked.

use std::path::Path;

use crate::process::Step;

/// Wraps `step` so it runs inside `dbus-run-session` with an unlocked GNOME Keyring whose files live in
/// `keyring_home` (so a developer's own keyring is never touched).
pub fn in_keyring_session(step: Step, keyring_home: &Path) -> Result<Step, String> {
    for dir in ["share", "run"] {
        let path = keyring_home.join(dir);
        std::fs::create_dir_all(&path)
            .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
        // The session's runtime folder must be private, as the user's own is.
        std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o700))
            .map_err(|e| format!("cannot protect {}: {e}", path.display()))?;
    }
    // The password only unlocks this throwaway keyring; the keyring's files stay under target/.
    const SCRIPT: &str = r#"eval "$(printf %s ehr-desk-test | gnome-keyring-daemon --unlock --components=secrets)" >/dev/null
exec "$@""#;
    Ok(step
        .wrap(
            "dbus-run-session",
            ["--", "sh", "-c", SCRIPT, "keyring-session"],
        )
        .env("XDG_DATA_HOME", keyring_home.join("share"))
        .env("XDG_RUNTIME_DIR", keyring_home.join("run"))
        .env(INSIDE, "1"))
}

/// Set inside a session this module started, so a command re-run inside it does not start another.
pub const INSIDE: &str = "EHR_DESK_KEYRING_SESSION";

pub fn inside() -> bool {
    std::env::var_os(INSIDE).is_some()
}
