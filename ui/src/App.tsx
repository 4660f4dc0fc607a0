import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";

import { type AmendmentTarget, AmendmentScreen } from "./amendments/AmendmentScreen";
import { ApplicationList } from "./applications/ApplicationList";
import { ApplicationEditor } from "./applications/editor/ApplicationEditor";
import type { ApplicationId, PatientId, Permission, ReferenceData, Role } from "./bindings/ipc";
import { PatientRegister } from "./patients/PatientRegister";
import { PatientRegistration } from "./patients/PatientRegistration";
import { allowedAreas, type Area } from "./session/areas";
import { LanguageSwitch } from "./shell/LanguageSwitch";
import { StaffArea } from "./staff/StaffArea";
import { UsersScreen } from "./users/UsersScreen";

type View =
  | { screen: "applications" }
  | { screen: "application"; id: ApplicationId }
  | { screen: "amendment"; target: AmendmentTarget; key: number }
  | { screen: "register" }
  | { screen: "newPatient"; key: number }
  | { screen: "patient"; id: PatientId }
  | { screen: "staff" }
  | { screen: "users" }
  | { screen: "nothing" };

const AREA_OF: Record<View["screen"], Area | null> = {
  applications: "applications",
  application: "applications",
  amendment: "applications",
  register: "patients",
  newPatient: "patients",
  patient: "patients",
  staff: "staff",
  users: "users",
  nothing: null,
};

/** Each area's first screen, where its navigation button leads. */
const HOME: Record<Area, View> = {
  patients: { screen: "register" },
  applications: { screen: "applications" },
  staff: { screen: "staff" },
  users: { screen: "users" },
};

type Props = {
  reference: ReferenceData;
  /** What the signed-in user may do, as the core says: only those areas are shown. */
  permissions: readonly Permission[];
  offeredRoles: readonly Role[];
  /** Who is signed in, with lock and sign-out: the header shows it. */
  sessionBar: ReactNode;
  onSettingsSaved: () => void;
};

export function App({ reference, permissions, offeredRoles, sessionBar, onSettingsSaved }: Props) {
  const { t } = useTranslation();
  const areas = allowedAreas(permissions);
  const first = areas[0];
  const [chosen, setView] = useState<View>(first === undefined ? { screen: "nothing" } : HOME[first]);
  // Roles can change between two unlocks: a screen no longer allowed gives way to the first one that is.
  const chosenArea = AREA_OF[chosen.screen];
  const view: View =
    chosenArea !== null && areas.includes(chosenArea)
      ? chosen
      : first === undefined
        ? { screen: "nothing" }
        : HOME[first];
  const area = AREA_OF[view.screen];

  const screen = () => {
    switch (view.screen) {
      case "applications":
        return (
          <ApplicationList
            canEdit={permissions.includes("application.edit")}
            onOpen={(id) => {
              setView({ screen: "application", id });
            }}
          />
        );
      case "application":
        return (
          <ApplicationEditor
            key={view.id}
            id={view.id}
            reference={reference}
            canEdit={permissions.includes("application.edit")}
            canAmend={permissions.includes("amendment.edit")}
            onClose={() => {
              setView({ screen: "applications" });
            }}
            onAmendment={(target) => {
              setView({ screen: "amendment", target, key: Date.now() });
            }}
          />
        );
      case "amendment":
        return (
          <AmendmentScreen
            key={view.key}
            target={view.target}
            reference={reference}
            canEdit={permissions.includes("amendment.edit")}
            onBack={(hcp) => {
              setView({ screen: "application", id: hcp });
            }}
          />
        );
      case "register":
        return (
          <PatientRegister
            onOpen={(id) => {
              setView({ screen: "patient", id });
            }}
            onNew={() => {
              setView({ screen: "newPatient", key: Date.now() });
            }}
          />
        );
      case "newPatient":
        return (
          <PatientRegistration
            key={view.key}
            onDone={() => {
              setView({ screen: "register" });
            }}
          />
        );
      case "patient":
        return (
          <PatientRegistration
            key={view.id}
            editing={view.id}
            onDone={() => {
              setView({ screen: "register" });
            }}
          />
        );
      case "staff":
        return <StaffArea reference={reference} canManage={permissions.includes("staff.manage")} />;
      case "users":
        return <UsersScreen permissions={permissions} offeredRoles={offeredRoles} onSettingsSaved={onSettingsSaved} />;
      case "nothing":
        return (
          <section>
            <h1>{t("nav.nothingHeading")}</h1>
            <p className="intro" data-testid="nothing-allowed">
              {t("nav.nothing")}
            </p>
          </section>
        );
    }
  };

  return (
    <div className="shell">
      <header className="shell-header">
        <div>
          <p className="shell-title">{t("app.title")}</p>
          <p className="shell-subtitle">{t("app.subtitle")}</p>
        </div>
        <nav className="shell-nav" aria-label={t("nav.label")}>
          {areas.map((each) => (
            <button
              key={each}
              type="button"
              data-testid={`nav-${each}`}
              aria-current={area === each ? "page" : undefined}
              onClick={() => {
                setView(HOME[each]);
              }}
            >
              {t(`nav.${each}`)}
            </button>
          ))}
        </nav>
        <div className="shell-tools">
          {sessionBar}
          <LanguageSwitch />
        </div>
      </header>
      <main className="shell-main">{screen()}</main>
    </div>
  );
}
