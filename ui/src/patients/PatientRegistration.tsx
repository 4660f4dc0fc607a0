import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";

import {
  commands,
  type Issue,
  type PatientCheck,
  type PatientForm,
  type PatientId,
  type PatientRecord,
} from "../bindings/ipc";
import { formatDate } from "../lib/format";
import { call, issuesOf } from "../lib/ipc";
import { generalIssues } from "../lib/issues";
import { IssueBanner } from "../shell/IssueBanner";
import { blankPatientForm, isForeign } from "./blankForm";
import {
  PatientCheckbox,
  PatientDate,
  type PatientEditor,
  PatientEditorContext,
  PatientSelect,
  PatientText,
} from "./PatientFields";
import { ReaderPanel } from "./ReaderPanel";

type Props = {
  /** The registration to change; a new one when absent. */
  editing?: PatientId;
  onDone: () => void;
};

const DOCUMENT_TYPES = ["hkid", "birth_certificate", "passport", "other"] as const;

// A registration being changed whose opening failed has no version: no stored version is 0, so the core
// answers conflict.stale with who changed it last, and nothing is written.
const NOT_OPENED = 0;

/**
 * Registering a patient at the front desk: the card (or typing) fills the identity, the core checks every
 * field and says who must consent under the rules in force; duplicates need an explicit confirmation.
 */
