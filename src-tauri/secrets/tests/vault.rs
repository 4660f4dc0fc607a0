//! The key port's adapter with real Argon2id and XChaCha20-Poly1305: what sign-in, setup, a password change
//! and a recovery do with it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

use ehr_core::auth::{Password, RecoveryKey};
use ehr_core::ports::{KeyFailure, KeyVault, OfficeKey, PasswordHash, WrappedKey};
use ehr_secrets::Vault;

/// Where the values these cases seal live: the key, not the place, is what they are about.
const PLACE: ehr_core::ports::SealedPlace<'static> = ehr_core::ports::SealedPlace {
    table: "patients",
    column: "sealed_record",
    row: "0193a7a0-0000-7000-8000-000000000001",
};

fn password(typed: &str) -> Password {
    Password::parse(typed).unwrap()
}

/// Whether `a` and `b` are the same key: what one seals, the other opens.
fn same_key(a: &dyn OfficeKey, b: &dyn OfficeKey) -> bool {
    let sealed = a
        .cipher()
        .seal("陳大文 A123456(3)".as_bytes(), &PLACE)
        .unwrap();
    b.cipher()
        .open(&sealed, &PLACE)
        .is_ok_and(|opened| opened == "陳大文 A123456(3)".as_bytes())
}

#[test]
fn a_password_verifies_and_a_wrong_one_does_not() {
    let hash = Vault
        .hash_password(&password("correct horse battery"))
        .unwrap();
    assert!(Vault.verify_password(&password("correct horse battery"), &hash));
    assert!(!Vault.verify_password(&password("correct horse batterY"), &hash));
    assert!(!Vault.verify_password(&password("correct horse battery "), &hash));
    assert!(!Vault.verify_password(
        &password("correct horse battery"),
        &PasswordHash("not a hash".into())
    ));
    // Each hash has its own salt.
    let again = Vault
        .hash_password(&password("correct horse battery"))
        .unwrap();
    assert_ne!(hash, again);
    // The unknown-user path runs and says nothing.
    Vault.verify_nothing(&password("correct horse battery"));
}

#[test]
fn the_phc_string_says_argon2id_at_owasps_cost_or_more() {
    let hash = Vault.hash_password(&password("pw")).unwrap().0;
    let mut fields = hash.split('$');
    assert_eq!(fields.next(), Some(""));
    assert_eq!(fields.next(), Some("argon2id"), "{hash}");
    assert_eq!(fields.next(), Some("v=19"), "{hash}");
    let params: Vec<(&str, u32)> = fields
        .next()
        .unwrap()
        .split(',')
        .map(|p| {
            let (name, value) = p.split_once('=').unwrap();
            (name, value.parse().unwrap())
        })
        .collect();
    let get = |name: &str| params.iter().find(|(n, _)| *n == name).unwrap().1;
    assert!(get("m") >= 19_456, "{hash}");
    assert!(get("t") >= 2, "{hash}");
    assert!(get("p") >= 1, "{hash}");
}

#[test]
fn the_office_key_unwraps_with_its_password_and_its_recovery_key() {
    let (key, recovery) = Vault.new_office_key().unwrap();
    let by_password = key
        .wrap_for_password(&password("nurse's password"))
        .unwrap();
    let by_recovery = key.wrap_for_recovery(&recovery).unwrap();

    let unwrapped = Vault
        .unwrap_with_password(&by_password, &password("nurse's password"))
        .unwrap();
    assert!(same_key(key.as_ref(), unwrapped.as_ref()));
    assert!(same_key(unwrapped.as_ref(), key.as_ref()));

    // The recovery key as typed from the sheet: lower case, spaces for dashes.
    let typed = RecoveryKey::parse(&recovery.expose().to_lowercase().replace('-', " ")).unwrap();
    let recovered = Vault.unwrap_with_recovery(&by_recovery, &typed).unwrap();
    assert!(same_key(key.as_ref(), recovered.as_ref()));

    // A rewrapping (a changed password) of the unwrapped key is still the same key.
    let rewrapped = unwrapped
        .wrap_for_password(&password("a new password"))
        .unwrap();
    let again = Vault
        .unwrap_with_password(&rewrapped, &password("a new password"))
        .unwrap();
    assert!(same_key(key.as_ref(), again.as_ref()));
}

#[test]
fn data_sealed_before_opens_after_an_unwrap() {
    let (key, recovery) = Vault.new_office_key().unwrap();
    let sealed = key
        .cipher()
        .seal(b"Chan Tai Man, 1970-01-01", &PLACE)
        .unwrap();
    let wrapped = key.wrap_for_recovery(&recovery).unwrap();
    drop(key); // signed out: only the wrapping is left
    let unlocked = Vault.unwrap_with_recovery(&wrapped, &recovery).unwrap();
    assert_eq!(
        unlocked.cipher().open(&sealed, &PLACE).unwrap(),
        b"Chan Tai Man, 1970-01-01"
    );
}

