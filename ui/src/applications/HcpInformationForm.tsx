import { useCallback, useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import {
  type ApplicationId,
  commands,
  type HcpInformationInput,
  type Issue,
  type ReferenceData,
  type Region,
} from "../bindings/ipc";
import { formatTime } from "../lib/format";
import { call, issuesOf } from "../lib/ipc";
import { generalIssues, visibleIssuesByField } from "../lib/issues";
import { IssueBanner } from "../shell/IssueBanner";
import { Field } from "./Field";

type HcpInformation = Required<HcpInformationInput>;
type FormValues = { hcpInformation: HcpInformation };
type TextField = keyof HcpInformation;

const SECTION = "hcpInformation";
const empty: HcpInformation = {
  nameEn: "",
  nameZh: "",
  brNumber: "",
  hcpType: "",
  addressLine1: "",
  addressLine2: "",
  district: "",
  contactNameEn: "",
  contactNameZh: "",
  contactPosition: "",
  phone: "",
  email: "",
  fax: "",
};
const regions: Region[] = ["hong_kong_island", "kowloon", "new_territories"];

type Props = { id: ApplicationId | null; reference: ReferenceData; onClose: () => void };

/**
 * Step 1 of the HCP registration application. Every verdict comes from the core: the form asks it when a
 * field is left and shows issues only for fields the user has left, in the chosen language.
 */
export function HcpInformationForm({ id: initialId, reference, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const {
    register,
    getValues,
    reset,
    // Read during render: react-hook-form only tracks the form state that render subscribes to.
    formState: { isDirty },
  } = useForm<FormValues>({ defaultValues: { hcpInformation: empty } });
  const [id, setId] = useState<ApplicationId | null>(initialId);
  const [loading, setLoading] = useState(initialId !== null);
  const [issues, setIssues] = useState<Issue[]>([]);
  const [banner, setBanner] = useState<Issue[]>([]);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const validation = useRef(0);

  const validate = useCallback(async () => {
    // Only the latest answer counts when the user moves quickly between fields.
    const ticket = ++validation.current;
    const found = await commands.validateHcpInformation(getValues(SECTION));
    if (ticket === validation.current) {
      setIssues(found);
    }
  }, [getValues]);

  useEffect(() => {
    if (initialId === null) {
      return;
    }
    call(commands.getApplication(initialId))
      .then((draft) => {
        reset({ hcpInformation: { ...empty, ...draft.hcpInformation } });
        setLoading(false);
        // A reopened draft shows what is still to correct in the fields already filled in.
        const filled = Object.entries(draft.hcpInformation)
          .filter(([, value]) => value !== "")
          .map(([name]) => `${SECTION}.${name}`);
        setTouched(new Set(filled));
        void validate();
      })
      .catch((error: unknown) => {
        setBanner(issuesOf(error));
        setLoading(false);
      });
    // Loading happens once per opened application.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [initialId]);

  function leave(name: TextField): void {
    setTouched((previous) => new Set(previous).add(`${SECTION}.${name}`));
    void validate();
  }

  async function save(): Promise<boolean> {
    setSaving(true);
    try {
      const saved = await call(commands.saveHcpInformation(id, getValues(SECTION)));
      setId(saved.draft.id);
      setIssues(saved.issues);
      // After a save, show every field that still needs correcting.
      setTouched(new Set(saved.issues.flatMap((issue) => (issue.field === null ? [] : [issue.field]))));
      setSavedAt(saved.draft.updatedAt);
      setBanner([]);
      reset(getValues());
      return true;
    } catch (error) {
      setBanner(issuesOf(error));
      return false;
    } finally {
      setSaving(false);
    }
  }

  async function back(): Promise<void> {
    // Nothing typed is lost: unsaved changes are saved as a draft on the way out.
    if (isDirty && !(await save())) {
      return;
    }
    onClose();
  }

  const shown = visibleIssuesByField(issues, touched);
  const errorCount = issues.filter((issue) => issue.severity === "error").length;
  const issueAt = (name: TextField) => shown.get(`${SECTION}.${name}`);
  const input = (name: TextField, control: object, extra: object = {}) => (
    <input
      {...control}
      {...extra}
      data-testid={`input-${name}`}
      {...register(`${SECTION}.${name}`, {
        onBlur: () => {
          leave(name);
        },
      })}
    />
  );
  const text = (name: TextField, options: { required?: boolean; hint?: string; type?: string; lang?: string } = {}) => (
    <Field
      path={`${SECTION}.${name}`}
      label={t(`form.${name}`)}
      issue={issueAt(name)}
      {...(options.required === true ? { required: true } : {})}
      {...(options.hint === undefined ? {} : { hint: options.hint })}
    >
      {(control) =>
        input(name, control, {
          type: options.type ?? "text",
          ...(options.lang === undefined ? {} : { lang: options.lang }),
        })
      }
    </Field>
  );

  if (loading) {
    return <p>{t("form.loading")}</p>;
  }

  return (
    <section aria-labelledby="form-heading">
      <button type="button" className="link-button" data-testid="back" onClick={() => void back()}>
        ← {t("form.back")}
      </button>
      <p className="step">{t("form.step", { current: 1, total: 5 })}</p>
      <h1 id="form-heading">{t("form.heading")}</h1>
      <p className="intro">{t("form.intro")}</p>
      <IssueBanner issues={[...banner, ...generalIssues(issues)]} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <fieldset>
          <legend>{t("form.section.organisation")}</legend>
          {text("nameEn", { required: true, lang: "en" })}
          {text("nameZh", { lang: "zh-HK" })}
          {text("brNumber", { required: true, hint: t("form.brNumber.hint") })}
          <Field path={`${SECTION}.hcpType`} label={t("form.hcpType")} required issue={issueAt("hcpType")}>
            {(control) => (
              <select
                {...control}
                data-testid="input-hcpType"
                {...register(`${SECTION}.hcpType`, {
                  onBlur: () => {
                    leave("hcpType");
                  },
                })}
              >
                <option value="">{t("form.choose")}</option>
                {reference.hcpTypes.map((type) => (
                  <option key={type} value={type}>
                    {t(`hcpType.${type}`, { ns: "reference" })}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </fieldset>
        <fieldset>
          <legend>{t("form.section.address")}</legend>
          {text("addressLine1", { required: true })}
          {text("addressLine2")}
          <Field path={`${SECTION}.district`} label={t("form.district")} required issue={issueAt("district")}>
            {(control) => (
              <select
                {...control}
                data-testid="input-district"
                {...register(`${SECTION}.district`, {
                  onBlur: () => {
                    leave("district");
                  },
                })}
              >
                <option value="">{t("form.choose")}</option>
                {regions.map((region) => (
                  <optgroup key={region} label={t(`region.${region}`, { ns: "reference" })}>
                    {reference.districts
                      .filter((option) => option.region === region)
                      .map(({ district }) => (
                        <option key={district} value={district}>
                          {t(`district.${district}`, { ns: "reference" })}
                        </option>
                      ))}
                  </optgroup>
                ))}
              </select>
            )}
          </Field>
        </fieldset>
        <fieldset>
          <legend>{t("form.section.contact")}</legend>
          {text("contactNameEn", { required: true, lang: "en" })}
          {text("contactNameZh", { lang: "zh-HK" })}
          {text("contactPosition")}
          {text("phone", { required: true, hint: t("form.phone.hint"), type: "tel" })}
          {text("email", { required: true, type: "email" })}
          {text("fax", { type: "tel" })}
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="primary" data-testid="save" disabled={saving}>
            {saving ? t("form.saving") : t("form.save")}
          </button>
          <p role="status" className="save-status" data-testid="save-status">
            {savedAt !== null &&
              (errorCount === 0
                ? t("form.saved", { time: formatTime(savedAt, i18n.language) })
                : t("form.savedWithIssues", { time: formatTime(savedAt, i18n.language), count: errorCount }))}
          </p>
        </div>
      </form>
    </section>
  );
}
