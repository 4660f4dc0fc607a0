// @ts-check
// The first vertical slice, end to end on the real app: validation in both languages, drafts that survive a
// restart, the language choice kept, deletion only after confirmation, accessibility on every screen.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";

import {
  appPath,
  asAdministrator,
  choose,
  cliAsAdministrator,
  dataHome,
  errorText,
  eventually,
  fill,
  launch,
  screenshot,
  seriousAccessibilityViolations,
} from "./support.mjs";

const appData = path.join(dataHome, "hk.ehrdesk.app");
/** @type {WebdriverIO.Browser} */
let browser;

async function assertAccessible(screen) {
  const violations = await seriousAccessibilityViolations(browser);
  assert.deepEqual(violations, [], `serious accessibility violations on ${screen}`);
}

const text = async (selector) => (await browser.$(selector)).getText();
const rowTitles = () =>
  browser.execute(() =>
    [...document.querySelectorAll('[data-testid="application-title"]')].map((cell) => cell.textContent ?? ""),
  );
/** The button `action` in the n-th row (1-based) of the home screen's list. */
const rowButton = (n, action) => browser.$(`[data-testid="application-row"]:nth-child(${n}) [data-testid="${action}"]`);

describe("HCP information, first launch", () => {
  before(async () => {
    browser = await launch();
    // HCP applications are the user administrator's (whose first screen is the staff area, with the
    // registrations that expire).
    await asAdministrator(browser, ["system_admin", "user_admin"]);
    await (await browser.$('[data-testid="nav-applications"]')).click();
  });
  after(async () => {
    await browser?.deleteSession();
  });

  it("starts on an empty list, in English", async () => {
    assert.equal(await text("h1"), "Applications");
    assert.match(await text('[data-testid="applications-empty"]'), /No applications yet/);
    await screenshot(browser, "01-home-empty-en");
    await assertAccessible("the empty home screen");
  });

  it("has an accessibility check that does catch a serious violation", async () => {
    // Guards the guard: an image without alternative text must be reported, or the checks above prove nothing.
    await browser.execute(() => {
      const img = document.createElement("img");
      img.id = "axe-self-test";
      img.src = "/missing.png";
      document.body.append(img);
    });
    const violations = await seriousAccessibilityViolations(browser);
    await browser.execute(() => document.getElementById("axe-self-test")?.remove());
    assert.ok(
      violations.some((v) => v.id === "image-alt"),
      JSON.stringify(violations),
    );
  });

  it("shows English errors only for fields that were left", async () => {
    await (await browser.$('[data-testid="new-application"]')).click();
    await (await browser.$('[data-testid="input-hcpInformation.nameEn"]')).waitForExist();
    await fill(browser, "hcpInformation.nameEn", "Harbour Family Clinic");
    await fill(browser, "hcpInformation.brNumber", "1234");
    await fill(browser, "hcpInformation.phone", "1234 5678");
    const brError = await eventually(
      () => errorText(browser, "hcpInformation.brNumber"),
      Boolean,
      "the BR number error",
    );
    assert.match(brError ?? "", /8-digit Business Registration number/);
    const phoneError = await eventually(() => errorText(browser, "hcpInformation.phone"), Boolean, "the phone error");
    assert.match(phoneError ?? "", /Hong Kong phone number of 8 digits/);
    assert.equal(await errorText(browser, "hcpInformation.nameEn"), null, "a valid field shows no error");
    assert.equal(await errorText(browser, "hcpInformation.email"), null, "an untouched field shows no error yet");
    await screenshot(browser, "02-form-errors-en");
    await assertAccessible("the form with errors");
  });

  it("shows the same errors in Chinese after switching language", async () => {
    await (await browser.$('[data-testid="language-zh-HK"]')).click();
    await eventually(
      () => text("h1"),
      (h) => h === "醫護提供者資料",
      "the Chinese heading",
    );
    assert.match((await errorText(browser, "hcpInformation.brNumber")) ?? "", /8 位數字的商業登記號碼/);
    assert.match((await errorText(browser, "hcpInformation.phone")) ?? "", /8 位數字的香港電話號碼/);
    assert.equal(await browser.execute(() => document.documentElement.lang), "zh-HK");
    await screenshot(browser, "03-form-errors-zh-HK");
    await assertAccessible("the form with Chinese errors");
  });

  it("clears the errors once corrected, and saves the draft", async () => {
    await fill(browser, "hcpInformation.brNumber", "12345678-000-01-24-3");
    await fill(browser, "hcpInformation.phone", "2123 4567");
    await eventually(
      () => errorText(browser, "hcpInformation.brNumber"),
      (e) => e === null,
      "the BR number error to clear",
    );
    await eventually(
      () => errorText(browser, "hcpInformation.phone"),
      (e) => e === null,
      "the phone error to clear",
    );
    await fill(browser, "hcpInformation.nameZh", "海港家庭醫務所");
    await choose(browser, "hcpInformation.hcpType", "group_practice");
    await fill(browser, "hcpInformation.addressLine1", "Room 1203, 12/F, Harbour Centre");
    await fill(browser, "hcpInformation.addressLine2", "25 Harbour Road, Wan Chai");
    await choose(browser, "hcpInformation.district", "wan_chai");
    await fill(browser, "hcpInformation.contactNameEn", "CHAN Tai Man");
    await fill(browser, "hcpInformation.contactNameZh", "陳大文");
    await fill(browser, "hcpInformation.email", "info@harbourclinic.com.hk");
    await (await browser.$('[data-testid="save"]')).click();
    const status = await eventually(() => text('[data-testid="save-status"]'), Boolean, "the saved message");
    // Step 1 is complete; the later steps are still to do, and the draft is saved all the same.
    assert.match(status, /草稿已於 .* 儲存。遞交前仍有 \d+ 個欄位需要更正。$/);
    await screenshot(browser, "04-form-saved-zh-HK");
  });

  it("lists the draft on the home screen with its status", async () => {
    await (await browser.$('[data-testid="back"]')).click();
    await (await browser.$('[data-testid="applications"]')).waitForExist();
    assert.deepEqual(await rowTitles(), ["Harbour Family Clinic"]);
    const row = await text('[data-testid="application-row"]');
    assert.match(row, /草稿/);
    assert.match(row, /HCP-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}/, "the row shows the reference");
    assert.match(row, /\d+ 項待更正/, "later steps are still to do");
    await screenshot(browser, "05-home-zh-HK");
    await assertAccessible("the home screen with a draft");
  });

  it("keeps an invalid draft too, saved on the way back", async () => {
    await (await browser.$('[data-testid="new-application"]')).click();
    await fill(browser, "hcpInformation.nameEn", "Temporary Clinic");
    await fill(browser, "hcpInformation.brNumber", "12");
    await (await browser.$('[data-testid="back"]')).click();
    await eventually(rowTitles, (titles) => titles.length === 2, "two drafts");
    assert.deepEqual(await rowTitles(), ["Temporary Clinic", "Harbour Family Clinic"]);
  });
});

