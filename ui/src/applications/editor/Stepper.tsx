import { useTranslation } from "react-i18next";

import type { Issue, Step } from "../../bindings/ipc";

export const steps: Step[] = ["hcpInformation", "userInformation", "hsls", "documents", "review"];

export function stepOfField(field: string | null): Step {
  const head = (field ?? "").split(/[.[]/)[0] ?? "";
  if (head === "declarations") return "review";
  return (steps as string[]).includes(head) ? (head as Step) : "review";
}

type Props = { current: Step; issues: Issue[]; showCounts: boolean; onSelect: (step: Step) => void };

/** The five steps as a navigation list, each with the number of errors still in it. */
export function Stepper({ current, issues, showCounts, onSelect }: Props) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("step.label")} className="stepper">
      <ol>
        {steps.map((step, index) => {
          const count = issues.filter((i) => i.severity === "error" && stepOfField(i.field) === step).length;
          return (
            <li key={step}>
              <button
                type="button"
                data-testid={`step-${step}`}
                aria-current={step === current ? "step" : undefined}
                onClick={() => {
                  onSelect(step);
                }}
              >
                <span className="step-number">{index + 1}</span>
                <span>{t(`step.${step}`)}</span>
                {showCounts && count > 0 && <span className="step-count">{t("step.issues", { count })}</span>}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
