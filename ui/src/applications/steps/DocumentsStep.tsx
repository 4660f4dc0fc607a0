import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { Attachment, AttachmentId, DocumentKind } from "../../bindings/ipc";
import { fieldId } from "../Field";
import { useEditor } from "../editor/EditorContext";
import { IssueText } from "./IssueText";

type Props = {
  documents: Attachment[];
  onAttach: (kind: DocumentKind, file: File) => Promise<void>;
  onRemove: (document: AttachmentId) => Promise<void>;
  onOpen: (document: Attachment) => Promise<void>;
};

/** Step 4: the checklist of supporting documents, with the files attached to each. */
export function DocumentsStep({ documents, onAttach, onRemove, onOpen }: Props) {
  const { t } = useTranslation();
  const { reference, readOnly } = useEditor();
  const [busy, setBusy] = useState<DocumentKind | null>(null);
  const maxMb = Math.floor(reference.maxDocumentBytes / 1024 / 1024);

  async function attach(kind: DocumentKind, input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    if (file === undefined) return;
    setBusy(kind);
    try {
      await onAttach(kind, file);
    } finally {
      setBusy(null);
      input.value = "";
    }
  }

  return (
    <>
      <p className="intro">{t("documents.intro", { max: maxMb })}</p>
      {reference.documents.map(({ kind, required }) => {
        const path = `documents.${kind}`;
        const attached = documents.filter((document) => document.kind === kind);
        const inputId = `attach-${kind}`;
        return (
          <fieldset key={kind} id={fieldId(path)} tabIndex={-1} data-testid={`document-${kind}`}>
            <legend>
              {t(`document.${kind}`, { ns: "reference" })}
              {required && (
                <span className="required-mark" aria-hidden="true">
                  {" *"}
                </span>
              )}
            </legend>
            <IssueText path={path} />
            {attached.length === 0 ? (
              <p className="muted">{t("documents.none")}</p>
            ) : (
              <ul className="documents">
                {attached.map((document) => (
                  <li key={document.id} data-testid="attached-document">
                    <span className="document-name">{document.fileName}</span>
                    <span className="muted">
                      {t("documents.size", { size: Math.max(1, Math.round(document.size / 1024)) })} ·{" "}
                      {t("documents.digest", { digest: document.sha256.slice(0, 12) })}
                    </span>
                    <button type="button" onClick={() => void onOpen(document)}>
                      {t("documents.open")}
                    </button>
                    {!readOnly && (
                      <button type="button" className="danger-outline" onClick={() => void onRemove(document.id)}>
                        {t("documents.remove")}
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {!readOnly && (
              <div className="field">
                <label htmlFor={inputId}>{busy === kind ? t("documents.attaching") : t("documents.attach")}</label>
                <input
                  id={inputId}
                  type="file"
                  data-testid={inputId}
                  accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
                  disabled={busy !== null}
                  onChange={(event) => void attach(kind, event.currentTarget)}
                />
              </div>
            )}
          </fieldset>
        );
      })}
    </>
  );
}
