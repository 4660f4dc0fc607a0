// @ts-check
// The role matrix through the real IPC: every command that needs a permission, called directly (as a page
// could, bypassing the UI) by a user of every role the office offers. What each command needs is read from
// the app's own table (src-tauri/app/src/commands/access.rs) and each permission's code from the core's
// (src-tauri/core/src/auth/permission.rs): an allowed call gets past the guard (it may then fail on the
// made-up id it was given), a refused one answers `auth.forbidden`. shell_config.rs keeps the table whole.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { ADMIN, OFFICE_NAME, invoke, launch } from "./support.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const ID = "0193a7a0-0000-7000-8000-000000000000";
const OWN_PASSWORD = "mango sailboat chorus maple 31";

/** The core's permission codes by variant name: `ApplicationRead` → `application.read`. */
function permissionCodes() {
  const source = readFileSync(path.join(ROOT, "src-tauri/core/src/auth/permission.rs"), "utf8");
  return new Map([...source.matchAll(/^\s+(\w+) = "([a-z._]+)",$/gm)].map((m) => [m[1], m[2]]));
}

/** The commands the app's table says need a signed-in user, whatever their roles. */
function signedInOnly() {
  const source = readFileSync(path.join(ROOT, "src-tauri/app/src/commands/access.rs"), "utf8");
  return [...source.matchAll(/\("(\w+)", SignedIn\)/g)].map((m) => m[1]);
}

/** The app's table: command → the permission code it needs, for the commands that need one. */
export function permissionOf() {
  const codes = permissionCodes();
  const source = readFileSync(path.join(ROOT, "src-tauri/app/src/commands/access.rs"), "utf8");
  const rows = [...source.matchAll(/\("(\w+)", P\(Permission::(\w+)\)\)/g)];
  return new Map(rows.map((m) => [m[1], codes.get(m[2])]));
}

/** Arguments that pass IPC's decoding and reach each command's guard. */
const ARGS = {
  list_applications: {},
  create_application: {},
  get_application: { id: ID },
  save_application: { id: ID, version: 1, form: {} },
  delete_application: { id: ID },
  submit_application: { id: ID, channel: "fax", date: "25/11/2026" },
  change_application_status: { id: ID, status: "accepted", note: null },
  application_history: { id: ID },
  attach_document: {
    id: ID,
    kind: "business_registration_certificate",
    fileName: "br.pdf",
    contentBase64: "JVBERi0xLjQK",
  },
  remove_document: { id: ID, document: ID },
  document_preview: { id: ID, document: ID },
  open_document: { id: ID, document: ID },
  open_application_pdf: { id: ID },
  save_application_pdf_as: { id: ID },
  export_application: { id: ID },
  read_card_into_form: { form: {} },
  check_patient: { form: {}, editing: null },
  register_patient: { form: {} },
  update_patient: { id: ID, version: 1, form: {} },
  backup_settings: {},
  set_backup_settings: { settings: { folder: null, generations: 7 } },
  search_patients: { query: "" },
  open_patient: { id: ID },
  open_patient_pdf: { id: ID },
  list_users: {},
  add_user: { user: { userName: "matrix.new", fullName: "MATRIX New", roles: ["auditor"], password: OWN_PASSWORD } },
  reset_user_password: { userName: "nobody.here", password: OWN_PASSWORD },
  set_user_roles: { userName: "nobody.here", roles: ["auditor"] },
  set_user_disabled: { userName: "nobody.here", disabled: true },
  set_security_settings: { settings: { lockoutAttempts: 5, lockoutMinutes: 5, autolockMinutes: 5 } },
  save_recovery_sheet: { recoveryKey: "0000-0000-0000-0000-0000-0000-0000-0000" },
  reveal_file: { path: "/nowhere.pdf" },
  change_password: { current: OWN_PASSWORD, newPassword: `${OWN_PASSWORD} 2` },
  get_security_settings: {},
  // Not a PostgreSQL URL: an allowed call is refused after the guard (storage.url_invalid), and nothing is saved.
  database_settings: {},
  test_database: { url: "mysql://matrix@nowhere/ehr", password: null },
  use_database: { url: "mysql://matrix@nowhere/ehr", password: null },
  list_staff: { hcp: null, filter: {} },
  staff_hsl_names: { hcp: ID },
  open_staff: { id: ID },
  check_staff: { hcp: ID, form: {} },
  add_staff: { hcp: ID, form: {} },
  update_staff: { id: ID, version: 1, form: {} },
  record_staff_leaving: { id: ID, version: 1, on: null },
  expiring_registrations: { hcp: null, days: 60 },
  // No such file: an allowed call is refused after the guard (import.file_unreadable), and nothing is saved.
  preview_staff_import: { hcp: ID, path: "/nowhere/staff.csv" },
  // A channel id the page never made: an allowed call fails on the file before anything is sent on it.
  import_staff: { hcp: ID, path: "/nowhere/staff.csv", fingerprint: "0", onProgress: "__CHANNEL__:1" },
  cancel_staff_import: {},
  save_staff_template: {},
  list_requests: {},
  open_request: { id: ID },
  create_request: { hcp: ID, items: [{ staff: ID, action: "create", reason: "" }] },
  request_disable_expired: { hcp: ID },
  change_request_items: { id: ID, version: 1, items: [{ staff: ID, action: "create", reason: "" }] },
  set_request_status: { id: ID, version: 1, status: "submitted", date: null },
  open_request_pdf: { id: ID },
  list_amendments: { hcp: null },
  open_amendment: { id: ID },
  check_amendable: { hcp: ID, kind: "hcp_hsl" },
  prepare_amendment: {
    hcp: ID,
    kind: "withdrawal",
    content: { kind: "withdrawal", reason: "Closing", effectiveDate: null },
  },
  change_amendment: { id: ID, version: 1, content: { kind: "withdrawal", reason: "Closing", effectiveDate: null } },
  set_amendment_status: { id: ID, version: 1, status: "submitted", date: null },
  open_amendment_pdf: { id: ID },
  export_amendment: { id: ID },
};

