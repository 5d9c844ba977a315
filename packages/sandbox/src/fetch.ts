// A WHATWG-fetch-compatible entry to the engine, for `createSsembleClient({ fetch: sandbox.fetch })`: no port,
// no network. A response that violates the spec rejects the call (a sandbox bug must fail the test).
import type { Engine } from "./core/engine.js";
import type { SandboxRequest } from "./core/http.js";

export type SandboxFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

// fetch upper-cases these methods whatever their case, and keeps any other as given.
const NORMALISED = new Set(["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH"]);
const method = (m: string | undefined) => {
  if (m === undefined) return "GET";
  const upper = m.toUpperCase();
  return NORMALISED.has(upper) ? upper : m;
};

// What `new Headers` would refuse, so that a header production would reject is not accepted here.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const BAD_VALUE = /[\r\n\0]/;
function set(into: Record<string, string>, name: string, value: unknown) {
  const v = String(value).trim();
  if (!TOKEN.test(name) || BAD_VALUE.test(v))
    throw new TypeError(`Invalid header: ${JSON.stringify(name)}`);
  const key = name.toLowerCase();
  // Repeated names combine as Headers does.
  into[key] = key in into ? `${into[key]}, ${v}` : v;
}

function plainHeaders(source: HeadersInit | undefined, into: Record<string, string> = {}) {
  if (source === undefined) return into;
  if (source instanceof Headers) {
    source.forEach((value, name) => {
      into[name] = value;
    });
  } else if (Array.isArray(source)) {
    for (const [name, value] of source) set(into, name, value);
  } else {
    for (const name of Object.keys(source))
      set(into, name, (source as Record<string, string>)[name]);
  }
  return into;
}

function toPlain(
  href: string,
  m: string,
  headers: Record<string, string>,
  body: string | undefined,
) {
  const url = new URL(href);
  return {
    method: m,
    path: url.pathname,
    query: url.searchParams,
    headers,
    body,
    origin: url.origin,
  } satisfies SandboxRequest;
}

// Building a WHATWG Request costs about as much as the engine's whole answer, so the shapes a client sends (a
// string or URL with a string body, or a Request with only a signal beside it) are read directly; anything else
// (a stream or form body, a Request with overrides) goes through `new Request` for fetch's exact semantics.
export async function readRequest(input: string | URL | Request, init: RequestInit | undefined) {
  if (input instanceof Request) {
    const overrides =
      init && (init.method !== undefined || init.headers !== undefined || init.body != null);
    if (!overrides) {
      const body = input.body ? await input.text() : undefined;
      return toPlain(input.url, input.method, plainHeaders(input.headers), body);
    }
  } else if (init?.body == null || typeof init.body === "string") {
    const href = typeof input === "string" ? input : input.href;
    const m = method(init?.method);
    const body = init?.body ?? undefined;
    if (body !== undefined && (m === "GET" || m === "HEAD")) {
      throw new TypeError("Request with GET/HEAD method cannot have body.");
    }
    const headers = plainHeaders(init?.headers);
    // As Request does: a string body without a type is text.
    if (body !== undefined && headers["content-type"] === undefined) {
      headers["content-type"] = "text/plain;charset=UTF-8";
    }
    return toPlain(href, m, headers, body);
  }
  const request = new Request(input, init);
  const body = request.body ? await request.text() : undefined;
  return toPlain(request.url, request.method, plainHeaders(request.headers), body);
}

export function createFetch(engine: Engine): SandboxFetch {
  return async (input, init) => {
    // As fetch does: an aborted signal rejects before anything is sent.
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    signal?.throwIfAborted();
    const answer = await engine.handle(await readRequest(input, init));
    const payload =
      answer.stream ??
      answer.raw ??
      (answer.body === undefined ? null : JSON.stringify(answer.body));
    return new Response(payload, { status: answer.status, headers: answer.headers });
  };
}
