// @ssemble/sandbox: a stateful Ssemble API driven by its spec, in-process (`sandbox.fetch`) or on a port.
import type { Server } from "node:http";
import type { ClockMode, ClockState } from "./core/clock.js";
import { advance } from "./core/controls.js";
import { createEngine, type Engine } from "./core/engine.js";
import type { AccountLimits } from "./core/rate-limits.js";
import type { Deliver, Delivery } from "./core/webhooks.js";
import type { WorkspaceSettings } from "./core/workspace.js";
import { createFetch, type SandboxFetch } from "./fetch.js";
import { loadInputs } from "./load.js";
import { createSandboxServer, listen } from "./server.js";

export { API_KEY } from "./core/engine.js";
export { SpecViolationError } from "./core/errors.js";
/** The magic keys and sources (README, "Magic inputs"), name → effect: for tooling that lists them. */
export { MAGIC_KEYS, MAGIC_SOURCES } from "./core/magic.js";
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
  const engine: Engine = createEngine({
    ...loadInputs(),
    ...(options.realNow ? { realNow: options.realNow } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.webhooks ? { webhooks: options.webhooks } : {}),
  });
  let server: Server | undefined;
  // Running clocks move without anyone asking: one ticker for the whole sandbox (not one timer per job) sends
  // what came due. unref'd, so it never keeps a process alive.
  const ticker = setInterval(() => void engine.tick(), options.tickMs ?? 50);
  ticker.unref();
  return {
    fetch: createFetch(engine),
    async listen({ host = "127.0.0.1", port = 4020 } = {}) {
      if (server) throw new Error("the sandbox is already listening");
      server = createSandboxServer(engine);
      return listen(server, host, port);
    },
    close() {
      clearInterval(ticker);
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
          set: (o) => ws.clock.set(o),
          advance: (ms) => advance(ws, ms),
        },
        webhooks: () => [...(ws.webhooks?.journal ?? [])],
        settings: () => ({ ...ws.settings, limits: { ...ws.settings.limits } }),
        update(settings) {
          const { limits, ...rest } = settings;
          Object.assign(ws.settings, rest);
          if (limits) ws.settings.limits = { ...ws.settings.limits, ...limits };
          return { ...ws.settings, limits: { ...ws.settings.limits } };
        },
        reset: () => ws.reset(),
      };
    },
  };
}
