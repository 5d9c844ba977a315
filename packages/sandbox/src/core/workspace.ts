// One API key's world: its jobs, credits, subscription and clock. Created on the key's first request.
import { type ClockMode, type ClockSnapshot, VirtualClock } from "./clock.js";
import { fnv1a } from "./hash.js";
import { JobIndex } from "./job-index.js";
import type { Job } from "./jobs.js";
import { type AccountLimits, DEFAULT_LIMITS, RateLimiter, type Window } from "./rate-limits.js";
import { type Delivery, WebhookDispatcher, type WebhookOptions } from "./webhooks.js";

export interface WorkspaceSettings {
  credits: number;
  subscription: boolean;
  /** The account caps (the per-endpoint pools are fixed, as documented). */
  limits: AccountLimits;
}

export interface RequestRecord {
  at: string;
  method: string;
  path: string;
  /** The query string as sent, without `?`, when there was one. */
  query?: string;
  /** The body as sent (its first 8,192 characters), when there was one. */
  body?: string;
  status: number;
  operationId: string;
}

/** The most of a request body the journal keeps, in characters (UTF-16 code units). */
export const MAX_RECORDED_BODY = 8 * 1024;

type JournalEntry = Omit<RequestRecord, "at"> & { at: number };

/** Everything a workspace is, as JSON, except its key: a data file names a workspace by a digest of the key. */
export interface WorkspaceSnapshot {
  /** The key's digest, never the key. */
  digest: string;
  settings: WorkspaceSettings;
  counter: number;
  clock: ClockSnapshot;
  /** Oldest first. */
  jobs: Job[];
  /** Ids of failed jobs whose credit has not come back yet. */
  refunds: string[];
  windows: [string, Window][];
  webhooks: { pending: { id: string; attempts: number }[]; journal: Delivery[] };
  /** Oldest first. */
  requests: JournalEntry[];
}

/** A change to a workspace's settings, over HTTP (`PUT /_sandbox/workspace`) or in process (`update`). */
export interface SettingsUpdate {
  credits?: number;
  subscription?: boolean;
  limits?: { hour?: number; day?: number };
}

/**
 * What is wrong with a settings update, field by field (empty when it may be applied): one check for the HTTP
 * control and the in-process `update`, so that neither lets in what the other refuses.
 */
export function settingsProblems(input: unknown): Record<string, string> {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    return { body: "a JSON object is expected" };
  }
  const { credits, subscription, limits } = input as Record<string, unknown>;
  const problems: Record<string, string> = {};
  if (limits !== undefined) {
    const ok =
      limits !== null &&
      typeof limits === "object" &&
      !Array.isArray(limits) &&
      Object.entries(limits).every(
        ([k, v]) => (k === "hour" || k === "day") && Number.isInteger(v) && (v as number) >= 0,
      );
    if (!ok) problems.limits = "must be { hour?: integer >= 0, day?: integer >= 0 }";
  }
  if (credits !== undefined && (!Number.isInteger(credits) || (credits as number) < 0)) {
    problems.credits = "must be an integer >= 0";
  }
  if (subscription !== undefined && typeof subscription !== "boolean") {
    problems.subscription = "must be true or false";
  }
  return problems;
}

/** The request journal keeps the last this many requests. */
export const MAX_RECORDS = 1_000;

export const defaultSettings = (limits: AccountLimits = DEFAULT_LIMITS): WorkspaceSettings => ({
  credits: 100,
  subscription: true,
  limits: { ...limits },
});

/** Why a workspace changed: an API request, a control (clock, settings, a job's end, a resend), a webhook attempt. */
export type ChangeReason = "request" | "control" | "webhook" | "reset";

export interface WorkspaceChange {
  reason: ChangeReason;
  /** Counts every change of the workspace since the process started. */
  version: number;
}

export class Workspace {
  readonly jobs = new JobIndex();
  readonly clock: VirtualClock;
  readonly limiter = new RateLimiter();
  /** This workspace's webhook deliveries and their journal. */
  readonly webhooks: WebhookDispatcher;
  /** Jobs that fail (now or later) and have not given their credit back yet. */
  #refunds: Job[] = [];
  /** The last MAX_RECORDS API requests, a ring: `#next` is where the next one goes. */
  #requests: JournalEntry[] = [];
  #next = 0;
  settings: WorkspaceSettings;
  /** What `reset()` restores (a magic key changes it). */
  readonly defaultSettings: WorkspaceSettings;
  #counter = 0;
  readonly #tag: string;

  constructor(
    readonly key: string,
    realNow: () => number,
    clock: { mode?: ClockMode; speed?: number },
    webhooks: WebhookOptions,
    readonly defaultLimits: AccountLimits = DEFAULT_LIMITS,
  ) {
    this.clock = new VirtualClock(realNow, clock);
    this.webhooks = new WebhookDispatcher(this.clock, this.jobs, {
      ...webhooks,
      onJournal: () => this.changed("webhook"),
    });
    this.defaultSettings = defaultSettings(defaultLimits);
    this.settings = defaultSettings(defaultLimits);
    this.#tag = hash8(key);
  }

