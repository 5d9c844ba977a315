// @ts-check
// `pnpm dev`: the Prism mock (apps/mock), the sandbox (packages/sandbox) and the docs site (apps/docs) side by
// side, run by concurrently.
// Ctrl+C stops both and leaves no process behind. Ports: MOCK_HOST/MOCK_PORT (4010), SANDBOX_HOST/SANDBOX_PORT (4020),
// DOCS_HOST/DOCS_PORT (8080).
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { shellQuote } from "@ssemble/openapi-model";
import { assertPortFree, defaultSpecPath, parsePort } from "@ssemble/prism";
import concurrently from "concurrently";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
// Read through an alias: these variables configure this local script, not a turbo task.
const env = process.env;
const STOP_GRACE_MS = 8000; // the mock stops Prism itself within 3 s; give it that plus margin

/** @param {string} message @returns {never} */
function fail(message) {
  console.error(`dev: ${message}`);
  process.exit(1);
}

/**
 * A command line for concurrently: `exec` makes the shell replace itself with the program, so signals reach it
 * directly, and keeps the line from starting with a quote (concurrently strips quotes that wrap a whole line).
 * @param {string[]} argv
 */
const run = (argv) => `exec ${argv.map(shellQuote).join(" ")}`;

/** @param {unknown} error */
const messageOf = (error) => (error instanceof Error ? error.message : String(error));

/**
 * @typedef {object} Service
 * @property {string} name
 * @property {string} command a shell command line (concurrently runs each through the shell)
 * @property {RegExp} ready a line of its output that means "listening"
 * @property {string} url
 * @property {string} note
 * @property {{ what: string, envVar: string, host: string, port: number }} bind
 */

/** @type {{ mockHost: string, mockPort: number, docsHost: string, docsPort: number, sandboxHost: string, sandboxPort: number }} */
let ports;
try {
  ports = {
    mockHost: env.MOCK_HOST || "127.0.0.1",
    mockPort: parsePort(env.MOCK_PORT, 4010, "MOCK_PORT"),
    docsHost: env.DOCS_HOST || "127.0.0.1",
    docsPort: parsePort(env.DOCS_PORT, 8080, "DOCS_PORT"),
    sandboxHost: env.SANDBOX_HOST || "127.0.0.1",
    sandboxPort: parsePort(env.SANDBOX_PORT, 4020, "SANDBOX_PORT"),
  };
} catch (error) {
  fail(messageOf(error));
}

const spec = env.MOCK_SPEC || defaultSpecPath();
if (!existsSync(spec)) {
  fail(`no bundled spec at ${spec}: run \`pnpm --filter @ssemble/spec build\` (pnpm dev does).`);
}
const SANDBOX_CLI = join(ROOT, "packages", "sandbox", "dist", "cli.js");
if (!existsSync(SANDBOX_CLI)) {
  fail(
    "the sandbox is not built: run `pnpm --filter @ssemble/sandbox build` first (or `pnpm build`).",
  );
}
if (!existsSync(join(ROOT, "apps", "docs", "dist", "index.html"))) {
  fail(
    "the docs site is not built: run `pnpm --filter @ssemble/docs build` first (or `pnpm build`).",
  );
}

/** @type {Service[]} */
const services = [
  {
    name: "mock",
    command: run([process.execPath, join(ROOT, "apps", "mock", "src", "cli.mjs")]),
    ready: /Prism is ready at/,
    url: `http://${ports.mockHost}:${ports.mockPort}`,
    note: "Prism mock (Prefer: example=… / code=… / dynamic=true — see apps/mock/MOCK.md)",
    bind: {
      what: "the Prism mock",
      envVar: "MOCK_PORT",
      host: ports.mockHost,
      port: ports.mockPort,
    },
  },
  {
    name: "sandbox",
    command: run([process.execPath, SANDBOX_CLI]),
    ready: /sandbox: listening at /,
    url: `http://${ports.sandboxHost}:${ports.sandboxPort}`,
    note: "stateful sandbox (jobs progress on a clock; controls under /_sandbox — see packages/sandbox)",
    bind: {
      what: "the sandbox",
      envVar: "SANDBOX_PORT",
      host: ports.sandboxHost,
      port: ports.sandboxPort,
    },
  },
  {
    name: "docs",
    command: run([process.execPath, join(ROOT, "apps", "docs", "scripts", "serve.mjs")]),
    ready: /serving .* at /,
    url: `http://${ports.docsHost}:${ports.docsPort}/`,
    note: "docs site (API reference, guides, mock recipes)",
    bind: {
      what: "the docs server",
      envVar: "DOCS_PORT",
      host: ports.docsHost,
      port: ports.docsPort,
    },
  },
];

