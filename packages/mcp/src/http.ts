// Streamable HTTP at /mcp, stateless: every POST brings its own key and gets a server of its own, so no caller's
// key ever serves another's request, and nothing is kept between requests. Host and Origin are checked against
// DNS rebinding before anything else, and bodies are bounded.
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import type { JSONRPCNotification } from "@modelcontextprotocol/sdk/types.js";
import type { Target } from "./connect.js";
import { MISSING_KEY } from "./connect.js";
import { createSsembleMcpServer, VERSION } from "./server.js";
import { JobTaskStore } from "./tasks.js";
import type { WaitSettings } from "./tools/wait.js";

export interface HttpOptions {
  target: Target;
  /** Default 127.0.0.1. */
  host?: string | undefined;
  /** Default 4040 (beside the mock on 4010, the sandbox on 4020 and `ssemble webhooks listen` on 4030); 0 picks a free port. */
  port?: number | undefined;
  /**
   * Extra `Host` names (with or without port) accepted besides this machine's loopback names: needed when the server
   * is reached through another name (a proxy, a LAN address).
   */
  allowedHosts?: readonly string[] | undefined;
  /** Extra page origins that may call the server (any loopback origin is allowed; other origins are refused). */
  allowedOrigins?: readonly string[] | undefined;
  /** Largest request body (bytes), default 1 MiB. */
  maxBodyBytes?: number | undefined;
  wait?: Partial<WaitSettings> | undefined;
}

export interface HttpServer {
  /** The MCP endpoint, e.g. `http://127.0.0.1:4040/mcp`. */
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** The request headers a page may send: MCP's, and the key's two. */
const CORS_HEADERS =
  "content-type, accept, authorization, x-ssemble-api-key, mcp-protocol-version, mcp-session-id, last-event-id";

const LOOPBACK_NAME = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** `host[:port]` → hostname (lower-cased) and port, or undefined when it is not a plain host. */
function parseHost(hostHeader: string): { name: string; port: string } | undefined {
  try {
    const url = new URL(`http://${hostHeader}`);
    if (url.username || url.pathname !== "/" || url.search) return undefined;
    return { name: url.hostname.toLowerCase(), port: url.port || "80" };
  } catch {
    return undefined;
  }
}

function send(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
  code = -32000,
) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  // A JSON-RPC error body, as MCP clients expect from the endpoint.
  res.end(JSON.stringify({ jsonrpc: "2.0", error: { code, message }, id: null }));
}

/** A caller's identity without its key: the key's digest ("" without a key). */
const digestOf = (key: string | undefined) =>
  key ? createHash("sha256").update(key).digest("hex") : "";

const isObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === "object" && !Array.isArray(v);

type Cancellation = JSONRPCNotification & { params: { requestId: string | number } };

const isCancellation = (m: unknown): m is Cancellation =>
  isObject(m) &&
  m.method === "notifications/cancelled" &&
  !("id" in m) &&
  isObject(m.params) &&
  (typeof m.params.requestId === "string" || typeof m.params.requestId === "number");