  /** A 24-hex id like a MongoDB ObjectId: creation second, workspace tag, counter. Unique per workspace. */
  nextId(now: number): string {
    this.#counter += 1;
    const seconds = Math.floor(now / 1000) >>> 0;
    return `${hex8(seconds)}${this.#tag}${hex8(this.#counter)}`;
  }

  /** Applies an update that `settingsProblems` passed, and returns a copy of the settings. */
  update({ credits, subscription, limits }: SettingsUpdate): WorkspaceSettings {
    if (credits !== undefined) this.settings.credits = credits;
    if (subscription !== undefined) this.settings.subscription = subscription;
    if (limits !== undefined) this.settings.limits = { ...this.settings.limits, ...limits };
    return { ...this.settings, limits: { ...this.settings.limits } };
  }

  /** Fails `job` at `at` (now or later); its credit comes back when that moment passes. */
  failLater(job: Job, at: number, reason: string): void {
    this.jobs.end(job, { kind: "failed", at, reason });
    this.#refunds.push(job);
  }

  /** Gives back the credits of jobs that have failed by `now` (a deleted job's credit stays spent). */
  settle(now: number): void {
    if (this.#refunds.length === 0) return;
    this.#refunds = this.#refunds.filter((job) => {
      if (job.forced.kind !== "failed" || job.forced.at > now) return true;
      if (this.jobs.has(job.id)) this.settings.credits += 1;
      return false;
    });
  }

  /** Journals one API request; `at` is the workspace clock's time, formatted only when the journal is read. */
  record(entry: JournalEntry): void {
    if (this.#requests.length < MAX_RECORDS) this.#requests.push(entry);
    else this.#requests[this.#next] = entry;
    this.#next = (this.#next + 1) % MAX_RECORDS;
    this.changed("request");
  }

  /** Subscribers: told of each change, and (if they gave `end`) ended by `endStreams`. */
  readonly #listeners = new Map<(change: WorkspaceChange) => void, (() => void) | undefined>();
  #version = 0;

  /** Tells subscribers (event streams) that the workspace changed, and why. */
  changed(reason: ChangeReason): void {
    this.#version += 1;
    if (this.#listeners.size === 0) return;
    const change: WorkspaceChange = { reason, version: this.#version };
    for (const listener of this.#listeners.keys()) listener(change);
  }

  /** Calls `listener` after every change, and `end` when the sandbox closes; returns the unsubscribe. */
  subscribe(listener: (change: WorkspaceChange) => void, end?: () => void): () => void {
    this.#listeners.set(listener, end);
    return () => this.#listeners.delete(listener);
  }

  /** Ends every subscriber that can end (event streams: they never end by themselves). */
  endStreams(): void {
    for (const end of [...this.#listeners.values()]) end?.();
  }

  /** How many changes so far: a stream's starting point. */
  get version(): number {
    return this.#version;
  }

  /** The request journal, oldest first. */
  requests(): RequestRecord[] {
    const ring = this.#requests;
    const ordered =
      ring.length < MAX_RECORDS ? ring : [...ring.slice(this.#next), ...ring.slice(0, this.#next)];
    return ordered.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
  }

  toSnapshot(digest: string): WorkspaceSnapshot {
    const ring = this.#requests;
    return {
      digest,
      settings: { ...this.settings, limits: { ...this.settings.limits } },
      counter: this.#counter,
      clock: this.clock.toSnapshot(),
      jobs: this.jobs.ordered.map((job) => ({ ...job })),
      refunds: this.#refunds.map((job) => job.id),
      windows: this.limiter.toSnapshot(),
      webhooks: {
        pending: this.webhooks.pendingSnapshot(),
        journal: [...this.webhooks.journal],
      },
      requests:
        ring.length < MAX_RECORDS
          ? [...ring]
          : [...ring.slice(this.#next), ...ring.slice(0, this.#next)],
    };
  }

  /** Becomes the saved workspace (this one was just created for the same key). */
  restore(saved: WorkspaceSnapshot): void {
    this.reset();
    this.settings = { ...saved.settings, limits: { ...saved.settings.limits } };
    this.#counter = saved.counter;
    this.clock.restore(saved.clock);
    for (const job of saved.jobs) {
      const copy: Job = { ...job };
      this.jobs.add(copy);
      if (copy.forced.kind !== "running") this.jobs.end(copy, copy.forced);
    }
    this.#refunds = saved.refunds.flatMap((id) => this.jobs.get(id) ?? []);
    this.limiter.restore(saved.windows);
    for (const { id, attempts } of saved.webhooks.pending) {
      const job = this.jobs.get(id);
      if (job) this.webhooks.resume(job, attempts);
    }
    this.webhooks.journal.push(...saved.webhooks.journal);
    for (const entry of saved.requests.slice(-MAX_RECORDS)) this.record(entry);
  }

  reset(): void {
    this.jobs.clear();
    this.#refunds = [];
    this.#requests = [];
    this.#next = 0;
    this.webhooks.reset();
    this.limiter.reset();
    this.settings = { ...this.defaultSettings, limits: { ...this.defaultSettings.limits } };
    this.changed("reset");
  }
}

const hex8 = (n: number) => (n >>> 0).toString(16).padStart(8, "0");

const hash8 = (text: string) => hex8(fnv1a(text));