// Check every port before starting anything, so a clash never leaves half of the stack running.
for (const { bind } of services) {
  await assertPortFree(bind.host, bind.port, bind).catch((error) => fail(messageOf(error)));
}

let signalled = false;
for (const signal of /** @type {NodeJS.Signals[]} */ (["SIGINT", "SIGTERM", "SIGHUP"])) {
  // concurrently forwards the signal to every command itself; this records it and arms the SIGKILL fallback.
  process.once(signal, () => {
    signalled = true;
    console.log(`\ndev: ${signal} received, stopping…`);
    // concurrently has forwarded the signal; only a service that hangs gets SIGKILL, after the grace period.
    stopAll(false);
  });
}

const { commands, result } = concurrently(
  services.map((s) => ({
    name: s.name,
    command: s.command,
    env: {
      MOCK_HOST: ports.mockHost,
      MOCK_PORT: String(ports.mockPort),
      MOCK_SPEC: spec,
      DOCS_HOST: ports.docsHost,
      DOCS_PORT: String(ports.docsPort),
      SANDBOX_HOST: ports.sandboxHost,
      SANDBOX_PORT: String(ports.sandboxPort),
    },
  })),
  { prefix: "name", cwd: ROOT },
);

let stoppingAll = false;
/** Stops every service still running, once: SIGTERM now (unless a signal already reached them), SIGKILL later. */
function stopAll(signal = true) {
  if (stoppingAll) return;
  stoppingAll = true;
  if (signal) for (const command of commands) command.kill("SIGTERM");
  setTimeout(() => {
    for (const command of commands) command.kill("SIGKILL");
  }, STOP_GRACE_MS).unref();
}

let allReady = false;
const ready = commands.map(
  (command, i) =>
    /** @type {Promise<void>} */ (
      new Promise((resolve) => {
        const service = /** @type {Service} */ (services[i]);
        let output = "";
        const subscription = command.stdout.subscribe((chunk) => {
          output = (output + chunk.toString("utf8")).slice(-4096);
          if (service.ready.test(output)) {
            subscription.unsubscribe();
            resolve();
          }
        });
        command.close.subscribe((event) => {
          if (signalled || stoppingAll) return;
          // One service ending ends the stack: a half-running dev setup only misleads. Signalled once, so a
          // service still shutting down is never hit twice.
          console.error(
            `dev: ${service.name} exited unexpectedly (code ${event.exitCode}); stopping the rest`,
          );
          stopAll();
        });
      })
    ),
);

void Promise.all(ready).then(() => {
  allReady = true;
  console.log("");
  for (const service of services)
    console.log(`dev: ${service.name.padEnd(5)} ${service.url}  ${service.note}`);
  console.log(
    `dev: console http://${ports.sandboxHost}:${ports.sandboxPort}/_sandbox/console/  the console on the sandbox's workspaces` +
      ` (the docs have one with a sandbox in the page: http://${ports.docsHost}:${ports.docsPort}/console.html)`,
  );
  console.log("dev: Ctrl+C stops everything.");
});

// result rejects when any command exited non-zero, which is what a stop by signal can look like.
const outcome = await result.then(
  () => "ok",
  () => "failed",
);
console.log("dev: everything stopped");
process.exit(signalled ? 0 : outcome === "ok" && allReady ? 0 : 1);
