import type { paths } from "@ssemble/types";
import createClient, { type Client } from "openapi-fetch";
import { type BackoffOptions, DEFAULT_BACKOFF } from "./backoff.js";
import { type Clock, systemClock } from "./clock.js";
import { SsembleError } from "./errors.js";
import { createRedactor } from "./redact.js";
import { createRequestContext } from "./request.js";
import { createGameVideosResource, type GameVideosResource } from "./resources/game-videos.js";
import { createMemeHooksResource, type MemeHooksResource } from "./resources/meme-hooks.js";
import { createMusicResource, type MusicResource } from "./resources/music.js";
import { createShortsResource, type ShortsResource } from "./resources/shorts.js";
import { createTemplatesResource, type TemplatesResource } from "./resources/templates.js";
import { createTransport, type FetchLike, type ResponseHook } from "./transport.js";

export const DEFAULT_BASE_URL = "https://aiclipping.ssemble.com/api/v1";

export interface SsembleClientOptions {
  /** Your `sk_ssemble_...` key. Sent as `X-API-Key` on every request; never logged or put in errors. */
  apiKey: string;
  /** Default `https://aiclipping.ssemble.com/api/v1`. */
  baseUrl?: string | undefined;
  /** Per attempt, including reading the body (ms). Default 60 000. */
  timeoutMs?: number | undefined;
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number | undefined;
  /** Longest wait this client accepts for a 429 before giving up with `RateLimitError` (ms). Default 60 000. */
  maxRateLimitWaitMs?: number | undefined;
  /** A fetch implementation (default `globalThis.fetch`). */
  fetch?: FetchLike | undefined;
  /** Headers added to every request. The API key header cannot be overridden. */
  headers?: Record<string, string> | undefined;
  /** Observes every HTTP response (retried ones too), e.g. to log the rate-limit state. */
  onResponse?: ResponseHook | undefined;
  /** The client refuses to run in a browser, where the key would be visible to users. Set only for trusted, internal tools. */
  dangerouslyAllowBrowser?: boolean | undefined;
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

function inBrowser(): boolean {
  const g = globalThis as { window?: unknown; document?: unknown };
  return typeof g.window !== "undefined" && typeof g.document !== "undefined";
}

export function createSsembleClient(options: SsembleClientOptions): SsembleClient {
  const apiKey = options?.apiKey;
  if (typeof apiKey !== "string" || apiKey.trim() === "") {
    throw new SsembleError("createSsembleClient: `apiKey` is required (a non-empty string)");
  }
  if (inBrowser() && !options.dangerouslyAllowBrowser) {
    throw new SsembleError(
      "createSsembleClient: refusing to run in a browser, where the API key would be exposed to every user. " +
        "Call Ssemble from your server instead (or set `dangerouslyAllowBrowser: true` for internal tools).",
    );
  }
  const clock = options.clock ?? systemClock;
  const userFetch = options.fetch;
  const fetchFor = createTransport({
    apiKey,
    // Resolved per call so a fetch patched after construction (tests, polyfills) is used.
    fetch: userFetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs: options.timeoutMs ?? 60_000,
    maxRetries: options.maxRetries ?? 2,
    maxRateLimitWaitMs: options.maxRateLimitWaitMs ?? 60_000,
    backoff: { ...DEFAULT_BACKOFF, ...options.backoff },
    clock,
    onResponse: options.onResponse,
  });
  const raw = createClient<paths>({
    baseUrl: options.baseUrl ?? DEFAULT_BASE_URL,
    headers: options.headers,
    fetch: fetchFor(),
  });
  const ctx = createRequestContext(fetchFor, createRedactor(apiKey), () => clock.now());
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
