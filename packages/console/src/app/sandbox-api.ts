// The sandbox's controls under /_sandbox, as the console calls them: the JSON they answer, as this page reads it
// (the sandbox's README documents each; the browser tests run the console against the real sandbox).
import { FORMS } from "./model.js";
import type { ConsoleTarget } from "./target.js";

export interface ClockState {
  now: number;
  mode: "manual" | "running";
  speed: number;
}

export interface TimelineStep {
  step: string;
  stepMessage: string;
  progress: number;
  at: string;
  state: "done" | "current" | "upcoming" | "skipped" | "interrupted";
}

export interface JobView {
  requestId: string;
  createdAt: string;
  updatedAt: string;
  source: string;
  start: number;
  end: number;
  webhookUrl: string | null;
  status: string;
  step: string;
  stepMessage: string;
  progress: number;
  failureReason?: string;
  timeline: TimelineStep[];
  ended: { kind: "completed" | "failed" | "cancelled"; at: string; reason?: string } | null;
}

export interface Delivery {
  event: string;
  requestId: string;
  attempt: number;
  url: string;
  status?: number;
  error?: string;
  at: string;
  resent?: boolean;
}

export interface RequestRecord {
  at: string;
  method: string;
  path: string;
  query?: string;
  body?: string;
  status: number;
  operationId: string;
}

export interface WorkspaceView {
  credits: number;
  subscription: boolean;
  limits: { hour: number; day: number };
  jobs: number;
}

export interface MagicInputs {
  keys: Record<string, string>;
  sources: Record<string, string>;
}

/** A control's failure: its status and the API-style error it answered. */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface SandboxApi {
  get<T>(path: string): Promise<T>;
  send<T>(method: "POST" | "PUT", path: string, body?: unknown): Promise<T>;
  /** Raw bytes (clip media), as a blob the page can play. */
  blob(url: string): Promise<Blob>;
}

export function sandboxApi(target: ConsoleTarget, key: string): SandboxApi {
  const headers = { [FORMS.keyHeader]: key, accept: "application/json" };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await target.fetch(`${target.apiBase}${path}`, {
      method,
      headers: body === undefined ? headers : { ...headers, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await response.json().catch(() => null)) as {
      data?: T;
      error?: { message?: string; details?: Record<string, string> | null };
    } | null;
    if (!response.ok || !json || json.data === undefined) {
      throw new ControlError(
        response.status,
        json?.error?.message ?? `${method} ${path}: ${response.status}`,
        json?.error?.details ?? {},
      );
    }
    return json.data;
  };
  return {
    get: (path) => call("GET", path),
    send: (method, path, body) => call(method, path, body ?? {}),
    async blob(url) {
      // The clip's URL names the sandbox that made it; fetched through the target by path (an in-page sandbox
      // has no server), so the bytes come from where the console works, as a blob: URL the page's CSP allows.
      const { pathname } = new URL(url);
      const response = await target.fetch(`${target.apiBase}${pathname}`);
      if (!response.ok) throw new ControlError(response.status, `media: ${response.status}`);
      return response.blob();
    },
  };
}
