import "./app.css";

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { commands } from "./bindings/ipc";
import { initI18n, systemLanguage } from "./i18n";
import { call } from "./lib/ipc";
import { SessionGate } from "./session/SessionGate";

async function start(): Promise<void> {
  const root = document.getElementById("root");
  if (root === null) {
    throw new Error("index.html has no #root element");
  }
  // The saved choice wins; before any choice, follow the system language.
  const preferences = await call(commands.getPreferences()).catch(() => ({ language: null }));
  await initI18n(preferences.language ?? systemLanguage());
  const reference = await commands.referenceData();
  createRoot(root).render(
    <StrictMode>
      <SessionGate reference={reference} />
    </StrictMode>,
  );
}

void start();
