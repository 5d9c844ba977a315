// Starts and stops the real Prism process for the mock, the docs' and the consumer suite's tests, and the bench.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { connect } from "node:net";
import { dirname, join } from "node:path";
import { assertPortFree } from "./ports.js";

const require = createRequire(import.meta.url);

/**
 * The bundled spec Prism mocks by default: `@ssemble/spec/openapi.yaml` (`pnpm --filter @ssemble/spec build`
 * writes it). Resolved from the package's own directory, not its exports, so it also names a file not built yet.
 */
export function defaultSpecPath(): string {
  const spec = dirname(require.resolve("@ssemble/spec/package.json"));
  return join(spec, "dist", "openapi.yaml");
}

/** The prism-cli entry point, resolved from this package so it works from any working directory. */
export function prismBinPath(): string {
  const pkgPath = require.resolve("@stoplight/prism-cli/package.json");
  const pkg = JSON.parse(readFileSync(pkgPath, "utf8")) as { bin: string | Record<string, string> };
  const bin = typeof pkg.bin === "string" ? pkg.bin : pkg.bin.prism;
  if (!bin) throw new Error("@stoplight/prism-cli declares no prism bin");
  return join(dirname(pkgPath), bin);
}

/** Runs in Prism's process before Prism: it ends the group once the launcher's IPC channel is gone. */
const WATCHDOG = `
process.channel?.unref();
process.on("disconnect", () => {
  try { process.kill(-process.pid, "SIGKILL"); } catch {}
  process.exit(0);
});`;

/** Process groups still alive, killed synchronously if this process exits without stopping them. */
const liveGroups = new Set<number>();
process.on("exit", () => {
  for (const pid of liveGroups) killGroup(pid, "SIGKILL");
});

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    // A negative pid addresses the whole group: Prism and anything it forked.
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

export interface PrismOptions {
  /** OpenAPI document to mock (default: `defaultSpecPath()`). */
  specPath?: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 4010. */
  port?: number;
  /** `--dynamic`: generate every body from the schemas. */
  dynamic?: boolean;
  /** Makes dynamic bodies reproducible. */
  seed?: string;
  /** Default true (Prism's default). */
  cors?: boolean;
  /** `--errors`: turn response violations into errors (and, as a proxy, answer invalid requests itself). */
  errors?: boolean;
  /**
   * Run `prism proxy` in front of this upstream URL instead of `prism mock`: every answer is validated against
   * the spec, and its violations are reported in the `sl-violations` header (or, with `errors`, as a 500).
   */
  proxy?: string;
  /** Prism's log level (default "info"). */
  verboseLevel?: string;
  /** Receives Prism's log lines. */
  onOutput?: (line: string) => void;
  /** Default 60 s (Prism needs a few seconds to start on a slow runner). */
  readyTimeoutMs?: number;
}

export interface PrismHandle {
  /** Base URL, e.g. http://127.0.0.1:4010. */
  url: string;
  host: string;
  port: number;
  /** Process id (and process-group id) of Prism. */
  pid: number;
  /** Prism's last log lines, for error messages. */
  recentOutput: () => string[];
  /** Resolves with the exit code once Prism is gone. */
  exited: Promise<number | null>;
  /** SIGTERM the group, SIGKILL after a grace period; resolves when gone. */
  stop: () => Promise<void>;
}

/**
 * Starts Prism in its own process group and resolves once it accepts connections.
 * Rejects with a clear message if the port is taken, the spec is missing, or Prism dies while starting.
 */
export async function startPrism(options: PrismOptions = {}): Promise<PrismHandle> {
  const specPath = options.specPath ?? defaultSpecPath();
  const host = options.host ?? "127.0.0.1";
  const port = options.port ?? 4010;
  if (!existsSync(specPath)) {
    throw new Error(
      `mock: no spec at ${specPath}. Build it first: pnpm --filter @ssemble/spec build (or set MOCK_SPEC).`,
    );
  }
  await assertPortFree(host, port, { what: "the Prism mock", envVar: "MOCK_PORT" });

  const args = [
    // Prism runs in a process group of its own (so that a Ctrl-C reaches us, and we stop the whole group), which
    // also means it outlives a launcher killed with SIGKILL, holding the port. This preload ties it to us: when
    // the IPC channel closes, whatever ended the launcher, Prism's group goes too.
    "--import",
    `data:text/javascript,${encodeURIComponent(WATCHDOG)}`,
    prismBinPath(),
    ...(options.proxy === undefined ? ["mock", specPath] : ["proxy", specPath, options.proxy]),
    "--host",
    host,
    "--port",
    String(port),
    `--cors=${options.cors ?? true}`,
    `--errors=${options.errors ?? false}`,
    "--verboseLevel",
    options.verboseLevel ?? "info",
  ];
  if (options.dynamic && options.proxy === undefined) args.push("--dynamic");
  if (options.seed !== undefined) args.push("--seed", options.seed);

  const child = spawn(process.execPath, args, {
    detached: true, // own process group: Ctrl-C in a terminal reaches us, and we stop the whole group
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error("mock: could not spawn Prism");
  // The channel only carries the launcher's death; it must not keep the launcher alive by itself.
  child.channel?.unref();
  liveGroups.add(pid);

  const recent: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (line.trim() === "") continue;
      recent.push(line);
      if (recent.length > 60) recent.shift();
      options.onOutput?.(line);
    }
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);

  const exited = new Promise<number | null>((resolve) => {
    child.once("exit", (code) => {
      liveGroups.delete(pid);
      // Prism may have forked; make sure nothing of the group outlives it.
      killGroup(pid, "SIGKILL");
      resolve(code);
    });
  });

  const probeHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  const url = `http://${probeHost.includes(":") ? `[${probeHost}]` : probeHost}:${port}`;

  let stopping: Promise<void> | undefined;
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

  try {
    await waitUntilAnswering(probeHost, port, exited, options.readyTimeoutMs ?? 60_000);
  } catch (error) {
    await stop();
    const tail = recent.slice(-15).join("\n");
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}${tail ? `\nPrism said:\n${tail}` : ""}`,
    );
  }
  return { url, host, port, pid, recentOutput: () => [...recent], exited, stop };
}

/**
 * Polls until the port accepts a TCP connection: Prism opens it only once the spec is loaded and routes are
 * ready (an HTTP probe would work too but logs a "no path matched" error in Prism's output).
 */
async function waitUntilAnswering(
  host: string,
  port: number,
  exited: Promise<number | null>,
  timeoutMs: number,
): Promise<void> {
  let dead = false;
  let exitCode: number | null = null;
  void exited.then((code) => {
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

function canConnect(host: string, port: number): Promise<boolean> {
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
