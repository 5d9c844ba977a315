// The engine over node:http. A spec violation becomes a 500 whose details name it, so a client sees the bug.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ConsoleSite } from "./console-site.js";
import type { Engine } from "./core/engine.js";
import { SpecViolationError } from "./core/errors.js";
import type { SandboxRequest, SandboxResponse } from "./core/http.js";
import type { Cors } from "./cors.js";

/** Request bodies above this are refused (the largest valid create body is a few kB). */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Calls `done` with the body as text (undefined for none), or `tooLarge` past MAX_BODY_BYTES. Events and callbacks,
 * not an async iterator or a promise: answering from the `end` event itself made creates 10-35% faster.
 */
function readBody(
  req: IncomingMessage,
  done: (body: string | undefined) => void,
  tooLarge: () => void,
): void {
  // Without a length or a chunked encoding, HTTP/1.1 says there is no body: nothing to wait for.
  if (
    req.headers["content-length"] === undefined &&
    req.headers["transfer-encoding"] === undefined
  ) {
    req.resume();
    done(undefined);
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let refused = false;
  req.on("data", (chunk: Buffer) => {
    if (refused) return;
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      refused = true;
      chunks.length = 0;
      tooLarge();
    } else chunks.push(chunk);
  });
  req.on("end", () => {
    if (!refused) done(chunks.length === 0 ? undefined : Buffer.concat(chunks).toString("utf8"));
  });
  // An aborted upload: the socket is gone, there is no one to answer.
  req.on("error", () => {});
}

/** `http://<host>`, checked by the URL parser once per Host header seen (a bad one throws, as before). */
const origins = new Map<string, string>();
function originOf(host: string): string {
  let origin = origins.get(host);
  if (origin === undefined) {
    origin = new URL(`http://${host}`).origin;
    if (origins.size >= 64) origins.clear();
    origins.set(host, origin);
  }
  return origin;
}

/** Path and query of the request target, as sent: routing sees the path the client wrote (no dot resolution). */
function target(raw: string, origin: string): { path: string; query: URLSearchParams } {
  if (!raw.startsWith("/")) {
    // The absolute form (`GET http://host/path`), as proxies send it.
    const url = new URL(raw, origin);
    return { path: url.pathname, query: url.searchParams };
  }
  const q = raw.indexOf("?");
  return q === -1
    ? { path: raw, query: new URLSearchParams() }
    : { path: raw.slice(0, q), query: new URLSearchParams(raw.slice(q + 1)) };
}

const failure = (code: string, message: string, details: unknown = null): SandboxResponse => ({
  status: 500,
  headers: { "content-type": "application/json" },
  body: { error: { code, message, details } },
});

export function createSandboxServer(
  engine: Engine,
  options: { cors?: Cors; console?: ConsoleSite } = {},
): Server {
  const { cors, console: site } = options;
  // No promise per request (they cost): a body is awaited by events, and only a control that waits is async.
  return createServer((req, res) => {
    if (site?.(req, res)) return;
    const preflight = cors?.preflight(req.method ?? "GET", req.headers);
    if (preflight) {
      req.resume();
      res.writeHead(preflight.status, preflight.headers).end();
      return;
    }
    // Every answer a page may read carries its CORS headers, errors included.
    const extra = cors?.headers(req.headers.origin);
    readBody(
      req,
      (body) => respond(engine, req, res, body, extra),
      () => {
        res.writeHead(413, { ...extra, "content-type": "application/json", connection: "close" });
        res.end(
          JSON.stringify({
            error: { code: "invalid_request", message: "request body too large", details: null },
          }),
        );
      },
    );
  });
}

function respond(
  engine: Engine,
  req: IncomingMessage,
  res: ServerResponse,
  body: string | undefined,
  extra: Record<string, string> | undefined,
): void {
  let answer: SandboxResponse | Promise<SandboxResponse>;
  try {
    const origin = originOf(req.headers.host ?? "127.0.0.1");
    const { path, query } = target(req.url ?? "/", origin);
    const headers: SandboxRequest["headers"] = {};
    for (const name in req.headers) {
      const value = req.headers[name];
      headers[name] = Array.isArray(value) ? value.join(", ") : value;
    }
    answer = engine.handle({ method: req.method ?? "GET", path, query, headers, body, origin });
  } catch (error) {
    answer = failureOf(error);
  }
  if (answer instanceof Promise) {
    answer.then(
      (a) => send(res, a, extra),
      (error: unknown) => send(res, failureOf(error), extra),
    );
  } else send(res, answer, extra);
}

function failureOf(error: unknown): SandboxResponse {
  return error instanceof SpecViolationError
    ? failure("internal_error", error.message, {
        operationId: error.operationId,
        status: error.status,
        violations: error.violations,
      })
    : failure(
        "internal_error",
        `sandbox error: ${error instanceof Error ? error.message : String(error)}`,
      );
}

function send(
  res: ServerResponse,
  answer: SandboxResponse,
  extra: Record<string, string> | undefined,
): void {
  if (extra) Object.assign(answer.headers, extra);
  if (answer.stream) {
    res.writeHead(answer.status, answer.headers);
    const reader = answer.stream.getReader();
    res.on("close", () => void reader.cancel().catch(() => {}));
    const pump = (): void => {
      reader.read().then(
        ({ done, value }) => {
          if (done) return void res.end();
          // Flow control: the next chunk waits for the socket to drain.
          if (res.write(value)) pump();
          else res.once("drain", pump);
        },
        () => res.end(),
      );
    };
    pump();
    return;
  }
  if (answer.raw) {
    res.writeHead(answer.status, answer.headers);
    res.end(answer.raw);
    return;
  }
  const text = answer.body === undefined ? "" : JSON.stringify(answer.body);
  if (text) answer.headers["content-length"] = String(Buffer.byteLength(text));
  res.writeHead(answer.status, answer.headers);
  res.end(text);
}

export function listen(server: Server, host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const { port: actual } = server.address() as AddressInfo;
      resolve(`http://${host.includes(":") ? `[${host}]` : host}:${actual}`);
    });
  });
}