describe("HCP information, after a restart", () => {
  before(async () => {
    browser = await launch();
    await asAdministrator(browser, ["system_admin", "user_admin"]);
    await (await browser.$('[data-testid="nav-applications"]')).click();
  });
  after(async () => {
    await browser?.deleteSession();
  });

  it("still lists the drafts, in the language chosen before", async () => {
    await eventually(
      () => text("h1"),
      (h) => h === "申請",
      "the Chinese home heading",
    );
    assert.deepEqual(await rowTitles(), ["Temporary Clinic", "Harbour Family Clinic"]);
    assert.equal(await (await browser.$('[data-testid="language-zh-HK"]')).getAttribute("aria-pressed"), "true");
    await screenshot(browser, "06-relaunched-zh-HK");
  });

  it("reopens a draft with what was typed", async () => {
    await (await rowButton(2, "open-application")).click();
    await (await browser.$('[data-testid="input-hcpInformation.nameEn"]')).waitForExist();
    assert.equal(
      await (await browser.$('[data-testid="input-hcpInformation.nameEn"]')).getValue(),
      "Harbour Family Clinic",
    );
    assert.equal(await (await browser.$('[data-testid="input-hcpInformation.contactNameZh"]')).getValue(), "陳大文");
    assert.equal(await (await browser.$('[data-testid="input-hcpInformation.district"]')).getValue(), "wan_chai");
    await (await browser.$('[data-testid="language-en"]')).click();
    await eventually(
      () => text("h1"),
      (h) => h === "HCP information",
      "the English heading",
    );
    await screenshot(browser, "07-reopened-en");
    await (await browser.$('[data-testid="back"]')).click();
  });

  it("deletes only after confirmation", async () => {
    await (await browser.$('[data-testid="applications"]')).waitForExist();
    await (await rowButton(1, "delete-application")).click();
    const dialog = await browser.$("dialog[open]");
    await dialog.waitForExist();
    assert.match(await dialog.getText(), /Temporary Clinic/);
    await screenshot(browser, "08-delete-confirm-en");
    await assertAccessible("the delete confirmation");
    await (await browser.$('[data-testid="confirm-cancel"]')).click();
    await eventually(
      async () => (await browser.$("dialog[open]")).isExisting(),
      (open) => !open,
      "the dialog to close",
    );
    assert.equal((await rowTitles()).length, 2, "cancel keeps the draft");

    await (await rowButton(1, "delete-application")).click();
    await (await browser.$('[data-testid="confirm-accept"]')).click();
    await eventually(rowTitles, (titles) => titles.length === 1, "one draft left");
    assert.deepEqual(await rowTitles(), ["Harbour Family Clinic"]);
    await screenshot(browser, "09-after-delete-en");
  });
});