const forbidden = (/** @type {{ok: boolean, issues?: {code: string}[]}} */ answer) =>
  !answer.ok && (answer.issues ?? []).some((issue) => issue.code === "auth.forbidden");

async function ok(browser, command, args) {
  const answer = await invoke(browser, command, args);
  assert.ok(answer.ok, `${command}: ${JSON.stringify(answer.issues)}`);
  return answer.data;
}

/**
 * Sets up an office of `kind` on this file's fresh data home, adds a user for each role it offers, and
 * walks every command × role. Answers how many calls were checked.
 * @param {WebdriverIO.Browser} browser
 * @param {"clinic" | "ro"} kind
 */
async function walkTheMatrix(browser, kind) {
  const needs = permissionOf();
  assert.deepEqual(
    [...needs.keys()].filter((c) => !(c in ARGS)),
    [],
    "commands needing a permission with no arguments in role-matrix.mjs",
  );
  await ok(browser, "set_up_office", {
    setup: {
      kind,
      name: OFFICE_NAME,
      adminUserName: ADMIN.userName,
      adminFullName: ADMIN.fullName,
      password: ADMIN.password,
    },
  });
  const roles =
    kind === "clinic"
      ? ["front_desk", "user_admin", "system_admin", "auditor"]
      : ["ro_officer", "system_admin", "auditor"];
  const first = "first chosen password 77";
  for (const role of roles) {
    const user = `matrix.${role.replace("_", "")}`;
    await ok(browser, "add_user", {
      user: { userName: user, fullName: `MATRIX ${role}`, roles: [role], password: first },
    });
  }
  await ok(browser, "sign_out");
  // Signed out, nothing but the open commands runs.
  const guarded = [...needs.keys(), ...signedInOnly()];
  assert.deepEqual(
    guarded.filter((c) => !(c in ARGS)),
    [],
    "commands needing a sign-in with no arguments in role-matrix.mjs",
  );
  let checked = 0;
  for (const command of guarded) {
    const answer = await invoke(browser, command, ARGS[/** @type {keyof typeof ARGS} */ (command)]);
    const codes = answer.ok ? [] : (answer.issues ?? []).map((issue) => issue.code);
    assert.deepEqual(codes, ["auth.not_signed_in"], `${command} signed out: ${JSON.stringify(answer)}`);
    checked += 1;
  }
  for (const role of roles) {
    const user = `matrix.${role.replace("_", "")}`;
    const signedIn = await invoke(browser, "sign_in", { userName: user, password: first, newPassword: OWN_PASSWORD });
    assert.ok(signedIn.ok, `${user}: ${JSON.stringify(signedIn.issues)}`);
    const permissions = /** @type {string[]} */ (signedIn.data.permissions);
    for (const [command, permission] of needs) {
      const allowed = permissions.includes(/** @type {string} */ (permission));
      const answer = await invoke(browser, command, ARGS[/** @type {keyof typeof ARGS} */ (command)]);
      if (allowed) {
        assert.ok(!forbidden(answer), `${command} as ${role} (${permission}) was refused`);
      } else {
        assert.ok(
          forbidden(answer),
          `${command} as ${role} (${permission}) was not refused: ${JSON.stringify(answer)}`,
        );
      }
      checked += 1;
    }
    await ok(browser, "sign_out");
  }
  return checked;
}

/**
 * The test of one kind of office: each test file calls this once, so each gets a fresh data home.
 * @param {"clinic" | "ro"} kind
 */
export function describeMatrix(kind) {
  describe(`every permission-guarded command as every role of an office of kind ${kind}`, () => {
    /** @type {WebdriverIO.Browser} */
    let browser;
    before(async () => {
      browser = await launch();
    });
    after(async () => {
      await browser?.deleteSession();
    });

    it("allows what the roles' permissions allow and refuses the rest with auth.forbidden", async () => {
      const checked = await walkTheMatrix(browser, kind);
      assert.ok(checked > 60, `${checked} calls checked`);
    });
  });
}
