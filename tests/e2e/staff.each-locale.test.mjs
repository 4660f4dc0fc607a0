// @ts-check
// The user administrator's staff screens on the real app, under `C.UTF-8` and `zh_HK.UTF-8`: an HCP
// application made from the CLI's sample, a staff CSV from `ehr staff sample` with four bad rows (a wrong HKID
// check character, an unknown profession, a day that does not exist, a short row) typed into the import
// screen and checked — the problems shown on their cells —, the file fixed and imported; then a User Account
// Creation Request for three professionals of different groups, its people, its PDF read back with
// pdftotext and its first page rendered to look at, then sent and answered; a registration that lapsed,
// listed and its account's disabling requested in one click; then that person recorded as having left, and
// undone.
// Screenshots in both languages.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";

import {
  appPath,
  asAdministrator,
  click as clickCentred,
  eventually,
  invoke,
  launch,
  outDir,
  screenshotBoth,
  scrollTo as scrollToStart,
  settle,
  typeInto,
} from "./support.mjs";

const locale = process.env.E2E_LOCALE ?? "";
const tag = locale.startsWith("zh_HK") ? "zh_HK" : "C";
const shot = (name) => `staff-${tag}-${name}`;
const cli = path.join(path.dirname(appPath), "ehr");
// No shifted key (capitals, `_`): WebKitWebDriver under zh_HK.UTF-8 types them unshifted, and the
// path is typed key by key as a person would.
const work = path.join(
  tmpdir(),
  `ehr-e2e-staff-${tag === "C" ? "c" : "zhhk"}-${String(process.pid)}-${String(Date.now())}`,
);
mkdirSync(work, { recursive: true });
const csv = path.join(work, "staff.csv");

/** The CLI's fictitious staff: the header and `rows` rows, as CSV lines (the sample quotes no field). */
function sampleLines(rows) {
  return execFileSync(cli, ["staff", "sample", "--rows", String(rows)], { encoding: "utf8" })
    .split(/\r?\n/)
    .filter((line) => line !== "");
}

const COLUMN = { nameEn: 0, hkid: 2, profession: 7, validUntil: 10 };
/** Yesterday in Hong Kong (UTC+8), day first: a registration that has just lapsed. */
function yesterdayInHongKong() {
  const day = new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
  const [year, month, date] = day.split("-");
  return `${date ?? ""}/${month ?? ""}/${year ?? ""}`;
}
/** The sample's midwife, whose registration lapsed yesterday: the expiry panel lists her, then she leaves. */
const LAPSED = "WONG Tai Man";
const GOOD = sampleLines(12).map((line) => {
  const cells = line.split(",");
  if (cells[COLUMN.nameEn] !== LAPSED) return line;
  cells[COLUMN.validUntil] = yesterdayInHongKong();
  return cells.join(",");
});
/** Four more sample rows (n = 12…15), each spoilt one way; their lines in the file are 14 to 17. */
const BAD = sampleLines(16)
  .slice(13)
  .map((line, index) => {
    const cells = line.split(",");
    switch (index) {
      case 0: {
        // A(123456)(7) → the same number with another check character.
        const hkid = cells[COLUMN.hkid] ?? "";
        const check = hkid.at(-2);
        cells[COLUMN.hkid] = `${hkid.slice(0, -2)}${check === "0" ? "1" : "0"})`;
        return cells.join(",");
      }
      case 1:
        cells[COLUMN.profession] = "astrologer";
        return cells.join(",");
      case 2:
        cells[COLUMN.validUntil] = "31/02/2029";
        return cells.join(",");
      default:
        return cells.slice(0, 5).join(",");
    }
  });

/** The English names of the first sample professional of each of these groups. */
function professionals(groups) {
  return groups.map((group) => {
    const row = GOOD.slice(1).find((line) => line.split(",")[COLUMN.profession] === group);
    assert.ok(row, `the sample has a ${group}`);
    return row.split(",")[COLUMN.nameEn] ?? "";
  });
}
const CHOSEN = professionals(["dentist", "nurse", "pharmacist"]);

/** @type {WebdriverIO.Browser} */
let browser;

const click = (selector) => clickCentred(browser, selector);
const waitFor = async (selector, timeout = 10_000) => (await browser.$(selector)).waitForExist({ timeout });
const count = (selector) => browser.execute((s) => document.querySelectorAll(s).length, selector);
const scrollTo = (selector) => scrollToStart(browser, selector);

/** The preview's counts once a check has answered. */
async function checked() {
  await waitFor('[data-testid="import-counts"]', 20_000);
  const counts = await browser.$('[data-testid="import-counts"]');
  return { valid: await counts.getAttribute("data-valid"), invalid: await counts.getAttribute("data-invalid") };
}

