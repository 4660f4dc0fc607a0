// @ts-check
// The whole HCP registration application on the real app: five steps with two service locations (one not
// included) and an HKSCS character in a Chinese name, a PDF attached, the review's errors for a missing
// declaration, then submission, the submission package and the PDF — with screenshots of every step in both
// languages.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";

import {
  ADMIN,
  appPath,
  asAdministrator,
  choose,
  cliAsAdministrator,
  click as clickCentred,
  errorText,
  eventually,
  fill,
  launch,
  screenshot,
  screenshotBoth,
  scrollTo as scrollToStart,
  seriousAccessibilityViolations,
  settle,
  tick,
} from "./support.mjs";

const cli = path.join(path.dirname(appPath), "ehr");
const work = mkdtempSync(path.join(tmpdir(), "ehr-e2e-"));
/** @type {WebdriverIO.Browser} */
let browser;

const text = async (selector) => (await browser.$(selector)).getText();
const click = (selector) => clickCentred(browser, selector);

async function assertAccessible(screen) {
  assert.deepEqual(await seriousAccessibilityViolations(browser), [], `serious accessibility violations on ${screen}`);
}

const scrollTo = (selector) => scrollToStart(browser, selector);

async function goToStep(step) {
  await click(`[data-testid="step-${step}"]`);
  await eventually(
    () => browser.execute(() => document.querySelector('[aria-current="step"]')?.getAttribute("data-testid")),
    (current) => current === `step-${step}`,
    `step ${step}`,
  );
  await settle(browser);
}

async function person(prefix, values) {
  for (const [field, value] of Object.entries(values)) {
    await fill(browser, `${prefix}.${field}`, value);
  }
}

