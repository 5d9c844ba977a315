// Webhook deliveries: a job with `webhookUrl` that completes or fails gets `shorts.completed` or `shorts.failed`,
// attempted at +0 s, +1 s and +3 s of its workspace's clock until one answers 2xx. The payload is validated
// against the spec's webhook schema first. By default only loopback receivers are called: a sandbox reachable on
// a network must not become a request relay. No timers here: whoever moves time (a control, an adapter's ticker)
// calls `dispatch`.
import { webhookPayload } from "./clips.js";
import type { VirtualClock } from "./clock.js";
import { SpecViolationError } from "./errors.js";
import type { JobIndex } from "./job-index.js";
import type { Job } from "./jobs.js";
import { stateAt } from "./jobs.js";
import { isLoopbackHost } from "./loopback.js";
import type { SandboxModel } from "./model.js";
import type { Validators } from "./validator.js";

/** When each attempt is due, after the job ended. */
export const ATTEMPT_OFFSETS_MS = [0, 1_000, 3_000] as const;

export interface Delivery {
  event: string;
  requestId: string;
  /** 1-based. */
  attempt: number;
  url: string;
  /** The receiver's HTTP status, when it answered. */
  status?: number;
  /** Why there is no status: a timeout, a connection error, or a refusal by the sandbox. */
  error?: string;
  /** Virtual time of the attempt. */
  at: string;
  /** Sent again on request (`POST /_sandbox/webhooks/{requestId}/resend`), not by the retry schedule. */
  resent?: boolean;
}

/** Why a job's event cannot be sent again, said per field as a 400's `details`. */
export class ResendRefused extends Error {
  constructor(readonly details: Record<string, string>) {
    super(Object.values(details).join("; "));
  }
}

/**
 * Sends one attempt; resolves with the receiver's status or rejects (connection error). `signal` aborts when the
 * attempt's time is up: the dispatcher has then already journaled a timeout and moved on, whatever `deliver` does.
 */
export type Deliver = (url: string, body: string, signal: AbortSignal) => Promise<number>;

export interface WebhookOptions {
  model: SandboxModel;
  validators: Validators;
  deliver: Deliver;
  /** How long one attempt may take, in real ms. */
  timeoutMs: number;
  /** Hosts other than loopback that may receive deliveries (exact hostnames). */
  allowHosts?: readonly string[];
  /** Told after each journaled attempt (the workspace's event stream passes it on). */
  onJournal?: () => void;
}

export function allowed(url: string, allowHosts: readonly string[] = []): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "not a URL";
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    return `refused: a receiver is an http or https URL, not ${parsed.protocol}`;
  }
  const host = parsed.hostname;
  if (isLoopbackHost(host) || allowHosts.includes(host)) return undefined;
  return `refused: ${host} is not loopback and not in the sandbox's allowed webhook hosts`;
}

interface Pending {
  attempts: number;
  /** The run delivering this job's attempts now, which a later dispatch waits for rather than duplicates. */
  run: Promise<void> | undefined;
}

export class WebhookDispatcher {
  readonly #pending = new Map<Job, Pending>();
  readonly journal: Delivery[] = [];
  /**
   * Sandbox bugs met while delivering (a payload the spec forbids, anything a delivery run threw), reported by the
   * next `advance`; the job is dropped and the sandbox goes on.
   */
  readonly bugs: Error[] = [];

  /** The clock the attempts are due on, and the jobs (a deleted job is owed nothing more). */
  constructor(
    private readonly clock: VirtualClock,
    private readonly jobs: JobIndex,
    private readonly options: WebhookOptions,
  ) {}

  watch(job: Job): void {
    if (job.webhookUrl) this.#pending.set(job, { attempts: 0, run: undefined });
  }

