import type { paths } from "@ssemble/types";
import createClient, { type Client } from "openapi-fetch";
import { type BackoffOptions, DEFAULT_BACKOFF } from "./backoff.js";
import { type Clock, systemClock } from "./clock.js";
import { SsembleError } from "./errors.js";
import { checkOptions } from "./options.js";
import { createRedactor } from "./redact.js";
import { createRequestContext } from "./request.js";
import { createGameVideosResource, type GameVideosResource } from "./resources/game-videos.js";
import { createMemeHooksResource, type MemeHooksResource } from "./resources/meme-hooks.js";
import { createMusicResource, type MusicResource } from "./resources/music.js";
import { createShortsResource, type ShortsResource } from "./resources/shorts.js";
import { createTemplatesResource, type TemplatesResource } from "./resources/templates.js";
import { createTransport, type FetchLike, type ResponseHook, type RetryHook } from "./transport.js";

export const DEFAULT_BASE_URL = "https://aiclipping.ssemble.com/api/v1";

export interface SsembleClientOptions {
  /**
   * Your `sk_ssemble_...` key, sent as `X-API-Key` to `baseUrl`'s origin and nowhere else; never logged or put in
   * errors. Surrounding whitespace (a newline read from a file) is trimmed; any other character outside visible
   * ASCII is refused.
   */
  apiKey: string;
  /** Default `https://aiclipping.ssemble.com/api/v1`. An `http:` or `https:` URL without credentials. */
  baseUrl?: string | undefined;
  /** Per attempt, including reading the body (ms). Default 60 000; `Infinity`: no timeout. */
  timeoutMs?: number | undefined;
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number | undefined;
  /**
   * Longest single wait this client accepts when a 429 (or a 503) asks it to wait, before giving up with the
   * error (ms). Each wait is bounded, not their sum: a call waits at most `maxRetries` times. Default 60 000.
   */
  maxRateLimitWaitMs?: number | undefined;
  /**
   * Largest response body accepted (bytes, counted after decompression); a larger one gives `SsembleApiError`
   * with code `response_too_large`, not retried. Default 10 MiB; `Infinity`: no cap.
   */
  maxResponseBytes?: number | undefined;
  /** A fetch implementation (default `globalThis.fetch`). */
  fetch?: FetchLike | undefined;
  /** Headers added to every request. The API key header cannot be overridden. */
  headers?: Record<string, string> | undefined;
  /** Observes every HTTP response (retried ones too), e.g. to log the rate-limit state. */
  onResponse?: ResponseHook | undefined;
  /** Told before every retry's wait: why (a status, a timeout, a failed connection) and for how long. */
  onRetry?: RetryHook | undefined;
  /** The client refuses to run in a browser, where the key would be visible to users. Set only for trusted, internal tools. */
  dangerouslyAllowBrowser?: boolean | undefined;
  /**
   * The client refuses an `http:` `baseUrl` on a host other than this machine (`localhost`, `127.x.x.x`, `[::1]`),
   * where the key would cross the network in clear text, unless a `fetch` of your own is given or you set this.
   */
  dangerouslyAllowInsecureHttp?: boolean | undefined;
  /** Retry backoff bounds (ms). */
  backoff?: Partial<BackoffOptions> | undefined;
  /** Time source for retries and polling; for tests. */
  clock?: Clock | undefined;
}

export interface SsembleClient {
  readonly shorts: ShortsResource;
  readonly templates: TemplatesResource;
  readonly music: MusicResource;
  readonly gameVideos: GameVideosResource;
  readonly memeHooks: MemeHooksResource;
  /** The typed openapi-fetch client, with the same key injection, timeouts and retries. */
  readonly raw: Client<paths>;
}

/**
 * A page, or a web worker (dedicated, shared or service): a worker's code, and any key in it, ships to the user's
 * browser just like the page's. Workers have no `window` but all have `importScripts`, which Node, Bun, Deno and
 * Cloudflare's workerd do not define.
 */
