import { useEffect, useState } from "react";

import { type ApplicationId, commands } from "../bindings/ipc";
import { call, issuesOf } from "../lib/ipc";

/** The English names of the HCP's service locations, from its application: what staff may work at. */
export function useHslNames(hcp: ApplicationId): string[] {
  const [names, setNames] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    call(commands.getApplication(hcp))
      .then((saved) => {
        const typed = (saved.draft.form.hsls ?? []).map((hsl) => (hsl.nameEn ?? "").trim());
        if (live) setNames(typed.filter((name) => name !== ""));
      })
      .catch((error: unknown) => {
        // The HSLs only fill choices; a failure leaves them empty and the core still checks what is saved.
        issuesOf(error);
      });
    return () => {
      live = false;
    };
  }, [hcp]);
  return names;
}
