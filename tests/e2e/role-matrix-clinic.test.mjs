// @ts-check
// The IPC role matrix for a clinic (see role-matrix.mjs), on this file's own fresh data home.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { walkTheMatrix } from "./role-matrix.mjs";
import { launch } from "./support.mjs";

describe("every permission-guarded command as every role of a clinic", () => {
  /** @type {WebdriverIO.Browser} */
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.deleteSession();
  });

  it("allows what the roles' permissions allow and refuses the rest with auth.forbidden", async () => {
    const checked = await walkTheMatrix(browser, "clinic");
    assert.ok(checked > 60, `${checked} calls checked`);
  });
});
