import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import {
  type ApplicationId,
  commands,
  type Issue,
  type ReferenceData,
  type StaffForm,
  type StaffId,
} from "../bindings/ipc";
import { call, issuesOf } from "../lib/ipc";
import { generalIssues } from "../lib/issues";
import { IssueBanner } from "../shell/IssueBanner";
import { HslChoices } from "./HslChoices";
import { LeavingPanel } from "./LeavingPanel";
import { RegistrationRows } from "./RegistrationRows";
import { type StaffEditorApi, StaffEditorContext, StaffSelect, StaffText } from "./StaffFields";
import { blankStaffForm } from "./staffForm";
import { useHslNames } from "./useHslNames";

type Props = {
  hcp: ApplicationId;
  /** The member to change; a new one when `null`. */
  id: StaffId | null;
  reference: ReferenceData;
  canManage: boolean;
  onDone: () => void;
};

// A member whose opening failed has no version: 0 is none, so the core answers conflict.stale, nothing written.
const NOT_OPENED = 0;

/** A member of staff, added or changed: every field checked by the core as it is left (checkStaff). */
export function StaffEditor({ hcp, id, reference, canManage, onDone }: Props) {
  const { t } = useTranslation("staff");
  const form = useForm<StaffForm>({ defaultValues: blankStaffForm() });
  const { register, control, getValues, reset, setValue } = form;
  const [issues, setIssues] = useState<Issue[]>([]);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [banner, setBanner] = useState<Issue[]>([]);
  const [version, setVersion] = useState<number | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState<StaffId | null>(id);
  const [leftOn, setLeftOn] = useState<string | null>(null);
  const ticket = useRef(0);
  const hslNames = useHslNames(hcp);

  const ask = useCallback(async () => {
    const mine = ++ticket.current;
    setBusy(true);
    try {
      const found = await call(commands.checkStaff(hcp, getValues()));
      if (mine === ticket.current) setIssues(found);
    } catch (error) {
      setBanner(issuesOf(error));
    } finally {
      if (mine === ticket.current) setBusy(false);
    }
  }, [hcp, getValues]);

  useEffect(() => {
    if (id === null) return;
    let live = true;
    call(commands.openStaff(id))
      .then((opened) => {
        if (!live) return;
        // A member with no registration (not a professional) opens with none: "Add a registration" adds one.
        reset({ ...opened.form, registrations: opened.form.registrations ?? [] });
        setVersion(opened.stored.version);
        setLeftOn(opened.stored.record.leftOn ?? null);
        setShowAll(true);
        void ask();
      })
      .catch((error: unknown) => {
        if (live) setBanner(issuesOf(error));
      });
    return () => {
      live = false;
    };
  }, [id, reset, ask]);

  const issueAt = useCallback(
    (path: string) => (showAll || touched.has(path) ? issues.find((issue) => issue.field === path) : undefined),
    [issues, showAll, touched],
  );
  const leave = useCallback(
    (path: string) => {
      setSaved(false);
      setTouched((previous) => new Set(previous).add(path));
      void ask();
    },
    [ask],
  );
  const readOnly = !canManage;
  const editor: StaffEditorApi = useMemo(
    () => ({ register, control, setValue, readOnly, issueAt, leave }),
    [register, control, setValue, readOnly, issueAt, leave],
  );

  const submit = async () => {
    setShowAll(true);
    setBanner([]);
    setBusy(true);
    try {
      const stored =
        editing === null
          ? await call(commands.addStaff(hcp, getValues()))
          : await call(commands.updateStaff(editing, version ?? NOT_OPENED, getValues()));
      setEditing(stored.id);
      setVersion(stored.version);
      setSaved(true);
      setIssues(await call(commands.checkStaff(hcp, getValues())));
    } catch (error) {
      const found = issuesOf(error);
      setIssues(found);
      setBanner(generalIssues(found));
    } finally {
      setBusy(false);
    }
  };

  return (
    <StaffEditorContext.Provider value={editor}>
      <div className="page-heading">
        <h2>{editing === null ? t("staff.editor.newHeading") : t("staff.editor.heading")}</h2>
        <button type="button" className="link-button push-right" data-testid="staff-back" onClick={onDone}>
          {t("staff.back")}
        </button>
      </div>
      <IssueBanner issues={banner} />
      <form
        aria-busy={busy}
        noValidate
        data-testid="staff-editor"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <fieldset>
          <legend>{t("staff.section.person")}</legend>
          <div className="inline-fields">
            <StaffText path="nameEn" label={t("staff.field.nameEn")} required />
            <StaffText path="nameZh" label={t("staff.field.nameZh")} lang="zh-HK" />
            <StaffText path="hkid" label={t("staff.field.hkid")} required />
          </div>
          <div className="inline-fields">
            <StaffText path="phone" label={t("staff.field.phone")} type="tel" required />
            <StaffText path="email" label={t("staff.field.email")} type="email" required />
            <StaffSelect
              path="accountType"
              label={t("staff.field.accountType")}
              required
              options={reference.accountTypes.map((type) => ({
                value: type,
                label: t(`accountType.${type}`),
              }))}
            />
          </div>
          <HslChoices offered={hslNames} />
        </fieldset>
        <RegistrationRows groups={reference.professionGroups} />
        {canManage && (
          <div className="form-actions">
            <button type="submit" className="primary" data-testid="staff-save">
              {t("staff.save")}
            </button>
            {saved && (
              <span className="save-status" data-testid="staff-saved">
                {t("staff.saved")}
              </span>
            )}
          </div>
        )}
      </form>
      {editing !== null && version !== null && (
        <LeavingPanel
          id={editing}
          version={version}
          leftOn={leftOn}
          canManage={canManage}
          onRecorded={(summary) => {
            setVersion(summary.version);
            setLeftOn(summary.leftOn);
          }}
          onIssues={setBanner}
        />
      )}
    </StaffEditorContext.Provider>
  );
}
