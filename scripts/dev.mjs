// @ts-check
// `pnpm dev`: the Prism mock (apps/mock) and the docs site (apps/docs) side by side.
// Ctrl+C stops both and leaves no process behind. Ports: MOCK_HOST/MOCK_PORT (4010), DOCS_HOST/DOCS_PORT (8080).
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { assertPortFree, parsePort } from "@ssemble/prism";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
// Read through an alias: these variables configure this local script, not a turbo task.
const env = process.env;
const STOP_GRACE_MS = 8000; // the mock stops Prism itself within 3 s; give it that plus margin

/** @param {string} message */
function fail(message) {
  console.error(`dev: ${message}`);
  process.exit(1);
}

/**
 * @typedef {object} Service
 * @property {string} name
 * @property {string} command
 * @property {string[]} args
 * @property {RegExp} ready a line of its output that means "listening"
 * @property {string} url
 * @property {string} [note]
 */

/** @type {Service[]} */
const services = [];
/** @type {string[]} */
const warnings = [];

let mockHost;
let mockPort;
let docsHost;
let docsPort;
try {
  mockHost = env.MOCK_HOST || "127.0.0.1";
  mockPort = parsePort(env.MOCK_PORT, 4010, "MOCK_PORT");
  docsHost = env.DOCS_HOST || "127.0.0.1";
  docsPort = parsePort(env.DOCS_PORT, 8080, "DOCS_PORT");
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

const spec = env.MOCK_SPEC || join(ROOT, "spec", "dist", "openapi.yaml");
if (!existsSync(spec))
  fail(`no bundled spec at ${spec}: run \`pnpm --filter @ssemble/spec build\` (pnpm dev does).`);

services.push({
  name: "mock",
  command: process.execPath,
  args: [join(ROOT, "apps", "mock", "src", "cli.mjs")],
  ready: /Prism is ready at/,
  url: `http://${mockHost}:${mockPort}`,
  note: "Prism mock (Prefer: example=… / code=… / dynamic=true — see apps/mock/MOCK.md)",
});

const docsPkgPath = join(ROOT, "apps", "docs", "package.json");
const docsPkg = existsSync(docsPkgPath) ? JSON.parse(readFileSync(docsPkgPath, "utf8")) : undefined;
if (!docsPkg?.scripts?.serve) {
  warnings.push("apps/docs has no `serve` script yet, so only the mock runs.");
} else if (!existsSync(join(ROOT, "apps", "docs", "dist", "index.html"))) {
  fail(
    "the docs site is not built: run `pnpm --filter @ssemble/docs build` first (or `pnpm build`).",
  );
} else {
  services.push({
    name: "docs",
    command: "pnpm",
    args: ["--silent", "--filter", "@ssemble/docs", "serve"],
    ready: /serving .* at /,
    url: `http://${docsHost}:${docsPort}/`,
    note: "docs site (API reference, guides, mock recipes)",
  });
}

// Check every port before starting anything, so a clash never leaves half of the stack running.
try {
  await assertPortFree(mockHost, mockPort, { what: "the Prism mock", envVar: "MOCK_PORT" });
  if (services.some((s) => s.name === "docs")) {
    await assertPortFree(docsHost, docsPort, { what: "the docs server", envVar: "DOCS_PORT" });
  }
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

/** @type {Map<string, { child: import("node:child_process").ChildProcess, exited: Promise<number | null> }>} */
const running = new Map();
let stopping = false;

/**
 * @param {number} pid
 * @param {NodeJS.Signals} signal
 */
function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** @param {number} code */
async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  await Promise.all(
    [...running.values()].map(async ({ child, exited }) => {
      if (child.pid === undefined || child.exitCode !== null) return;
      killGroup(child.pid, "SIGTERM");
      const force = setTimeout(
        () => child.pid !== undefined && killGroup(child.pid, "SIGKILL"),
        STOP_GRACE_MS,
      );
      await exited;
      clearTimeout(force);
    }),
  );
  console.log("dev: everything stopped");
  process.exit(code);
}

for (const signal of /** @type {NodeJS.Signals[]} */ (["SIGINT", "SIGTERM", "SIGHUP"])) {
  process.once(signal, () => {
    console.log(`\ndev: ${signal} received, stopping…`);
    void stopAll(0);
  });
}
// Last resort if dev.mjs itself dies: no group may outlive it.
process.on("exit", () => {
  for (const { child } of running.values())
    if (child.pid !== undefined) killGroup(child.pid, "SIGKILL");
});

const ready = services.map(
  (service) =>
    /** @type {Promise<void>} */ (
      new Promise((resolve, reject) => {
        const child = spawn(service.command, service.args, {
          cwd: ROOT,
          detached: true, // own process group, stopped as a whole
          stdio: ["ignore", "pipe", "pipe"],
          env: {
            ...process.env,
            MOCK_HOST: mockHost,
            MOCK_PORT: String(mockPort),
            MOCK_SPEC: spec,
            DOCS_HOST: docsHost,
            DOCS_PORT: String(docsPort),
          },
        });
        const exited = new Promise((done) => child.once("exit", (code) => done(code)));
        running.set(service.name, { child, exited });
        let isReady = false;
        /** @param {Buffer} chunk */
        const relay = (chunk) => {
          for (const line of chunk.toString("utf8").split("\n")) {
            if (line.trim() === "") continue;
            console.log(`[${service.name}] ${line}`);
            if (!isReady && service.ready.test(line)) {
              isReady = true;
              resolve();
            }
          }
        };
        child.stdout?.on("data", relay);
        child.stderr?.on("data", relay);
        child.once("error", (error) => reject(new Error(`${service.name}: ${error.message}`)));
        exited.then((code) => {
          if (!isReady)
            reject(new Error(`${service.name} exited with code ${code} before it was ready`));
          else if (!stopping) {
            console.error(
              `dev: ${service.name} exited unexpectedly (code ${code}); stopping the rest`,
            );
            void stopAll(1);
          }
        });
      })
    ),
);

try {
  await Promise.all(ready);
} catch (error) {
  console.error(`dev: ${error instanceof Error ? error.message : String(error)}`);
  await stopAll(1);
}

console.log("");
for (const service of services)
  console.log(`dev: ${service.name.padEnd(5)} ${service.url}  ${service.note ?? ""}`);
for (const warning of warnings) console.log(`dev: note: ${warning}`);
console.log("dev: Ctrl+C stops everything.");
