// What every entry shares (Node's `createSandbox`, the browser's `createBrowserSandbox`): the options that need no
// file or port, and the in-process object around an engine: fetch, the per-workspace controls, the ticker.
import type { ClockMode, ClockState } from "./core/clock.js";
import { advance } from "./core/controls.js";
import type { Engine } from "./core/engine.js";
import type { AccountLimits } from "./core/rate-limits.js";
import type { Deliver, Delivery } from "./core/webhooks.js";
import { ResendRefused } from "./core/webhooks.js";
import { type SettingsUpdate, settingsProblems, type WorkspaceSettings } from "./core/workspace.js";
import { createFetch, type SandboxFetch } from "./fetch.js";
import { OPERATIONS } from "./operations/index.js";

export interface CommonOptions {
  /** How each new workspace's clock starts: `running` (default) at `speed` (default 1), or `manual`. */
  clock?: { mode?: ClockMode; speed?: number };
  /** Real time in ms (default `Date.now`): the only time source the sandbox reads. */
  realNow?: () => number;
  /** New workspaces' account caps (default `{ hour: 100, day: 1000 }`, the API's defaults). */
  limits?: AccountLimits;
  /**
   * Webhook deliveries: only loopback receivers by default; `allowHosts` lists other hostnames that may receive
   * them. `deliver` replaces the HTTP call (default: fetch); it gets a signal that aborts when the attempt's time
   * is up. Every attempt, custom or not, ends within `timeoutMs` (default 5,000): a receiver never holds a clock.
   */
  webhooks?: { allowHosts?: readonly string[]; deliver?: Deliver; timeoutMs?: number };
  /** How often (real ms) running clocks' due webhooks are sent (default 50). */
  tickMs?: number;
  /** The most workspaces kept (default 1,000): a new key beyond it replaces the one used least recently. */
  maxWorkspaces?: number;
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
  /**
   * Sends an ended job's event again, now, to its `webhookUrl` (or `url`), and journals it (`resent: true`), as
   * `POST /_sandbox/webhooks/{requestId}/resend` does. Throws a `RangeError` saying why for an unknown job, one
   * that has not ended or was cancelled, or one with nowhere to send it.
   */
  resendWebhook(requestId: string, options?: { url?: string }): Promise<Delivery>;
  settings(): WorkspaceSettings;
  /**
   * Changes credits, subscription or the account caps, checked exactly like `PUT /_sandbox/workspace`: a value
   * that control refuses (`credits: -1`, an unknown cap) throws a `RangeError` naming each field, and nothing changes.
   */
  update(settings: SettingsUpdate): WorkspaceSettings;
  reset(): void;
}

export interface InProcessSandbox {
  /** WHATWG fetch into the sandbox: `createSsembleClient({ apiKey, baseUrl, fetch: sandbox.fetch })`. */
  fetch: SandboxFetch;
  close(): Promise<void>;
  /** Forgets every workspace. */
  reset(): void;
  /** The controls of `apiKey`'s workspace (created on first use), as plain functions. */
  workspace(apiKey: string): WorkspaceControls;
}

/** The in-process sandbox around `engine`; `onClose` runs first when it closes. */
export function inProcess(
  engine: Engine,
  options: { tickMs?: number | undefined; onClose?: () => Promise<void> | void },
): InProcessSandbox {
  // Running clocks move without anyone asking: one ticker for the whole sandbox (not one timer per job) sends
  // what came due. unref'd where the runtime can, so it never keeps a process alive.
  // A tick's failure is a sandbox bug the next advance reports; it must never end the process.
  const ticker = setInterval(() => void engine.tick().catch(() => {}), options.tickMs ?? 50);
  (ticker as { unref?: () => void }).unref?.();
  /** Passes `value` through, telling persistence (if any) that the workspace changed. */
  const changing = <T>(value: T): T => {
    engine.changed();
    return value;
  };
  return {
    fetch: createFetch(engine),
    async close() {
      clearInterval(ticker);
      engine.endStreams();
      await options.onClose?.();
    },
    reset: () => engine.reset(),
    workspace(apiKey) {
      const ws = engine.workspace(apiKey);
      /** A control changed the workspace: persistence and event streams hear of it. */
      const controlled = <T>(value: T): T => {
        ws.changed("control");
        return changing(value);
      };
      return {
        clock: {
          now: () => ws.clock.now(),
          state: () => ws.clock.state(),
          set: (o) => controlled(ws.clock.set(o)),
          advance: (ms) => advance(ws, ms).then(controlled),
        },
        webhooks: () => [...ws.webhooks.journal],
        async resendWebhook(requestId, options = {}) {
          const job = ws.jobs.get(requestId);
          if (!job)
            throw new RangeError(
              `resendWebhook: no job ${String(requestId).slice(0, 64)} in this workspace`,
            );
          try {
            return controlled(await ws.webhooks.resend(job, options.url));
          } catch (error) {
            if (error instanceof ResendRefused)
              throw new RangeError(`resendWebhook: ${error.message}`);
            throw error;
          }
        },
        settings: () => ({ ...ws.settings, limits: { ...ws.settings.limits } }),
        update(settings) {
          const problems = Object.entries(settingsProblems(settings));
          if (problems.length > 0) {
            const why = problems.map(([field, problem]) => `${field} ${problem}`).join("; ");
            throw new RangeError(`workspace.update: ${why}`);
          }
          return controlled(ws.update(settings));
        },
        reset: () => changing(ws.reset()),
      };
    },
  };
}

/** The engine options every entry passes on as they are, and the operations it routes to. */
export const engineOptions = (options: CommonOptions) => ({
  operations: OPERATIONS,
  ...(options.realNow ? { realNow: options.realNow } : {}),
  ...(options.clock ? { clock: options.clock } : {}),
  ...(options.limits ? { limits: options.limits } : {}),
  ...(options.webhooks ? { webhooks: options.webhooks } : {}),
  ...(options.maxWorkspaces !== undefined ? { maxWorkspaces: options.maxWorkspaces } : {}),
});