/** The whole body, or undefined when it passes `max` bytes (chunked bodies too). */
async function readBody(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
/** The caller's key: `X-Ssemble-API-Key` (as 1.1.0 reads it) or `Authorization: Bearer`. */
export function keyOf(req: IncomingMessage): string | undefined {
  const header = req.headers["x-ssemble-api-key"];
  const direct = Array.isArray(header) ? header[0] : header;
  if (direct?.trim()) return direct.trim();
  const auth = req.headers.authorization;
  const bearer = auth?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  return bearer || undefined;
}

export async function startHttpServer(options: HttpOptions): Promise<HttpServer> {
  const host = options.host ?? "127.0.0.1";
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const extraHosts = new Set((options.allowedHosts ?? []).map((h) => h.toLowerCase()));
  const origins = new Set((options.allowedOrigins ?? []).map((o) => o.toLowerCase()));
  let port = 0;
  /** The calls in progress, by caller and JSON-RPC id, with the transport serving each. */
  const running = new Map<string, StreamableHTTPServerTransport>();

  // Each caller's MCP tasks outlive the request that made them, so a caller's requests share one store; another
  // key cannot see them. Keyed by the key's digest, at most 1,000 callers. (A running task's API client holds its
  // key until the task ends, as any call's client does until it answers.)
  const stores = new Map<string, JobTaskStore>();
  const storeFor = (id: string) => {
    let store = stores.get(id);
    if (store) stores.delete(id);
    else store = new JobTaskStore();
    stores.set(id, store);
    if (stores.size > 1_000) {
      const [oldest, evicted] = stores.entries().next().value as [string, JobTaskStore];
      stores.delete(oldest);
      evicted.close();
    }
    return store;
  };

  const hostAllowed = (header: string | undefined): boolean => {
    const parsed = header ? parseHost(header) : undefined;
    if (!header || !parsed) return false;
    if (extraHosts.has(header.toLowerCase()) || extraHosts.has(parsed.name)) return true;
    // This machine's names, with this server's port: a name that resolves elsewhere (rebinding) is refused.
    return LOOPBACK_NAME.test(parsed.name) && parsed.port === String(port);
  };

  const originAllowed = (origin: string | undefined): boolean => {
    // Non-browser clients send no Origin; browsers always do on a cross-origin POST.
    if (origin === undefined) return true;
    if (origins.has(origin.toLowerCase())) return true;
    try {
      const url = new URL(origin);
      return (
        (url.protocol === "http:" || url.protocol === "https:") && LOOPBACK_NAME.test(url.hostname)
      );
    } catch {
      return false;
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "/").split("?")[0];
    if (!hostAllowed(req.headers.host)) return send(res, 403, "Forbidden: unexpected Host header");
    const origin = req.headers.origin;
    if (!originAllowed(origin))
      return send(res, 403, "Forbidden: this Origin may not call the server");
    if (path === "/health" && req.method === "GET") {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end(JSON.stringify({ status: "ok", version: VERSION }));
    }
    if (path !== "/mcp") return send(res, 404, "Not found: the MCP endpoint is /mcp");
    // A page on an allowed origin (the MCP Inspector, a local app) may call it: CORS, preflight included.
    if (origin !== undefined) {
      res.setHeader("access-control-allow-origin", origin);
      res.setHeader("vary", "Origin");
      res.setHeader("access-control-expose-headers", "mcp-session-id, mcp-protocol-version");
    }
    if (req.method === "OPTIONS") {
      res.writeHead(204, {
        "access-control-allow-methods": "POST",
        "access-control-allow-headers": CORS_HEADERS,
        "access-control-max-age": "600",
      });
      return res.end();
    }
    if (req.method !== "POST") {
      // Stateless: no session, so no standalone SSE stream (GET) and nothing to end (DELETE).
      return send(res, 405, "Method not allowed: this server is stateless; POST to /mcp", {
        allow: "POST",
      });
    }
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > maxBodyBytes) {
      return send(res, 413, `Request body larger than ${maxBodyBytes} bytes`);
    }
    const key = keyOf(req);
    if (!key && options.target.needsKey) {
      return send(
        res,
        401,
        `Unauthorized: ${MISSING_KEY.replace("set SSEMBLE_API_KEY in the MCP server's environment", "send X-Ssemble-API-Key or Authorization: Bearer")}`,
        {
          "www-authenticate": 'Bearer realm="ssemble-mcp"',
        },
      );
    }
    const body = await readBody(req, maxBodyBytes);
    if (!body) return send(res, 413, `Request body larger than ${maxBodyBytes} bytes`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString("utf8"));
    } catch {
      return send(res, 400, "Parse error: the body is not JSON", {}, -32700);
    }
    const caller = digestOf(key);
    const messages = Array.isArray(parsed) ? parsed : [parsed];
    // A cancellation comes in a POST of its own, which would meet a fresh server that knows no call: it goes to
    // the transport still serving that call for this caller, whose server then aborts it.
    if (messages.length > 0 && messages.every(isCancellation)) {
      for (const m of messages as Cancellation[]) {
        running.get(`${caller}:${JSON.stringify(m.params.requestId)}`)?.onmessage?.(m);
      }
      res.writeHead(202);
      return res.end();
    }
    const server = createSsembleMcpServer({
      client: () => options.target.client(key),
      secrets: key ? [key] : [],
      wait: options.wait,
      tasks: storeFor(caller),
    });
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      maxRequestBodySize: maxBodyBytes,
    });
    const calls = messages
      .filter((m): m is { id: string | number } => isObject(m) && "method" in m && "id" in m)
      .map((m) => `${caller}:${JSON.stringify(m.id)}`);
    for (const call of calls) running.set(call, transport);
    res.on("close", () => {
      for (const call of calls) if (running.get(call) === transport) running.delete(call);
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, parsed);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      // Never the error's text: it could quote a request.
      if (!res.headersSent) send(res, 500, "Internal error");
      else res.end();
    });
  });
  server.headersTimeout = 10_000;
  // Receiving a request (not answering it: waits stream for longer) must not take forever.
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 4040, host, () => resolve());
  });
  const address = server.address();
  port = typeof address === "object" && address ? address.port : 0;
  const shown = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}/mcp`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const store of stores.values()) store.close();
        stores.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
