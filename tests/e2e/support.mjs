// @ts-check
// Shared helpers for the desktop E2E tests: sessions on the real app, screenshots, accessibility checks.
import { appendFileSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

import { Key, remote } from "webdriverio";

const require = createRequire(import.meta.url);

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run the E2E through \`cargo xtask e2e\``);
  }
  return value;
}

export const appPath = required("E2E_APP");
export const outDir = required("E2E_OUT");
export const dataHome = required("E2E_DATA_HOME");
const driverPort = Number(required("E2E_DRIVER_PORT"));

/** Launches the app (tauri-driver starts it for each session) and waits for the first screen. */
export async function launch() {
  const browser = await remote({
    hostname: "127.0.0.1",
    port: driverPort,
    logLevel: "warn",
    connectionRetryTimeout: 60_000,
    connectionRetryCount: 0,
    capabilities: /** @type {any} */ ({
      "tauri:options": { application: appPath },
    }),
  });
  await browser.setTimeout({ implicit: 0 });
  await (await browser.$("h1")).waitForExist({ timeout: 20_000 });
  return browser;
}

/** The office's first system administrator, as every E2E file signs in (a fixed, strong, test-only password). */
export const ADMIN = { userName: "admin", fullName: "E2E Administrator", password: "tidal-quokka-ember-vault-58" };
export const OFFICE_NAME = "E2E Clinic";

/**
 * Calls an IPC command directly, as the page could: `{ok: true, data}` or `{ok: false, issues}` (the core's
 * coded refusal). For setting up and for checking what the core refuses — the UI is what the tests drive.
 */
export async function invoke(browser, command, args = {}) {
  const answer = await browser.executeAsync(
    (name, values, done) => {
      /** @type {any} */ (window).__TAURI_INTERNALS__.invoke(name, values).then(
        (/** @type {unknown} */ data) => done({ ok: true, data }),
        (/** @type {any} */ error) => done({ ok: false, issues: error?.issues ?? [{ code: String(error) }] }),
      );
    },
    command,
    args,
  );
  // Every answer is kept for the suite's last check: no password or password hash in any IPC response.
  mkdirSync(path.join(outDir, "ipc"), { recursive: true });
  appendFileSync(path.join(outDir, "ipc", `${process.pid}.jsonl`), `${JSON.stringify({ command, answer })}\n`);
  return answer;
}

/** Waits for the workspace of a signed-in user (the session bar names them). */
export async function signedIn(browser, userName) {
  await eventually(
    () => browser.execute(() => document.querySelector('[data-testid="session-user"]')?.getAttribute("data-user")),
    (shown) => shown === userName,
    `${userName} signed in`,
    15_000,
  );
  await idle(browser);
}

/** Signs in through the sign-in screen, as a person would. */
export async function signIn(browser, { userName, password }) {
  await (await browser.$('[data-testid="input-userName"]')).waitForExist({ timeout: 10_000 });
  await fill(browser, "userName", userName);
  await fill(browser, "password", password);
  await (await browser.$('[data-testid="sign-in"]')).click();
  await signedIn(browser, userName);
}

/**
 * Signs the administrator in, setting the office up first on a fresh data home (each E2E file has its own):
 * an office "E2E Clinic" whose administrator `admin` also holds `roles`, so a file can reach the screens it
 * tests. The setup goes through the IPC; sign-in.each-locale.test.mjs drives the setup screen itself.
 */
export async function asAdministrator(browser, roles = ["system_admin", "front_desk", "user_admin"]) {
  const state = await invoke(browser, "session_state");
  if (!state.ok) throw new Error(`session_state: ${JSON.stringify(state.issues)}`);
  if (state.data.phase === "setupNeeded") {
    const setup = await invoke(browser, "set_up_office", {
      setup: {
        kind: "clinic",
        name: OFFICE_NAME,
        adminUserName: ADMIN.userName,
        adminFullName: ADMIN.fullName,
        password: ADMIN.password,
      },
    });
    if (!setup.ok) throw new Error(`set_up_office: ${JSON.stringify(setup.issues)}`);
    const given = await invoke(browser, "set_user_roles", { userName: ADMIN.userName, roles });
    if (!given.ok) throw new Error(`set_user_roles: ${JSON.stringify(given.issues)}`);
  }
  if (state.data.phase !== "signedOut") {
    // The roles come with the next sign-in; the page starts again from the sign-in screen.
    await invoke(browser, "sign_out");
    await browser.refresh();
  }
  await signIn(browser, ADMIN);
}

/** The `ehr` CLI's sign-in for the administrator: `--user admin`, the password in its environment. */
export const cliAsAdministrator = {
  args: ["--user", ADMIN.userName],
  env: { ...process.env, EHR_PASSWORD: ADMIN.password },
};

/** Saves a screenshot once the last change has been painted (two animation frames). */
export async function screenshot(browser, name) {
  mkdirSync(path.join(outDir, "screenshots"), { recursive: true });
  await browser.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(undefined))));
  await browser.saveScreenshot(path.join(outDir, "screenshots", `${name}.png`));
}

