import { useState } from "react";
import { useTranslation } from "react-i18next";

import {
  type AccountType,
  type ApplicationId,
  commands,
  type Issue,
  type Profession,
  type ReferenceData,
  type StaffId,
  type StaffSummary,
} from "../bindings/ipc";
import { call, issuesOf } from "../lib/ipc";
import { concerns, useStoreChanges } from "../lib/storeChanges";
import { useDebouncedAnswer } from "../lib/useDebouncedAnswer";
import { IssueBanner } from "../shell/IssueBanner";
import { FilterSelect } from "./FilterSelect";
import { StaffTable } from "./StaffTable";
import { useHslNames } from "./useHslNames";

type Props = {
  hcp: ApplicationId;
  reference: ReferenceData;
  canManage: boolean;
  onOpen: (id: StaffId) => void;
  onNew: () => void;
  onImport: () => void;
  /** The people ticked, for a new account request. */
  onRequest: (people: StaffSummary[]) => void;
};

/** The HCP's staff list, masked, narrowed by the core: a search and filters by profession, account, HSL,
 * and whether those who left are shown. */
export function StaffList({ hcp, reference, canManage, onOpen, onNew, onImport, onRequest }: Props) {
  const { t } = useTranslation("staff");
  const [query, setQuery] = useState("");
  const [profession, setProfession] = useState<Profession | "">("");
  const [accountType, setAccountType] = useState<AccountType | "">("");
  const [hsl, setHsl] = useState("");
  const [includeLeft, setIncludeLeft] = useState(false);
  const [ticked, setTicked] = useState<ReadonlySet<StaffId>>(new Set());
  const [banner, setBanner] = useState<Issue[]>([]);
  const [generation, setGeneration] = useState(0);
  const hslNames = useHslNames(hcp);
  useStoreChanges((change) => {
    if (concerns(change, "staff")) setGeneration((g) => g + 1);
  });

  const filters = { query, profession, accountType, hsl, includeLeft };
  const found = useDebouncedAnswer(
    JSON.stringify([hcp, filters, generation]),
    () => {
      // Cleared as the current question is asked: a late answer to an older one must not clear its failure.
      setBanner([]);
      return call(
        commands.listStaff(hcp, {
          ...filters,
          profession: profession === "" ? null : profession,
          accountType: accountType === "" ? null : accountType,
        }),
      );
    },
    (error) => {
      setBanner(issuesOf(error));
    },
  );

  const people = (found ?? []).filter((each) => ticked.has(each.id));
  return (
    <section className="staff-list" aria-labelledby="staff-list-heading">
      <div className="page-heading">
        <h2 id="staff-list-heading">{t("staff.list.heading")}</h2>
        {canManage && (
          <>
            <button type="button" className="push-right" data-testid="staff-import" onClick={onImport}>
              {t("staff.import")}
            </button>
            <button type="button" data-testid="staff-new" onClick={onNew}>
              {t("staff.new")}
            </button>
            <button
              type="button"
              className="primary"
              data-testid="staff-request"
              disabled={people.length === 0}
              onClick={() => {
                onRequest(people);
              }}
            >
              {t("staff.requestFor", { count: people.length })}
            </button>
          </>
        )}
      </div>
      <div className="inline-fields staff-filters">
        <div className="field">
          <label htmlFor="staff-search">{t("staff.search")}</label>
          <input
            id="staff-search"
            type="search"
            value={query}
            data-testid="staff-search"
            placeholder="CHAN / 陳 / A123***(3)"
            onChange={(event) => {
              setQuery(event.target.value);
            }}
          />
        </div>
        <FilterSelect
          id="staff-filter-profession"
          label={t("staff.filter.profession")}
          value={profession}
          options={reference.professionGroups.map((group) => ({
            value: group.code,
            label: t(`profession.${group.code}`, { ns: "reference" }),
          }))}
          onChange={setProfession}
        />
        <FilterSelect
          id="staff-filter-account"
          label={t("staff.filter.accountType")}
          value={accountType}
          options={reference.accountTypes.map((type) => ({ value: type, label: t(`accountType.${type}`) }))}
          onChange={setAccountType}
        />
        <FilterSelect
          id="staff-filter-hsl"
          label={t("staff.filter.hsl")}
          value={hsl}
          options={hslNames.map((name) => ({ value: name, label: name }))}
          onChange={setHsl}
        />
        <label className="checkbox-line staff-include-left">
          <input
            type="checkbox"
            data-testid="staff-include-left"
            checked={includeLeft}
            onChange={(event) => {
              setIncludeLeft(event.target.checked);
            }}
          />
          {t("staff.filter.includeLeft")}
        </label>
      </div>
      <IssueBanner issues={banner} />
      {found !== null && found.length === 0 ? (
        <p className="empty" data-testid="staff-empty">
          {t("staff.list.empty")}
        </p>
      ) : (
        <StaffTable
          staff={found ?? []}
          ticked={canManage ? ticked : null}
          onTick={(id, on) => {
            setTicked((previous) => {
              const next = new Set(previous);
              if (on) next.add(id);
              else next.delete(id);
              return next;
            });
          }}
          onOpen={onOpen}
        />
      )}
    </section>
  );
}
