// @ts-check
// Patient registration at the front desk on the real app and the real PC/SC stack (pcscd + vpcd + the
// virtual test card): the reader's state as cards come and go, a child's card read into the form, consent
// recorded with a parent as substitute decision maker, the form printed, the register searched by masked
// number, a duplicate caught — with screenshots in both languages.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";

import { CardStack } from "./card.mjs";
import {
  asAdministrator,
  choose,
  click as clickCentred,
  dataHome,
  errorText,
  eventually,
  fill,
  launch,
  outDir,
  screenshot,
  screenshotBoth,
  seriousAccessibilityViolations,
  settle,
  tick,
  typeInto,
} from "./support.mjs";

/** The child's identity card, as the test card stores it. */
const CHILD = {
  hkid: "Y6543217",
  englishSurname: "CHAN",
  englishGivenName: "SIU MING",
  chineseName: "陳小明",
  dateOfBirth: "20130501",
  sex: "M",
  dateOfIssue: "20240110",
};

const stack = new CardStack(mkdtempSync(path.join(tmpdir(), "ehr-e2e-card-")));
/** @type {WebdriverIO.Browser} */
let browser;

const click = (selector) => clickCentred(browser, selector);
const value = async (field) => (await browser.$(`[data-testid="input-${field}"]`)).getValue();
const phase = () =>
  browser.execute(() => document.querySelector('[data-testid="reader-phase"]')?.getAttribute("data-phase"));
const waitForPhase = (expected) => eventually(phase, (p) => p === expected, `the reader to show ${expected}`, 15_000);

async function assertAccessible(screen) {
  assert.deepEqual(await seriousAccessibilityViolations(browser), [], `serious accessibility violations on ${screen}`);
}

