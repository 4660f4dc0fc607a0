import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { type ApplicationId, type ApplicationSummary, commands, type Issue } from "../bindings/ipc";
import { call, issuesOf } from "../lib/ipc";
import { concerns, useStoreChanges } from "../lib/storeChanges";
import { IssueBanner } from "../shell/IssueBanner";

type Props = { chosen: ApplicationId | null; onChoose: (id: ApplicationId) => void };

/** Which HCP's staff: one of this database's applications; the first one until another is chosen. */
export function HcpPicker({ chosen, onChoose }: Props) {
  const { t } = useTranslation("staff");
  const [applications, setApplications] = useState<ApplicationSummary[] | null>(null);
  const [banner, setBanner] = useState<Issue[]>([]);
  const [generation, setGeneration] = useState(0);
  useStoreChanges((change) => {
    if (concerns(change, "application")) setGeneration((g) => g + 1);
  });

  useEffect(() => {
    let live = true;
    call(commands.listApplications())
      .then((list) => {
        if (live) setApplications(list);
      })
      .catch((error: unknown) => {
        if (live) setBanner(issuesOf(error));
      });
    return () => {
      live = false;
    };
  }, [generation]);

  const first = applications?.[0];
  useEffect(() => {
    if (chosen === null && first !== undefined) onChoose(first.id);
  }, [chosen, first, onChoose]);

  if (applications !== null && applications.length === 0) {
    return (
      <p className="empty" data-testid="staff-no-hcp">
        {t("staff.noHcp")}
      </p>
    );
  }
  return (
    <div className="field">
      <label htmlFor="staff-hcp">{t("staff.hcp")}</label>
      <select
        id="staff-hcp"
        data-testid="staff-hcp"
        value={chosen ?? ""}
        onChange={(event) => {
          onChoose(event.target.value);
        }}
      >
        {(applications ?? []).map((application) => (
          <option key={application.id} value={application.id}>
            {(application.title || t("home.untitled", { ns: "common" })) + ` (${application.reference})`}
          </option>
        ))}
      </select>
      <IssueBanner issues={banner} />
    </div>
  );
}
