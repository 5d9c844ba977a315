#!/usr/bin/env node
// ssemble-sandbox: serves the sandbox on 127.0.0.1:4020 (SANDBOX_HOST / SANDBOX_PORT, or --host / --port).
import { parseArgs } from "node:util";
import { type CorsOrigins, parseCorsOrigins } from "./cors.js";
import { createSandbox, DataFileError } from "./index.js";

const HELP = `ssemble-sandbox: a stateful Ssemble API for development and tests

Usage: ssemble-sandbox [--host HOST] [--port PORT] [--speed N] [--manual] [--limits HOUR,DAY] [--data FILE]
                       [--cors-origin ORIGINS] [--max-workspaces N]

  --host HOST   address to listen on (default 127.0.0.1, or SANDBOX_HOST)
  --port PORT   port (default 4020, or SANDBOX_PORT; 0 picks a free one)
  --speed N     how fast each workspace's clock runs, relative to real time (default 1: a job takes about 18 s)
  --manual      start every workspace's clock stopped; move it with POST /_sandbox/clock/advance
  --limits H,D  each workspace's account caps per hour and per day (default 100,1000, the API's defaults)
  --data FILE   keep every workspace in FILE across restarts (JSON, written within 1 s of a change and on
                Ctrl+C; keys are stored only as SHA-256 digests). Default: in memory only, or SANDBOX_DATA
  --cors-origin ORIGINS
                which web pages may call it: loopback (default: pages from localhost, 127.x or [::1], any
                port), * (any web site), or a comma-separated list such as http://192.168.1.20:5173; or
                SANDBOX_CORS_ORIGINS. Scripts can read the rate-limit headers and Retry-After
  --max-workspaces N
                the most workspaces (keys) kept, default 1000: a new key beyond it replaces the one used
                least recently
  -h, --help    this text

Every well-formed key (sk_ssemble_ + 32 letters, digits or _) is its own workspace.`;

function fail(message: string): never {
  console.error(`sandbox: ${message}`);
  process.exit(2);
}

let values: ReturnType<typeof parse>["values"];
function parse() {
  return parseArgs({
    options: {
      host: { type: "string" },
      port: { type: "string" },
      speed: { type: "string" },
      manual: { type: "boolean" },
      limits: { type: "string" },
      data: { type: "string" },
      "cors-origin": { type: "string" },
      "max-workspaces": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
}
try {
  ({ values } = parse());
} catch (error) {
  fail(`${(error as Error).message}\n\n${HELP}`);
}
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const host = values.host ?? process.env.SANDBOX_HOST ?? "127.0.0.1";
const rawPort = values.port ?? process.env.SANDBOX_PORT ?? "4020";
const port = Number(rawPort);
if (!/^\d+$/.test(rawPort) || port > 65535)
  fail(`--port must be a port number (0-65535), got "${rawPort}"`);
const speed = values.speed === undefined ? 1 : Number(values.speed);
if (!Number.isFinite(speed) || speed <= 0 || speed > 10_000)
  fail(`--speed must be a number in (0, 10000], got "${values.speed}"`);

let limits: { hour: number; day: number } | undefined;
if (values.limits !== undefined) {
  const m = /^(\d+),(\d+)$/.exec(values.limits);
  if (!m) fail(`--limits must be HOUR,DAY (two whole numbers), got "${values.limits}"`);
  limits = { hour: Number(m[1]), day: Number(m[2]) };
}

let cors: CorsOrigins = "loopback";
const rawCors = values["cors-origin"] ?? process.env.SANDBOX_CORS_ORIGINS;
if (rawCors !== undefined) {
  try {
    cors = parseCorsOrigins(rawCors);
  } catch (error) {
    fail(`--cors-origin: ${(error as Error).message}`);
  }
}

let maxWorkspaces: number | undefined;
if (values["max-workspaces"] !== undefined) {
  maxWorkspaces = Number(values["max-workspaces"]);
  if (!/^\d+$/.test(values["max-workspaces"]) || maxWorkspaces < 1) {
    fail(`--max-workspaces must be a whole number >= 1, got "${values["max-workspaces"]}"`);
  }
}

const dataFile = values.data ?? process.env.SANDBOX_DATA;
let sandbox: ReturnType<typeof createSandbox>;
try {
  sandbox = createSandbox({
    clock: { mode: values.manual ? "manual" : "running", speed },
    ...(limits ? { limits } : {}),
    ...(dataFile ? { dataFile } : {}),
    ...(maxWorkspaces !== undefined ? { maxWorkspaces } : {}),
    cors,
  });
} catch (error) {
  if (error instanceof DataFileError) fail(error.message);
  throw error;
}
try {
  const url = await sandbox.listen({ host, port });
  console.log(
    `sandbox: listening at ${url} (clock: ${values.manual ? "manual" : `running x${speed}`}; ${dataFile ? `data in ${dataFile}` : "in memory"}). Ctrl+C to stop.`,
  );
  if (sandbox.consolePath) console.log(`sandbox: console at ${url}${sandbox.consolePath}`);
  if (cors === "*") {
    console.log(
      "sandbox: any web page open in a browser that reaches it may call the sandbox (--cors-origin *)",
    );
  }
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EADDRINUSE") {
    fail(
      `port ${port} on ${host} is already in use (is the sandbox already running?). Pick another, e.g. SANDBOX_PORT=${port + 1}.`,
    );
  }
  fail(`cannot listen on ${host}:${port}: ${(error as Error).message}`);
}

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  // `on`, not `once`: a second signal during the stop must not kill the process half-way.
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`sandbox: ${signal} received, stopping`);
    void sandbox.close().then(() => process.exit(0));
  });
}
