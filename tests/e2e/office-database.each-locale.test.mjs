// @ts-check
// Two workstations on one PostgreSQL database, on the real app under `C.UTF-8` and `zh_HK.UTF-8`: the app
// runs on a fresh database of the run's throwaway cluster (named in the app's settings file, written before
// launch, as "Use this database" writes it), the setup screen's "Connect to an office database" tests the
// connection, the office is set up, and an application is open in the app while the `ehr` CLI, signed in as
// ANOTHER user, saves it — the list and the editor show the change without a restart; then the app's own save
// from the stale version shows the conflict panel with the other user's name. Screenshots in both languages.
// Without EHR_TEST_POSTGRES_URL (set by `cargo xtask e2e` and `cargo xtask test`) this fails: never skipped.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";

import {
  ADMIN,
  appPath,
  asAdministrator,
  click as clickCentred,
  dataHome,
  eventually,
  fill,
  invoke,
  launch,
  screenshotBoth,
  settle,
  signIn,
} from "./support.mjs";

const adminUrl = process.env.EHR_TEST_POSTGRES_URL;
if (!adminUrl) {
  throw new Error("EHR_TEST_POSTGRES_URL is not set: run this through `cargo xtask e2e` (it starts a cluster)");
}
const locale = process.env.E2E_LOCALE ?? "";
const shot = (name) => `office-db-${locale.startsWith("zh_HK") ? "zh_HK" : "C"}-${name}`;
const cli = path.join(path.dirname(appPath), "ehr");
const work = mkdtempSync(path.join(tmpdir(), "ehr-e2e-office-"));

/** The other workstation's user: saves through the CLI. */
const OTHER = {
  userName: "wong.officer",
  fullName: "WONG Siu Ming",
  firstPassword: "harbour-lantern-pebble-31",
  password: "orchid-tramway-compass-77",
};

