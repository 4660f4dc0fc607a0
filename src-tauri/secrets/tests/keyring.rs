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
