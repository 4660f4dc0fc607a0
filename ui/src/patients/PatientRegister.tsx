import { useState } from "react";
import { useTranslation } from "react-i18next";

import { commands, type Issue, type PatientId } from "../bindings/ipc";
import { formatDateTime } from "../lib/format";
import { call, issuesOf } from "../lib/ipc";
import { concerns, useStoreChanges } from "../lib/storeChanges";
import { useDebouncedAnswer } from "../lib/useDebouncedAnswer";
import { IssueBanner } from "../shell/IssueBanner";

type Props = { onOpen: (id: PatientId) => void; onNew: () => void };

/** The register of patients registered here: masked, searchable by name or document number. */
export function PatientRegister({ onOpen, onNew }: Props) {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState("");
  const [banner, setBanner] = useState<Issue[]>([]);
  // Bumped to search again when another workstation saved a registration.
  const [generation, setGeneration] = useState(0);
  useStoreChanges((change) => {
    if (concerns(change, "patient")) setGeneration((g) => g + 1);
  });
  const found = useDebouncedAnswer(
    JSON.stringify([query, generation]),
    () => {
      // Cleared as the current question is asked: a late answer to an older one must not clear its failure.
      setBanner([]);
      return call(commands.searchPatients(query));
    },
    (error) => {
      setBanner(issuesOf(error));
    },
  );

  return (
    <section>
      <div className="page-heading">
        <h1>{t("register.heading")}</h1>
        <button type="button" className="primary" data-testid="new-patient" onClick={onNew}>
          {t("register.new")}
        </button>
      </div>
      <p className="intro">{t("register.intro")}</p>
      <div className="field">
        <label htmlFor="register-search">{t("register.search")}</label>
        <input
          id="register-search"
          type="search"
          value={query}
          data-testid="register-search"
          placeholder="CHAN / 陳 / A123***(3)"
          onChange={(event) => {
            setQuery(event.target.value);
          }}
        />
      </div>
      <IssueBanner issues={banner} />
      {found !== null && found.length === 0 ? (
        <p className="empty" data-testid="register-empty">
          {query.trim() === "" ? t("register.empty") : t("register.none")}
        </p>
      ) : (
        <table className="applications" data-testid="register">
          <thead>
            <tr>
              <th scope="col">{t("register.column.name")}</th>
              <th scope="col">{t("register.column.document")}</th>
              <th scope="col">{t("register.column.registered")}</th>
              <th scope="col">{t("register.column.sdm")}</th>
              <th scope="col">{t("home.column.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {(found ?? []).map((patient) => (
              <tr key={patient.id} data-testid="register-row">
                <td>
                  {patient.englishName}
                  {patient.chineseName !== null && <span lang="zh-HK"> {patient.chineseName}</span>}
                </td>
                <td>{patient.document}</td>
                <td>{formatDateTime(patient.registeredAt, i18n.language)}</td>
                <td>{patient.hasSdm ? t("register.sdm.yes") : ""}</td>
                <td>
                  <button
                    type="button"
                    onClick={() => {
                      onOpen(patient.id);
                    }}
                  >
                    {t("home.open")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