/** The marked cells of a line of the preview: [column number, severity, problem worded]. */
function marked(line) {
  return browser.execute((l) => {
    const row = document.querySelector(`[data-testid="import-row"][data-line="${l}"]`);
    return [...(row?.querySelectorAll('[data-testid="import-cell-problem"]') ?? [])].map((cell) => [
      /** @type {HTMLElement} */ (cell).dataset.column,
      /** @type {HTMLElement} */ (cell).dataset.severity,
      cell.querySelector(".cell-problem")?.textContent ?? "",
    ]);
  }, line);
}

/** The English names of the HCP's HSLs, as its application has them. */
let applicationHsls = /** @type {string[]} */ ([]);

describe("the staff list, its import and an account request", () => {
  before(async () => {
    browser = await launch();
    await asAdministrator(browser);
    // The HCP: an application of this database, from the CLI's sample (its HSLs are the sample staff's).
    const created = await invoke(browser, "create_application");
    assert.ok(created.ok, JSON.stringify(created));
    const form = JSON.parse(execFileSync(cli, ["forms", "sample", "application"], { encoding: "utf8" }));
    applicationHsls = form.hsls.map((/** @type {{ nameEn: string }} */ hsl) => hsl.nameEn);
    assert.ok(applicationHsls.length >= 2, "the sample HCP has several HSLs");
    const saved = await invoke(browser, "save_application", {
      id: created.data.draft.id,
      version: created.data.version,
      form,
    });
    assert.ok(saved.ok, JSON.stringify(saved));
    // The staff area reads the applications when it opens: this one is its HCP.
    await waitFor('[data-testid="nav-staff"]');
  });
  after(async () => {
    await browser?.deleteSession();
  });

  it("opens the staff area on the HCP, with nothing expiring and nobody listed", async () => {
    await click('[data-testid="nav-staff"]');
    await waitFor('[data-testid="staff-empty"]');
    await waitFor('[data-testid="expiring-none"]');
  });

  it("checks a file with four bad rows and shows each problem on its cell", async () => {
    writeFileSync(csv, [...GOOD, ...BAD].join("\r\n") + "\r\n");
    await click('[data-testid="staff-import"]');
    await waitFor('[data-testid="import-path"]');
    await typeInto(browser, '[data-testid="import-path"]', csv);
    const input = await browser.$('[data-testid="import-path"]');
    assert.equal(await input.getValue(), csv, "the path as typed");
    await click('[data-testid="import-check"]');
    assert.deepEqual(await checked(), { valid: "12", invalid: "4" });

    // Each bad cell marked as an error and worded: the HKID (column 3), the profession (8), the date (11).
    for (const [line, column] of [
      [14, "3"],
      [15, "8"],
      [16, "11"],
    ]) {
      const cells = await marked(line);
      const cell = cells.find(([at]) => at === column);
      assert.ok(cell, `line ${line}, column ${column} is marked: ${JSON.stringify(cells)}`);
      assert.equal(cell[1], "error");
      assert.notEqual(cell[2], "", `line ${line}'s problem is worded`);
    }
    // The good rows have nothing marked.
    assert.deepEqual(await marked(2), []);
    // The short row: a problem of the row as a whole.
    const short = await browser.execute(
      () =>
        document.querySelector('[data-testid="import-row"][data-line="17"] [data-testid="import-row-problem"]')
          ?.textContent ?? "",
    );
    assert.notEqual(short, "", "the short row's problem is worded");
    // The lapsed registration (line 4) is valid but warned of, on its date (column 11).
    const lapsed = await marked(4);
    assert.deepEqual(
      lapsed.map(([column, severity]) => [column, severity]),
      [["11", "warning"]],
    );
    // Nothing but the rows with problems, to see them together: the four bad ones and the warned one.
    await click('[data-testid="import-only-problems"]');
    await eventually(
      () => count('[data-testid="import-row"]'),
      (n) => n === 5,
      "the four bad rows and the lapsed one",
    );
    await scrollTo('[data-testid="import-counts"]');
    await screenshotBoth(browser, shot("1-import-errors"));
  });

  it("imports the fixed file: the list shows the staff", async () => {
    writeFileSync(csv, GOOD.join("\r\n") + "\r\n");
    await click('[data-testid="import-check"]');
    assert.deepEqual(await checked(), { valid: "12", invalid: "0" });
    await click('[data-testid="import-start"]');
    await waitFor('[data-testid="import-done"]', 30_000);
    await click('[data-testid="import-back"]');
    await eventually(
      () => count('[data-testid="staff-row"]'),
      (n) => n === 12,
      "the twelve staff",
      10_000,
    );
    // The service-location filter offers the HCP's HSLs, as the core names them (staff_hsl_names).
    const offered = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="staff-filter-hsl"] option')]
        .map((option) => /** @type {HTMLOptionElement} */ (option).value)
        .filter((value) => value !== ""),
    );
    assert.deepEqual(offered, applicationHsls);
    await screenshotBoth(browser, shot("2-staff-list"));
  });

  it("lists the registration that lapsed, and one click drafts a request to disable that account", async () => {
    await eventually(
      () => count('[data-testid="expiring-row"][data-state="expired"]'),
      (n) => n === 1,
      "one lapsed registration",
      10_000,
    );
    assert.match(await (await browser.$('[data-testid="expiring-row"]')).getText(), new RegExp(LAPSED));
    // The panel is the staff area's first: at the top, below the sticky header.
    await browser.execute(() => window.scrollTo(0, 0));
    await settle(browser);
    await screenshotBoth(browser, shot("2b-expiring"));
    await click('[data-testid="request-disable-expired"]');
    await waitFor('[data-testid="request-view"]');
    const people = await eventually(
      () =>
        browser.execute(() =>
          [...document.querySelectorAll('[data-testid="request-person"]')].map((row) => row.getAttribute("data-name")),
        ),
      (names) => names.length > 0,
      "the request's people",
    );
    assert.deepEqual(people, [LAPSED]);
    await click('[data-testid="staff-tab-list"]');
    await waitFor('[data-testid="staff-table"]');
  });

  it("requests accounts for three professionals of different groups, prints the request, sends it, records the answer", async () => {
    for (const name of CHOSEN) {
      const box = `[data-testid="staff-row"][data-name="${name}"] [data-testid="staff-tick"]`;
      await click(box);
      assert.ok(await (await browser.$(box)).isSelected(), `${name} is ticked`);
    }
    await click('[data-testid="staff-request"]');
    await waitFor('[data-testid="new-request"]');
    assert.equal(await count('[data-testid="new-request-row"]'), 3);
    await click('[data-testid="create-request"]');
    await waitFor('[data-testid="request-view"]');
    await eventually(
      () => count('[data-testid="request-person"]'),
      (n) => n === 3,
      "the request's three people",
    );
    const people = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="request-person"]')].map((row) => row.getAttribute("data-name")),
    );
    assert.deepEqual([...people].sort(), [...CHOSEN].sort());

    await click('[data-testid="request-print"]');
    await waitFor('[data-testid="request-printed"]', 30_000);
    const pdf = await (await browser.$('[data-testid="request-printed"]')).getAttribute("data-path");
    const text = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" });
    for (const name of CHOSEN) {
      assert.ok(text.includes(name), `${name} is on the printed request`);
    }
    const pages = path.join(outDir, "pdf");
    mkdirSync(pages, { recursive: true });
    execFileSync("pdftoppm", ["-r", "50", "-png", "-f", "1", "-l", "1", pdf, path.join(pages, shot("request"))]);
    await screenshotBoth(browser, shot("3-request"));

    // Sent (the day sent starts on today, written day first by the core), then answered.
    const status = () =>
      browser.execute(() => document.querySelector('[data-testid="request-view"]')?.getAttribute("data-status"));
    await eventually(
      () => browser.$('[data-testid="input-date"]').then((input) => input.getValue()),
      (v) => /^\d{2}\/\d{2}\/\d{4}$/.test(v),
      "today, day first",
    );
    await click('[data-testid="request-submit"]');
    await eventually(status, (s) => s === "submitted", "the submitted request", 10_000);
    await click('[data-testid="request-to-accounts_created"]');
    await eventually(status, (s) => s === "accounts_created", "the accounts created", 10_000);
    // Created, printed, submitted, accounts created; and nothing more to do.
    assert.equal(await count('[data-testid="request-history-row"]'), 4);
    assert.equal(await count('[data-testid="request-actions"]'), 0);
  });

  it("records that someone left: off the list, shown again when asked for, and undone", async () => {
    await click('[data-testid="staff-tab-list"]');
    await eventually(
      () => count('[data-testid="staff-row"]'),
      (n) => n === 12,
      "the twelve staff",
      10_000,
    );
    const leaver = LAPSED;
    assert.ok(!CHOSEN.includes(leaver));
    const row = `[data-testid="staff-row"][data-name="${leaver}"]`;
    await click(`${row} [data-testid="staff-open"]`);
    // Recorded on the day offered: today.
    await waitFor('[data-testid="staff-leaving-record"]');
    await click('[data-testid="staff-leaving-record"]');
    await waitFor('[data-testid="staff-left-notice"]');
    await scrollTo('[data-testid="staff-leaving"]');
    await screenshotBoth(browser, shot("4-left"));

    await click('[data-testid="staff-back"]');
    await eventually(
      () => count('[data-testid="staff-row"]'),
      (n) => n === 11,
      "eleven staff: the one who left is not listed",
      10_000,
    );
    // Nor is her lapsed registration.
    await waitFor('[data-testid="expiring-none"]');
    await click('[data-testid="staff-include-left"]');
    await eventually(
      () => count('[data-testid="staff-row"]'),
      (n) => n === 12,
      "the twelve again, asked for",
      10_000,
    );
    assert.match(await (await browser.$(`${row} [data-testid="staff-left-on"]`)).getText(), /^Left /);
    await screenshotBoth(browser, shot("5-list-with-left"));

    await click(`${row} [data-testid="staff-open"]`);
    await click('[data-testid="staff-leaving-undo"]');
    await waitFor('[data-testid="staff-leaving-record"]');
  });
});
