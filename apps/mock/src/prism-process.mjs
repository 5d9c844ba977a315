// @ts-check
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { connect } from "node:net";
import { dirname, join } from "node:path";
import { assertPortFree } from "./ports.mjs";

const require = createRequire(import.meta.url);

/** Path of the bundled spec this package mocks by default (`pnpm --filter @ssemble/spec build` writes it). */
export const DEFAULT_SPEC_PATH = join(
  dirname(new URL(import.meta.url).pathname),
  "..",
  "..",
  "..",
  "spec",
  "dist",
  "openapi.yaml",
);

/** The prism-cli entry point, resolved from this package so it works from any working directory. */
export function prismBinPath() {
  const pkgPath = require.resolve("@stoplight/prism-cli/package.json");
  const pkg = JSON.parse(readFileSync(pkgPath, "utf8"));
  const bin = typeof pkg.bin === "string" ? pkg.bin : pkg.bin.prism;
  return join(dirname(pkgPath), bin);
}

/** Process groups still alive, killed synchronously if this process exits without stopping them. */
const liveGroups = new Set();
process.on("exit", () => {
  for (const pid of liveGroups) killGroup(pid, "SIGKILL");
});

/**
 * @param {number} pid
 * @param {NodeJS.Signals} signal
 */
function killGroup(pid, signal) {
  try {
    // A negative pid addresses the whole group: Prism and anything it forked.
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/**
 * @typedef {object} PrismOptions
 * @property {string} [specPath] OpenAPI document to mock (default: spec/dist/openapi.yaml)
 * @property {string} [host] default 127.0.0.1
 * @property {number} [port] default 4010
 * @property {boolean} [dynamic] `-d`: generate every body from the schemas
 * @property {string} [seed] makes dynamic bodies reproducible
 * @property {boolean} [cors] default true (Prism's default)
 * @property {boolean} [errors] `--errors`: turn response violations into errors
 * @property {string} [verboseLevel] Prism log level (default "info")
 * @property {(line: string) => void} [onOutput] receives Prism's log lines
 * @property {number} [readyTimeoutMs] default 60 s (Prism needs a few seconds to start on a slow runner)
 */

/**
 * @typedef {object} PrismHandle
 * @property {string} url base URL, e.g. http://127.0.0.1:4010
 * @property {string} host
 * @property {number} port
 * @property {number} pid process id (and process-group id) of Prism
 * @property {() => string[]} recentOutput Prism's last log lines, for error messages
 * @property {Promise<number | null>} exited resolves with the exit code once Prism is gone
 * @property {() => Promise<void>} stop SIGTERM the group, SIGKILL after a grace period; resolves when gone
 */

/**
 * Starts Prism in its own process group and resolves once it answers HTTP.
 * Rejects with a clear message if the port is taken, the spec is missing, or Prism dies while starting.
 * @param {PrismOptions} [options]
 * @returns {Promise<PrismHandle>}
 */
export async function startPrism(options = {}) {
  const specPath = options.specPath ?? DEFAULT_SPEC_PATH;
  const host = options.host ?? "127.0.0.1";
  const port = options.port ?? 4010;
  if (!existsSync(specPath)) {
    throw new Error(
      `mock: no spec at ${specPath}. Build it first: pnpm --filter @ssemble/spec build (or set MOCK_SPEC).`,
    );
  }
  await assertPortFree(host, port, { what: "the Prism mock", envVar: "MOCK_PORT" });

  const args = [
    prismBinPath(),
    "mock",
    specPath,
    "--host",
    host,
    "--port",
    String(port),
    `--cors=${options.cors ?? true}`,
    `--errors=${options.errors ?? false}`,
    "--verboseLevel",
    options.verboseLevel ?? "info",
  ];
  if (options.dynamic) args.push("--dynamic");
  if (options.seed !== undefined) args.push("--seed", options.seed);

  const child = spawn(process.execPath, args, {
    detached: true, // own process group: Ctrl-C in a terminal reaches us, and we stop the whole group
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error("mock: could not spawn Prism");
  liveGroups.add(pid);

  /** @type {string[]} */
  const recent = [];
  const onOutput = options.onOutput;
  /** @param {Buffer} chunk */
  const collect = (chunk) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (line.trim() === "") continue;
      recent.push(line);
      if (recent.length > 60) recent.shift();
      onOutput?.(line);
    }
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);

  /** @type {Promise<number | null>} */
  const exited = new Promise((resolve) => {
    child.once("exit", (code) => {
      liveGroups.delete(pid);
      // Prism may have forked; make sure nothing of the group outlives it.
      killGroup(pid, "SIGKILL");
      resolve(code);
    });
  });

  const probeHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  const url = `http://${probeHost.includes(":") ? `[${probeHost}]` : probeHost}:${port}`;

  let stopping;
  const stop = () => {
    stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      killGroup(pid, "SIGTERM");
      const grace = setTimeout(() => killGroup(pid, "SIGKILL"), 3000);
      await exited;
      clearTimeout(grace);
    })();
    return stopping;
  };

  const handle = {
    url,
    host,
    port,
    pid,
    recentOutput: () => [...recent],
    exited,
    stop,
  };

  try {
    await waitUntilAnswering(probeHost, port, exited, options.readyTimeoutMs ?? 60_000);
  } catch (error) {
    await stop();
    const tail = recent.slice(-15).join("\n");
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}${tail ? `\nPrism said:\n${tail}` : ""}`,
    );
  }
  return handle;
}

/**
 * Polls until the port accepts a TCP connection: Prism opens it only once the spec is loaded and routes are
 * ready (an HTTP probe would work too but logs a "no path matched" error in Prism's output).
 * @param {string} host
 * @param {number} port
 * @param {Promise<number | null>} exited
 * @param {number} timeoutMs
 */
async function waitUntilAnswering(host, port, exited, timeoutMs) {
  let dead = false;
  /** @type {number | null} */
  let exitCode = null;
  exited.then((code) => {
    dead = true;
    exitCode = code;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (dead) throw new Error(`mock: Prism exited with code ${exitCode} while starting`);
    if (await canConnect(host, port)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `mock: Prism did not listen on ${host}:${port} within ${Math.round(timeoutMs / 1000)} s`,
  );
}

/**
 * @param {string} host
 * @param {number} port
 * @returns {Promise<boolean>}
 */
function canConnect(host, port) {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(1000);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(false));
  });
}