describe("what the app left on disk", () => {
  it("keeps its database in the OS data directory, readable by the ehr CLI", () => {
    const database = path.join(appData, "ehr-desk.sqlite3");
    assert.ok(existsSync(database), `${database} exists`);
    const cli = path.join(path.dirname(appPath), "ehr");
    const listed = JSON.parse(
      execFileSync(cli, ["--db", database, ...cliAsAdministrator.args, "applications", "list", "--json"], {
        encoding: "utf8",
        env: cliAsAdministrator.env,
      }),
    );
    assert.deepEqual(
      listed.map((/** @type {any} */ a) => [a.title, a.status]),
      [["Harbour Family Clinic", "draft"]],
    );
  });

  it("keeps personal data sealed in the database files", () => {
    const files = readdirSync(appData).filter((name) => name.startsWith("ehr-desk.sqlite3"));
    assert.ok(files.length > 0, "the database files exist");
    const content = Buffer.concat(files.map((name) => readFileSync(path.join(appData, name))));
    for (const personal of ["CHAN Tai Man", "陳大文", "info@harbourclinic.com.hk", "2123 4567"]) {
      assert.ok(!content.includes(Buffer.from(personal)), `the database holds ${personal} in plaintext`);
    }
  });

  it("writes logs to a file in the OS log directory, without personal data", () => {
    const logs = path.join(appData, "logs");
    const files = readdirSync(logs).filter((name) => name.startsWith("ehr-desk"));
    assert.ok(files.length > 0, "a log file exists");
    const content = files.map((name) => readFileSync(path.join(logs, name), "utf8")).join("\n");
    assert.match(content, /eHR Desk started/);
    for (const personal of ["CHAN Tai Man", "陳大文", "2123 4567", "+85221234567", "info@harbourclinic.com.hk"]) {
      assert.ok(!content.includes(personal), `the log contains ${personal}`);
    }
  });
});
