//! What the PDF tests share: a rendered PDF written where poppler's tools (poppler-utils) can read it, those
//! tools' output, and the checks every form must pass. A missing tool fails the test with the package to
//! install; it never skips it. `EHR_KEEP_PDF=DIR` keeps each PDF in DIR for a person to look at.

// Each test file compiles this module on its own and uses part of it.
#![allow(dead_code)]
#![allow(clippy::unwrap_used, clippy::expect_used)] // test support: a panic is a failure with its location

use std::path::{Path, PathBuf};
use std::process::Command;

use ehr_core::application::Actor;
use ehr_core::ports::PrintedBy;
use ehr_core::time::Timestamp;
use ehr_core::validation::CalendarDate;

/// The day the staff and amendment samples are prepared on.
pub fn today() -> CalendarDate {
    CalendarDate::parse_iso("2026-12-01").unwrap()
}

/// The office's user admin.wong printing at OFFICE-PC-1, at 2026-12-01 10:00 Hong Kong time.
pub fn printed_by_admin() -> PrintedBy {
    PrintedBy {
        actor: Actor {
            user: "admin.wong".into(),
            workstation: "OFFICE-PC-1".into(),
        },
        at: Timestamp::from_millis(1_796_090_400_000),
    }
}

/// `tool args...`'s standard output as bytes.
pub fn run_bytes(tool: &str, args: &[&str]) -> Vec<u8> {
    let output = match Command::new(tool).args(args).output() {
        Ok(output) => output,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => panic!(
            "`{tool}` is not installed: install the poppler-utils package (apt-get install poppler-utils)"
        ),
        Err(e) => panic!("could not run {tool}: {e}"),
    };
    assert!(
        output.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// `tool args...`'s standard output as text.
pub fn run(tool: &str, args: &[&str]) -> String {
    String::from_utf8(run_bytes(tool, args)).unwrap()
}

/// A PDF on disk for the poppler tools, removed when dropped.
pub struct PdfFile {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl PdfFile {
    /// Writes a rendered PDF as `name`, and keeps a copy in `$EHR_KEEP_PDF` when that is set.
    pub fn write(name: &str, bytes: &[u8]) -> PdfFile {
        assert!(bytes.starts_with(b"%PDF-"), "{name} is not a PDF");
        if let Some(keep) = std::env::var_os("EHR_KEEP_PDF") {
            std::fs::write(Path::new(&keep).join(name), bytes).unwrap();
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        PdfFile { _dir: dir, path }
    }

    /// The file as a tool's argument.
    pub fn arg(&self) -> &str {
        self.path.to_str().unwrap()
    }

    pub fn page_count(&self) -> usize {
        let info = run("pdfinfo", &[self.arg()]);
        let line = info
            .lines()
            .find(|l| l.starts_with("Pages:"))
            .unwrap_or_else(|| panic!("no page count in {info}"));
        line["Pages:".len()..].trim().parse().unwrap()
    }

    /// The text in content order (`pdftotext -raw`): a cell's lines one after the other.
    pub fn raw_text(&self) -> String {
        run("pdftotext", &["-raw", "-enc", "UTF-8", self.arg(), "-"])
    }

    /// The text in content order, normalised (see [`normalise`]): what a search for a printed value reads.
    pub fn flat_text(&self) -> String {
        normalise(&self.raw_text())
    }

    /// The text laid out as on the page (`pdftotext -layout`), every page.
    pub fn layout_text(&self) -> String {
        run("pdftotext", &["-layout", "-enc", "UTF-8", self.arg(), "-"])
    }

    /// Page `n`'s text (counting from 1) laid out as on the page.
    pub fn page_text(&self, n: usize) -> String {
        let n = n.to_string();
        run(
            "pdftotext",
            &[
                "-layout",
                "-f",
                &n,
                "-l",
                &n,
                "-enc",
                "UTF-8",
                self.arg(),
                "-",
            ],
        )
    }
}

/// Collapses whitespace to single spaces, and drops it next to Chinese characters, where a line break in a
/// wrapped cell does not stand for a space. Dashes are not Chinese: the spaces around them stay.
pub fn normalise(text: &str) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let chars: Vec<char> = collapsed.chars().collect();
    let wide = |c: Option<&char>| c.is_some_and(|c| !c.is_ascii() && !matches!(c, '–' | '—'));
    chars
        .iter()
        .enumerate()
        .filter(|&(i, &ch)| {
            ch != ' ' || !(wide(chars.get(i.wrapping_sub(1))) || wide(chars.get(i + 1)))
        })
        .map(|(_, &ch)| ch)
        .collect()
}

/// Every one of `values` is in `text` (both normalised); a failure lists the missing ones.
pub fn assert_all_printed(values: &[String], text: &str) {
    let missing: Vec<&String> = values
        .iter()
        .filter(|v| !text.contains(&normalise(v)))
        .collect();
    assert!(
        missing.is_empty(),
        "not in the PDF: {missing:?}\n--- text ---\n{text}"
    );
}

/// The PDF uses one font, the bundled Noto Sans HK, embedded as a subset with a Unicode map (so a reader can
/// copy and search the text).
pub fn assert_one_embedded_subset_font(pdf: &PdfFile) {
    let listing = run("pdffonts", &[pdf.arg()]);
    // name  type  encoding  emb sub uni  object ID
    let fonts: Vec<&str> = listing
        .lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert_eq!(fonts.len(), 1, "{listing}");
    let columns: Vec<&str> = fonts[0].split_whitespace().collect();
    let (tag, name) = columns[0]
        .split_once('+')
        .unwrap_or_else(|| panic!("no subset tag: {listing}"));
    assert!(name.contains("NotoSansHK"), "{listing}");
    assert!(
        tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
        "no subset tag: {listing}"
    );
    assert_eq!(
        &columns[columns.len() - 5..columns.len() - 2],
        ["yes", "yes", "yes"],
        "embedded, subset, unicode:\n{listing}"
    );
}

/// `page` (a page's text) is numbered as page `n` of `pages` in both languages.
pub fn assert_page_numbered(page: &str, n: usize, pages: usize) {
    assert!(
        page.contains(&format!("Page {n} of {pages}")),
        "page {n} unnumbered:\n{page}"
    );
    assert!(
        page.contains(&format!("第 {n} 頁，共 {pages} 頁")),
        "page {n} unnumbered in Chinese:\n{page}"
    );
}

/// Page `n` of `pages` carries the frame: numbered in both languages, the reference in its footer and, after
/// the first page (which has the title block), the form's title as a running header.
pub fn assert_page_frame(page: &str, n: usize, pages: usize, reference: &str, title: &str) {
    assert_page_numbered(page, n, pages);
    let flat = normalise(page);
    assert!(
        flat.contains(&normalise(&format!("Reference 參考編號 {reference}"))),
        "page {n} has no reference in its footer:\n{page}"
    );
    if n > 1 {
        assert!(
            flat.contains(&normalise(title)),
            "page {n} has no running header:\n{page}"
        );
    }
}
