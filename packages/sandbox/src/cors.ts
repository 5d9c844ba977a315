// CORS for the HTTP sandbox, so that a frontend dev server on another port (Vite on 5173) can call it, as it can
// call Prism. Any origin by default: the server binds loopback unless told otherwise, and holds made-up data.

/** `"*"` (any origin, the default) or the exact origins allowed, e.g. `["http://localhost:5173"]`. */
export type CorsOrigins = "*" | readonly string[];

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
  const allowed = new Set(any ? [] : origins.map(normaliseOrigin));
  const expose = [...new Set([...exposed, "content-range", "accept-ranges", "etag"])].join(", ");
  const allowOrigin = (origin: string | undefined): string | undefined => {
    if (any) return "*";
    return origin !== undefined && allowed.has(origin) ? origin : undefined;
  };
  const base = (origin: string | undefined): Record<string, string> => {
    const value = allowOrigin(origin);
    if (value === undefined) return any ? {} : { vary: "Origin" };
    // An answer that depends on the Origin must say so, or a cache may hand it to another origin.
    return any
      ? { "access-control-allow-origin": value }
      : { "access-control-allow-origin": value, vary: "Origin" };
  };
  return {
    headers(origin) {
      if (origin === undefined) return {};
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

/** Parses a `--cors-origin` / `SANDBOX_CORS_ORIGINS` value: `*`, or origins separated by commas. */
export function parseCorsOrigins(raw: string): CorsOrigins {
  const value = raw.trim();
  if (value === "*") return "*";
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
