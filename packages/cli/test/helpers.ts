// The CLI as users run it: the built bin in a child process, against a real sandbox on a free loopback port.
import { execFile, spawn } from "node:child_process";
import { createServer as createHttpServer, request as httpRequest } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { createSsembleClient } from "@ssemble/client";
import { createSandbox, type Sandbox } from "@ssemble/sandbox";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

export const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
export const KEY = "sk_ssemble_cliTestWorkspace0000000000000001";
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

/**
 * Starts `ssemble ...args` in the background, with the same environment rule as `ssemble()`; its output
 * accumulates, for tests that signal it or read it while it runs. `exit` settles with the exit code.
 */
export function ssembleInBackground(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr.on("data", (c: Buffer) => {
    stderr += c.toString();
  });
  const exit = new Promise<number | null>((ok) => child.on("exit", ok));
  return { child, stdout: () => stdout, stderr: () => stderr, exit };
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

export interface Proxied {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * A loopback proxy in front of `target` that records every request and, when asked, breaks the next media
 * answer after `cutAfter` bytes (the connection dies mid-body, as on a flaky link). The Host header passes through,
 * so the sandbox hands out clip URLs on the proxy's origin.
 */
export async function startProxy(target: string) {
  const log: Proxied[] = [];
  let cutAfter: number | undefined;
  let hang = false;
  let limited: { times: number; retryAfter: number; skip: number } | undefined;
  const server = createHttpServer((req, res) => {
    const path = req.url ?? "/";
    log.push({ method: req.method ?? "GET", path, headers: req.headers });
    if (limited && limited.skip > 0) limited.skip--;
    else if (limited && limited.times > 0) {
      limited.times--;
      const error = { code: "rate_limit_exceeded", message: "Rate limit exceeded", details: null };
      res
        .writeHead(429, {
          "content-type": "application/json",
          "retry-after": String(limited.retryAfter),
        })
        .end(JSON.stringify({ error }));
      return;
    }
    const upstream = httpRequest(
      new URL(path, target),
      { method: req.method, headers: req.headers },
      (answer) => {
        const cut =
          path.startsWith("/_sandbox/media/") && req.method === "GET" ? cutAfter : undefined;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        if (cut === undefined) {
          answer.pipe(res);
          return;
        }
        cutAfter = undefined;
        const hangs = hang;
        hang = false;
        const chunks: Buffer[] = [];
        answer.on("data", (c: Buffer) => chunks.push(c));
        answer.on("end", () => {
          // The reader gets the first bytes before the link dies (an erroring web stream drops what it queued).
          res.write(Buffer.concat(chunks).subarray(0, cut), () => {
            if (!hangs) setTimeout(() => res.socket?.destroy(), 200);
          });
        });
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    /**
     * Answers `times` requests with a 429 and `Retry-After: retryAfter`, as the API would, after letting the next
     * `skip` through.
     */
    rateLimitNext(times: number, retryAfter: number, skip = 0) {
      limited = { times, retryAfter, skip };
    },
    /** Breaks the next media GET after this many bytes of its body (or, with `hangs`, stalls it there). */
    cutNextMedia(bytes: number, hangs = false) {
      cutAfter = bytes;
      hang = hangs;
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
