import { useTranslation } from "react-i18next";

import { Dialog } from "../shell/Dialog";

/** The in-app guide: the three steps, documents, the 60-day limits and the Registration Office's contacts. */
export function Guide({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog labelledBy="guide-title" onClose={onClose} wide>
      <h2 id="guide-title">{t("guide.title")}</h2>
      <h3>{t("guide.steps")}</h3>
      <ol>
        <li>{t("guide.step1")}</li>
        <li>{t("guide.step2")}</li>
        <li>{t("guide.step3")}</li>
      </ol>
      <h3>{t("guide.documents")}</h3>
      <p>{t("guide.documentsBody")}</p>
      <h3>{t("guide.limits")}</h3>
      <p>{t("guide.limitsBody")}</p>
      <h3>{t("guide.after")}</h3>
      <p>{t("guide.afterBody")}</p>
      <h3>{t("guide.contact")}</h3>
      <address>
        {t("guide.address")}
        <br />
        {t("guide.phone")}
      </address>
      <div className="dialog-actions">
        <button type="button" className="primary" data-testid="guide-close" onClick={onClose} autoFocus>
          {t("guide.close")}
        </button>
      </div>
    </Dialog>
  );
}
