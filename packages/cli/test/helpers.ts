// The CLI as users run it: the built bin in a child process, against a real sandbox on a free loopback port.
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { createSsembleClient } from "@ssemble/client";
import { createSandbox, type Sandbox } from "@ssemble/sandbox";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

export const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
export const KEY = "sk_ssemble_cliTestWorkspace00000001";
export const VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ";

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `ssemble ...args` to its end, with the environment given (and nothing of ours leaking in). */
export function ssemble(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { PATH: process.env.PATH ?? "", ...env }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

export async function startSandbox() {
  const sandbox: Sandbox = createSandbox({ clock: { mode: "manual" } });
  const url = await sandbox.listen({ host: "127.0.0.1", port: 0 });
  const client = createSsembleClient({
    apiKey: KEY,
    baseUrl: url,
    fetch: sandbox.fetch,
    maxRetries: 0,
  });
  const env = { SSEMBLE_API_KEY: KEY, SSEMBLE_BASE_URL: url };
  /** The workspace's API request journal (control calls are not in it). */
  const requests = async () => {
    const r = await sandbox.fetch(`${url}/_sandbox/requests`, { headers: { "X-API-Key": KEY } });
    return ((await r.json()) as { data: { requests: unknown[] } }).data.requests.length;
  };
  const create = async () =>
    (await client.shorts.create({ url: VIDEO, start: 0, end: 120 })).requestId;
  return { sandbox, url, client, env, requests, create, ws: sandbox.workspace(KEY) };
}

const require = createRequire(import.meta.url);
const document = require("@ssemble/spec/openapi.dereferenced.json") as {
  components: { schemas: Record<string, object> };
};
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);

/** Throws unless `value` is valid against the spec's component schema `name`. */
export function assertSchema(name: string, value: unknown): void {
  const schema = document.components.schemas[name];
  if (!schema) throw new Error(`no schema ${name}`);
  if (!ajv.getSchema(name)) ajv.addSchema(schema, name);
  const validate = ajv.getSchema(name);
  if (!validate?.(value)) throw new Error(`${name}: ${ajv.errorsText(validate?.errors)}`);
}
