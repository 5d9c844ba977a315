// The console (@ssemble/console) on the sandbox server: its page under /_sandbox/console/, working on this
// sandbox's workspaces, and the root sending a browser there. Files are read once, when the server is made.
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { CONSOLE_CSP, consoleFiles } from "@ssemble/console";

export const CONSOLE_PATH = "/_sandbox/console/";

interface Entry {
  type: string;
  body: Uint8Array;
  etag: string;
}

export type ConsoleSite = (req: IncomingMessage, res: ServerResponse) => boolean;

/** A handler that answers the console's requests (and a browser's at the root); false for every other request. */
export function consoleSite(): ConsoleSite {
  const files = new Map<string, Entry>();
  for (const file of consoleFiles()) {
    const etag = `"${createHash("sha256").update(file.body).digest("base64url").slice(0, 22)}"`;
    files.set(file.name, { type: file.type, body: file.body, etag });
  }
  return (req, res) => {
    const url = req.url ?? "/";
    // Every API request passes here first: it leaves after one prefix test, allocating nothing.
    if (url.charCodeAt(1) !== 95 /* "_" */ && url !== "/" && !url.startsWith("/?")) return false;
    const method = req.method ?? "GET";
    if (method !== "GET" && method !== "HEAD") return false;
    const path = url.split("?")[0] ?? "/";
    if (path === "/" && /\btext\/html\b/.test(req.headers.accept ?? "")) {
      redirect(res, CONSOLE_PATH);
      return true;
    }
    if (path === "/_sandbox/console") {
      redirect(res, CONSOLE_PATH);
      return true;
    }
    if (!path.startsWith(CONSOLE_PATH)) return false;
    const name = path.slice(CONSOLE_PATH.length) || "index.html";
    const entry = files.get(name);
    req.resume();
    if (!entry) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found\n");
      return true;
    }
    const headers = {
      "content-type": entry.type,
      "content-security-policy": CONSOLE_CSP,
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
      "cache-control": "no-cache",
      etag: entry.etag,
    };
    if (matches(req.headers["if-none-match"], entry.etag)) {
      res.writeHead(304, headers).end();
      return true;
    }
    res.writeHead(200, { ...headers, "content-length": String(entry.body.byteLength) });
    res.end(method === "HEAD" ? undefined : entry.body);
    return true;
  };
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { location, "content-type": "text/plain; charset=utf-8" });
  res.end(`The console: ${location}\n`);
}

/** If-None-Match as RFC 9110 reads it: a list, compared weakly, or `*`. */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(",")
    .map((t) => t.trim().replace(/^W\//, ""))
    .some((t) => t === "*" || t === etag);
}
