// CORS for the HTTP sandbox, so that a frontend dev server on another port (Vite on 5173) can call it, as it can
// call Prism. By default only pages served from this machine (a loopback host, any port): any web site open in
// the developer's browser can reach 127.0.0.1 too, and must not be able to read or reset a workspace whose key it
// can guess, nor make the sandbox POST webhooks to local ports for it.
import { isLoopbackHost } from "./core/loopback.js";

/**
 * `"loopback"` (pages from localhost, 127.x.x.x or [::1], any port: the default), `"*"` (any origin) or the
 * exact origins allowed, e.g. `["http://192.168.1.20:5173"]`.
 */
export type CorsOrigins = "loopback" | "*" | readonly string[];

export interface Cors {
  /** The headers to add to an answer to a request from `origin` (none when it is not allowed). */
  headers(origin: string | undefined): Record<string, string>;
  /** The answer to a preflight, or undefined when the request is not one. */
  preflight(
    method: string,
    headers: Record<string, string | string[] | undefined>,
  ): { status: number; headers: Record<string, string> } | undefined;
}

/** Methods a page may send: the API's and the controls' (`PUT /_sandbox/workspace`). */
const METHODS = "GET, HEAD, POST, PUT, DELETE";
/** Request headers a page may send: the key (either way), JSON bodies, and resumable media downloads. */
const ALLOWED_HEADERS = "Authorization, Content-Type, If-Range, Range, X-API-Key";

/**
 * `origins` as a checker. `exposed` is every response header a script needs to read beyond the CORS-safelisted
 * ones: the rate-limit headers the spec declares, `Retry-After`, and the media headers.
 */
export function createCors(origins: CorsOrigins, exposed: readonly string[]): Cors {
  const any = origins === "*";
  const listed = new Set(typeof origins === "string" ? [] : origins.map(normaliseOrigin));
  const expose = [...new Set([...exposed, "content-range", "accept-ranges", "etag"])].join(", ");
  const allows = origins === "loopback" ? isLoopbackOrigin : (origin: string) => listed.has(origin);
  const base = (origin: string | undefined): Record<string, string> => {
    if (any) return origin === undefined ? {} : { "access-control-allow-origin": "*" };
    // Every answer depends on the Origin, even one to a request without it: a cache must not reuse it for another.
    if (origin === undefined || !allows(origin)) return { vary: "Origin" };
    return { "access-control-allow-origin": origin, vary: "Origin" };
  };
  return {
    headers(origin) {
      const headers = base(origin);
      if (headers["access-control-allow-origin"]) headers["access-control-expose-headers"] = expose;
      return headers;
    },
    preflight(method, headers) {
      if (method !== "OPTIONS") return undefined;
      const origin = one(headers.origin);
      if (origin === undefined || one(headers["access-control-request-method"]) === undefined) {
        return undefined;
      }
      const out = base(origin);
      if (out["access-control-allow-origin"]) {
        out["access-control-allow-methods"] = METHODS;
        out["access-control-allow-headers"] = ALLOWED_HEADERS;
        out["access-control-max-age"] = "600";
      }
      return { status: 204, headers: out };
    },
  };
}

/** Parses a `--cors-origin` / `SANDBOX_CORS_ORIGINS` value: `loopback`, `*`, or origins separated by commas. */
export function parseCorsOrigins(raw: string): CorsOrigins {
  const value = raw.trim();
  if (value === "*" || value === "loopback") return value;
  const list = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (list.length === 0) throw new Error("no origin given: use * or a comma-separated list");
  return list.map(normaliseOrigin);
}

/** `http://localhost:5173/` → `http://localhost:5173`; anything but an http(s) origin throws. */
function normaliseOrigin(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`"${raw}" is not an origin (e.g. http://localhost:5173)`);
  }
  const bare = url.pathname === "/" && !url.search && !url.hash && !url.username;
  if ((url.protocol !== "http:" && url.protocol !== "https:") || !bare) {
    throw new Error(`"${raw}" is not an origin: scheme, host and port only (e.g. ${url.origin})`);
  }
  return url.origin;
}

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** `http(s)://localhost:5173`, `http://127.0.0.1:8080`, `http://[::1]`: a page this machine serves. */
function isLoopbackOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === "http:" || url.protocol === "https:") && isLoopbackHost(url.hostname);
  } catch {
    return false;
  }
}
