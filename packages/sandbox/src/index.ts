// @ssemble/sandbox: a stateful Ssemble API driven by its spec, in-process (`sandbox.fetch`) or on a port.
import type { Server } from "node:http";
import type { ClockMode, ClockState } from "./core/clock.js";
import { advance } from "./core/controls.js";
import { createEngine, type Engine, type Persistence } from "./core/engine.js";
import type { AccountLimits } from "./core/rate-limits.js";
import type { Deliver, Delivery } from "./core/webhooks.js";
import type { WorkspaceSettings } from "./core/workspace.js";
import { DataFileWriter, digestKey, readDataFile } from "./data-file.js";
import { createFetch, type SandboxFetch } from "./fetch.js";
import { loadInputs } from "./load.js";
import { createSandboxServer, listen } from "./server.js";

export { API_KEY } from "./core/engine.js";
export { SpecViolationError } from "./core/errors.js";
/** The magic keys and sources (README, "Magic inputs"), name → effect: for tooling that lists them. */
export { MAGIC_KEYS, MAGIC_SOURCES } from "./core/magic.js";
export { DataFileError } from "./data-file.js";
export type {
  AccountLimits,
  ClockMode,
  ClockState,
  Deliver,
  Delivery,
  SandboxFetch,
  WorkspaceSettings,
};

export interface SandboxOptions {
  /** How each new workspace's clock starts: `running` (default) at `speed` (default 1), or `manual`. */
  clock?: { mode?: ClockMode; speed?: number };
  /** Real time in ms (default `Date.now`): the only time source the sandbox reads. */
  realNow?: () => number;
  /** New workspaces' account caps (default `{ hour: 100, day: 1000 }`, the API's defaults). */
  limits?: AccountLimits;
  /**
   * Webhook deliveries: only loopback receivers by default; `allowHosts` lists other hostnames that may receive
   * them. `deliver` replaces the HTTP call (default: fetch, `timeoutMs` per attempt, 5,000 unless set).
   */
  webhooks?: { allowHosts?: readonly string[]; deliver?: Deliver; timeoutMs?: number };
  /** How often (real ms) running clocks' due webhooks are sent (default 50). */
  tickMs?: number;
  /**
   * Keeps every workspace in this JSON file across restarts: loaded now, written at most `dataDebounceMs`
   * (default 1,000) after a change, and by `close()`. An unusable file throws `DataFileError` and is left alone.
   */
  dataFile?: string;
  dataDebounceMs?: number;
}

export interface WorkspaceControls {
  clock: {
    now(): number;
    state(): ClockState;
    set(options: { mode?: ClockMode; speed?: number }): ClockState;
    /** Moves the clock; resolves once every webhook delivery it made due has settled. */
    advance(ms: number): Promise<ClockState>;
  };
  /** The webhook delivery journal: every attempt, with its status or error. */
  webhooks(): Delivery[];
  settings(): WorkspaceSettings;
  update(
    settings: Partial<Omit<WorkspaceSettings, "limits">> & { limits?: Partial<AccountLimits> },
  ): WorkspaceSettings;
  reset(): void;
}

export interface Sandbox {
  /** WHATWG fetch into the sandbox: `createSsembleClient({ apiKey, baseUrl, fetch: sandbox.fetch })`. */
  fetch: SandboxFetch;
  /** Serves the sandbox over HTTP; resolves with its base URL. */
  listen(options?: { host?: string; port?: number }): Promise<string>;
  close(): Promise<void>;
  /** Forgets every workspace. */
  reset(): void;
  /** The controls of `apiKey`'s workspace (created on first use), as plain functions. */
  workspace(apiKey: string): WorkspaceControls;
}

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  let writer: DataFileWriter | undefined;
  const persistence: Persistence | undefined = options.dataFile
    ? { digest: digestKey, saved: readDataFile(options.dataFile), changed: () => writer?.changed() }
    : undefined;
  const engine: Engine = createEngine({
    ...loadInputs(),
    ...(persistence ? { persistence } : {}),
    ...(options.realNow ? { realNow: options.realNow } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.webhooks ? { webhooks: options.webhooks } : {}),
  });
  if (options.dataFile) {
    writer = new DataFileWriter(
      options.dataFile,
      () => engine.snapshot(),
      options.dataDebounceMs ?? 1_000,
    );
  }
  let server: Server | undefined;
  // Running clocks move without anyone asking: one ticker for the whole sandbox (not one timer per job) sends
  // what came due. unref'd, so it never keeps a process alive.
  const ticker = setInterval(() => void engine.tick(), options.tickMs ?? 50);
  ticker.unref();
  /** Passes `value` through, telling the data file (if any) that the workspace changed. */
  const changing = <T>(value: T): T => {
    engine.changed();
    return value;
  };
  return {
    fetch: createFetch(engine),
    async listen({ host = "127.0.0.1", port = 4020 } = {}) {
      if (server) throw new Error("the sandbox is already listening");
      server = createSandboxServer(engine);
      return listen(server, host, port);
    },
    close() {
      clearInterval(ticker);
      writer?.flush();
      const s = server;
      server = undefined;
      if (!s) return Promise.resolve();
      return new Promise((resolve, reject) => {
        s.close((error) => (error ? reject(error) : resolve()));
        s.closeIdleConnections();
      });
    },
    reset: () => engine.reset(),
    workspace(apiKey) {
      const ws = engine.workspace(apiKey);
      return {
        clock: {
          now: () => ws.clock.now(),
          state: () => ws.clock.state(),
          set: (o) => changing(ws.clock.set(o)),
          advance: (ms) => advance(ws, ms).then(changing),
        },
        webhooks: () => [...(ws.webhooks?.journal ?? [])],
        settings: () => ({ ...ws.settings, limits: { ...ws.settings.limits } }),
        update(settings) {
          const { limits, ...rest } = settings;
          Object.assign(ws.settings, rest);
          if (limits) ws.settings.limits = { ...ws.settings.limits, ...limits };
          return changing({ ...ws.settings, limits: { ...ws.settings.limits } });
        },
        reset: () => changing(ws.reset()),
      };
    },
  };
}
