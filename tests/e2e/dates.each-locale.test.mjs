// @ts-check
// The date fields read and show the same whatever the computer's locale: xtask runs this file under `C.UTF-8`
// (where a native date input is month first, mm/dd/yyyy, with today in grey when empty) and under
// `zh_HK.UTF-8`. A date is typed day first, read by the core when the field is left, and shown back in words
// in the interface's language; what does not exist is told so — with screenshots in both languages.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { asAdministrator, errorText, eventually, fill, idle, launch, screenshotBoth } from "./support.mjs";

const locale = process.env.E2E_LOCALE ?? "";
const chineseLocale = locale.startsWith("zh_HK");
const shot = (name) => `dates-${chineseLocale ? "zh_HK" : "C"}-${name}`;

/** @type {WebdriverIO.Browser} */
let browser;

const field = () => browser.$('[data-testid="input-dateOfBirth"]');
const reading = async () => {
  const element = await browser.$('[data-testid="date-dateOfBirth"]');
  return (await element.isExisting()) ? element.getText() : null;
};

async function language(code) {
  await (await browser.$(`[data-testid="language-${code}"]`)).click();
  await eventually(
    () => browser.execute(() => document.documentElement.lang),
    (lang) => lang === code,
    `the ${code} interface`,
  );
}

/** Types a date of birth, leaves the field, and waits for the core's verdict on it. */
async function typeDate(text) {
  await fill(browser, "dateOfBirth", text);
  await idle(browser);
}

describe(`date fields under ${locale}`, () => {
  before(async () => {
    assert.ok(locale === "C.UTF-8" || locale === "zh_HK.UTF-8", `run by xtask under a known locale: ${locale}`);
    browser = await launch();
    await asAdministrator(browser, ["system_admin", "front_desk"]);
  });
  after(async () => {
    await browser?.deleteSession();
  });

  it("runs under the locale it was given", async () => {
    // WebKit takes the page's language from the locale: proof that the locale reached the app.
    const system = await browser.execute(() => navigator.language);
    assert.equal(system.toLowerCase().startsWith("zh"), chineseLocale, `navigator.language is ${system}`);
    // A first start follows the system's language; the person can switch.
    const lang = await browser.execute(() => document.documentElement.lang);
    assert.equal(lang, chineseLocale ? "zh-HK" : "en");
    await language("en");
  });

  it("offers a day-first text entry, empty when empty", async () => {
    await (await browser.$('[data-testid="nav-patients"]')).click();
    await (await browser.$('[data-testid="new-patient"]')).click();
    const input = await field();
    await input.waitForExist({ timeout: 10_000 });
    assert.equal(await input.getAttribute("type"), "text", "not a native date input");
    assert.equal(await input.getValue(), "");
    const hint = await browser.execute(() => document.getElementById("field-dateOfBirth-hint")?.textContent ?? null);
    assert.equal(hint, "Day first: DD/MM/YYYY, e.g. 29/02/2024");
    await screenshotBoth(browser, shot("1-empty"));
  });

  it("says which dates do not exist, and which dates of birth cannot be", async () => {
    const verdict = async (text, expected) => {
      await typeDate(text);
      await eventually(
        () => errorText(browser, "dateOfBirth"),
        (e) => e === expected,
        `the verdict on ${text}`,
      );
      assert.equal(await reading(), null, `no reading for ${text}`);
    };
    await verdict("29/02/2023", "That date does not exist: that month has 28 days.");
    await screenshotBoth(browser, shot("2-not-a-day"));
    // Month first, as the C locale's date input writes it.
    await verdict("02/29/2024", "There is no such month. Enter the day first, then the month: DD/MM/YYYY.");
    await verdict("29-02-2024", "Enter a date as DD/MM/YYYY, day first (for example 29/02/2024).");
    await typeDate("01/01/1800");
    await eventually(
      () => errorText(browser, "dateOfBirth"),
      (e) => e === "That is more than 130 years ago: check the year.",
      "the verdict on 1800",
    );
    // Read as a date, yet refused as a date of birth: the date in words shows what was understood.
    await eventually(reading, (r) => r === "1 Jan 1800", "1800 in words");
  });

  it("reads 29/02/2024 and shows it in words, in either language", async () => {
    await typeDate("29/02/2024");
    await eventually(reading, (r) => r === "29 Feb 2024", "the date in words");
    assert.equal(await (await field()).getValue(), "29/02/2024");
    assert.equal(await errorText(browser, "dateOfBirth"), null);
    await language("zh-HK");
    assert.equal(await reading(), "2024年2月29日");
    assert.equal(await (await field()).getValue(), "29/02/2024", "the entry does not change with the language");
    await language("en");
    await screenshotBoth(browser, shot("3-read"));
  });

  it("takes an ISO date too, and writes it day first", async () => {
    await typeDate("2024-02-29");
    await eventually(
      () => field().then((f) => f.getValue()),
      (v) => v === "29/02/2024",
      "the date day first",
    );
    assert.equal(await reading(), "29 Feb 2024");
  });
});
