//! Against the real Secret Service (GNOME Keyring in a private D-Bus session, started by `cargo xtask test`):
//! the key is created once and found again.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

use ehr_core::ports::DataCipher;
use ehr_secrets::{Sealer, data_key_from_keyring};

#[test]
fn the_data_key_is_created_once_and_found_again() {
    let service = format!("hk.ehrdesk.test.{}", std::process::id());
    let first = Sealer::new(
        &data_key_from_keyring(&service).expect("a keyring service (run through cargo xtask test)"),
    );
    let sealed = first.seal(b"A123456(3)").unwrap();
    let again = Sealer::new(&data_key_from_keyring(&service).unwrap());
    assert_eq!(
        again.open(&sealed).unwrap(),
        b"A123456(3)",
        "a second look-up gave another key"
    );
    keyring::Entry::new(&service, "data-key")
        .unwrap()
        .delete_credential()
        .unwrap();
}

#[test]
fn processes_starting_together_agree_on_one_key() {
    let service = format!("hk.ehrdesk.test.race.{}", std::process::id());
    let keys: Vec<_> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..6)
            .map(|_| scope.spawn(|| data_key_from_keyring(&service).unwrap()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let sealed = Sealer::new(&keys[0]).seal(b"A123456(3)").unwrap();
    for key in &keys[1..] {
        assert_eq!(
            Sealer::new(key).open(&sealed).unwrap(),
            b"A123456(3)",
            "two callers created two keys"
        );
    }
    keyring::Entry::new(&service, "data-key")
        .unwrap()
        .delete_credential()
        .unwrap();
}
