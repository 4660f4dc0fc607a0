//! Every size limit on what comes in, in one place (listed in docs/limits.md).
//!
//! Two kinds: *input bounds* refuse a whole input before any work is done on it (nothing is saved, rendered
//! or validated), because no person types that much; *field rules* are part of validation and are shown on
//! the field like any other issue (`validation.too_long`), so a draft that breaks one is still saved.

/// Input bound: the bytes of one JSON file or package member (a form, an application).
pub const JSON_MAX_BYTES: usize = 1024 * 1024;
/// Input bound: the characters of any one text value in an input, and of any key.
pub const TEXT_MAX_CHARS: usize = 1_000;
/// Input bound: the items of any list, and the members of any object, in an input.
pub const LIST_MAX_ITEMS: usize = 100;
/// Input bound: healthcare service locations on one application.
pub const HSLS_MAX: usize = 50;
/// Input bound: user administrators on one application.
pub const ADMINISTRATORS_MAX: usize = 10;
/// Input bound: documents attached to one application.
pub const DOCUMENTS_MAX: usize = 20;
/// Input bound: all of an application's documents together, so that its package stays importable.
pub const DOCUMENTS_TOTAL_MAX_BYTES: u64 = 75 * 1024 * 1024;
/// Input bound: a submission package file, and all its members unpacked together — the documents at their
/// largest total, the application's PDF (at most an attachment's size) and `application.json`. Checked before
/// the file is read and before any member is inflated, so a small file that unpacks to gigabytes costs nothing.
pub const PACKAGE_MAX_BYTES: u64 = 100 * 1024 * 1024;
/// Input bound: the files a package may list: its application, its PDF and its documents.
pub const PACKAGE_FILES_MAX: usize = DOCUMENTS_MAX + 2;
/// Input bound: a package's manifest (a path, a size and a digest per file).
pub const MANIFEST_MAX_BYTES: u64 = 64 * 1024;

/// Field rule: a line of an address on the application form.
pub const ADDRESS_LINE_MAX: usize = 100;
/// Field rule: a location's opening hours.
pub const OPENING_HOURS_MAX: usize = 200;
/// Field rule: the name of another vendor's record system.
pub const VENDOR_MAX: usize = 100;
/// Field rule: a person's position in the organisation.
pub const POSITION_MAX: usize = 60;
/// Field rule: a patient's postal address.
pub const PATIENT_ADDRESS_MAX: usize = 200;
/// Field rule: English names of people and of organisations.
pub const PERSON_NAME_EN_MAX: usize = 60;
pub const ORGANISATION_NAME_EN_MAX: usize = 150;
/// Field rule: Chinese names of people and of organisations.
pub const PERSON_NAME_ZH_MAX: usize = 20;
pub const ORGANISATION_NAME_ZH_MAX: usize = 100;

/// A password's longest: long passphrases are welcome; hashing megabytes is not.
pub const PASSWORD_MAX_CHARS: usize = 256;

/// A user's full name, as shown in lists and the audit trail.
pub const USER_FULL_NAME_MAX: usize = 100;

/// The office's name.
pub const OFFICE_NAME_MAX: usize = ORGANISATION_NAME_EN_MAX;

/// The register without a query: its most recent registrations (search finds the others).
pub const REGISTER_RECENT_MAX: usize = 500;

/// The most registrations a search opens to check exactly; a query matching more shows the most recent of
/// these (type more to narrow it).
pub const SEARCH_CANDIDATES_MAX: usize = 2_000;

/// Field rule: a registration number with a board, as given.
pub const REGISTRATION_NUMBER_MAX: usize = 30;
/// A staff member's registrations (a person registered with more than a few boards is a typing mistake).
pub const STAFF_REGISTRATIONS_MAX: usize = 5;
/// The staff of one HCP, and the rows one import may add.
pub const STAFF_MAX: usize = 20_000;
/// The staff one User Account Creation Request names (as any list in an input: a larger office sends several).
pub const REQUEST_ITEMS_MAX: usize = LIST_MAX_ITEMS;
/// Field rule: the reason given for a request's item or a withdrawal.
pub const REASON_MAX: usize = 500;

/// The staff import's file (`ehr-sheets`): read no further than this, before it is decoded or unpacked.
pub const SHEET_BYTES_MAX: usize = 20 * 1024 * 1024;
/// The most rows below the header (blank rows not counted): a group practice has hundreds of staff, a
/// hospital group a few thousand.
pub const SHEET_ROWS_MAX: usize = 50_000;
/// The most columns a row may fill (blank cells past the last filled one are not counted).
pub const SHEET_COLUMNS_MAX: usize = 64;
/// The most characters in one cell, after trimming.
pub const CELL_CHARS_MAX: usize = 1_000;
/// The most bytes an XLSX workbook may unpack to, so a small zip that inflates to gigabytes costs nothing.
pub const XLSX_UNPACKED_BYTES_MAX: u64 = 256 * 1024 * 1024;
