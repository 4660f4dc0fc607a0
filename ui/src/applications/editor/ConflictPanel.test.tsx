import { cleanup, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import type { SavedDraft } from "../../bindings/ipc";
import { changeLanguage, initI18n } from "../../i18n";
import type { Conflict } from "./conflict";
import { ConflictPanel } from "./ConflictPanel";

const theirs: SavedDraft = {
  draft: {
    id: "0193a7a0-0000-7000-8000-000000000000",
    reference: "HCP-1",
    status: "draft",
    createdAt: 0,
    updatedAt: 0,
    form: {},
    documents: [],
    submission: null,
  },
  issues: [],
  version: 3,
};

const conflict: Conflict = {
  user: "WONG Siu Ming",
  workstation: "FRONT-2",
  at: "2026-12-01T02:30:00Z",
  theirs,
  differences: [{ path: "hcpInformation.nameEn", theirs: "Harbour Clinic", mine: "Harbour Medical Centre" }],
};

describe("ConflictPanel", () => {
  beforeAll(async () => {
    await initI18n("en");
  });
  afterEach(cleanup);

  it("says who saved, when, and each field theirs against mine, by the form's labels", async () => {
    render(<ConflictPanel conflict={conflict} onReload={vi.fn()} onKeepMine={vi.fn()} />);
    expect(screen.getByTestId("conflict-who")).toHaveTextContent("WONG Siu Ming (at FRONT-2)");
    // The RFC 3339 time in the UI's locale, not as the core sent it.
    expect(screen.getByTestId("conflict-who")).not.toHaveTextContent("2026-12-01T02:30");
    const row = screen.getByTestId("conflict-fields").querySelector('[data-field="hcpInformation.nameEn"]');
    expect(row).toHaveTextContent("Harbour Clinic");
    expect(row).toHaveTextContent("Harbour Medical Centre");
    expect(row).toHaveTextContent("Name of HCP (English)");
    await changeLanguage("zh-HK");
    expect(screen.getByRole("heading")).toHaveTextContent("其他人已先儲存此申請");
    await changeLanguage("en");
  });

  it("reloads theirs, keeps mine or copies mine, each on its own click", async () => {
    const onReload = vi.fn();
    const onKeepMine = vi.fn();
    const user = userEvent.setup();
    render(<ConflictPanel conflict={conflict} onReload={onReload} onKeepMine={onKeepMine} />);
    await user.click(screen.getByTestId("conflict-copy"));
    expect(await navigator.clipboard.readText()).toContain("Harbour Medical Centre");
    expect(onReload).not.toHaveBeenCalled();
    expect(onKeepMine).not.toHaveBeenCalled();
    await user.click(screen.getByTestId("conflict-keep-mine"));
    expect(onKeepMine).toHaveBeenCalledOnce();
    await user.click(screen.getByTestId("conflict-reload"));
    expect(onReload).toHaveBeenCalledOnce();
  });
});