  /** Jobs still owed attempts, and how many each has had, for a data file. */
  pendingSnapshot(): { id: string; attempts: number }[] {
    return [...this.#pending].map(([job, p]) => ({ id: job.id, attempts: p.attempts }));
  }

  /** Owes `job` its remaining attempts after `attempts` made (restoring a data file). */
  resume(job: Job, attempts: number): void {
    this.#pending.set(job, { attempts, run: undefined });
  }

  reset(): void {
    this.#pending.clear();
    this.journal.length = 0;
    this.bugs.length = 0;
  }

  get idle(): boolean {
    return this.#pending.size === 0;
  }

  /** Makes every attempt due by the clock's now; resolves once they (and retries they make due) have settled. */
  async dispatch(): Promise<void> {
    const runs: Promise<void>[] = [];
    for (const [job, p] of this.#pending) {
      // No rejection may escape: a ticker calls this with nobody to catch it, and it would end the process.
      p.run ??= this.#run(job, p)
        .catch((error: unknown) => {
          this.bugs.push(error instanceof Error ? error : new Error(String(error)));
          this.#pending.delete(job);
        })
        .finally(() => {
          p.run = undefined;
        });
      runs.push(p.run);
    }
    await Promise.all(runs);
  }

  /** Delivers this job's due attempts one after another; reads the clock afresh after each, so a run already
   * going when the clock moves also makes the attempts that move made due. */
  async #run(job: Job, p: Pending): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      if (!this.jobs.has(job.id)) return void this.#pending.delete(job);
      const { model } = this.options;
      const state = stateAt(job, now, model);
      if (state.status === "cancelled") return void this.#pending.delete(job);
      if (state.status !== "completed" && state.status !== "failed") return;
      const due = state.updatedAt + (ATTEMPT_OFFSETS_MS[p.attempts] ?? Number.POSITIVE_INFINITY);
      if (due > now) return;
      const payload = webhookPayload(job, state.updatedAt, model);
      if (!payload) return void this.#pending.delete(job);
      try {
        this.#check(payload);
      } catch (error) {
        this.bugs.push(error as Error);
        return void this.#pending.delete(job);
      }
      p.attempts += 1;
      const entry = await this.#attempt(job.webhookUrl as string, payload, {
        event: payload.event,
        requestId: job.id,
        attempt: p.attempts,
        url: job.webhookUrl as string,
        at: new Date(now).toISOString(),
      });
      // A receiver the sandbox may not call is not tried again.
      if (allowed(entry.url, this.options.allowHosts)) return void this.#pending.delete(job);
      const ok = entry.status !== undefined && entry.status >= 200 && entry.status < 300;
      if (ok || p.attempts >= ATTEMPT_OFFSETS_MS.length) return void this.#pending.delete(job);
    }
  }

  /**
   * Sends an ended job's event once more, now, to its `webhookUrl` or to `url` (as `stripe events resend` does),
   * whatever its earlier attempts got; journaled as the next attempt, marked `resent`. Throws `ResendRefused` for a
   * job that has not ended (no event yet), was cancelled (none is sent) or has nowhere to send it.
   */
  async resend(job: Job, url?: string): Promise<Delivery> {
    const now = this.clock.now();
    const { model } = this.options;
    const state = stateAt(job, now, model);
    if (state.status !== "completed" && state.status !== "failed") {
      throw new ResendRefused({
        requestId: `the job is ${state.status}: only a completed or failed job has an event to send`,
      });
    }
    const target = url ?? job.webhookUrl;
    if (!target) {
      throw new ResendRefused({
        url: "the job has no webhookUrl: give the url to send the event to",
      });
    }
    const payload = webhookPayload(job, state.updatedAt, model);
    if (!payload) throw new ResendRefused({ requestId: "the job has no event to send" });
    this.#check(payload);
    const attempt = 1 + this.journal.filter((d) => d.requestId === job.id).length;
    return this.#attempt(target, payload, {
      event: payload.event,
      requestId: job.id,
      attempt,
      url: target,
      at: new Date(now).toISOString(),
      resent: true,
    });
  }

  /** Throws when the sandbox built a payload its own spec forbids (a sandbox bug). */
  #check(payload: { event: string; body: unknown }): void {
    const { model, validators } = this.options;
    const check = validators.at(
      model.webhooks.find((w) => w.event === payload.event)?.pointer ?? "",
    );
    if (!check(payload.body)) {
      const violations = (check.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`);
      throw new SpecViolationError(payload.event, 0, violations);
    }
  }

  /** One attempt: refused by policy, or sent within the deadline; journaled either way. */
  async #attempt(url: string, payload: { body: unknown }, entry: Delivery): Promise<Delivery> {
    const refused = allowed(url, this.options.allowHosts);
    if (refused) {
      entry.error = refused;
    } else {
      try {
        entry.status = await withDeadline(
          (signal) => this.options.deliver(url, JSON.stringify(payload.body), signal),
          this.options.timeoutMs,
        );
      } catch (error) {
        entry.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      }
    }
    this.journal.push(entry);
    this.options.onJournal?.();
    return entry;
  }
}

/**
 * Runs `attempt` with a signal that aborts after `timeoutMs`, and settles by then whatever the attempt does (a
 * receiver that never answers, a body whose cancel never settles, a custom `deliver` that ignores the signal).
 * `AbortSignal.timeout` runs on the runtime's own timers, which test fake timers (`vi.useFakeTimers`) leave alone.
 * Node's timer holds its signal only weakly, so a garbage collection can drop a signal nothing else holds (or one
 * composed with `AbortSignal.any`), and it never aborts: `pending` holds each one until its attempt settles.
 */
export function withDeadline<T>(
  attempt: (signal: AbortSignal) => Promise<T>,
  timeoutMs: number,
): Promise<T> {
  const signal = AbortSignal.timeout(timeoutMs);
  pending.add(signal);
  let onAbort = () => {};
  const deadline = new Promise<never>((_, reject) => {
    onAbort = () =>
      reject(
        new DOMException(`the receiver did not answer within ${timeoutMs} ms`, "TimeoutError"),
      );
    signal.addEventListener("abort", onAbort, { once: true });
  });
  let running: Promise<T>;
  try {
    // A custom deliver may answer a plain status instead of a promise.
    running = Promise.resolve(attempt(signal));
  } catch (error) {
    running = Promise.reject(error);
  }
  // The loser of the race may still reject later: nobody waits for it.
  running.catch(() => {});
  return Promise.race([running, deadline]).finally(() => {
    signal.removeEventListener("abort", onAbort);
    pending.delete(signal);
  });
}

/** The deadlines of the attempts in flight, strongly held (see `withDeadline`). */
const pending = new Set<AbortSignal>();
