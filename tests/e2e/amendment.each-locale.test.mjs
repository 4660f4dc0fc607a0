// @ts-check
// An amendment to a submitted HCP application, on the real app under `C.UTF-8` and `zh_HK.UTF-8`: the
// application is made from the product's sample form (through the IPC, with a PDF attached) and submitted;
// opened in the UI it is read-only and offers amendments; an HCP/HSL amendment replaces the first user
// administrator in the application's own user-information step, is saved, and shows before → after; printed,
// its PDF names both the new administrator and the old one (its first page rendered for a look); submitted, its
// status and history change, and it exports as a package. Screenshots in both languages.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";

import {
  appPath,
  asAdministrator,
  choose,
  click as clickCentred,
  errorText,
  eventually,
  idle,
  invoke,
  launch,
  outDir,
  screenshotBoth,
  scrollTo as scrollToStart,
  seriousAccessibilityViolations,
  settle,
} from "./support.mjs";

const locale = process.env.E2E_LOCALE ?? "";
const tag = locale.startsWith("zh_HK") ? "zh_HK" : "C";
const shot = (name) => `amendment-${tag}-${name}`;
const cli = path.join(path.dirname(appPath), "ehr");
const work = mkdtempSync(path.join(tmpdir(), "ehr-e2e-amendment-"));

/** The new user administrator, replacing the sample's first (CHAN Tai Man, A123456(3)). */
const NEW_ADMIN = {
  nameEn: "LAM Siu Wai",
  nameZh: "林小慧",
  hkid: "B987654(0)",
  phone: "9876 1234",
  email: "siuwai.lam@harbourfamily.com.hk",
};
const OLD_ADMIN = { nameEn: "CHAN Tai Man", nameZh: "陳大文", hkid: "A123456(3)" };

/** @type {WebdriverIO.Browser} */
let browser;

const click = (selector) => clickCentred(browser, selector);
const text = async (selector) => (await browser.$(selector)).getText();
const attribute = (selector, name) =>
  browser.execute((s, n) => document.querySelector(s)?.getAttribute(n) ?? null, selector, name);

async function assertAccessible(screen) {
  assert.deepEqual(await seriousAccessibilityViolations(browser), [], `serious accessibility violations on ${screen}`);
}

const scrollTo = (selector) => scrollToStart(browser, selector);

/**
 * Enters a value as a paste would (one input event), then leaves the field with Tab. Typed key by key under
 * zh_HK.UTF-8, WebKitWebDriver loses Shift: "LAM Siu Wai" arrived as "lam siu wai", "B987654(0)" as no HKID.
 */
async function enter(fieldPath, value) {
  const input = await browser.$(`[data-testid="input-${fieldPath}"]`);
  await browser.execute(
    (element, text) => {
      element.focus();
      // The element's own setter (an input's or a textarea's), so React sees the change.
      Object.getOwnPropertyDescriptor(Object.getPrototypeOf(element), "value")?.set?.call(element, text);
      element.dispatchEvent(new Event("input", { bubbles: true }));
    },
    input,
    value,
  );
  assert.equal(await input.getValue(), value);
  await browser.keys("Tab");
  await idle(browser);
}

/** Succeeds or fails the test with the core's refusal. */
async function ok(command, args) {
  const answer = await invoke(browser, command, args);
  assert.ok(answer.ok, `${command}: ${JSON.stringify(answer.issues)}`);
  return answer.data;
}

/** A change row of the before → after table, by the field's path: its before and after as shown. */
async function changeRow(fieldPath) {
  return browser.execute((p) => {
    const row = document.querySelector(`[data-testid="change"][data-path="${p}"]`);
    return row === null
      ? null
      : {
          before: row.querySelector('[data-testid="change-before"]')?.textContent ?? "",
          after: row.querySelector('[data-testid="change-after"]')?.textContent ?? "",
        };
  }, fieldPath);
}

