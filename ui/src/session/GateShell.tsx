import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

import { LanguageSwitch } from "../shell/LanguageSwitch";

/** The frame of the screens before the workspace (setup, recovery key, sign-in): the title and the language. */
export function GateShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="shell">
      <header className="shell-header">
        <div>
          <p className="shell-title">{t("app.title")}</p>
          <p className="shell-subtitle">{t("app.subtitle")}</p>
        </div>
        <LanguageSwitch />
      </header>
      <main className="shell-main gate">{children}</main>
    </div>
  );
}