describe("the HCP registration application, all five steps", () => {
  before(async () => {
    browser = await launch();
    await asAdministrator(browser, ["system_admin", "user_admin"]);
    await click('[data-testid="nav-applications"]');
  });
  after(async () => {
    await browser?.deleteSession();
  });

  it("step 1: HCP information", async () => {
    await click('[data-testid="new-application"]');
    await (await browser.$('[data-testid="input-hcpInformation.nameEn"]')).waitForExist();
    const p = (f) => `hcpInformation.${f}`;
    await fill(browser, p("nameEn"), "Kowloon Bay Family Clinic");
    await fill(browser, p("nameZh"), "九龍灣家庭診所");
    await fill(browser, p("brNumber"), "87654321-000-01-24-5");
    await choose(browser, p("hcpType"), "group_practice");
    await fill(browser, p("addressLine1"), "Unit 5, 3/F, Telford House");
    await fill(browser, p("addressLine2"), "16 Wang Hoi Road, Kowloon Bay");
    await choose(browser, p("district"), "kwun_tong");
    await fill(browser, p("contactNameEn"), "HO Wing Sze");
    await fill(browser, p("contactNameZh"), "何詠詩");
    await fill(browser, p("phone"), "2755 1234");
    await fill(browser, p("email"), "office@kbfamily.com.hk");
    await screenshotBoth(browser, "app-1-hcp-information");
    await assertAccessible("step 1");
  });

  it("step 2: user administrators, one with an HKSCS character, and the authorised person", async () => {
    await goToStep("userInformation");
    await person("userInformation.administrators[0]", {
      nameEn: "HO Wing Sze",
      nameZh: "何詠詩",
      hkid: "A1234563",
      position: "Clinic manager",
      phone: "9876 5432",
      email: "wingsze.ho@kbfamily.com.hk",
    });
    await click('[data-testid="add-administrator"]');
    await (await browser.$('[data-testid="input-userInformation.administrators[1].nameEn"]')).waitForExist();
    await person("userInformation.administrators[1]", {
      nameEn: "LEE Ka Yan",
      nameZh: "李𨋢欣",
      hkid: "CA182361(1)",
      position: "IT officer",
      phone: "6123 4567",
      email: "kayan.lee@kbfamily.com.hk",
    });
    await person("userInformation.authorisedPerson", {
      nameEn: "CHEUNG Siu Fung",
      nameZh: "張小峯",
      hkid: "Z437626(A)",
      position: "Director",
      phone: "2755 1200",
      email: "director@kbfamily.com.hk",
    });
    for (const field of ["administrators[0].hkid", "administrators[1].nameZh", "authorisedPerson.nameZh"]) {
      assert.equal(await errorText(browser, `userInformation.${field}`), null, `${field} is accepted`);
    }
    await scrollTo('[data-testid="administrator-1"]');
    await screenshotBoth(browser, "app-2-user-information");
    await assertAccessible("step 2");
  });

  it("step 3: two service locations, the second not included", async () => {
    await goToStep("hsls");
    const first = (f) => `hsls[0].${f}`;
    await fill(browser, first("nameEn"), "Kowloon Bay Family Clinic");
    await fill(browser, first("addressLine1"), "Unit 5, 3/F, Telford House");
    await fill(browser, first("addressLine2"), "16 Wang Hoi Road, Kowloon Bay");
    await choose(browser, first("district"), "kwun_tong");
    await fill(browser, first("phone"), "2755 1234");
    await fill(browser, first("openingHours"), "Mon-Fri 09:00-19:00; Sat 09:00-13:00");
    await choose(browser, first("hcpType"), "group_practice");
    await tick(browser, first("patientRegistration"));
    await choose(browser, first("recordSystem"), "cms_on_ramp");
    await click('[data-testid="add-hsl"]');
    await (await browser.$('[data-testid="input-hsls[1].nameEn"]')).waitForExist();
    const second = (f) => `hsls[1].${f}`;
    await tick(browser, second("included"), false);
    await fill(browser, second("nameEn"), "Kowloon Bay Family Clinic (Ngau Tau Kok)");
    await fill(browser, second("addressLine1"), "Shop 12, G/F, Amoy Plaza");
    await choose(browser, second("district"), "kwun_tong");
    // Not included: phone, hours, type and record system are not required there.
    assert.equal(await errorText(browser, second("phone")), null);
    assert.match(await text('[data-testid="hsl-1"] legend'), /Not included/);
    await scrollTo('[data-testid="hsl-1"]');
    await screenshotBoth(browser, "app-3-hsls");
    await assertAccessible("step 3");
  });

  it("step 4: a PDF attached to the checklist", async () => {
    await goToStep("documents");
    const certificate = path.join(work, "BR certificate.pdf");
    // A real PDF, made by the product itself.
    const sample = path.join(work, "sample.json");
    writeFileSync(sample, execFileSync(cli, ["forms", "sample", "application"]));
    execFileSync(cli, ["forms", "render", "application", "--input", sample, "--out", certificate]);
    const input = await browser.$('[data-testid="attach-business_registration_certificate"]');
    await input.setValue(certificate);
    const listed = await eventually(
      () => browser.execute(() => document.querySelector('[data-testid="attached-document"]')?.textContent ?? ""),
      (content) => content.includes("BR certificate.pdf"),
      "the attached document",
    );
    assert.match(listed, /SHA-256 [0-9a-f]{12}/);
    await screenshotBoth(browser, "app-4-documents");
    await assertAccessible("step 4");
  });

  it("step 5: the review lists the missing declarations, each linking to its field", async () => {
    await goToStep("review");
    const issues = await eventually(
      () => browser.execute(() => document.querySelector('[data-testid="review-issues-review"]')?.textContent ?? ""),
      Boolean,
      "the review's issues",
    );
    assert.equal((issues.match(/Tick this declaration to submit/g) ?? []).length, 3, issues);
    assert.equal(
      await browser.execute(() => document.querySelectorAll(".review-issues li").length),
      3,
      "nothing but the declarations is missing",
    );
    await screenshotBoth(browser, "app-5-review-errors");
    await assertAccessible("the review with errors");

    await click('[data-testid="review-issue-declarations.codeOfPractice"]');
    await eventually(
      () => browser.execute(() => document.activeElement?.id),
      (id) => id === "field-declarations-codeOfPractice",
      "the focus on the declaration",
    );
    for (const declaration of ["ordinance", "codeOfPractice", "conditions"]) {
      await tick(browser, `declarations.${declaration}`);
    }
    await (await browser.$('[data-testid="review-complete"]')).waitForExist();
  });

  it("submits, then the application is read-only", async () => {
    await choose(browser, "submission.channel", "in_person");
    // The date sent starts at today, written day first by the core, and is typed day first.
    const dateSent = await browser.$('[data-testid="input-submission.date"]');
    assert.equal(await dateSent.getAttribute("type"), "text");
    await eventually(
      () => dateSent.getValue(),
      (v) => /^\d{2}\/\d{2}\/\d{4}$/.test(v),
      "today, day first",
    );
    await fill(browser, "submission.date", "31/11/2026");
    await eventually(
      () => errorText(browser, "submission.date"),
      (e) => e === "That date does not exist: that month has 30 days.",
      "the core's reason",
    );
    await fill(browser, "submission.date", "2026-11-28");
    await eventually(
      () => dateSent.getValue(),
      (v) => v === "28/11/2026",
      "the ISO date written day first",
    );
    assert.equal(await text('[data-testid="date-submission.date"]'), "28 Nov 2026");
    await click('[data-testid="submit-application"]');
    await (await browser.$('[data-testid="submitted"]')).waitForExist({ timeout: 10_000 });
    assert.equal(await text('[data-testid="submitted"]'), "Submitted on 28 Nov 2026 (in person).");
    assert.match(await text('[data-testid="read-only"]'), /Submitted/);
    const history = await text('[data-testid="history"]');
    for (const event of [
      "Application created",
      "Attached Business Registration certificate",
      "Submitted (in person) on 28 Nov 2026",
    ]) {
      assert.ok(history.includes(event), `the history shows "${event}": ${history}`);
    }
    await screenshotBoth(browser, "app-6-submitted");
  });

  it("exports the submission package, which the ehr CLI imports elsewhere", async () => {
    await click('[data-testid="export"]');
    const file = await eventually(
      async () => (await browser.$('[data-testid="saved-file"]')).getAttribute("data-path"),
      (p) => typeof p === "string" && p.endsWith(".ehrpkg"),
      "the saved package",
    );
    assert.ok(existsSync(file), `${file} exists`);
    const elsewhere = path.join(work, "registration-office.sqlite3");
    // The Registration Office is an office of its own, set up from the CLI; its officer imports.
    execFileSync(
      cli,
      ["--db", elsewhere, "setup", "--office", "ro", "--name", "E2E Registration Office"].concat([
        "--admin",
        ADMIN.userName,
        "--admin-name",
        ADMIN.fullName,
        "--password-stdin",
      ]),
      { input: `${ADMIN.password}\n`, encoding: "utf8" },
    );
    execFileSync(
      cli,
      [
        "--db",
        elsewhere,
        ...cliAsAdministrator.args,
        "users",
        "roles",
        ADMIN.userName,
        "--set",
        "system_admin,ro_officer",
      ],
      { encoding: "utf8", env: cliAsAdministrator.env },
    );
    const imported = JSON.parse(
      execFileSync(cli, ["--db", elsewhere, ...cliAsAdministrator.args, "--json", "applications", "import", file], {
        encoding: "utf8",
        env: cliAsAdministrator.env,
      }),
    );
    assert.equal(imported.draft.status, "submitted");
    assert.deepEqual(imported.draft.submission, { channel: "in_person", date: "2026-11-28" });
    assert.equal(imported.draft.form.userInformation.administrators[1].nameZh, "李𨋢欣");
    assert.equal(imported.draft.documents[0].fileName, "BR certificate.pdf");
    assert.deepEqual(imported.issues, []);
  });

  it("opens the PDF, which carries what was typed", async () => {
    await click('[data-testid="open-pdf"]');
    const file = await eventually(
      async () => (await browser.$('[data-testid="saved-file"]')).getAttribute("data-path"),
      (p) => typeof p === "string" && p.endsWith(".pdf"),
      "the saved PDF",
    );
    assert.ok(existsSync(file), `${file} exists`);
    const content = execFileSync("pdftotext", [file, "-"], {
      encoding: "utf8",
    }).replace(/\s+/g, " ");
    for (const value of [
      "Kowloon Bay Family Clinic",
      "87654321-000-01-24-5",
      "李𨋢欣",
      "張小峯",
      "Amoy Plaza",
      "A1234563",
    ]) {
      assert.ok(content.includes(value), `the PDF shows ${value}`);
    }
    assert.ok(readFileSync(file).length < 300 * 1024, "the PDF is under 300 KB");
    await screenshotBoth(browser, "app-7-output");
  });

  it("opens the guide from a step, in both languages", async () => {
    await goToStep("hcpInformation");
    await click('[data-testid="open-guide"]');
    const dialog = await browser.$("dialog[open]");
    await dialog.waitForExist();
    assert.match(await dialog.getText(), /60 days/);
    assert.match(await dialog.getText(), /3467 6099/);
    await assertAccessible("the guide");
    await screenshot(browser, "app-8-guide-en");
    // The language switch sits behind the modal guide: close it, switch, open it again.
    await click('[data-testid="guide-close"]');
    await click('[data-testid="language-zh-HK"]');
    await click('[data-testid="open-guide"]');
    const chinese = await browser.$("dialog[open]");
    await chinese.waitForExist();
    assert.match(await chinese.getText(), /60 日/);
    await screenshot(browser, "app-8-guide-zh-HK");
    await click('[data-testid="guide-close"]');
  });
});
