// @ssemble/sandbox: a stateful Ssemble API driven by its spec, in-process (`sandbox.fetch`) or on a port.
import type { Server } from "node:http";
import { CONSOLE_PATH, consoleSite } from "./console-site.js";
import type { ClockMode, ClockState } from "./core/clock.js";
import { compileValidators } from "./core/compile-validators.js";
import { createEngine, type Persistence } from "./core/engine.js";
import type { AccountLimits } from "./core/rate-limits.js";
import type { Deliver, Delivery } from "./core/webhooks.js";
import type { WorkspaceSettings } from "./core/workspace.js";
import { type CorsOrigins, createCors } from "./cors.js";
import { DataFileWriter, digestKey, readDataFile } from "./data-file.js";
import type { SandboxFetch } from "./fetch.js";
import { loadInputs } from "./load.js";
import {
  type CommonOptions,
  engineOptions,
  type InProcessSandbox,
  inProcess,
  type WorkspaceControls,
} from "./sandbox.js";
import { createSandboxServer, listen } from "./server.js";

export { SpecViolationError } from "./core/errors.js";
export { API_KEY, sandboxKey } from "./core/keys.js";
/** The magic keys and sources (README, "Magic inputs"), name → effect: for tooling that lists them. */
export { MAGIC_KEYS, MAGIC_SOURCES } from "./core/magic.js";
export { DataFileError } from "./data-file.js";
export type {
  AccountLimits,
  ClockMode,
  ClockState,
  CorsOrigins,
  Deliver,
  Delivery,
  InProcessSandbox,
  SandboxFetch,
  WorkspaceControls,
  WorkspaceSettings,
};

export interface SandboxOptions extends CommonOptions {
  /**
   * Keeps every workspace in this JSON file across restarts: loaded now, written at most `dataDebounceMs`
   * (default 1,000) after a change, and by `close()`. An unusable file throws `DataFileError` and is left alone.
   */
  dataFile?: string;
  dataDebounceMs?: number;
  /**
   * Which web pages may call the sandbox over HTTP (`listen`): `"loopback"`, pages served from this machine on
   * any port (the default; a dev server on localhost:5173, say), `"*"`, any origin, or a list such as
   * `["http://192.168.1.20:5173"]`. Answers expose the rate-limit headers and `Retry-After` to scripts.
   */
  cors?: CorsOrigins;
  /**
   * Serves the console (@ssemble/console) at `/_sandbox/console/` (`listen`), working on this sandbox's
   * workspaces; a browser opening the root is sent there. Default true.
   */
  console?: boolean;
}

export interface Sandbox extends InProcessSandbox {
  /** Serves the sandbox over HTTP; resolves with its base URL. */
  listen(options?: { host?: string; port?: number }): Promise<string>;
  /** Where the console is once listening (`${url}/_sandbox/console/`), unless `console: false`. */
  readonly consolePath: string | undefined;
}

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  let writer: DataFileWriter | undefined;
  const persistence: Persistence | undefined = options.dataFile
    ? { digest: digestKey, saved: readDataFile(options.dataFile), changed: () => writer?.changed() }
    : undefined;
  const inputs = loadInputs();
  // Scripts may read every header the spec declares on an answer (the rate-limit ones, Retry-After). Built now,
  // so that a malformed origin is an error of createSandbox, not of a later listen.
  const declared = inputs.model.operations.flatMap((op) =>
    Object.values(op.responses).flatMap((r) => r.headers.map((h) => h.name)),
  );
  const cors = createCors(options.cors ?? "loopback", declared);
  const engine = createEngine({
    model: inputs.model,
    media: inputs.media,
    validators: compileValidators(inputs.document, inputs.model),
    ...(persistence ? { persistence } : {}),
    ...engineOptions(options),
  });
  if (options.dataFile) {
    writer = new DataFileWriter(
      options.dataFile,
      () => engine.snapshot(),
      options.dataDebounceMs ?? 1_000,
    );
  }
  let server: Server | undefined;
  const sandbox = inProcess(engine, {
    tickMs: options.tickMs,
    async onClose() {
      await writer?.flush();
      const s = server;
      server = undefined;
      if (!s) return;
      return new Promise<void>((resolve, reject) => {
        s.close((error) => (error ? reject(error) : resolve()));
        s.closeIdleConnections();
      });
    },
  });
  return {
    ...sandbox,
    consolePath: options.console === false ? undefined : CONSOLE_PATH,
    async listen({ host = "127.0.0.1", port = 4020 } = {}) {
      if (server) throw new Error("the sandbox is already listening");
      server = createSandboxServer(engine, {
        cors,
        ...(options.console === false ? {} : { console: consoleSite() }),
      });
      return listen(server, host, port);
    },
  };
}
