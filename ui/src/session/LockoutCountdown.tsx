import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { secondsLeft } from "./countdown";

/** A locked account's time left, counting down each second; `onOver` when it has run out. */
export function LockoutCountdown({ until, onOver }: { until: number; onOver: () => void }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  const left = secondsLeft(until, now);

  useEffect(() => {
    if (left === 0) {
      onOver();
      return;
    }
    const timer = window.setTimeout(() => {
      setNow(Date.now());
    }, 1000);
    return () => {
      window.clearTimeout(timer);
    };
  }, [left, onOver]);

  return (
    <div className="issue-banner lockout">
      {/* The wording is the core error's own, with the time left kept current; a timer is not read aloud each second. */}
      <p role="timer" data-testid="lockout-countdown" data-seconds={String(left)}>
        {t("auth.locked", {
          ns: "errors",
          minutes: String(Math.floor(left / 60)),
          seconds: String(left % 60).padStart(2, "0"),
        })}
      </p>
    </div>
  );
}
