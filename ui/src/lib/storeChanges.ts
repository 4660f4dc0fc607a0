// Changes saved on other workstations, as the core announces them (a kind and an id, nothing of the record).
// One channel for the whole window, opened on the first subscriber; each screen subscribes while it shows.
import { Channel } from "@tauri-apps/api/core";
import { useEffect, useRef } from "react";

import { commands, type StoreChanged } from "../bindings/ipc";

type Listener = (change: StoreChanged) => void;

const listeners = new Set<Listener>();
let channel: Channel<StoreChanged> | null = null;

/** Whether a change may concern records of `kind` (an unknown change may concern any). */
export function concerns(change: StoreChanged, kind: StoreChanged["kind"], id?: string): boolean {
  if (change.kind === "unknown") return true;
  return change.kind === kind && (id === undefined || change.id === id);
}

/** Calls `listener` on every change until the answered unsubscribe is called. */
export function onStoreChange(listener: Listener): () => void {
  if (channel === null) {
    channel = new Channel<StoreChanged>();
    channel.onmessage = (change) => {
      for (const each of listeners) each(change);
    };
    void commands.watchStoreChanges(channel);
  }
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** `listener` on every change while the component is mounted (the latest `listener`, without resubscribing). */
export function useStoreChanges(listener: Listener): void {
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(
    () =>
      onStoreChange((change) => {
        latest.current(change);
      }),
    [],
  );
}
