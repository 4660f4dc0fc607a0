import { useEffect, useState } from "react";

import { type ApplicationId, commands } from "../bindings/ipc";
import { call, issuesOf } from "../lib/ipc";

/** The HSLs the HCP's staff may work at, as the core names them: the editor's and the filter's choices. */
export function useHslNames(hcp: ApplicationId): string[] {
  const [names, setNames] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    call(commands.staffHslNames(hcp))
      .then((found) => {
        if (live) setNames(found);
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
