// The workspace as the page follows it: one event stream per target and key, a version that moves with every
// change (and every tick of a running clock), and loads that re-run when it moves.
import { useEffect, useMemo, useState } from "preact/hooks";
import { FORMS } from "./model.js";
import { type ClockState, type SandboxApi, sandboxApi } from "./sandbox-api.js";
import { follow } from "./sse.js";
import type { ConsoleTarget } from "./target.js";

export interface Live {
  api: SandboxApi;
  /** Moves on every change the sandbox reports. */
  version: number;
  clock: ClockState | undefined;
  connected: boolean;
}

export function useLive(target: ConsoleTarget, key: string): Live {
  const api = useMemo(() => sandboxApi(target, key), [target, key]);
  const [version, setVersion] = useState(0);
  const [clock, setClock] = useState<ClockState | undefined>();
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    if (!target.controls) return;
    return follow(target, key, FORMS.keyHeader, {
      onEvent: ({ data }) => {
        const next = (data as { clock?: ClockState } | null)?.clock;
        if (next) setClock(next);
        setVersion((v) => v + 1);
      },
      onState: setConnected,
    });
  }, [target, key]);
  return { api, version, clock, connected };
}

export type Loaded<T> =
  | { state: "loading" }
  | { state: "ready"; value: T }
  | { state: "error"; message: string };

/** `load()` now and whenever `version` moves; the last answer stays on screen while the next one loads. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [result, setResult] = useState<Loaded<T>>({ state: "loading" });
  useEffect(() => {
    let current = true;
    load().then(
      (value) => current && setResult({ state: "ready", value }),
      (error: unknown) =>
        current &&
        setResult({
          state: "error",
          message: error instanceof Error ? error.message : String(error),
        }),
    );
    return () => {
      current = false;
    };
  }, deps);
  return result;
}
