import { cleanup, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useForm } from "react-hook-form";
import { afterEach, beforeAll, describe, expect, it } from "vitest";

import type { ReferenceData } from "../../bindings/ipc";
import { initI18n } from "../../i18n";
import { EditorContext } from "../editor/EditorContext";
import { emptyHsl, type FormValues, toFormValues } from "../editor/formValues";
import { HslStep } from "./HslStep";

const reference: ReferenceData = {
  districts: [{ district: "kwun_tong", region: "kowloon" }],
  hcpTypes: ["group_practice"],
  professions: [],
  recordSystems: ["none", "other_vendor"],
  documents: [],
  channels: ["fax"],
  maxDocumentBytes: 1024,
  professionGroups: [],
  accountTypes: [],
  requestActions: [],
  staffColumns: [],
  expiryWindowDays: 60,
};

function Harness({ newLocations = false }: { newLocations?: boolean }) {
  const form = useForm<FormValues>({ defaultValues: toFormValues({ hsls: [{ ...emptyHsl, nameEn: "First" }] }) });
  return (
    <EditorContext.Provider
      value={{
        register: form.register,
        control: form.control,
        reference,
        readOnly: false,
        issueAt: () => undefined,
        leave: () => undefined,
      }}
    >
      <HslStep newLocations={newLocations} />
    </EditorContext.Provider>
  );
}

describe("HslStep", () => {
  beforeAll(async () => {
    await initI18n("en");
  });
  afterEach(() => {
    cleanup();
  });

  it("adds and removes locations; an excluded one is marked", async () => {
    const user = userEvent.setup();
    render(<Harness />);
    expect(screen.getAllByRole("group", { name: /Location/ })).toHaveLength(1);
    await user.click(screen.getByRole("button", { name: "Add a location" }));
    expect(screen.getAllByRole("group", { name: /Location/ })).toHaveLength(2);
    const included = screen.getAllByRole("checkbox", { name: "Include this location in the application" });
    await user.click(included[1] as HTMLElement);
    expect(screen.getByText("Not included")).toBeInTheDocument();
    await user.click(screen.getAllByRole("button", { name: "Remove" })[0] as HTMLElement);
    expect(screen.getAllByRole("group", { name: /Location/ })).toHaveLength(1);
  });

  it("offers new locations without the choice to leave them out", () => {
    render(<Harness newLocations />);
    expect(screen.getAllByRole("group", { name: /Location/ })).toHaveLength(1);
    expect(screen.queryByRole("checkbox", { name: "Include this location in the application" })).toBeNull();
    expect(screen.getByText(/Each new location will be registered/)).toBeInTheDocument();
  });
});
