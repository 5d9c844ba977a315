import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** One request as the server actually received it. */
export interface Received {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface Reply {
  status?: number;
  /** JSON-encoded unless `raw` is given. */
  json?: unknown;
  /** Sent verbatim (HTML, truncated JSON, ...). */
  raw?: string;
  headers?: Record<string, string>;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Drop the connection instead of answering (a reset after the request was received). */
  destroy?: boolean;
}

export type Responder = (req: Received) => Reply | Promise<Reply>;

export interface TestServer {
  url: string;
  port: number;
  /** Every request received, in order. */
  received: Received[];
  /** Queue replies used one per request, before the fallback. */
  reply(...replies: (Reply | Responder)[]): void;
  /** Answers requests once the queue is empty (default: 500). */
  fallback(responder: Responder): void;
  close(): Promise<void>;
}

export const RATE_HEADERS = {
  "x-ratelimit-limit-hour": "100",
  "x-ratelimit-remaining-hour": "95",
  "x-ratelimit-limit-day": "1000",
  "x-ratelimit-remaining-day": "950",
  "x-ratelimit-reset": "2026-01-15T11:00:00.000Z",
};

/** A real HTTP server on 127.0.0.1 (random port) whose answers the test scripts. */
export async function startServer(port = 0): Promise<TestServer> {
  const queue: (Reply | Responder)[] = [];
  let fallback: Responder = () => ({
    status: 500,
    json: { error: { code: "internal_error", message: "no reply scripted", details: null } },
  });
  const received: Received[] = [];
  const sockets = new Set<Socket>();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const rec: Received = {
      method: req.method ?? "",
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: Buffer.concat(chunks).toString("utf8"),
    };
    received.push(rec);
    const next = queue.shift() ?? fallback;
    const reply = typeof next === "function" ? await next(rec) : next;
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    if (reply.destroy) {
      req.socket.destroy();
      return;
    }
    if (res.destroyed) return;
    const body = reply.raw ?? (reply.json === undefined ? "" : JSON.stringify(reply.json));
    const headers: Record<string, string> = { ...RATE_HEADERS, ...reply.headers };
    if (reply.json !== undefined && !headers["content-type"])
      headers["content-type"] = "application/json";
    res.writeHead(reply.status ?? 200, headers);
    res.end(body);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      res.destroy(err as Error);
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    received,
    reply: (...r) => queue.push(...r),
    fallback: (r) => {
      fallback = r;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
