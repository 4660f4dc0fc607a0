import { useTranslation } from "react-i18next";

import type { StaffId, StaffSummary } from "../bindings/ipc";
import { formatDate } from "../lib/format";

type Props = {
  staff: readonly StaffSummary[];
  /** The people ticked for a request; `null`: no ticking (the user may only read). */
  ticked: ReadonlySet<StaffId> | null;
  onTick: (id: StaffId, on: boolean) => void;
  onOpen: (id: StaffId) => void;
};

/** The staff list's table: names, the HKID masked, account type, professions, HSLs, the first expiry. */
export function StaffTable({ staff, ticked, onTick, onOpen }: Props) {
  const { t, i18n } = useTranslation("staff");
  return (
    <table className="applications" data-testid="staff-table">
      <thead>
        <tr>
          {ticked !== null && (
            <th scope="col">
              <span className="visually-hidden">{t("staff.column.tick")}</span>
            </th>
          )}
          <th scope="col">{t("staff.column.name")}</th>
          <th scope="col">{t("staff.column.hkid")}</th>
          <th scope="col">{t("staff.column.accountType")}</th>
          <th scope="col">{t("staff.column.professions")}</th>
          <th scope="col">{t("staff.column.hsls")}</th>
          <th scope="col">{t("staff.column.firstExpiry")}</th>
          <th scope="col">{t("home.column.actions", { ns: "common" })}</th>
        </tr>
      </thead>
      <tbody>
        {staff.map((member) => (
          <tr
            key={member.id}
            data-testid="staff-row"
            data-name={member.nameEn}
            className={member.leftOn === null ? undefined : "staff-left"}
          >
            {ticked !== null && (
              <td>
                <input
                  type="checkbox"
                  data-testid="staff-tick"
                  aria-label={`${t("staff.column.tick")}: ${member.nameEn}`}
                  checked={ticked.has(member.id)}
                  onChange={(event) => {
                    onTick(member.id, event.target.checked);
                  }}
                />
              </td>
            )}
            <td>
              {member.nameEn}
              {member.nameZh !== null && <span lang="zh-HK"> {member.nameZh}</span>}
              {member.leftOn !== null && (
                <span className="badge" data-testid="staff-left-on">
                  {t("staff.leftOn", { date: formatDate(member.leftOn, i18n.language) })}
                </span>
              )}
            </td>
            <td className="nowrap">{member.hkidMasked}</td>
            <td>{t(`accountType.${member.accountType}`)}</td>
            <td>{member.professions.map((p) => t(`profession.${p}`, { ns: "reference" })).join(", ")}</td>
            <td>{member.hsls.join("; ")}</td>
            <td className="nowrap">
              {member.firstExpiry === null ? "" : formatDate(member.firstExpiry, i18n.language)}
            </td>
            <td>
              <button
                type="button"
                data-testid="staff-open"
                aria-label={`${t("home.open", { ns: "common" })}: ${member.nameEn}`}
                onClick={() => {
                  onOpen(member.id);
                }}
              >
                {t("home.open", { ns: "common" })}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
