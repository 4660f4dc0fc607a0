import { useTranslation } from "react-i18next";

import { Dialog } from "../shell/Dialog";

/** An attached image, shown in full. */
export function PreviewDialog({ name, url, onClose }: { name: string; url: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog labelledBy="preview-title" onClose={onClose} wide>
      <h2 id="preview-title">{name}</h2>
      <img src={url} alt={t("documents.preview", { name })} className="preview" />
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onClose} autoFocus>
          {t("guide.close")}
        </button>
      </div>
    </Dialog>
  );
}
