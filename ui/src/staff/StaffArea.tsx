import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { ApplicationId, ReferenceData, RequestId, StaffId, StaffSummary } from "../bindings/ipc";
import { ExpiringPanel } from "./ExpiringPanel";
import { HcpPicker } from "./HcpPicker";
import { ImportScreen } from "./import/ImportScreen";
import { NewRequest } from "./requests/NewRequest";
import { RequestList } from "./requests/RequestList";
import { RequestView } from "./requests/RequestView";
import { StaffEditor } from "./StaffEditor";
import { StaffList } from "./StaffList";

type View =
  | { screen: "staff" }
  | { screen: "member"; id: StaffId | null; key: number }
  | { screen: "import" }
  | { screen: "requests" }
  | { screen: "newRequest"; people: StaffSummary[] }
  | { screen: "request"; id: RequestId };

type Props = { reference: ReferenceData; canManage: boolean };

/**
 * The user administrator's area: the HCP chosen at the top (an application of this database), then its staff
 * list with the registrations that expire, the import, and the account requests.
 */
export function StaffArea({ reference, canManage }: Props) {
  const { t } = useTranslation("staff");
  const [hcp, setHcp] = useState<ApplicationId | null>(null);
  const [view, setView] = useState<View>({ screen: "staff" });
  const toStaff = () => {
    setView({ screen: "staff" });
  };
  const openRequest = (id: RequestId) => {
    setView({ screen: "request", id });
  };

  const screen = () => {
    if (hcp === null) return null;
    switch (view.screen) {
      case "staff":
        return (
          <>
            <ExpiringPanel hcp={hcp} days={reference.expiryWindowDays} canManage={canManage} onRequest={openRequest} />
            <StaffList
              hcp={hcp}
              reference={reference}
              canManage={canManage}
              onOpen={(id) => {
                setView({ screen: "member", id, key: Date.now() });
              }}
              onNew={() => {
                setView({ screen: "member", id: null, key: Date.now() });
              }}
              onImport={() => {
                setView({ screen: "import" });
              }}
              onRequest={(people) => {
                setView({ screen: "newRequest", people });
              }}
            />
          </>
        );
      case "member":
        return (
          <StaffEditor
            key={view.key}
            hcp={hcp}
            id={view.id}
            reference={reference}
            canManage={canManage}
            onDone={toStaff}
          />
        );
      case "import":
        return <ImportScreen hcp={hcp} reference={reference} onDone={toStaff} />;
      case "requests":
        return <RequestList hcp={hcp} onOpen={openRequest} />;
      case "newRequest":
        return (
          <NewRequest
            hcp={hcp}
            people={view.people}
            actions={reference.requestActions}
            onCreated={openRequest}
            onCancel={toStaff}
          />
        );
      case "request":
        return (
          <RequestView
            key={view.id}
            id={view.id}
            canManage={canManage}
            onBack={() => {
              setView({ screen: "requests" });
            }}
          />
        );
    }
  };

  const onRequests = view.screen === "requests" || view.screen === "request" || view.screen === "newRequest";
  return (
    <section>
      <div className="page-heading">
        <h1>{t("staff.heading")}</h1>
      </div>
      <div className="staff-top">
        <HcpPicker
          chosen={hcp}
          onChoose={(id) => {
            setHcp(id);
            toStaff();
          }}
        />
        <nav className="staff-tabs" aria-label={t("staff.tabs")}>
          <button
            type="button"
            data-testid="staff-tab-list"
            aria-current={onRequests ? undefined : "page"}
            onClick={toStaff}
          >
            {t("staff.tab.list")}
          </button>
          <button
            type="button"
            data-testid="staff-tab-requests"
            aria-current={onRequests ? "page" : undefined}
            onClick={() => {
              setView({ screen: "requests" });
            }}
          >
            {t("staff.tab.requests")}
          </button>
        </nav>
      </div>
      {screen()}
    </section>
  );
}