/** A fresh database on the run's cluster, and its URL (the admin URL with the database replaced). */
function freshDatabase() {
  const name = `e2e_office_${process.pid}_${Date.now()}`;
  execFileSync("psql", [adminUrl, "-v", "ON_ERROR_STOP=1", "-q", "-c", `CREATE DATABASE "${name}"`]);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

const databaseUrl = freshDatabase();

/** The `ehr` CLI on the office database, signed in as `who` (the password in its environment). */
function ehr(who, args) {
  return execFileSync(cli, ["--db", databaseUrl, "--user", who.userName, ...args], {
    env: { ...process.env, EHR_PASSWORD: who.password },
  }).toString();
}

/** The other user saves the application with `change` applied to its stored form. */
function otherSaves(id, change) {
  const shown = JSON.parse(ehr(OTHER, ["--json", "applications", "show", id]));
  const form = shown.draft.form;
  change(form);
  const file = path.join(work, `form-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(form));
  return JSON.parse(ehr(OTHER, ["--json", "applications", "edit", id, "--input", file]));
}

/** @type {WebdriverIO.Browser} */
let browser;

const click = (selector) => clickCentred(browser, selector);
const text = async (selector) => (await browser.$(selector)).getText();
const value = async (path) => (await browser.$(`[data-testid="input-${path}"]`)).getValue();
/**
 * Puts a URL into a field as a paste would (one input event): typed key by key, WebKitWebDriver under
 * zh_HK.UTF-8 mangled a long URL typed over a previous one.
 */
async function paste(path, text) {
  const input = await browser.$(`[data-testid="input-${path}"]`);
  await browser.execute(
    (element, value) => {
      element.focus();
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set?.call(element, value);
      element.dispatchEvent(new Event("input", { bubbles: true }));
    },
    input,
    text,
  );
  assert.equal(await input.getValue(), text);
}
const exists = (selector) => browser.execute((s) => document.querySelector(s) !== null, selector);

describe("the app on an office's PostgreSQL database, beside another workstation", () => {
  before(async () => {
    // As "Use this database" leaves it: the URL in the app's settings file (the password, none here, would
    // be in the keyring).
    const appData = path.join(dataHome, "hk.ehrdesk.app");
    mkdirSync(appData, { recursive: true });
    writeFileSync(path.join(appData, "database.json"), JSON.stringify({ url: databaseUrl }));
    browser = await launch();
  });
  after(async () => {
    await browser?.deleteSession();
  });

  it("opens the office database the settings name, and tests a connection from the setup screen", async () => {
    const startup = await invoke(browser, "startup_state");
    assert.deepEqual(startup, { ok: true, data: { phase: "ready" } });
    await click('[data-testid="connect-office-database"]');
    await paste("databaseUrl", databaseUrl);
    await click('[data-testid="test-database"]');
    // The version, or the refusal worded (said in the failure, to know why).
    const result = await eventually(
      () =>
        browser.execute(
          () =>
            (document.querySelector('[data-testid="database-test-result"]')?.textContent ?? "") +
            (document.querySelector(".issue-banner")?.textContent ?? ""),
        ),
      (shown) => shown !== "",
      "the connection test's answer",
      15_000,
    );
    assert.match(result, /PostgreSQL/);
    // A password in the URL is refused, worded, before anything is tried.
    await paste("databaseUrl", databaseUrl.replace("://ehr@", "://ehr:secret@"));
    await click('[data-testid="test-database"]');
    await eventually(() => exists(".issue-banner"), Boolean, "the refusal");
    await paste("databaseUrl", databaseUrl);
    await click('[data-testid="test-database"]');
    await eventually(
      () => browser.execute(() => document.querySelector('[data-testid="database-test-result"]')?.textContent ?? ""),
      (shown) => /PostgreSQL/.test(shown),
      "the version again",
    );
    await screenshotBoth(browser, shot("connect"));
    await click('[data-testid="connect-office-back"]');
    await (await browser.$('[data-testid="set-up"]')).waitForExist({ timeout: 10_000 });
  });

  it("sets the office up there, and the Office database settings say where the data is", async () => {
    await asAdministrator(browser);
    await click('[data-testid="nav-users"]');
    const where = await eventually(
      () => browser.execute(() => document.querySelector('[data-testid="database-where"]')?.textContent ?? ""),
      (shown) => shown.includes(databaseUrl),
      "the office database's URL",
    );
    assert.ok(!where.includes("secret"));
    // The form starts from the database in use.
    assert.equal(await value("databaseUrl"), databaseUrl);
    // Another user of the office, for the other workstation (their first password changed at first sign-in).
    const added = await invoke(browser, "add_user", {
      user: {
        userName: OTHER.userName,
        fullName: OTHER.fullName,
        roles: ["user_admin"],
        password: OTHER.firstPassword,
      },
    });
    assert.ok(added.ok, JSON.stringify(added));
    await browser.execute(() => document.querySelector('[data-testid="office-database"]')?.scrollIntoView());
    await screenshotBoth(browser, shot("settings"));
    await invoke(browser, "sign_out");
    const first = await invoke(browser, "sign_in", {
      userName: OTHER.userName,
      password: OTHER.firstPassword,
      newPassword: OTHER.password,
    });
    assert.ok(first.ok, JSON.stringify(first));
    await invoke(browser, "sign_out");
    await browser.refresh();
    await signIn(browser, ADMIN);
  });

  it("shows another workstation's save without a restart, then the conflict of its own stale save", async () => {
    const created = await invoke(browser, "create_application");
    assert.ok(created.ok, JSON.stringify(created));
    const id = created.data.draft.id;
    const sample = JSON.parse(execFileSync(cli, ["forms", "sample", "application"]).toString());

    // The list re-reads when the other workstation saves.
    await click('[data-testid="nav-applications"]');
    await (await browser.$('[data-testid="application-row"]')).waitForExist({ timeout: 10_000 });
    otherSaves(id, (form) => Object.assign(form, sample));
    await eventually(
      () => text('[data-testid="application-title"]'),
      (title) => title.includes(sample.hcpInformation.nameEn),
      "the list showing the other workstation's save",
      15_000,
    );

    // The open editor, with nothing typed, shows the next save at once, and says so.
    await click('[data-testid="open-application"]');
    await (await browser.$('[data-testid="input-hcpInformation.nameEn"]')).waitForExist({ timeout: 10_000 });
    otherSaves(id, (form) => {
      form.hcpInformation.nameEn = "Harbour Medical Centre";
    });
    await eventually(
      () => value("hcpInformation.nameEn"),
      (v) => v === "Harbour Medical Centre",
      "their value",
      15_000,
    );
    await eventually(
      () => browser.execute(() => document.querySelector('[data-testid="live-notice"]')?.getAttribute("data-live")),
      (live) => live === "updated",
      "the Updated notice",
    );
    await settle(browser);
    await screenshotBoth(browser, shot("updated"));

    // Typed here, saved there: a warning, nothing replaced; then this save is refused and the panel shows theirs.
    await fill(browser, "hcpInformation.fax", "29876543");
    otherSaves(id, (form) => {
      form.hcpInformation.nameEn = "Kowloon Medical Centre";
    });
    await eventually(
      () => browser.execute(() => document.querySelector('[data-testid="live-notice"]')?.getAttribute("data-live")),
      (live) => live === "otherSaved",
      "the someone-else-saved notice",
      15_000,
    );
    assert.equal(await value("hcpInformation.nameEn"), "Harbour Medical Centre");
    assert.equal(await value("hcpInformation.fax"), "29876543");
    await click('[data-testid="save"]');
    await (await browser.$('[data-testid="conflict-panel"]')).waitForExist({ timeout: 10_000 });
    // The other user, by the name the core records them by.
    assert.match(await text('[data-testid="conflict-who"]'), /wong\.officer|WONG Siu Ming/);
    const row = await browser.$('[data-testid="conflict-fields"] [data-field="hcpInformation.nameEn"]');
    assert.match(await row.getText(), /Kowloon Medical Centre/);
    assert.match(await row.getText(), /Harbour Medical Centre/);
    assert.ok(await exists('[data-testid="conflict-fields"] [data-field="hcpInformation.fax"]'));
    await browser.execute(() => document.querySelector('[data-testid="conflict-panel"]')?.scrollIntoView());
    await screenshotBoth(browser, shot("conflict"));

    // Keeping mine on theirs: nothing saved until the click, then the save goes through on their version.
    await click('[data-testid="conflict-keep-mine"]');
    const before = JSON.parse(ehr(OTHER, ["--json", "applications", "show", id]));
    assert.equal(before.draft.form.hcpInformation.nameEn, "Kowloon Medical Centre");
    await click('[data-testid="save"]');
    await eventually(
      () => text('[data-testid="save-status"]'),
      (s) => s !== "",
      "the save",
      10_000,
    );
    const stored = JSON.parse(ehr(OTHER, ["--json", "applications", "show", id]));
    assert.equal(stored.draft.form.hcpInformation.nameEn, "Harbour Medical Centre");
    assert.equal(stored.draft.form.hcpInformation.fax, "29876543");
    assert.ok(stored.version > before.version);
  });

  it("says so when the office database cannot be reached, and opens it once the settings are right", async () => {
    await browser.deleteSession();
    // Nothing listens on port 1: the server is "down".
    const down = new URL(databaseUrl);
    down.port = "1";
    writeFileSync(path.join(dataHome, "hk.ehrdesk.app", "database.json"), JSON.stringify({ url: down.toString() }));
    browser = await launch();
    const screen = await browser.$('[data-testid="database-unreachable-reason"]');
    await screen.waitForExist({ timeout: 20_000 });
    assert.equal(await screen.getAttribute("data-code"), "storage.unreachable");
    await click('[data-testid="retry-database"]');
    // The retry waits as long as the store's connection does (10 s) before it answers.
    await eventually(
      () => browser.execute(() => document.querySelector('[aria-busy="true"]') === null),
      Boolean,
      "the retry's answer",
      20_000,
    );
    assert.ok(await exists('[data-testid="database-unreachable"]'));
    await screenshotBoth(browser, shot("unreachable"));
    // The right address, through the same screen: the app opens it at once, and the office's sign-in appears.
    await paste("databaseUrl", databaseUrl);
    await click('[data-testid="use-database"]');
    await (await browser.$('[data-testid="input-userName"]')).waitForExist({ timeout: 20_000 });
    await signIn(browser, ADMIN);
  });
});
