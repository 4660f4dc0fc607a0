//! Against the real Secret Service (GNOME Keyring in a private D-Bus session, started by `cargo xtask test`):
//! the previous release's data key is created once and found again, and on upgrade it becomes the office key
//! and is removed.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

use ehr_core::auth::Password;
use ehr_core::ports::{DataCipher, KeyVault};
use ehr_secrets::{Vault, data_key_from_keyring, legacy_office_key, remove_legacy_key};

/// Where the values these cases seal live: the key, not the place, is what they are about.
const PLACE: ehr_core::ports::SealedPlace<'static> = ehr_core::ports::SealedPlace {
    table: "patients",
    column: "sealed_record",
    row: "0193a7a0-0000-7000-8000-000000000001",
};

#[test]
fn the_data_key_is_created_once_and_found_again() {
    let service = format!("hk.ehrdesk.test.{}", std::process::id());
    let first =
        data_key_from_keyring(&service).expect("a keyring service (run through cargo xtask test)");
    let sealed = first.seal(b"A123456(3)", &PLACE).unwrap();
    let again = data_key_from_keyring(&service).unwrap();
    assert_eq!(
        again.open(&sealed, &PLACE).unwrap(),
        b"A123456(3)",
        "a second look-up gave another key"
    );
    remove_legacy_key(&service).unwrap();
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
    let sealed = keys[0].seal(b"A123456(3)", &PLACE).unwrap();
    for key in &keys[1..] {
        assert_eq!(
            key.open(&sealed, &PLACE).unwrap(),
            b"A123456(3)",
            "two callers created two keys"
        );
    }
    remove_legacy_key(&service).unwrap();
}

#[test]
fn the_previous_releases_key_becomes_the_office_key_and_is_then_removed() {
    let service = format!("hk.ehrdesk.test.upgrade.{}", std::process::id());
    assert!(
        legacy_office_key(&service).unwrap().is_none(),
        "a look-up created a key"
    );
    assert!(legacy_office_key(&service).unwrap().is_none());

    // What the previous release sealed with its keyring key...
    let sealed = data_key_from_keyring(&service)
        .unwrap()
        .seal(b"A123456(3)", &PLACE)
        .unwrap();
    // ...opens with the office key it becomes, and after that is wrapped and unwrapped.
    let office = legacy_office_key(&service).unwrap().expect("the old key");
    assert_eq!(
        office.cipher().open(&sealed, &PLACE).unwrap(),
        b"A123456(3)"
    );
    let password = Password::parse("administrator's password").unwrap();
    let wrapped = office.wrap_for_password(&password).unwrap();
    remove_legacy_key(&service).unwrap();
    assert!(
        legacy_office_key(&service).unwrap().is_none(),
        "not removed"
    );
    remove_legacy_key(&service).unwrap(); // already gone: not an error
    let unlocked = Vault.unwrap_with_password(&wrapped, &password).unwrap();
    assert_eq!(
        unlocked.cipher().open(&sealed, &PLACE).unwrap(),
        b"A123456(3)"
    );
}