function inBrowser(): boolean {
  const g = globalThis as { window?: unknown; document?: unknown; importScripts?: unknown };
  const page = typeof g.window !== "undefined" && typeof g.document !== "undefined";
  return page || typeof g.importScripts === "function";
}

// A key is visible ASCII; anything else fetch would reject (quoting the value) or silently alter.
const NOT_VISIBLE_ASCII = /[^\x21-\x7e]/;

/** The key as it will be sent: trimmed, and refused (without echoing it) if fetch would reject or alter it. */
function cleanKey(value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new SsembleError("createSsembleClient: `apiKey` is required (a non-empty string)");
  }
  const key = value.trim();
  const at = key.search(NOT_VISIBLE_ASCII);
  if (at >= 0) {
    throw new SsembleError(
      `createSsembleClient: \`apiKey\` has a character that is not visible ASCII at index ${at}`,
    );
  }
  return key;
}

/** `baseUrl`'s origin, the only one the key may be sent to. */
function originOf(baseUrl: string): string {
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {}
  if (!url || !/^https?:$/.test(url.protocol) || url.username || url.password) {
    // Never echoed: it may hold credentials.
    throw new SsembleError(
      "createSsembleClient: `baseUrl` must be an absolute http(s) URL without credentials",
    );
  }
  return url.origin;
}

/** `http:` to anything but loopback (the mock and the sandbox on this machine stay allowed). */
function isCleartextToNetwork(origin: string): boolean {
  const { protocol, hostname } = new URL(origin);
  return (
    protocol === "http:" && !/^(localhost|127(\.\d+){3}|\[::1\])$|\.localhost$/i.test(hostname)
  );
}

export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

export function createSsembleClient(options: SsembleClientOptions): SsembleClient {
  const apiKey = cleanKey(options?.apiKey);
  checkOptions(options, "createSsembleClient");
  const baseUrl = options.baseUrl ?? DEFAULT_BASE_URL;
  const origin = originOf(baseUrl);
  if (isCleartextToNetwork(origin) && !options.fetch && !options.dangerouslyAllowInsecureHttp) {
    throw new SsembleError(
      "createSsembleClient: refusing an http: `baseUrl` on a host other than this machine (the API key " +
        "would travel unencrypted): use https:, or set `dangerouslyAllowInsecureHttp`",
    );
  }
  if (inBrowser() && !options.dangerouslyAllowBrowser) {
    throw new SsembleError(
      "createSsembleClient: refusing to run in a browser, where the API key would be exposed to every user. " +
        "Call Ssemble from your server instead (or set `dangerouslyAllowBrowser: true` for internal tools).",
    );
  }
  const clock = options.clock ?? systemClock;
  const userFetch = options.fetch;
  const redact = createRedactor(apiKey);
  const transport = createTransport({
    apiKey,
    origin,
    // Resolved per call so a fetch patched after construction (tests, polyfills) is used.
    fetch: userFetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs: options.timeoutMs ?? 60_000,
    maxRetries: options.maxRetries ?? 2,
    maxRateLimitWaitMs: options.maxRateLimitWaitMs ?? 60_000,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    backoff: { ...DEFAULT_BACKOFF, ...options.backoff },
    clock,
    onResponse: options.onResponse,
    onRetry: options.onRetry,
    redact,
  });
  const raw = createClient<paths>({
    baseUrl,
    headers: options.headers,
    fetch: transport.fetch,
  });
  const ctx = createRequestContext(transport.exchange, redact, () => clock.now());
  const deps = { ctx, raw, clock };
  const client: SsembleClient = {
    shorts: createShortsResource(deps),
    templates: createTemplatesResource(deps),
    music: createMusicResource(deps),
    gameVideos: createGameVideosResource(deps),
    memeHooks: createMemeHooksResource(deps),
    raw,
  };
  // The key lives only in closures, never as a property, so logging the client cannot leak it.
  Object.defineProperty(client, "toString", { value: () => "[SsembleClient]", enumerable: false });
  return client;
}
