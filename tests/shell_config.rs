//! The shell's configuration keeps its promises: a strict content security policy, capabilities that grant
//! only the app's own commands, one list of commands, and the identifier the CLI uses to find the app's data.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

use std::path::Path;

fn text(relative: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)).unwrap()
}

fn json(relative: &str) -> serde_json::Value {
    serde_json::from_str(&text(relative)).unwrap()
}

/// The command names each `__TAURI_INVOKE` of the generated bindings calls (`tests/bindings.rs` keeps the
/// bindings equal to the handlers the app registers, so these are the registered commands).
fn commands_in_bindings() -> Vec<String> {
    let bindings = text("ui/src/bindings/ipc.ts");
    bindings
        .split("__TAURI_INVOKE")
        .skip(1)
        .filter_map(|call| {
            let name = call.split_once("(\"")?.1.split_once('"')?.0;
            Some(name.to_owned())
        })
        .collect()
}

/// The commands `build.rs` declares to tauri-build, each of which gets an `allow-` permission.
fn commands_declared_in_build_rs() -> Vec<String> {
    let build = text("src-tauri/app/build.rs");
    let list = build
        .split_once(".commands(&[")
        .and_then(|(_, rest)| rest.split_once("])"))
        .map(|(list, _)| list)
        .expect("build.rs declares its commands in one .commands(&[...]) list");
    list.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

fn commands_granted() -> Vec<String> {
    json("src-tauri/app/capabilities/main.json")["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str()?.strip_prefix("allow-"))
        .map(|name| name.replace('-', "_"))
        .collect()
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

/// The registration (`bindings.rs`), the declaration (`build.rs`) and the grant (`capabilities/main.json`)
/// are three lists kept by hand: a command added to one and not the others is refused at run time by
/// Tauri's ACL, or granted without being registered. They must name the same commands in the same order.
#[test]
fn the_registered_declared_and_granted_commands_are_one_list() {
    let registered = commands_in_bindings();
    assert!(
        registered.len() > 20,
        "the parse found the commands: {registered:?}"
    );
    let declared = commands_declared_in_build_rs();
    let granted = commands_granted();
    let missing = |list: &[String]| -> Vec<String> {
        registered
            .iter()
            .filter(|name| !list.contains(name))
            .cloned()
            .collect()
    };
    let extra = |list: &[String]| -> Vec<String> {
        list.iter()
            .filter(|name| !registered.contains(name))
            .cloned()
            .collect()
    };
    assert_eq!(
        (missing(&declared), extra(&declared)),
        (vec![], vec![]),
        "build.rs: (registered but not declared, declared but not registered)"
    );
    assert_eq!(
        (missing(&granted), extra(&granted)),
        (vec![], vec![]),
        "capabilities/main.json: (registered but not granted, granted but not registered)"
    );
    assert_eq!(declared, registered, "build.rs lists them in another order");
    assert_eq!(
        granted, registered,
        "capabilities/main.json lists them in another order"
    );
}

/// Every registered command says what it needs, in `commands/access.rs`, in the registration's order: a new
/// command without a row there fails here, and the role matrix has nothing to hold it to.
#[test]
fn every_command_has_one_row_in_the_access_table() {
    let registered = commands_in_bindings();
    let table: Vec<String> = ehr_desk::commands::access::COMMANDS
        .iter()
        .map(|(name, _)| (*name).to_owned())
        .collect();
    assert_eq!(
        table, registered,
        "commands/access.rs and the registered commands"
    );
}

#[test]
fn the_cli_and_the_app_agree_on_the_identifier() {
    assert_eq!(
        json("tauri.conf.json")["identifier"],
        ehr_core::APP_IDENTIFIER
    );
}
