import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { AmendmentStatus, SavedFile } from "../bindings/ipc";

type Props = {
  status: AmendmentStatus;
  onPrint: () => Promise<SavedFile | null>;
  onExport: () => Promise<SavedFile | null>;
  onReveal: (path: string) => Promise<void>;
};

/** The bilingual form to print for signature and chop, and (once submitted) the Registration Office's package. */
export function AmendmentOutput({ status, onPrint, onExport, onReveal }: Props) {
  const { t } = useTranslation("amendments");
  const [saved, setSaved] = useState<{ file: SavedFile; what: "pdf" | "package" } | null>(null);

  async function output(what: "pdf" | "package", action: () => Promise<SavedFile | null>): Promise<void> {
    const file = await action();
    setSaved(file === null ? null : { file, what });
  }

  return (
    <fieldset>
      <legend>{t("amendments.output.heading")}</legend>
      <div className="actions">
        <button type="button" data-testid="amendment-print" onClick={() => void output("pdf", onPrint)}>
          {t("amendments.output.print")}
        </button>
        {status !== "draft" && (
          <button
            type="button"
            className="primary"
            data-testid="amendment-export"
            onClick={() => void output("package", onExport)}
          >
            {t("amendments.output.export")}
          </button>
        )}
      </div>
      <p className="field-hint">
        {t(status === "draft" ? "amendments.output.draftHint" : "amendments.output.exportHint")}
      </p>
      {saved !== null && (
        <p role="status" data-testid="amendment-saved-file" data-path={saved.file.path}>
          {saved.what === "package" || saved.file.opened
            ? t("amendments.output.savedTo", { path: saved.file.path })
            : t("amendments.output.notOpened", { path: saved.file.path })}{" "}
          <button type="button" className="link-button" onClick={() => void onReveal(saved.file.path)}>
            {t("review.reveal", { ns: "common" })}
          </button>
        </p>
      )}
    </fieldset>
  );
}
