// ssemble webhooks listen: a local receiver in the spirit of `stripe listen`. Each delivery is checked with the
// client's webhook parser and printed readably (or as a JSON line); it is answered 2xx, or, with --forward-to,
// sent on to the app being built and the app's answer relayed, so that the sender's retries see what the app did.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ShortsWebhookEvent } from "@ssemble/client";
import type { Context } from "../context.js";
import { UsageError } from "../exit-codes.js";
import { printable } from "../terminal.js";

export interface ListenFlags {
  host?: string;
  port?: number;
  forwardTo?: string;
  /** Other names accepted in Host (a tunnel's public name), comma-separated. */
  allowHost?: string;
}

/** The listener's port when --port is not given (beside the mock's 4010 and the sandbox's 4020). */
export const DEFAULT_LISTEN_PORT = 4030;
/** Webhook bodies are small; anything larger is refused rather than buffered. */
const MAX_BODY = 1024 * 1024;
const FORWARD_TIMEOUT_MS = 10_000;
// The headers of a delivery the app behind --forward-to gets; nothing else a caller sent goes on.
const FORWARDED = ["content-type", "user-agent"] as const;

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Why a request must not be taken, if it must not: a web page's (it carries an Origin; webhook senders are
 * servers and send none), or one addressed to another host (DNS rebinding: a page's own name resolving to
 * 127.0.0.1). The listener answers to loopback names, the --host it was given and the --allow-host names (a
 * tunnel's); bound to every interface (0.0.0.0, ::), to any name.
 */
function refuse(
  req: IncomingMessage,
  listenHost: string,
  allowed: readonly string[],
): string | undefined {
  if (req.headers.origin !== undefined) return "a request from a web page (it has an Origin)";
  if (listenHost === "0.0.0.0" || listenHost === "::") return undefined;
  let name: string | undefined;
  try {
    name = new URL(`http://${req.headers.host ?? ""}`).hostname;
  } catch {
    name = undefined;
  }
  const chosen = listenHost.includes(":") ? `[${listenHost}]` : listenHost;
  if (
    name &&
    (LOOPBACK.test(name) ||
      name.endsWith(".localhost") ||
      name === chosen.toLowerCase() ||
      allowed.includes(name))
  ) {
    return undefined;
  }
  return "a request for another host (its Host is not this listener's; a tunnel's name needs --allow-host)";
}

const time = () => new Date().toTimeString().slice(0, 8);

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > MAX_BODY ? undefined : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function answer(res: ServerResponse, status: number, body: unknown, headers = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(text);
}

export function checkForwardTo(raw: string | undefined): URL | undefined {
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(
      `--forward-to must be an absolute http(s) URL, got ${JSON.stringify(raw)}`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UsageError(`--forward-to must be an http or https URL, got ${url.protocol}`);
  }
  return url;
}

export async function listen(ctx: Context, flags: ListenFlags): Promise<void> {
  const forwardTo = checkForwardTo(flags.forwardTo);
  const { parseWebhookEvent } = await import("@ssemble/client/webhooks");
  const { out } = ctx;
  const c = out.stdoutColors;
  let received = 0;
  let rejected = 0;

  const show = (event: ShortsWebhookEvent) => {
    if (out.options.json) return process.stdout.write(`${JSON.stringify(event)}\n`);
    // Whoever posts here wrote every string of the event: none may act on the terminal.
    const head = `${time()}  ${event.event === "shorts.completed" ? c.green(event.event) : c.red(event.event)}  ${printable(event.requestId)}`;
    if (event.event === "shorts.failed") {
      out.print(`${head}  reason: ${printable(String(event.data.failureReason))}`);
      return;
    }
    const shorts = event.data.shorts;
    out.print(`${head}  ${shorts.length} clip${shorts.length === 1 ? "" : "s"}`);
    shorts.forEach((s, i) => {
      out.print(
        `  ${i + 1}. ${printable(s.title)}  ${c.dim(`${Math.round(s.duration)} s, score ${s.viral_score}`)}  ${printable(s.video_url)}`,
      );
    });
  };

  const forward = async (req: IncomingMessage, body: Buffer, res: ServerResponse) => {
    const target = forwardTo as URL;
    // Only what a delivery is made of: the app must not receive a caller's cookies or credentials.
    const headers: Record<string, string> = {};
    for (const name of FORWARDED) {
      const value = req.headers[name];
      if (typeof value === "string") headers[name] = value;
    }
    const started = Date.now();
    try {
      const reply = await fetch(target, {
        method: "POST",
        headers,
        body: new Uint8Array(body),
        redirect: "manual",
        signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS),
      });
      const bytes = Buffer.from(await reply.arrayBuffer());
      const type = reply.headers.get("content-type");
      res.writeHead(reply.status, type ? { "content-type": type } : {});
      res.end(bytes);
      const ok = reply.status >= 200 && reply.status < 300;
      out.info(
        `  -> ${target.href}  ${ok ? out.colors.green(String(reply.status)) : out.colors.red(String(reply.status))}  (${Date.now() - started} ms)`,
      );
    } catch (err) {
      const e = err as { name?: string; cause?: { code?: string }; message?: string };
      const why =
        e.name === "TimeoutError"
          ? `no answer within ${FORWARD_TIMEOUT_MS / 1000} s`
          : (e.cause?.code ?? e.message ?? String(err));
      // The sender sees a failure and retries, as it would if the app itself were down.
      answer(res, 502, { error: `forwarding to ${target.href} failed: ${why}` });
      out.info(`  -> ${target.href}  ${out.colors.red(`failed: ${why}`)}`);
    }
  };

  const host = flags.host ?? "127.0.0.1";
  const allowed = (flags.allowHost ?? "")
    .split(",")
    .map((n) => n.trim().toLowerCase())
    .filter(Boolean);
  const server = createServer((req, res) => {
    const refusal = refuse(req, host, allowed);
    if (refusal) {
      rejected++;
      out.info(`${time()}  ${out.colors.yellow("refused")}  ${refusal} (403)`);
      answer(res, 403, { error: refusal });
      req.resume();
      return;
    }
    if (req.method !== "POST") {
      answer(res, 405, { error: "webhook deliveries are POST requests" }, { allow: "POST" });
      req.resume();
      return;
    }
    readBody(req).then(
      (body) => {
        received++;
        if (body === undefined) {
          rejected++;
          out.info(`${time()}  ${out.colors.yellow("rejected")}  a body over 1 MiB (413)`);
          return answer(res, 413, { error: "body over 1 MiB" });
        }
        let event: ShortsWebhookEvent;
        try {
          event = parseWebhookEvent(body.toString("utf8"));
        } catch (err) {
          rejected++;
          const message = err instanceof Error ? err.message : String(err);
          out.info(`${time()}  ${out.colors.yellow("rejected")}  ${printable(message)} (400)`);
          return answer(res, 400, { error: message });
        }
        show(event);
        if (forwardTo) return forward(req, body, res);
        answer(res, 200, { received: true });
      },
      () => res.destroy(),
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(flags.port ?? DEFAULT_LISTEN_PORT, host, () => resolve());
  }).catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(
      err.code === "EADDRINUSE"
        ? `port ${flags.port ?? DEFAULT_LISTEN_PORT} is in use: pick another with --port`
        : `cannot listen on ${host}: ${err.message}`,
    );
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}/`;
  out.info(`listening on ${url}${forwardTo ? `, forwarding to ${forwardTo.href}` : ""}`);
  out.info(`create with --webhook-url ${url} to receive here; Ctrl-C stops`);

  // Ctrl-C (or a TERM) is how a listener ends: a success, once the server has closed.
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      server.close(() => resolve());
      server.closeAllConnections();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  out.info(
    `stopped: ${received} deliver${received === 1 ? "y" : "ies"}${rejected ? `, ${rejected} rejected` : ""}`,
  );
}
