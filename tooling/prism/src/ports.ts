// Ports a person can act on: binding checks with readable messages, free ports for tests, env parsing.
import { createServer, type Server } from "node:net";

/** A port that cannot be used, with a message a person can act on. */
export class PortUnavailableError extends Error {
  override name = "PortUnavailableError";
  /** The errno code behind it (`EADDRINUSE`, `EACCES`, ...). */
  readonly code: string | undefined;

  constructor(message: string, code: string | undefined) {
    super(message);
    this.code = code;
  }
}

/**
 * Resolves when `host:port` can be bound right now; rejects with a PortUnavailableError otherwise.
 * Binding is the only reliable test: a connect probe misses listeners on other addresses.
 */
export function assertPortFree(
  host: string,
  port: number,
  hint: { what?: string; envVar?: string } = {},
): Promise<void> {
  const what = hint.what ?? "the server";
  const envVar = hint.envVar ?? "PORT";
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once("error", (error: NodeJS.ErrnoException) => {
      const suggestion = port >= 65535 ? port - 1 : port + 1;
      const messages: Record<string, string> = {
        EADDRINUSE: `port ${port} on ${host} is already in use, so ${what} cannot start (is it already running?). Stop that process or pick another port, e.g. ${envVar}=${suggestion}.`,
        EACCES: `not allowed to listen on ${host}:${port}: choose a port above 1023 with ${envVar}.`,
        EADDRNOTAVAIL: `cannot listen on ${host}: it is not an address of this machine.`,
      };
      reject(
        new PortUnavailableError(
          messages[error.code ?? ""] ?? `cannot listen on ${host}:${port}: ${error.message}`,
          error.code,
        ),
      );
    });
    probe.listen({ host, port, exclusive: true }, () => {
      probe.close(() => resolve());
    });
  });
}

/** A port that was free a moment ago on `host` (the OS picks it). */
export function findFreePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once("error", reject);
    probe.listen({ host, port: 0, exclusive: true }, () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Parses a port from an environment variable; throws a readable error for junk. */
export function parsePort(raw: string | undefined, fallback: number, envVar: string): number {
  if (raw === undefined || raw === "") return fallback;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535) {
    throw new PortUnavailableError(
      `${envVar} must be a port number (1–65535), got "${raw}"`,
      "EINVAL",
    );
  }
  return port;
}

/** Whether any process of the group `pid` leads is alive (Prism and what it forked): for stop checks. */
export function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Holds `port` on `host` until the returned server is closed: for tests of what happens when a port is taken. */
export async function occupyPort(port: number, host = "127.0.0.1"): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen({ host, port }, resolve));
  return server;
}
