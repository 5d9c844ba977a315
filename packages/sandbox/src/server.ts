// The engine over node:http. A spec violation becomes a 500 whose details name it, so a client sees the bug.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Engine } from "./core/engine.js";
import { SpecViolationError } from "./core/errors.js";
import type { SandboxRequest, SandboxResponse } from "./core/http.js";

/** Request bodies above this are refused (the largest valid create body is a few kB). */
const MAX_BODY_BYTES = 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new RangeError("body too large");
    chunks.push(chunk);
  }
  return chunks.length === 0 ? undefined : Buffer.concat(chunks).toString("utf8");
}

const failure = (code: string, message: string, details: unknown = null): SandboxResponse => ({
  status: 500,
  headers: { "content-type": "application/json" },
  body: { error: { code, message, details } },
});

export function createSandboxServer(engine: Engine): Server {
  return createServer(async (req, res) => {
    let answer: SandboxResponse;
    try {
      const host = req.headers.host ?? "127.0.0.1";
      const url = new URL(req.url ?? "/", `http://${host}`);
      let body: string | undefined;
      try {
        body = await readBody(req);
      } catch {
        res.writeHead(413, { "content-type": "application/json", connection: "close" });
        res.end(
          JSON.stringify({
            error: { code: "invalid_request", message: "request body too large", details: null },
          }),
        );
        return;
      }
      const headers: SandboxRequest["headers"] = {};
      for (const [name, value] of Object.entries(req.headers)) {
        headers[name] = Array.isArray(value) ? value.join(", ") : value;
      }
      answer = await engine.handle({
        method: req.method ?? "GET",
        path: url.pathname,
        query: url.searchParams,
        headers,
        body,
        origin: url.origin,
      });
    } catch (error) {
      answer =
        error instanceof SpecViolationError
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
    if (answer.raw) {
      res.writeHead(answer.status, answer.headers);
      res.end(answer.raw);
      return;
    }
    const text = answer.body === undefined ? "" : JSON.stringify(answer.body);
    res.writeHead(answer.status, {
      ...answer.headers,
      ...(text ? { "content-length": Buffer.byteLength(text) } : {}),
    });
    res.end(text);
  });
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