#[test]
fn a_wrong_secret_is_told_apart_from_damage() {
    let (key, recovery) = Vault.new_office_key().unwrap();
    let by_password = key.wrap_for_password(&password("right")).unwrap();
    let by_recovery = key.wrap_for_recovery(&recovery).unwrap();
    let (_, other_recovery) = Vault.new_office_key().unwrap();

    assert!(matches!(
        Vault.unwrap_with_password(&by_password, &password("wrong")),
        Err(KeyFailure::WrongSecret)
    ));
    assert!(matches!(
        Vault.unwrap_with_recovery(&by_recovery, &other_recovery),
        Err(KeyFailure::WrongSecret)
    ));
    // One kind of wrapping is never opened as the other, even with the very same text.
    let as_password = password(recovery.expose());
    assert!(matches!(
        Vault.unwrap_with_password(&by_recovery, &as_password),
        Err(KeyFailure::WrongSecret)
    ));
    let as_recovery = key.wrap_for_password(&as_password).unwrap();
    assert!(matches!(
        Vault.unwrap_with_recovery(&as_recovery, &recovery),
        Err(KeyFailure::WrongSecret)
    ));
    // Relabelled as a recovery wrapping: the header is bound by the tag, so that fails too.
    let mut relabelled = as_recovery.0.clone();
    relabelled[5] = 2;
    assert!(matches!(
        Vault.unwrap_with_recovery(&WrappedKey(relabelled), &recovery),
        Err(KeyFailure::WrongSecret)
    ));
}

#[test]
fn every_single_byte_change_of_a_wrapping_is_refused() {
    let (key, _) = Vault.new_office_key().unwrap();
    let wrapped = key.wrap_for_password(&password("right")).unwrap();
    assert!(
        Vault
            .unwrap_with_password(&wrapped, &password("right"))
            .is_ok()
    );
    for position in 0..wrapped.0.len() {
        // The lowest bit, and the highest: a cost raised a little is derived and fails the tag, a cost
        // raised a lot is refused before any work.
        for flip in [0x01, 0x80] {
            let mut changed = wrapped.0.clone();
            changed[position] ^= flip;
            let result = Vault.unwrap_with_password(&WrappedKey(changed), &password("right"));
            assert!(
                matches!(result, Err(KeyFailure::WrongSecret | KeyFailure::Malformed)),
                "a change of {flip:#04x} at byte {position} was accepted"
            );
        }
    }
}

#[test]
fn truncated_lengthened_or_foreign_bytes_are_malformed() {
    let (key, _) = Vault.new_office_key().unwrap();
    let wrapped = key.wrap_for_password(&password("right")).unwrap().0;
    let mut longer = wrapped.clone();
    longer.push(0);
    let mut weaker = wrapped.clone();
    weaker[6..10].copy_from_slice(&8u32.to_be_bytes()); // m = 8 KiB: not a cost eHR Desk writes
    let mut huge = wrapped.clone();
    huge[6..10].copy_from_slice(&u32::MAX.to_be_bytes()); // 4 TiB: refused before any memory is taken
    let mut version_2 = wrapped.clone();
    version_2[4] = 2;
    let mut kind_3 = wrapped.clone();
    kind_3[5] = 3;
    let sealed_data = key.cipher().seal(b"not a key", &PLACE).unwrap();
    for (what, bytes) in [
        ("empty", Vec::new()),
        ("truncated by one", wrapped[..wrapped.len() - 1].to_vec()),
        ("header only", wrapped[..58].to_vec()),
        ("one byte longer", longer),
        ("weaker than the floor", weaker),
        ("a huge cost", huge),
        ("another version", version_2),
        ("an unknown kind of secret", kind_3),
        ("sealed data, not a wrapping", sealed_data),
        (
            "a PHC string",
            b"$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".to_vec(),
        ),
    ] {
        assert!(
            matches!(
                Vault.unwrap_with_password(&WrappedKey(bytes), &password("right")),
                Err(KeyFailure::Malformed)
            ),
            "{what}"
        );
    }
}

#[test]
fn two_wrappings_of_one_key_differ() {
    let (key, recovery) = Vault.new_office_key().unwrap();
    let a = key.wrap_for_password(&password("same")).unwrap().0;
    let b = key.wrap_for_password(&password("same")).unwrap().0;
    assert_ne!(a[18..34], b[18..34], "the salt was reused");
    assert_ne!(a[34..58], b[34..58], "the nonce was reused");
    assert_ne!(a[58..], b[58..]);
    assert_ne!(
        key.wrap_for_recovery(&recovery).unwrap(),
        key.wrap_for_recovery(&recovery).unwrap()
    );
}

#[test]
fn new_office_keys_and_recovery_keys_are_fresh() {
    let (a, ra) = Vault.new_office_key().unwrap();
    let (b, rb) = Vault.new_office_key().unwrap();
    assert!(!same_key(a.as_ref(), b.as_ref()));
    assert_ne!(ra.expose(), rb.expose());
    assert_eq!(
        ra.expose().len(),
        RecoveryKey::GROUPS * (RecoveryKey::GROUP_LEN + 1) - 1
    );
}

#[test]
fn no_secret_type_prints_its_material() {
    let typed = "correct horse battery";
    let (key, recovery) = Vault.new_office_key().unwrap();
    let pw = password(typed);
    let hash = Vault.hash_password(&pw).unwrap();
    let wrapped = key.wrap_for_password(&pw).unwrap();
    let printed = format!("{pw:?} {recovery:?} {hash:?} {wrapped:?} {:?}", Vault);
    assert_eq!(
        printed,
        "Password(..) RecoveryKey(..) PasswordHash(..) WrappedKey(..) Vault"
    );
    for secret in [typed, recovery.expose(), hash.0.as_str()] {
        assert!(!printed.contains(secret));
    }
}
