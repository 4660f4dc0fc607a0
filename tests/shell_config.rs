//! The shell's configuration keeps its promises: a strict content security policy, capabilities that grant
//! only the app's own commands, and the identifier the CLI uses to find the app's data.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

use std::path::Path;

fn json(relative: &str) -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

#[test]
fn the_content_security_policy_is_strict() {
    let config = json("tauri.conf.json");
    let csp = config["app"]["security"]["csp"]
        .as_object()
        .expect("a CSP is configured");
    let directive = |name: &str| {
        csp.get(name)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(directive("default-src"), "'self'");
    assert_eq!(directive("script-src"), "'self'");
    assert_eq!(directive("object-src"), "'none'");
    for (name, value) in csp {
        let value = value.as_str().unwrap();
        for forbidden in ["unsafe-eval", "unsafe-inline", "http:", "https:", "*"] {
            if name == "connect-src" && forbidden == "http:" {
                continue; // Tauri's own IPC endpoint on Windows and Android: http://ipc.localhost, checked below.
            }
            assert!(
                !value.contains(forbidden),
                "{name} allows {forbidden}: {value}"
            );
        }
    }
    assert_eq!(directive("connect-src"), "ipc: http://ipc.localhost");
    for source in ["data:", "blob:"] {
        assert!(!directive("script-src").contains(source));
    }
}

#[test]
fn capabilities_grant_only_the_apps_own_commands() {
    let capability = json("src-tauri/app/capabilities/main.json");
    let permissions: Vec<&str> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert!(!permissions.is_empty());
    for permission in permissions {
        assert!(
            permission.starts_with("allow-") && !permission.contains(':'),
            "{permission} is not one of the app's own command permissions"
        );
    }
}

#[test]
fn the_cli_and_the_app_agree_on_the_identifier() {
    assert_eq!(
        json("tauri.conf.json")["identifier"],
        ehr_core::APP_IDENTIFIER
    );
}