describe("patient registration with the card reader", () => {
  before(async () => {
    await stack.startPcscd();
    browser = await launch();
    await asAdministrator(browser, ["system_admin", "front_desk"]);
  });
  after(async () => {
    await browser?.deleteSession();
    await stack.stop();
  });

  it("shows the reader ready, then the card present", async () => {
    await click('[data-testid="nav-patients"]');
    await click('[data-testid="new-patient"]');
    await waitForPhase("ready");
    assert.equal(await (await browser.$('[data-testid="read-card"]')).isEnabled(), false, "nothing to read yet");
    await stack.insert({ identity: CHILD });
    await waitForPhase("card_present");
    assert.match(await (await browser.$('[data-testid="reader-phase"]')).getText(), /Card present/);
    await screenshotBoth(browser, "patient-1-card-present");
  });

  it("reads the card into the form and marks the fields it filled", async () => {
    await click('[data-testid="read-card"]');
    await eventually(
      () => value("englishSurname"),
      (v) => v === "CHAN",
      "the surname from the card",
    );
    await waitForPhase("read");
    assert.equal(await value("englishGivenName"), "SIU MING");
    assert.equal(await value("chineseName"), "陳小明");
    assert.equal(await value("documentNumber"), "Y654321(7)");
    // Day first, whatever the computer's locale, and in words beside it.
    assert.equal(await value("dateOfBirth"), "01/05/2013");
    await eventually(
      async () => (await browser.$('[data-testid="date-dateOfBirth"]')).getText(),
      (t) => t === "1 May 2013",
      "the date of birth in words",
    );
    assert.equal(await value("sex"), "M");
    for (const field of ["englishSurname", "chineseName", "documentNumber", "dateOfBirth", "sex"]) {
      assert.ok(
        await (await browser.$(`[data-testid="from-card-${field}"]`)).isExisting(),
        `${field} marked as read from the card`,
      );
    }
    // A 13-year-old: the rules in force ask for a substitute decision maker, parents first.
    await (await browser.$('[data-testid="sdm"]')).waitForExist({ timeout: 5_000 });
    const relationships = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="input-consent.sdm.relationship"] option')].map((o) =>
        o.getAttribute("value"),
      ),
    );
    assert.deepEqual(relationships, ["", "parent", "guardian", "court_appointee", "family_member", "prescribed_hcp"]);
    await screenshotBoth(browser, "patient-2-card-read");
  });

  it("records consent with the parent as substitute decision maker and registers", async () => {
    await fill(browser, "mobilePhone", "9123 4567");
    await tick(browser, "consent.joining");
    await tick(browser, "consent.sharing");
    await choose(browser, "consent.method", "card");
    await choose(browser, "consent.sdm.relationship", "parent");
    await fill(browser, "consent.sdm.englishName", "CHAN Tai Man");
    await fill(browser, "consent.sdm.chineseName", "陳大文");
    // The check digit is the core's: a wrong one is refused on the spot.
    await fill(browser, "consent.sdm.documentNumber", "A123456(4)");
    assert.match((await errorText(browser, "consent.sdm.documentNumber")) ?? "", /should be 3, not 4/);
    await fill(browser, "consent.sdm.documentNumber", "A123456(3)");
    assert.equal(await errorText(browser, "consent.sdm.documentNumber"), null);
    await fill(browser, "consent.sdm.phone", "6123 4567");
    await browser.execute(() => document.querySelector('[data-testid="consent"]')?.scrollIntoView({ block: "start" }));
    await settle(browser);
    await assertAccessible("the registration form");
    await screenshotBoth(browser, "patient-3-consent-sdm");
    await click('[data-testid="register"]');
    await (await browser.$('[data-testid="registered"]')).waitForExist({ timeout: 10_000 });
  });

  it("prints the bilingual registration and consent form", async () => {
    await click('[data-testid="print"]');
    const file = await eventually(
      async () => (await browser.$('[data-testid="printed"]')).getAttribute("data-path"),
      (p) => typeof p === "string" && p.endsWith(".pdf"),
      "the printed PDF",
    );
    assert.ok(existsSync(file), `${file} exists`);
    const content = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    for (const expected of [
      "陳小明",
      "Y654321(7)",
      "代決人",
      "Parent",
      "陳大文",
      "A123456(3)",
      "◆ Read from the identity card",
      "EHSO-2025",
    ]) {
      assert.ok(content.includes(expected), `the PDF shows ${expected}`);
    }
    execFileSync("pdftoppm", [
      "-r",
      "70",
      "-png",
      "-f",
      "1",
      "-l",
      "1",
      file,
      path.join(outDir, "screenshots", "patient-form-page"),
    ]);
    await screenshotBoth(browser, "patient-4-registered");
  });

  it("finds the child in the register by the masked number, and shows only masked data", async () => {
    await click('[data-testid="nav-patients"]');
    const search = '[data-testid="register-search"]';
    await typeInto(browser, search, "Y654***(7)");
    const rows = await eventually(
      async () => browser.$$('[data-testid="register-row"]').map((row) => row.getText()),
      (texts) => texts.length === 1,
      "one match",
    );
    assert.match(rows[0], /CHAN S\. M\./);
    assert.match(rows[0], /Y654\*\*\*\(7\)/);
    assert.ok(!rows[0].includes("Y654321"), "the full number is not listed");
    assert.ok(!rows[0].includes("陳小明"), "the full Chinese name is not listed");
    await typeInto(browser, search, "WONG");
    await (await browser.$('[data-testid="register-empty"]')).waitForExist({ timeout: 5_000 });
    await typeInto(browser, search, "chan");
    await eventually(
      async () => browser.$$('[data-testid="register-row"]').length,
      (count) => count === 1,
      "the child, by part of the name",
    );
    await assertAccessible("the register");
    await screenshotBoth(browser, "patient-5-register");
  });

  it("catches a second registration of the same card until the clerk confirms", async () => {
    await click('[data-testid="new-patient"]');
    // The same card is still in the reader, already read once.
    await waitForPhase("read");
    await click('[data-testid="read-card"]');
    await eventually(
      () => value("documentNumber"),
      (v) => v === "Y654321(7)",
      "the card read again",
    );
    await fill(browser, "mobilePhone", "9123 4567");
    await tick(browser, "consent.joining");
    await choose(browser, "consent.sdm.relationship", "parent");
    await fill(browser, "consent.sdm.englishName", "CHAN Tai Man");
    await fill(browser, "consent.sdm.documentNumber", "A123456(3)");
    await click('[data-testid="register"]');
    await (await browser.$('[data-testid="duplicate"]')).waitForExist({ timeout: 5_000 });
    assert.match((await errorText(browser, "documentNumber")) ?? "", /already registered here/);
    await screenshot(browser, "patient-6-duplicate-en");
    await tick(browser, "duplicateOverride");
    await click('[data-testid="register"]');
    await (await browser.$('[data-testid="registered"]')).waitForExist({ timeout: 10_000 });
  });

  it("follows the card out, and reports a card of another kind as not recognised", async () => {
    await click('[data-testid="nav-patients"]');
    await click('[data-testid="new-patient"]');
    await stack.pull();
    await waitForPhase("ready");
    await stack.insert({ kind: "foreign" });
    await waitForPhase("not_recognised");
    assert.equal(await (await browser.$('[data-testid="read-card"]')).isEnabled(), false, "a foreign card is not read");
    await screenshotBoth(browser, "patient-7-not-recognised");
    await stack.pull();
    await waitForPhase("ready");
  });

  it("keeps the card's data out of the app's log", () => {
    const logs = path.join(dataHome, "hk.ehrdesk.app", "logs");
    const content = readdirSync(logs)
      .filter((name) => name.startsWith("ehr-desk"))
      .map((name) => readFileSync(path.join(logs, name), "utf8"))
      .join("\n");
    // The E2E runs the card adapter at trace level: every APDU is logged, with its data redacted.
    assert.match(content, /00 B0 00 00 Le=[0-9A-F]{2} -> \d+ bytes, 90 00/, "the card's exchanges are in the log");
    for (const personal of ["Y6543217", "Y654321", "SIU MING", "陳小明", "20130501", "2013-05-01", "CHAN Tai Man"]) {
      assert.ok(!content.includes(personal), `the log contains ${personal}`);
    }
  });
});
