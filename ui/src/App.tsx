import { useState } from "react";
import { useTranslation } from "react-i18next";

import { ApplicationList } from "./applications/ApplicationList";
import { ApplicationEditor } from "./applications/editor/ApplicationEditor";
import type { ApplicationId, ReferenceData } from "./bindings/ipc";
import { LanguageSwitch } from "./shell/LanguageSwitch";

type View = { screen: "home" } | { screen: "application"; id: ApplicationId };

export function App({ reference }: { reference: ReferenceData }) {
  const { t } = useTranslation();
  const [view, setView] = useState<View>({ screen: "home" });

  return (
    <div className="shell">
      <header className="shell-header">
        <div>
          <p className="shell-title">{t("app.title")}</p>
          <p className="shell-subtitle">{t("app.subtitle")}</p>
        </div>
        <LanguageSwitch />
      </header>
      <main className="shell-main">
        {view.screen === "home" ? (
          <ApplicationList
            onOpen={(id) => {
              setView({ screen: "application", id });
            }}
          />
        ) : (
          <ApplicationEditor
            key={view.id}
            id={view.id}
            reference={reference}
            onClose={() => {
              setView({ screen: "home" });
            }}
          />
        )}
      </main>
    </div>
  );
}
