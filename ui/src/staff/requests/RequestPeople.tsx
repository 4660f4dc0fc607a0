import { useTranslation } from "react-i18next";

import type { RequestLine } from "../../bindings/ipc";

type Props = {
  lines: readonly RequestLine[];
  /** The masked HKID of each person, by staff id (from the staff list). */
  masked: ReadonlyMap<string, string>;
};

/** The people of a request, as its printed form lists them, with the other HCPs they hold accounts under. */
export function RequestPeople({ lines, masked }: Props) {
  const { t } = useTranslation("staff");
  return (
    <table className="applications" data-testid="request-people">
      <thead>
        <tr>
          <th scope="col">{t("staff.column.name")}</th>
          <th scope="col">{t("staff.column.hkid")}</th>
          <th scope="col">{t("staff.column.accountType")}</th>
          <th scope="col">{t("staff.column.professions")}</th>
          <th scope="col">{t("accountRequest.column.action")}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr key={line.item.staff} data-testid="request-person" data-name={line.member.nameEn}>
            <td>
              {line.member.nameEn}
              {line.member.nameZh !== null && <span lang="zh-HK"> {line.member.nameZh}</span>}
              {line.alsoAt.length > 0 && (
                <p className="field-hint" data-testid="also-at">
                  {t("accountRequest.alsoAt", { hcps: line.alsoAt.join("; ") })}
                </p>
              )}
            </td>
            <td className="nowrap">{masked.get(line.item.staff) ?? ""}</td>
            <td>{t(`accountType.${line.member.accountType}`)}</td>
            <td>
              {line.member.registrations
                .map((r) => `${t(`profession.${r.profession}`, { ns: "reference" })} ${r.number}`)
                .join(", ")}
            </td>
            <td>
              {t(`requestAction.${line.item.action}`)}
              {line.item.reason !== undefined && line.item.reason !== "" && ` — ${line.item.reason}`}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