const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** Runs axe-core on the current screen; answers the serious and critical violations. */
export async function seriousAccessibilityViolations(browser) {
  const loaded = await browser.execute(() => typeof (/** @type {any} */ (window).axe) !== "undefined");
  if (!loaded) {
    await browser.execute(axeSource);
  }
  /** @type {{id: string, impact: string, help: string, targets: string[]}[]} */
  const violations = await browser.executeAsync((done) => {
    /** @type {any} */ (window).axe
      .run(document, { resultTypes: ["violations"] })
      .then((/** @type {any} */ result) =>
        done(
          result.violations.map((/** @type {any} */ v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            targets: v.nodes.map((/** @type {any} */ n) => n.target.join(" ")),
          })),
        ),
      )
      .catch((/** @type {any} */ error) =>
        done([
          {
            id: "axe-error",
            impact: "critical",
            help: String(error),
            targets: [],
          },
        ]),
      );
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** Types into a form field (by the core's field path) and leaves it with Tab, as a person would. */
export async function fill(browser, path, value) {
  await typeInto(browser, `[data-testid="input-${path}"]`, value);
  await browser.keys("Tab");
  await idle(browser);
}

/** Replaces what a text input holds with `value`, with keys React sees. */
export async function typeInto(browser, selector, value) {
  const input = await browser.$(selector);
  // Element commands wait for their element; `execute` does not.
  await input.waitForExist({ timeout: 10_000 });
  // WebDriver's clear (and so `setValue`) empties the input without an `input` event. React does not see it
  // and its next render puts the old value back, to be typed after: a search for "chan" became "WONGchan".
  await browser.execute((element) => element.focus(), input);
  await browser.keys([Key.Ctrl, "a"]);
  await browser.keys(Key.Backspace);
  if ([...value].some((c) => (c.codePointAt(0) ?? 0) > 0xffff)) {
    // WebKitWebDriver drops characters outside the Basic Multilingual Plane from typed keys (most HKSCS
    // characters, e.g. 𨋢, are there), so such a value is entered as an input method would: set, then an
    // `input` event, through the element's own value setter so React sees the change.
    await browser.execute(
      (element, text) => {
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set;
        setter?.call(element, text);
        element.dispatchEvent(new Event("input", { bubbles: true }));
      },
      input,
      value,
    );
  } else {
    await input.addValue(value);
  }
}

/** Waits until the app is not waiting for the core (no `aria-busy` form), so the layout has settled. */
export async function idle(browser) {
  await eventually(
    () => browser.execute(() => document.querySelector('[aria-busy="true"]') === null),
    Boolean,
    "the core's verdict",
  );
  await settle(browser);
}

/** Clicks what `selector` finds once the app is idle, centred first: at the window's top the sticky header
 * would take the click ("element click intercepted"). */
export async function click(browser, selector) {
  await idle(browser);
  await browser.execute((s) => document.querySelector(s)?.scrollIntoView({ block: "center" }), selector);
  await (await browser.$(selector)).click();
}

/** Brings a part of the screen to the top, so a screenshot shows it. */
export async function scrollTo(browser, selector) {
  await browser.execute((s) => document.querySelector(s)?.scrollIntoView({ block: "start" }), selector);
  await settle(browser);
}

export async function choose(browser, path, value) {
  const select = await browser.$(`[data-testid="input-${path}"]`);
  await browser.execute((element) => element.focus(), select);
  // A <select>'s option list is a native GTK popup that WebDriver cannot drive reliably: picking through it
  // can leave the popup open, swallowing the next click. So the option is chosen as the keyboard would,
  // through the element's own value setter and a `change` event; then the field is left with Tab.
  await browser.execute(
    (element, option) => {
      const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, "value")?.set;
      setter?.call(element, option);
      element.dispatchEvent(new Event("change", { bubbles: true }));
    },
    select,
    value,
  );
  if ((await select.getValue()) !== value) {
    throw new Error(`${path} has no option ${value}`);
  }
  await browser.keys("Tab");
  await idle(browser);
}

/** Ticks or unticks a checkbox (by the core's field path). */
export async function tick(browser, path, checked = true) {
  const box = await browser.$(`[data-testid="input-${path}"]`);
  if ((await box.isSelected()) !== checked) {
    await box.click();
  }
  await idle(browser);
}

/** The error shown on a field (by the core's field path), or null. */
export async function errorText(browser, path) {
  const error = await browser.$(`[data-testid="error-${path}"]`);
  return (await error.isExisting()) ? error.getText() : null;
}

/** Waits for the page to settle after a click that saves or loads (two animation frames after idle). */
export async function settle(browser) {
  await browser.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(undefined))));
}

/** Saves a screenshot of the current screen in English and in Chinese, and comes back to `back`. */
export async function screenshotBoth(browser, name, back = "en") {
  for (const language of ["en", "zh-HK"]) {
    await (await browser.$(`[data-testid="language-${language}"]`)).click();
    await eventually(
      () => browser.execute(() => document.documentElement.lang),
      (lang) => lang === language,
      `the ${language} interface`,
    );
    await screenshot(browser, `${name}-${language}`);
  }
  await (await browser.$(`[data-testid="language-${back}"]`)).click();
}

/** Waits until `read` answers something that satisfies `ok`, and answers it. */
export async function eventually(read, ok, what, timeout = 5_000) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await read();
    if (ok(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
}
