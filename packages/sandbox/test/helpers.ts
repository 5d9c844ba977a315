import { createSsembleClient } from "@ssemble/client";
import { compileValidators } from "../src/core/compile-validators.js";
import type { SandboxModel } from "../src/core/model.js";
import type { Validators } from "../src/core/validator.js";
import { createSandbox, type Sandbox } from "../src/index.js";
import { loadInputs } from "../src/load.js";

export const KEY = "sk_ssemble_sandboxTestKey000000000000000001";
export const OTHER_KEY = "sk_ssemble_sandboxTestKey000000000000000002";
export const BASE = "http://sandbox.test";
export const VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ";

/** A sandbox whose clocks stand still until a test moves them, and a client on it through sandbox.fetch. */
export function setup(key = KEY) {
  const sandbox = createSandbox({ clock: { mode: "manual" } });
  return { sandbox, ...clientFor(sandbox, key) };
}

export function clientFor(sandbox: Sandbox, key = KEY) {
  const client = createSsembleClient({
    apiKey: key,
    baseUrl: BASE,
    fetch: sandbox.fetch,
    maxRetries: 0,
  });
  return { client, ws: sandbox.workspace(key) };
}

/** A raw call, for what the client refuses to send. */
export async function call(
  sandbox: Sandbox,
  method: string,
  path: string,
  options: { key?: string | null; body?: unknown; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key !== null) headers["X-API-Key"] = options.key ?? KEY;
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  const response = await sandbox.fetch(`${BASE}${path}`, {
    method,
    headers,
    ...(options.body !== undefined
      ? { body: typeof options.body === "string" ? options.body : JSON.stringify(options.body) }
      : {}),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

/** A client whose clock is the workspace's: its waits advance the sandbox clock instead of sleeping. */
export function clientOnSandboxClock(
  sandbox: Sandbox,
  key = KEY,
  /** Where the client sends requests: through `sandbox.fetch` by default, or to `sandbox.listen()`'s URL. */
  over: { baseUrl: string } = { baseUrl: BASE },
) {
  const ws = sandbox.workspace(key);
  const sleeps: number[] = [];
  const client = createSsembleClient({
    apiKey: key,
    baseUrl: over.baseUrl,
    ...(over.baseUrl === BASE ? { fetch: sandbox.fetch } : {}),
    clock: {
      now: () => ws.clock.now(),
      random: () => 0.5,
      sleep: async (ms) => {
        sleeps.push(ms);
        await ws.clock.advance(ms);
      },
    },
  });
  return { client, ws, sleeps };
}

/** The bundled spec and a fresh copy of the generated model, for engines built by hand (e.g. with a bad model). */
export function engineInputs(): { document: object; model: SandboxModel; validators: Validators } {
  const { document, model } = loadInputs();
  return { document, model, validators: compileValidators(document, model) };
}