describe(`an amendment replacing the user administrator, under ${locale}`, () => {
  /** @type {string} */
  let hcp;

  before(async () => {
    browser = await launch();
    await asAdministrator(browser, ["system_admin", "user_admin"]);
    // The assertions read English; the screenshots show both languages.
    await click('[data-testid="language-en"]');
  });
  after(async () => {
    await browser?.deleteSession();
  });

  it("a submitted application, from the sample form with its BR certificate", async () => {
    const sampleFile = path.join(work, "sample.json");
    writeFileSync(sampleFile, execFileSync(cli, ["forms", "sample", "application"]));
    const form = JSON.parse(readFileSync(sampleFile, "utf8"));
    assert.equal(form.userInformation.administrators[0].nameEn, OLD_ADMIN.nameEn, "the sample's first administrator");
    const certificate = path.join(work, "BR certificate.pdf");
    // A real PDF, made by the product itself.
    execFileSync(cli, ["forms", "render", "application", "--input", sampleFile, "--out", certificate]);

    const created = await ok("create_application");
    hcp = created.draft.id;
    const saved = await ok("save_application", { id: hcp, version: created.version, form });
    assert.deepEqual(
      saved.issues.filter((/** @type {{field: string | null}} */ i) => !i.field?.startsWith("documents.")),
      [],
      "the sample is complete but for its document",
    );
    await ok("attach_document", {
      id: hcp,
      kind: "business_registration_certificate",
      fileName: "BR certificate.pdf",
      contentBase64: readFileSync(certificate).toString("base64"),
    });
    const submitted = await ok("submit_application", { id: hcp, channel: "fax", date: "28/11/2026" });
    assert.equal(submitted.draft.status, "submitted");

    // The list was read at sign-in: another area and back reads it again.
    await click('[data-testid="nav-users"]');
    await click('[data-testid="nav-applications"]');
    await (await browser.$('[data-testid="open-application"]')).waitForExist({ timeout: 10_000 });
  });

  it("opened, the application is read-only and offers amendments", async () => {
    await click('[data-testid="open-application"]');
    await (await browser.$('[data-testid="amendments-panel"]')).waitForExist({ timeout: 10_000 });
    await (await browser.$('[data-testid="amendments-empty"]')).waitForExist();
    assert.match(await text('[data-testid="read-only"]'), /Submitted/);
    for (const kind of ["hcp_hsl", "additional_hsl", "withdrawal"]) {
      assert.ok(await (await browser.$(`[data-testid="prepare-${kind}"]`)).isExisting(), `offers ${kind}`);
    }
    await screenshotBoth(browser, shot("1-application"));
    await assertAccessible("the submitted application with its amendments");
  });

  it("an HCP/HSL amendment replaces the first user administrator in the application's own step", async () => {
    await click('[data-testid="prepare-hcp_hsl"]');
    await (await browser.$('[data-testid="amendment-screen"]')).waitForExist({ timeout: 10_000 });
    // It starts as the application was registered.
    const nameEn = await browser.$('[data-testid="input-hcpInformation.nameEn"]');
    assert.equal(await nameEn.getValue(), "Harbour Family Medical Centre");
    await click('[data-testid="amend-step-userInformation"]');
    const first = "userInformation.administrators[0]";
    await (await browser.$(`[data-testid="input-${first}.nameEn"]`)).waitForExist();
    assert.equal(await (await browser.$(`[data-testid="input-${first}.nameEn"]`)).getValue(), OLD_ADMIN.nameEn);
    for (const [field, value] of Object.entries(NEW_ADMIN)) {
      await enter(`${first}.${field}`, value);
    }
    for (const field of Object.keys(NEW_ADMIN)) {
      assert.equal(await errorText(browser, `${first}.${field}`), null, `${field} is accepted`);
    }
    await click('[data-testid="amendment-save"]');
    const reference = await eventually(
      async () => {
        const shown = await browser.$('[data-testid="amendment-reference"]');
        return (await shown.isExisting()) ? shown.getText() : "";
      },
      (r) => /^AMD-/.test(r),
      "the saved amendment's reference",
      10_000,
    );
    assert.match(await text('[data-testid="amendment-save-status"]'), /Draft saved at/);
    // The top: the amendment's heading, its reference and saved status, its steps and the first administrator.
    await browser.execute(() => window.scrollTo(0, 0));
    await settle(browser);
    await screenshotBoth(browser, shot("2-user-administrator"));
    await assertAccessible("the amendment's user-information step");
    assert.ok(reference.length > 4);
  });

  it("shows before → after, what the amendment does, and nothing left to correct", async () => {
    await click('[data-testid="amend-step-review"]');
    await (await browser.$('[data-testid="changes"]')).waitForExist({ timeout: 10_000 });
    const first = "userInformation.administrators[0]";
    assert.deepEqual(await changeRow(`${first}.nameEn`), { before: OLD_ADMIN.nameEn, after: NEW_ADMIN.nameEn });
    assert.deepEqual(await changeRow(`${first}.nameZh`), { before: OLD_ADMIN.nameZh, after: NEW_ADMIN.nameZh });
    assert.deepEqual(await changeRow(`${first}.hkid`), { before: OLD_ADMIN.hkid, after: NEW_ADMIN.hkid });
    assert.equal(await changeRow(`${first}.position`), null, "an unchanged field is not listed");
    assert.equal(await changeRow("hcpInformation.nameEn"), null, "nor is the rest of the form");
    const effects = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="effects"] li')].map((li) => li.getAttribute("data-effect")),
    );
    assert.deepEqual(effects, ["user_administrator_replaced"]);
    assert.match(await text('[data-testid="effects"]'), /Replaces a user administrator/);
    await (await browser.$('[data-testid="amendment-complete"]')).waitForExist();
    assert.match(await text('[data-testid="changes-userInformation"]'), /User administrator 1 · HKID number/);
    await scrollTo('section[aria-labelledby="changes-heading"]');
    await screenshotBoth(browser, shot("3-before-after"));
    await assertAccessible("the before → after");
  });

  it("prints: the PDF names the new administrator and the one replaced", async () => {
    await click('[data-testid="amendment-print"]');
    const file = await eventually(
      () => attribute('[data-testid="amendment-saved-file"]', "data-path"),
      (p) => typeof p === "string" && p.endsWith(".pdf"),
      "the printed amendment",
      15_000,
    );
    assert.ok(existsSync(file), `${file} exists`);
    const content = execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    for (const value of [NEW_ADMIN.nameEn, NEW_ADMIN.nameZh, NEW_ADMIN.hkid, OLD_ADMIN.nameEn, OLD_ADMIN.nameZh]) {
      assert.ok(content.includes(value), `the PDF shows ${value}`);
    }
    // The first page, small, for a person to look at (target/e2e/pdf/).
    const pages = path.join(outDir, "pdf");
    mkdirSync(pages, { recursive: true });
    execFileSync("pdftoppm", ["-r", "50", "-png", "-f", "1", "-l", "1", file, path.join(pages, shot("page"))]);
    const history = await text('[data-testid="amendment-history"]');
    assert.match(history, /Form printed/);
  });

  it("submitted, its status and history change, and it exports for the Registration Office", async () => {
    await scrollTo('[data-testid="amendment-status-actions"]');
    assert.equal(await attribute('[data-testid="amendment-status"]', "data-status"), "draft");
    // The date sent starts at today, written day first by the core.
    await eventually(
      () => browser.$('[data-testid="input-date"]').then((input) => input.getValue()),
      (v) => /^\d{2}\/\d{2}\/\d{4}$/.test(v),
      "today, day first",
    );
    await click('[data-testid="amendment-to-submitted"]');
    await eventually(
      () => attribute('[data-testid="amendment-status"]', "data-status"),
      (status) => status === "submitted",
      "the submitted status",
      10_000,
    );
    await (await browser.$('[data-testid="amendment-read-only"]')).waitForExist();
    assert.match(await text('[data-testid="amendment-history"]'), /Submitted/);
    // Submitted: the office's answers are offered, not another submission.
    for (const next of ["accepted", "rejected", "withdrawn"]) {
      assert.ok(await (await browser.$(`[data-testid="amendment-to-${next}"]`)).isExisting(), `offers ${next}`);
    }
    assert.equal(await (await browser.$('[data-testid="amendment-to-submitted"]')).isExisting(), false);
    await click('[data-testid="amendment-export"]');
    const file = await eventually(
      () => attribute('[data-testid="amendment-saved-file"]', "data-path"),
      (p) => typeof p === "string" && p.endsWith(".ehrpkg"),
      "the exported package",
      15_000,
    );
    assert.ok(existsSync(file), `${file} exists`);
    assert.match(await text('[data-testid="amendment-saved-file"]'), /Saved to/);
    await scrollTo('[data-testid="amendment-status-actions"]');
    await screenshotBoth(browser, shot("4-submitted"));
    await assertAccessible("the submitted amendment");
  });

  it("the application lists the amendment as submitted", async () => {
    await click('[data-testid="amendment-back"]');
    await (await browser.$('[data-testid="amendment-row"]')).waitForExist({ timeout: 10_000 });
    const row = await text('[data-testid="amendment-row"]');
    assert.match(row, /AMD-/);
    assert.match(row, /HCP\/HSL Amendment Form/);
    assert.match(row, /Submitted/);
    // A second HCP/HSL amendment would be prepared from the same registration and undo this one: the core
    // refuses it before anything is typed, naming the open one.
    await click('[data-testid="prepare-hcp_hsl"]');
    const refusal = await eventually(
      async () => {
        const banner = await browser.$('[data-testid="amendments-panel"] .issue-banner');
        return (await banner.isExisting()) ? banner.getText() : "";
      },
      (shown) => /already has an amendment on this form that is still open \(AMD-/.test(shown),
      "the refusal of a second open HCP/HSL amendment",
      10_000,
    );
    assert.ok(row.includes(/AMD-[0-9A-Z-]+/.exec(refusal)?.[0] ?? "none"), `${refusal} names ${row}`);
    assert.equal(await (await browser.$('[data-testid="amendment-screen"]')).isExisting(), false);
    await scrollTo('[data-testid="amendments-panel"]');
    await screenshotBoth(browser, shot("5-listed"));
  });

  it("accepted, the amendment is applied: the application names the new administrator", async () => {
    await click('[data-testid="open-amendment"]');
    await (await browser.$('[data-testid="amendment-to-accepted"]')).waitForExist({ timeout: 10_000 });
    await click('[data-testid="amendment-to-accepted"]');
    await (await browser.$("dialog[open]")).waitForExist();
    assert.match(await text("dialog[open]"), /registered details become what the amendment says/);
    await click('[data-testid="confirm-accept"]');
    await eventually(
      () => attribute('[data-testid="amendment-status"]', "data-status"),
      (status) => status === "accepted",
      "the accepted status",
      10_000,
    );
    // Read-only now, its review shows what it changed, against the registration as it stood.
    const first = "userInformation.administrators[0]";
    const changed = await eventually(
      () => changeRow(`${first}.nameEn`),
      (row) => row !== null,
      "the before → after of the accepted amendment",
      10_000,
    );
    assert.deepEqual(changed, { before: OLD_ADMIN.nameEn, after: NEW_ADMIN.nameEn });

    await click('[data-testid="amendment-back"]');
    await (await browser.$('[data-testid="amendment-row"]')).waitForExist({ timeout: 10_000 });
    assert.match(await text('[data-testid="amendment-row"]'), /Accepted/);
    await click('[data-testid="step-userInformation"]');
    const nameEn = await browser.$(`[data-testid="input-${first}.nameEn"]`);
    await nameEn.waitForExist({ timeout: 10_000 });
    assert.equal(await nameEn.getValue(), NEW_ADMIN.nameEn, "the registration names the new administrator");
    await click('[data-testid="step-review"]');
    await eventually(
      () => text('[data-testid="history"]'),
      (history) => /Amended: AMD-[0-9A-Z-]+ \(HCP\/HSL Amendment Form\)/.test(history),
      "the application's history names the amendment",
      10_000,
    );
    await scrollTo('[data-testid="history"]');
    await screenshotBoth(browser, shot("5b-applied"));
    // Back where the next forms are offered.
    await scrollTo('[data-testid="amendments-panel"]');
  });

  it("a withdrawal: an effective date in the past is refused; saved with a later one, then withdrawn", async () => {
    await click('[data-testid="prepare-withdrawal"]');
    await eventually(
      () => attribute('[data-testid="amendment-screen"]', "data-kind"),
      (kind) => kind === "withdrawal",
      "the withdrawal form",
      10_000,
    );
    await enter("reason", "The clinic closes at the end of 2027.");
    await enter("effectiveDate", "01/01/2020");
    await click('[data-testid="amendment-save"]');
    await eventually(
      () => errorText(browser, "effectiveDate"),
      (e) => typeof e === "string" && e.startsWith("The withdrawal cannot take effect before today"),
      "the core's refusal of a past date",
      10_000,
    );
    assert.equal(await (await browser.$('[data-testid="amendment-reference"]')).isExisting(), false, "not saved");
    await enter("effectiveDate", "31/12/2027");
    await click('[data-testid="amendment-save"]');
    await (await browser.$('[data-testid="amendment-reference"]')).waitForExist({ timeout: 10_000 });
    await (await browser.$('[data-testid="amendment-complete"]')).waitForExist();
    assert.equal(await errorText(browser, "effectiveDate"), null);
    await browser.execute(() => window.scrollTo(0, 0));
    await screenshotBoth(browser, shot("6-withdrawal"));
    await assertAccessible("the withdrawal");

    await click('[data-testid="amendment-to-withdrawn"]');
    await (await browser.$("dialog[open]")).waitForExist();
    await click('[data-testid="confirm-accept"]');
    await eventually(
      () => attribute('[data-testid="amendment-status"]', "data-status"),
      (status) => status === "withdrawn",
      "the withdrawn status",
      10_000,
    );
    assert.equal(await (await browser.$('[data-testid="amendment-to-submitted"]')).isExisting(), false);
    await click('[data-testid="amendment-back"]');
    await eventually(
      () => browser.execute(() => document.querySelectorAll('[data-testid="amendment-row"]').length),
      (n) => n === 2,
      "two amendments listed",
      10_000,
    );
  });

  it("an additional HSL: the HSL step's fields for a new location, which the amendment adds", async () => {
    await click('[data-testid="prepare-additional_hsl"]');
    await eventually(
      () => attribute('[data-testid="amendment-screen"]', "data-kind"),
      (kind) => kind === "additional_hsl",
      "the additional HSL form",
      10_000,
    );
    assert.equal(
      await (await browser.$('[data-testid="input-hsls[0].included"]')).isExisting(),
      false,
      "a new location is always included",
    );
    const hsl = (field) => `hsls[0].${field}`;
    await enter(hsl("nameEn"), "Harbour Family Medical Centre (Kowloon Bay)");
    await enter(hsl("addressLine1"), "Unit 5, 3/F, Telford House");
    await choose(browser, hsl("district"), "kwun_tong");
    await enter(hsl("phone"), "2755 1234");
    await enter(hsl("openingHours"), "Mon-Fri 09:00-19:00");
    await choose(browser, hsl("hcpType"), "group_practice");
    await choose(browser, hsl("recordSystem"), "cms_on_ramp");
    await click('[data-testid="amendment-save"]');
    await (await browser.$('[data-testid="amendment-reference"]')).waitForExist({ timeout: 10_000 });
    const effects = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="effects"] li')].map((li) => li.getAttribute("data-effect")),
    );
    assert.deepEqual(effects, ["hsl_added"]);
    await (await browser.$('[data-testid="amendment-complete"]')).waitForExist();
    await browser.execute(() => window.scrollTo(0, 0));
    await screenshotBoth(browser, shot("7-additional-hsl"));
    await assertAccessible("the additional HSL");
  });
});
