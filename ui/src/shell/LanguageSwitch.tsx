import { useTranslation } from "react-i18next";

import { commands, type Language } from "../bindings/ipc";
import { changeLanguage, languages } from "../i18n";
import { call, issuesOf } from "../lib/ipc";

/** Switches the interface language at once and remembers the choice for the next start. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = i18n.language as Language;

  async function choose(language: Language): Promise<void> {
    await changeLanguage(language);
    try {
      await call(commands.setLanguage(language));
    } catch (error) {
      // The switch still applies for this session; only remembering it failed.
      issuesOf(error);
    }
  }

  return (
    <div className="language-switch" role="group" aria-label={t("language.label")}>
      {languages.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          data-testid={`language-${language}`}
          aria-pressed={current === language}
          onClick={() => void choose(language)}
        >
          {t(`language.${language}`)}
        </button>
      ))}
    </div>
  );
}
