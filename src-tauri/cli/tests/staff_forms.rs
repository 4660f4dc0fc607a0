//! `ehr forms render` of the four new forms from their samples: a bilingual A4 PDF whose text holds every
//! value entered (codes and ids aside: those print as their bilingual names, or not at all), in a font
//! embedded as a subset.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

mod common;

use std::process::Command;

use common::{ehr, stderr};

/// Keys whose values are codes, ids or machine forms, which a form prints by name or not at all; and an
/// HCP/HSL amendment's whole proposed `form`, of which the form prints what changes (`changes`: every
/// before and after).
const NOT_PRINTED_AS_IS: &[&str] = &[
    "form",
    "id",
    "staff",
    "hcp",
    "kind",
    "status",
    "action",
    "accountType",
    "profession",
    "registerPart",
    "district",
    "hcpType",
    "recordSystem",
    "phone",
    "path",
    "step",
    "event",
    "effects",
];

/// Every value a person entered, as the form prints it: ISO dates day first.
fn entered(value: &serde_json::Value, key: &str, out: &mut Vec<String>) {
    if NOT_PRINTED_AS_IS.contains(&key) {
        return;
    }
    match value {
        serde_json::Value::String(text) if !text.trim().is_empty() => {
            let iso = text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-';
            out.push(if iso {
                format!("{}/{}/{}", &text[8..10], &text[5..7], &text[..4])
            } else {
                text.clone()
            });
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| entered(v, key, out)),
        serde_json::Value::Object(map) => map.iter().for_each(|(k, v)| entered(v, k, out)),
        _ => {}
    }
}

fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn each_new_form_prints_every_value_of_its_sample_in_an_embedded_subset() {
    let dir = tempfile::tempdir().unwrap();
    for form in [
        "account-request",
        "amendment",
        "additional-hsl",
        "withdrawal",
    ] {
        let sample = ehr(&["forms", "sample", form]);
        assert!(sample.status.success(), "{form}: {}", stderr(&sample));
        let input = dir.path().join(format!("{form}.json"));
        std::fs::write(&input, &sample.stdout).unwrap();
        let pdf = dir.path().join(format!("{form}.pdf"));
        let rendered = ehr(&[
            "forms",
            "render",
            form,
            "--input",
            input.to_str().unwrap(),
            "--out",
            pdf.to_str().unwrap(),
        ]);
        assert!(rendered.status.success(), "{form}: {}", stderr(&rendered));

        let text = Command::new("pdftotext")
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        let text = squeezed(&String::from_utf8(text.stdout).unwrap());
        let json: serde_json::Value = serde_json::from_slice(&sample.stdout).unwrap();
        let mut values = Vec::new();
        entered(&json, "", &mut values);
        assert!(values.len() >= 5, "{form}: {values:?}");
        let missing: Vec<&String> = values
            .iter()
            .filter(|v| !text.contains(&squeezed(v)))
            .collect();
        assert!(missing.is_empty(), "{form}: not on the form: {missing:?}");
        // Both languages.
        assert!(text.contains("Form") && text.contains("表"), "{form}");

        let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
        assert!(String::from_utf8_lossy(&info.stdout).contains("595.276 x 841.89 pts (A4)"));
        let fonts = Command::new("pdffonts").arg(&pdf).output().unwrap();
        let fonts = String::from_utf8(fonts.stdout).unwrap();
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{form}: no fonts");
        for row in rows {
            let name = row.split_whitespace().next().unwrap();
            assert!(
                name.len() > 7 && name.as_bytes()[6] == b'+',
                "{form}: not a subset: {row}"
            );
            assert!(
                row.contains(" yes yes "),
                "{form}: not embedded as a subset: {row}"
            );
        }
    }
}
