//! The command line's shape.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use ehr_core::auth::{Role, UserName};

/// eHR Desk on the command line: validate identifiers, prepare and exchange HCP registration applications,
/// read identity cards.
#[derive(Debug, Parser)]
#[command(name = "ehr", version, propagate_version = true)]
pub struct Cli {
    /// The database: a file, or an office's PostgreSQL database as postgres://user@host:port/database
    /// (its password is kept in the keyring: `ehr db password`) [default: the desktop app's file, in the
    /// user's data directory]
    #[arg(long, global = true, value_name = "PATH|URL")]
    pub db: Option<String>,

    /// Print JSON instead of text
    #[arg(long, global = true)]
    pub json: bool,

    /// Sign in as this user (the password from EHR_PASSWORD, --password-stdin or a prompt). (The users a
    /// command acts on are positional arguments with another id: clap would fill one from the other.)
    #[arg(long, global = true, value_name = "USER", value_parser = user_name)]
    pub user: Option<UserName>,

    /// Read the password from the first line of standard input (for `setup` and `users add|reset-password`:
    /// the new password; the signed-in user's own then comes from EHR_PASSWORD or a prompt)
    #[arg(long, global = true)]
    pub password_stdin: bool,

    #[command(subcommand)]
    pub command: Command,
}

fn user_name(raw: &str) -> Result<UserName, String> {
    UserName::parse(raw).map_err(|_| {
        "a user name is 3 to 32 small letters, digits, dots, hyphens or underscores, starting with a letter"
            .to_owned()
    })
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Office {
    /// A healthcare provider: a clinic, a group practice or a hospital
    Clinic,
    /// The eHR Registration Office
    Ro,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// First run: set the office up and create its first system administrator (prints the recovery key once)
    Setup {
        #[arg(long)]
        office: Office,
        /// The office's name
        #[arg(long)]
        name: String,
        /// The administrator's user name
        #[arg(long, value_parser = user_name)]
        admin: UserName,
        /// The administrator's full name
        #[arg(long = "admin-name", value_name = "FULL NAME")]
        admin_name: String,
    },
    /// The office's users: add, list, disable, reset passwords, set roles (system administrators only)
    #[command(subcommand)]
    Users(UsersCommand),
    /// Change your own password (--user; the new one from --password-stdin or a prompt). Also how a user
    /// whose password an administrator chose signs in the first time.
    Passwd,
    /// Set a new password for a system administrator with the office's recovery key (read from a prompt,
    /// or the first line of standard input; the new password from its second line or a prompt)
    Recover {
        #[arg(id = "account", value_name = "USER", value_parser = user_name)]
        user: UserName,
    },
    /// Check a value with the rules the forms use; print it normalised (exit 0) or the problem (exit 1)
    Validate(ValidateCommand),
    /// Printable forms: samples and PDFs
    #[command(subcommand)]
    Forms(FormsCommand),
    /// HCP registration applications
    #[command(subcommand)]
    Applications(ApplicationsCommand),
    /// The identity card reader: its readers, its state, reading a card
    #[command(subcommand)]
    Card(CardCommand),
    /// The database itself
    #[command(subcommand)]
    Db(DbCommand),
    /// The audit trail: who read or changed personal data, hash-chained entry to entry
    #[command(subcommand)]
    Audit(AuditCommand),
    /// The HCP's staff: the list, adding and importing, registrations that expire (user administrators)
    #[command(subcommand)]
    Staff(StaffCommand),
    /// User Account Creation Requests for the HCP's staff (user administrators)
    #[command(subcommand)]
    Requests(RequestsCommand),
    /// Amendments to a registered HCP: HCP/HSL amendment, additional HSLs, withdrawal (user administrators)
    #[command(subcommand)]
    Amendments(AmendmentsCommand),
}

#[derive(Debug, Subcommand)]
pub enum StaffCommand {
    /// List the staff (HKIDs masked), by English name
    List {
        /// Only this HCP's staff: its application's id
        #[arg(long, value_name = "ID")]
        hcp: Option<String>,
        /// Text in a name, or a registration number
        #[arg(long)]
        query: Option<String>,
        /// Only professionals of this group, by code (e.g. nurse)
        #[arg(long)]
        profession: Option<String>,
        /// Only this account type: user_administrator, healthcare_professional, patient_registration_staff
        #[arg(long = "account-type")]
        account_type: Option<String>,
        /// Only staff working at this HSL (its English name)
        #[arg(long)]
        hsl: Option<String>,
        /// Also those who left the HCP
        #[arg(long)]
        include_left: bool,
    },
    /// Show one member in full (an audited read)
    Show { id: String },
    /// Add a member from a staff form (JSON: nameEn, nameZh, hkid, phone, email, accountType, hsls,
    /// registrations)
    Add {
        #[arg(long, value_name = "ID")]
        hcp: String,
        #[arg(long, value_name = "FILE")]
        input: PathBuf,
    },
    /// Record that a member left the HCP (on --on, today when not given): they stay on record, out of the
    /// expiry list and of new accounts. With --undo: the record was wrong, they are still at the HCP
    // `--version` is the record's here, not the program's.
    #[command(disable_version_flag = true)]
    Leave {
        id: String,
        /// The day they left (DD/MM/YYYY), not a day to come
        #[arg(long, value_name = "DATE", conflicts_with = "undo")]
        on: Option<String>,
        #[arg(long)]
        undo: bool,
        /// The version the change is made from [default: the current one]
        #[arg(long)]
        version: Option<u64>,
    },
    /// Import staff from a CSV (UTF-8 or Big5) or XLSX file: every row is checked; only the valid rows are
    /// added, all in one transaction
    Import {
        file: PathBuf,
        #[arg(long, value_name = "ID")]
        hcp: String,
        /// Check and report only; add nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Write the import's template: the header row, in English and Chinese (CSV, UTF-8 with a BOM)
    Template {
        /// Where to write it [default: standard output]
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Write N valid fictitious staff as CSV, for trying the import
    Sample {
        #[arg(long, value_name = "N")]
        rows: u32,
        /// Use this HCP's HSLs (signs in) [default: the sample application's]
        #[arg(long, value_name = "ID")]
        hcp: Option<String>,
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Registrations that expired or end within --days (today and the last day included)
    Expiring {
        /// Only this HCP's staff: its application's id
        #[arg(long, value_name = "ID")]
        hcp: Option<String>,
        #[arg(long, default_value_t = ehr_core::staff::EXPIRY_WINDOW_DAYS)]
        days: u16,
    },
}

/// What a request asks for each person.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Action {
    Create,
    Disable,
    Change,
}

/// The statuses a request moves to after its submission.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RequestOutcome {
    AccountsCreated,
    Rejected,
    Withdrawn,
}

#[derive(Debug, Subcommand)]
pub enum RequestsCommand {
    /// Prepare a draft request for staff of an HCP
    Create {
        #[arg(long, value_name = "ID")]
        hcp: String,
        /// The staff, by id (`ehr staff list` shows them), comma-separated
        #[arg(long, value_delimiter = ',', required = true)]
        staff: Vec<String>,
        #[arg(long, value_enum, default_value = "create")]
        action: Action,
        /// Why (for a disable or change)
        #[arg(long)]
        reason: Option<String>,
    },
    /// A draft request to disable the accounts of an HCP's staff whose registration expired
    DisableExpired {
        #[arg(long, value_name = "ID")]
        hcp: String,
    },
    /// List the requests, most recently changed first
    List,
    /// Show a request, its people and its history
    Show { id: String },
    /// Record that the request was sent to the Registration Office
    // `--version` is the record's here, not the program's.
    #[command(disable_version_flag = true)]
    Submit {
        id: String,
        /// The day it was sent: DD/MM/YYYY or YYYY-MM-DD [default: today]
        #[arg(long)]
        date: Option<String>,
        /// The stored version this is decided on [default: the one stored now]
        #[arg(long, value_name = "N")]
        version: Option<u64>,
    },
    /// Record the Registration Office's answer, or withdraw the request
    #[command(disable_version_flag = true)]
    Status {
        id: String,
        #[arg(long = "to", value_enum)]
        to: RequestOutcome,
        #[arg(long, value_name = "N")]
        version: Option<u64>,
    },
    /// Print the request as a PDF for signature and chop
    Print {
        id: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

/// Which of the Registration Office's amendment forms.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum AmendmentForm {
    /// The HCP/HSL Amendment Form: the whole form as it should be registered from now on
    HcpHsl,
    /// The Additional HSL Form: new service locations
    AdditionalHsl,
    /// The Withdrawal Request Form (HCPW01)
    Withdrawal,
}

/// The statuses an amendment moves to after its submission.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum AmendmentOutcome {
    Accepted,
    Rejected,
    Withdrawn,
}

#[derive(Debug, Subcommand)]
pub enum AmendmentsCommand {
    /// Prepare a draft amendment of a submitted or registered application, from its content (JSON:
    /// {"kind": "hcp_hsl", "form": ...}, {"kind": "additional_hsl", "hsls": [...]} or
    /// {"kind": "withdrawal", "reason": ..., "effectiveDate": ...})
    Create {
        /// The application amended
        #[arg(long, value_name = "ID")]
        hcp: String,
        #[arg(long, value_enum)]
        kind: AmendmentForm,
        #[arg(long, value_name = "FILE")]
        input: PathBuf,
    },
    /// Replace a draft amendment's content. Refused with [conflict.stale] when it was changed after
    /// --version
    #[command(disable_version_flag = true)]
    Edit {
        id: String,
        #[arg(long, value_name = "FILE")]
        input: PathBuf,
        /// The stored version the content was made from [default: the one stored now]
        #[arg(long, value_name = "N")]
        version: Option<u64>,
    },
    /// List the amendments, most recently changed first
    List {
        /// Only this application's
        #[arg(long, value_name = "ID")]
        hcp: Option<String>,
    },
    /// Show an amendment: what it changes (before → after), what stands before submission, its history
    /// (an audited read)
    Show { id: String },
    /// Record that the amendment was sent to the Registration Office (only with no issue open)
    // `--version` is the record's here, not the program's.
    #[command(disable_version_flag = true)]
    Submit {
        id: String,
        /// The day it was sent: DD/MM/YYYY or YYYY-MM-DD [default: today]
        #[arg(long)]
        date: Option<String>,
        /// The stored version this is decided on [default: the one stored now]
        #[arg(long, value_name = "N")]
        version: Option<u64>,
    },
    /// Record the Registration Office's answer, or withdraw the amendment
    #[command(disable_version_flag = true)]
    Status {
        id: String,
        #[arg(long = "to", value_enum)]
        to: AmendmentOutcome,
        #[arg(long, value_name = "N")]
        version: Option<u64>,
    },
    /// Write a submitted amendment as a sealed package for the Registration Office (its form's PDF inside)
    Export {
        id: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Print the amendment's form (HCP/HSL Amendment, Additional HSL or Withdrawal Request) as a PDF
    Print {
        id: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    /// Add a user (their first password from --password-stdin or a prompt; they change it at first sign-in)
    Add {
        #[arg(id = "account", value_name = "USER", value_parser = user_name)]
        user: UserName,
        /// Their full name
        #[arg(long = "name", value_name = "FULL NAME")]
        name: String,
        /// Their roles, by code: front_desk, user_admin, ro_officer, system_admin, auditor
        #[arg(long, value_delimiter = ',', value_parser = role, required = true)]
        roles: Vec<Role>,
    },
    /// List the users
    List,
    /// Disable a user: they can no longer sign in
    Disable {
        #[arg(id = "account", value_name = "USER", value_parser = user_name)]
        user: UserName,
    },
    /// Enable a disabled user again
    Enable {
        #[arg(id = "account", value_name = "USER", value_parser = user_name)]
        user: UserName,
    },
    /// Choose a new password for a user (from --password-stdin or a prompt); they change it at next sign-in
    ResetPassword {
        #[arg(id = "account", value_name = "USER", value_parser = user_name)]
        user: UserName,
    },
    /// Replace a user's roles
    Roles {
        #[arg(id = "account", value_name = "USER", value_parser = user_name)]
        user: UserName,
        #[arg(long, value_delimiter = ',', value_parser = role, required = true)]
        set: Vec<Role>,
    },
}

fn role(raw: &str) -> Result<Role, String> {
    Role::from_code(raw).ok_or_else(|| {
        let known: Vec<&str> = Role::ALL.iter().map(|r| r.code()).collect();
        format!("the roles are: {}", known.join(", "))
    })
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check the whole hash chain: print the number of entries and the latest hash (exit 0), or name the
    /// first entry that does not verify (exit 1)
    Verify,
    /// List the entries, oldest first
    List {
        /// Only the entries from this day on (Hong Kong time): DD/MM/YYYY (day first) or YYYY-MM-DD
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Read every row as the app would; name each one that cannot be read (by table, row and id, with a
    /// reason code) and exit 1 if there is any
    Check,
    /// Keep the password of the PostgreSQL database --db names in this user's keyring (from
    /// --password-stdin or a prompt), after a connection with it succeeds; --forget removes it
    Password {
        #[arg(long)]
        forget: bool,
    },
    /// Write a backup of the whole database into DIR, named by the time: a SQLite file, or a PostgreSQL
    /// database's logical export (docs/backup-format.md)
    Backup {
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Restore a backup (either kind) into --db, which must be empty or not there yet; --user signs in
    /// with an account the backup holds
    Restore {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Copy a whole database into another, empty one (an office's SQLite file into PostgreSQL, say),
    /// history and audit chain included; --user signs in on the source
    Copy {
        /// The source [default: --db]
        #[arg(long, value_name = "PATH|URL")]
        from: Option<String>,
        #[arg(long, value_name = "PATH|URL")]
        to: String,
    },
    /// Bring the database's schema up to date, and say from which version to which
    Migrate,
}

#[derive(Debug, Subcommand)]
pub enum CardCommand {
    /// List the attached readers and what is in each (exit 1 when the service or every reader is missing)
    Readers,
    /// Print the reader state as one JSON line now and at every change, until interrupted (or --until)
    Watch {
        /// Stop after printing a state in this phase (e.g. card_present, read, not_recognised)
        #[arg(long, value_name = "PHASE")]
        until: Option<String>,
    },
    /// Read the identity card in the reader and print its fields (the read is written to the audit trail)
    Read {
        /// The reader to read from, by name as `ehr card readers` lists it [default: the first]
        #[arg(long, value_name = "NAME")]
        reader: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct ValidateCommand {
    /// What kind of value
    pub kind: ValueKind,
    /// The value, as a person would type it (quote it if it has brackets or spaces)
    pub value: String,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ValueKind {
    /// Hong Kong identity card number, e.g. 'A123456(3)'
    Hkid,
    /// Business Registration number, 8 digits or the full certificate number
    Brn,
    /// Hong Kong phone number, +852 optional
    Phone,
    /// E-mail address
    Email,
    /// A date, day first DD/MM/YYYY or YYYY-MM-DD; printed as YYYY-MM-DD
    Date,
    /// A date of birth: a date, not in the future nor more than 130 years ago
    BirthDate,
}

/// The forms the product prints.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormKind {
    /// The HCP registration application
    Application,
    /// The patient registration and consent form
    PatientRegistration,
    /// The User Account Creation Request
    AccountRequest,
    /// The HCP/HSL Amendment Form
    Amendment,
    /// The Additional HSL Form
    AdditionalHsl,
    /// The Withdrawal Request Form (HCPW01)
    Withdrawal,
}

#[derive(Debug, Subcommand)]
pub enum FormsCommand {
    /// Print a complete, valid sample of a form's data as JSON
    Sample { form: FormKind },
    /// Render a form's data (JSON, as `sample` prints it) to PDF
    Render {
        form: FormKind,
        /// The form's data, as JSON
        #[arg(long, value_name = "FILE")]
        input: PathBuf,
        /// Where to write the PDF
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Channel {
    Fax,
    Mail,
    InPerson,
}

/// The statuses the Registration Office sets.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Status {
    Accepted,
    TechnicalSetup,
    Registered,
    Rejected,
    Withdrawn,
    Unsuccessful,
}

#[derive(Debug, Subcommand)]
pub enum ApplicationsCommand {
    /// List applications, most recently changed first
    List,
    /// Create a draft from a form's data (JSON, as `ehr forms sample application` prints it)
    Create {
        #[arg(long, value_name = "FILE")]
        input: PathBuf,
    },
    /// Save an application's form (JSON, checked as strictly as `ehr validate` checks it). Refused with
    /// [conflict.stale] when it was saved by someone else after --version
    // `--version` is the record's here, not the program's.
    #[command(disable_version_flag = true)]
    Edit {
        id: String,
        #[arg(long, value_name = "FILE")]
        input: PathBuf,
        /// The stored version the form was made from (`ehr applications show --json` prints it); by default
        /// the one stored now
        #[arg(long, value_name = "N")]
        version: Option<u64>,
    },
    /// Show an application and the issues it still has
    Show { id: String },
    /// Show who changed an application, when and how
    History { id: String },
    /// Show who read an application's personal data (viewed, printed, documents read), and when
    Audit { id: String },
    /// Record that a complete application was sent to the Registration Office
    Submit {
        id: String,
        #[arg(long)]
        channel: Channel,
        /// The day it was sent: DD/MM/YYYY (day first) or YYYY-MM-DD
        #[arg(long)]
        date: String,
    },
    /// For the Registration Office: move a submitted application along its process
    Status {
        id: String,
        /// The new status
        #[arg(long = "to")]
        to: Status,
        /// Why, for the history (e.g. "documents complete")
        #[arg(long)]
        note: Option<String>,
    },
    /// Write the submission package (application, PDF, documents, manifest) to a file
    Export {
        id: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Import a submission package, after verifying every file in it
    Import { file: PathBuf },
}
