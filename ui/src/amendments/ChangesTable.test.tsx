import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it } from "vitest";

import { initI18n } from "../i18n";
import { ChangesTable, EffectsList } from "./ChangesTable";

describe("ChangesTable", () => {
  beforeAll(async () => {
    await initI18n("en");
  });
  afterEach(() => {
    cleanup();
  });

  it("shows each field before → after under its step, marking what is added or removed", () => {
    render(
      <ChangesTable
        changes={[
          {
            path: "userInformation.administrators[0].nameEn",
            step: "userInformation",
            kind: "changed",
            before: "CHAN Tai Man",
            after: "LAM Siu Wai",
          },
          { path: "hsls[1].district", step: "hsls", kind: "added", before: null, after: "kwun_tong" },
          { path: "hcpInformation.fax", step: "hcpInformation", kind: "removed", before: "2123 4568", after: null },
        ]}
      />,
    );
    const groups = screen.getAllByRole("rowgroup").slice(1);
    expect(groups.map((group) => within(group).getAllByRole("columnheader")[0]?.textContent)).toEqual([
      "HCP information",
      "User information",
      "Service locations",
    ]);
    const replaced = screen.getByRole("row", { name: /User administrator 1 · Name \(English\)/ });
    expect(within(replaced).getByText("CHAN Tai Man")).toBeInTheDocument();
    expect(within(replaced).getByText("LAM Siu Wai")).toBeInTheDocument();
    const added = screen.getByRole("row", { name: /Location 2 · District/ });
    expect(within(added).getByText("added")).toBeInTheDocument();
    expect(within(added).getByText("Kwun Tong")).toBeInTheDocument();
    expect(within(added).getByText("—")).toBeInTheDocument();
    expect(within(screen.getByRole("row", { name: /Fax/ })).getByText("removed")).toBeInTheDocument();
  });

  it("says so when nothing differs, and words the effects", () => {
    render(<ChangesTable changes={[]} />);
    expect(screen.getByTestId("changes-none")).toHaveTextContent("Nothing differs");
    render(<EffectsList effects={["user_administrator_replaced", "hsl_added"]} />);
    expect(screen.getAllByRole("listitem").map((item) => item.textContent)).toEqual([
      "Replaces a user administrator",
      "Adds a service location",
    ]);
  });
});
