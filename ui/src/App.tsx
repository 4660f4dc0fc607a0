import { useState } from "react";
import { useTranslation } from "react-i18next";

import { ApplicationList } from "./applications/ApplicationList";
import { ApplicationEditor } from "./applications/editor/ApplicationEditor";
import type { ApplicationId, PatientId, ReferenceData } from "./bindings/ipc";
import { PatientRegister } from "./patients/PatientRegister";
import { PatientRegistration } from "./patients/PatientRegistration";
import { LanguageSwitch } from "./shell/LanguageSwitch";

type Area = "patients" | "applications";

type View =
  | { screen: "applications" }
  | { screen: "application"; id: ApplicationId }
  | { screen: "register" }
  | { screen: "newPatient"; key: number }
  | { screen: "patient"; id: PatientId };

const AREA_OF: Record<View["screen"], Area> = {
  applications: "applications",
  application: "applications",
  register: "patients",
  newPatient: "patients",
  patient: "patients",
};

export function App({ reference }: { reference: ReferenceData }) {
  const { t } = useTranslation();
  const [view, setView] = useState<View>({ screen: "applications" });
  const area = AREA_OF[view.screen];

  const screen = () => {
    switch (view.screen) {
      case "applications":
        return (
          <ApplicationList
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
            onClose={() => {
              setView({ screen: "applications" });
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
          <button
            type="button"
            data-testid="nav-patients"
            aria-current={area === "patients" ? "page" : undefined}
            onClick={() => {
              setView({ screen: "register" });
            }}
          >
            {t("nav.patients")}
          </button>
          <button
            type="button"
            data-testid="nav-applications"
            aria-current={area === "applications" ? "page" : undefined}
            onClick={() => {
              setView({ screen: "applications" });
            }}
          >
            {t("nav.applications")}
          </button>
        </nav>
        <LanguageSwitch />
      </header>
      <main className="shell-main">{screen()}</main>
    </div>
  );
}