export function PatientRegistration({ editing, onDone }: Props) {
  const { t, i18n } = useTranslation();
  const form = useForm<PatientForm>({ defaultValues: blankPatientForm() });
  const { register, control, getValues, reset, setValue } = form;
  const [check, setCheck] = useState<PatientCheck | null>(null);
  const [refused, setRefused] = useState<Issue[] | null>(null);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [banner, setBanner] = useState<Issue[]>([]);
  const [saved, setSaved] = useState<PatientRecord | null>(null);
  // The stored version the form was opened at: a change names it (the core refuses a stale one).
  const [version, setVersion] = useState<number | null>(null);
  const [printed, setPrinted] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ticket = useRef(0);

  const ask = useCallback(async () => {
    const mine = ++ticket.current;
    setBusy(true);
    try {
      const answer = await call(commands.checkPatient(getValues(), editing ?? null));
      if (mine === ticket.current) {
        setCheck(answer);
        setRefused(null);
      }
    } catch (error) {
      setBanner(issuesOf(error));
    } finally {
      if (mine === ticket.current) setBusy(false);
    }
  }, [getValues, editing]);

  useEffect(() => {
    // A new form is checked by the watch below, as soon as it renders.
    if (editing === undefined) return;
    call(commands.openPatient(editing))
      .then((opened) => {
        reset(opened.form);
        setSaved(opened.record);
        setVersion(opened.version);
        setShowAll(true);
        void ask();
      })
      .catch((error: unknown) => {
        setBanner(issuesOf(error));
      });
  }, [editing, reset, ask]);

  // The rules' requirements are needed before anything is typed: ask once for the blank form.
  useEffect(() => {
    if (editing !== undefined) return;
    let live = true;
    call(commands.checkPatient(blankPatientForm(), null))
      .then((answer) => {
        if (live) setCheck(answer);
      })
      .catch((error: unknown) => {
        setBanner(issuesOf(error));
      });
    return () => {
      live = false;
    };
  }, [editing]);

  const values = useWatch({ control });

  const issues = useMemo(() => refused ?? check?.issues ?? [], [refused, check]);
  const issueAt = useCallback(
    (path: string) => (showAll || touched.has(path) ? issues.find((issue) => issue.field === path) : undefined),
    [issues, showAll, touched],
  );
  // The core is asked when a field is left (or a box ticked, an option chosen), as on the HCP application.
  const leave = useCallback(
    (path: string) => {
      setTouched((previous) => new Set(previous).add(path));
      void ask();
    },
    [ask],
  );
  const readFromCard = values.readFromCard ?? [];
  const editor: PatientEditor = {
    register,
    control,
    issueAt,
    leave,
    fromCard: new Set(readFromCard),
    // A field typed over is no longer "from the card", on screen or on paper.
    changed: (path) => {
      const fields = getValues("readFromCard") ?? [];
      if (fields.includes(path)) {
        setValue(
          "readFromCard",
          fields.filter((field) => field !== path),
        );
      }
    },
  };

  const readCard = async () => {
    setBanner([]);
    const filled = await call(commands.readCardIntoForm(getValues()));
    reset(filled);
    setTouched((previous) => new Set([...previous, ...(filled.readFromCard ?? [])]));
    await ask();
  };

  const submit = async () => {
    setShowAll(true);
    setBanner([]);
    setBusy(true);
    try {
      const stored =
        editing === undefined
          ? await call(commands.registerPatient(getValues()))
          : await call(commands.updatePatient(editing, version ?? NOT_OPENED, getValues()));
      setSaved(stored.record);
      setVersion(stored.version);
      setRefused(null);
    } catch (error) {
      const found = issuesOf(error);
      setRefused(found);
      setBanner(generalIssues(found));
    } finally {
      setBusy(false);
    }
  };

  const print = async (id: PatientId) => {
    try {
      const file = await call(commands.openPatientPdf(id));
      setPrinted(file.path);
    } catch (error) {
      setBanner(issuesOf(error));
    }
  };

  if (saved !== null && editing === undefined) {
    return (
      <section className="registered" data-testid="registered">
        <h1>{t("patient.registered.heading")}</h1>
        <p>{t("patient.registered.body", { name: saved.registration.englishSurname })}</p>
        <div className="actions">
          <button type="button" className="primary" data-testid="print" onClick={() => void print(saved.id)}>
            {t("patient.print")}
          </button>
          <button
            type="button"
            data-testid="register-another"
            onClick={() => {
              reset(blankPatientForm());
              setSaved(null);
              setVersion(null);
              setPrinted(null);
              setTouched(new Set());
              setShowAll(false);
            }}
          >
            {t("patient.registerAnother")}
          </button>
        </div>
        {printed !== null && (
          <p className="save-status" data-testid="printed" data-path={printed}>
            {t("patient.printed", { path: printed })}
          </p>
        )}
        <IssueBanner issues={banner} />
      </section>
    );
  }

  const requirements = check?.requirements ?? null;
  const rules = requirements?.rules ?? null;
  const zh = i18n.language === "zh-HK";
  const documentType = values.documentType ?? "";
  const sdmDocumentType = values.consent?.sdm?.documentType ?? "";
  const sharing = values.consent?.sharing ?? false;
  const relationship = values.consent?.sdm?.relationship ?? "";
  const relationships = requirements?.sdmRelationships ?? [];
  const duplicates = issues.filter((issue) => issue.code.startsWith("patient.duplicate"));
  const option = (prefix: string) => (value: string) => ({ value, label: t(`${prefix}.${value}` as "sex.F") });

  return (
    <PatientEditorContext.Provider value={editor}>
      <div className="page-heading">
        <h1>{editing === undefined ? t("patient.heading") : t("patient.editHeading")}</h1>
        <button type="button" className="link-button" data-testid="patient-back" onClick={onDone}>
          {t("patient.back")}
        </button>
      </div>
      <ReaderPanel onRead={readCard} onIssues={setBanner} />
      <IssueBanner issues={banner} />
      <form
        aria-busy={busy}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <fieldset>
          <legend>{t("patient.section.identity")}</legend>
          <div className="inline-fields">
            <PatientText path="englishSurname" label={t("patient.englishSurname")} required />
            <PatientText path="englishGivenName" label={t("patient.englishGivenName")} />
            <PatientText path="chineseName" label={t("patient.chineseName")} lang="zh-HK" />
          </div>
          <div className="inline-fields">
            <PatientSelect
              path="documentType"
              label={t("patient.documentType")}
              required
              options={DOCUMENT_TYPES.map(option("documentType"))}
            />
            <PatientText
              path="documentNumber"
              label={t("patient.documentNumber")}
              hint={t("patient.documentNumber.hint")}
              required
            />
            {isForeign(documentType) && (
              <PatientText
                path="issuingCountry"
                label={t("patient.issuingCountry")}
                hint={t("patient.issuingCountry.hint")}
                required
              />
            )}
          </div>
          <div className="inline-fields">
            <PatientDate path="dateOfBirth" label={t("patient.dateOfBirth")} required />
            <PatientSelect path="sex" label={t("patient.sex")} required options={["F", "M"].map(option("sex"))} />
          </div>
        </fieldset>

        <fieldset>
          <legend>{t("patient.section.contact")}</legend>
          <div className="inline-fields">
            <PatientText path="mobilePhone" label={t("patient.mobilePhone")} type="tel" />
            <PatientText path="otherPhone" label={t("patient.otherPhone")} type="tel" />
            <PatientText path="email" label={t("patient.email")} type="email" />
          </div>
          <PatientText path="address" label={t("patient.address")} />
          <div className="inline-fields">
            <PatientSelect
              path="preferredLanguage"
              label={t("patient.preferredLanguage")}
              required
              options={["zh-HK", "en"].map(option("correspondence"))}
            />
            <PatientSelect
              path="notificationChannel"
              label={t("patient.notificationChannel")}
              required
              options={["sms", "email", "post", "none"].map(option("channel"))}
            />
          </div>
        </fieldset>

        <fieldset data-testid="consent">
          <legend>{t("patient.section.consent")}</legend>
          {rules !== null && (
            <p className="field-hint" data-testid="rules-version">
              {t("patient.rules", {
                ordinance: zh ? rules.ordinance.zh : rules.ordinance.en,
                version: rules.version,
                from: formatDate(rules.effectiveFrom, i18n.language),
              })}
            </p>
          )}
          <PatientCheckbox
            path="consent.joining"
            label={
              rules === null ? t("patient.joining") : zh ? rules.statements.joining.zh : rules.statements.joining.en
            }
          />
          <PatientCheckbox
            path="consent.sharing"
            label={
              rules === null ? t("patient.sharing") : zh ? rules.statements.sharing.zh : rules.statements.sharing.en
            }
          />
          {sharing && (
            <PatientSelect
              path="consent.method"
              label={t("patient.method")}
              required
              options={(rules?.methods ?? []).map(option("method"))}
            />
          )}
          {requirements?.sdmCase !== "minor" && (
            <PatientCheckbox path="consent.unableToConsent" label={t("patient.unableToConsent")} />
          )}
          {requirements?.sdmCase != null && (
            <fieldset className="sdm" data-testid="sdm">
              <legend>{t("patient.section.sdm")}</legend>
              <p className="field-hint">
                {t(`patient.sdmCase.${requirements.sdmCase}`, { age: requirements.age ?? "" })}
              </p>
              <PatientSelect
                path="consent.sdm.relationship"
                label={t("patient.sdm.relationship")}
                required
                options={relationships.map((value, index) => ({
                  value,
                  label: `${String(index + 1)}. ${t(`relationship.${value}`)}`,
                }))}
              />
              {relationships.indexOf(relationship as (typeof relationships)[number]) > 0 && (
                <PatientCheckbox
                  path="consent.sdm.higherPriorityUnavailable"
                  label={t("patient.sdm.higherPriorityUnavailable")}
                />
              )}
              <div className="inline-fields">
                <PatientText path="consent.sdm.englishName" label={t("patient.sdm.englishName")} required />
                <PatientText path="consent.sdm.chineseName" label={t("patient.chineseName")} lang="zh-HK" />
              </div>
              <div className="inline-fields">
                <PatientSelect
                  path="consent.sdm.documentType"
                  label={t("patient.documentType")}
                  required
                  options={DOCUMENT_TYPES.map(option("documentType"))}
                />
                <PatientText path="consent.sdm.documentNumber" label={t("patient.documentNumber")} required />
                {isForeign(sdmDocumentType) && (
                  <PatientText path="consent.sdm.issuingCountry" label={t("patient.issuingCountry")} required />
                )}
                <PatientText path="consent.sdm.phone" label={t("patient.sdm.phone")} type="tel" />
              </div>
            </fieldset>
          )}
        </fieldset>

        {duplicates.length > 0 && (
          <div className="duplicate" role="alert" data-testid="duplicate">
            <PatientCheckbox path="duplicateOverride" label={t("patient.duplicateOverride")} />
          </div>
        )}

        <div className="form-actions">
          <button type="submit" className="primary" data-testid="register">
            {editing === undefined ? t("patient.register") : t("patient.save")}
          </button>
          {editing !== undefined && (
            <button type="button" data-testid="print" onClick={() => void print(editing)}>
              {t("patient.print")}
            </button>
          )}
          {printed !== null && (
            <span className="save-status" data-testid="printed" data-path={printed}>
              {t("patient.printed", { path: printed })}
            </span>
          )}
          {saved !== null && editing !== undefined && refused === null && (
            <span className="save-status" data-testid="saved">
              {t("patient.saved")}
            </span>
          )}
        </div>
      </form>
    </PatientEditorContext.Provider>
  );
}
