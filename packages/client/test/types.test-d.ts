import type {
  CreateShortResponse,
  ErrorCode,
  GameVideo,
  GameVideoList,
  MemeHook,
  MemeHookList,
  MusicList,
  MusicTrack,
  ShortDeletion,
  ShortStatus,
  ShortsRequestList,
  ShortsRequestSummary,
  ShortsResult,
  ShortsWebhookEvent,
  TemplateList,
  WebhookShort,
} from "@ssemble/types";
import type { OperationId as RegistryOperationId } from "@ssemble/types/operations";
import { describe, expectTypeOf, it } from "vitest";
import {
  type AuthenticationError,
  type BadRequestError,
  type ClientErrorCode,
  createSsembleClient,
  type InternalServerError,
  type NotFoundError,
  type PermissionDeniedError,
  type RateLimitError,
  type RateLimitInfo,
  type RedirectError,
  type SsembleApiError,
  type TrackEvent,
  type TrackResult,
  type WithResponse,
} from "../src/index.js";
import { OPERATIONS, type OperationInfo, type PathOperationId } from "../src/operations.js";
import type { SuccessData } from "../src/request.js";
import { parseWebhookEvent } from "../src/webhooks.js";

const ssemble = createSsembleClient({ apiKey: "sk_ssemble_x" });
const id = "665a1b2c3d4e5f6a7b8c9d0e";
const base = { start: 0, end: 600 };

describe("create body", () => {
  it("takes exactly one of url and fileUrl", () => {
    ssemble.shorts.create({ url: "https://www.youtube.com/watch?v=x", ...base });
    ssemble.shorts.create({ fileUrl: "https://cdn.example.com/v.mp4", ...base });
    // @ts-expect-error both sources
    ssemble.shorts.create({ url: "https://y", fileUrl: "https://f", ...base });
    // @ts-expect-error no source
    ssemble.shorts.create({ ...base });
    // @ts-expect-error start and end are required
    ssemble.shorts.create({ url: "https://y" });
  });

  it("rejects unknown enum values", () => {
    ssemble.shorts.create({
      url: "https://y",
      ...base,
      preferredLength: "under60sec",
      layout: "fit",
      language: "uk",
    });
    // @ts-expect-error not a PreferredLength
    ssemble.shorts.create({ url: "https://y", ...base, preferredLength: "under2min" });
    // @ts-expect-error not a Layout
    ssemble.shorts.create({ url: "https://y", ...base, layout: "stretch" });
    // @ts-expect-error not a LanguageCode
    ssemble.shorts.create({ url: "https://y", ...base, captionLanguage: "xx" });
    // @ts-expect-error not a JobStatus
    ssemble.shorts.list({ status: "done" });
    // @ts-expect-error not a SortBy
    ssemble.shorts.list({ sortBy: "name" });
    // @ts-expect-error not a SortOrder
    ssemble.shorts.list({ sortOrder: "up" });
    // @ts-expect-error wrong type
    ssemble.music.list({ page: "2" });
  });
});

describe("response data types are exact", () => {
  it("shorts", () => {
    expectTypeOf(
      ssemble.shorts.create({ url: "https://y", ...base }),
    ).resolves.toEqualTypeOf<CreateShortResponse>();
    expectTypeOf(ssemble.shorts.status(id)).resolves.toEqualTypeOf<ShortStatus>();
    expectTypeOf(ssemble.shorts.get(id)).resolves.toEqualTypeOf<ShortsResult>();
    expectTypeOf(ssemble.shorts.delete(id)).resolves.toEqualTypeOf<ShortDeletion>();
    expectTypeOf(ssemble.shorts.list().page(1)).resolves.toEqualTypeOf<ShortsRequestList>();
    expectTypeOf(ssemble.shorts.waitForCompletion(id)).resolves.toEqualTypeOf<ShortsResult>();
    expectTypeOf(
      ssemble.shorts.createAndWait({ url: "https://y", ...base }),
    ).resolves.toEqualTypeOf<ShortsResult>();
    expectTypeOf(ssemble.shorts.status(id).withResponse()).resolves.toEqualTypeOf<
      WithResponse<ShortStatus>
    >();
    expectTypeOf<ShortStatus["status"]>().toEqualTypeOf<
      "queued" | "processing" | "completed" | "failed" | "cancelled"
    >();
  });

  it("async iteration yields the item type", async () => {
    for await (const r of ssemble.shorts.list())
      expectTypeOf(r).toEqualTypeOf<ShortsRequestSummary>();
    for await (const m of ssemble.music.list()) expectTypeOf(m).toEqualTypeOf<MusicTrack>();
    for await (const g of ssemble.gameVideos.list()) expectTypeOf(g).toEqualTypeOf<GameVideo>();
    for await (const h of ssemble.memeHooks.list()) expectTypeOf(h).toEqualTypeOf<MemeHook>();
  });

  it("assets", () => {
    expectTypeOf(ssemble.templates.list()).resolves.toEqualTypeOf<TemplateList>();
    expectTypeOf(ssemble.music.list().page(1)).resolves.toEqualTypeOf<MusicList>();
    expectTypeOf(ssemble.gameVideos.list().page(1)).resolves.toEqualTypeOf<GameVideoList>();
    expectTypeOf(ssemble.memeHooks.list().page(1)).resolves.toEqualTypeOf<MemeHookList>();
  });

  it("raw is typed by the spec's paths", async () => {
    const { data } = await ssemble.raw.GET("/shorts/{id}/status", { params: { path: { id } } });
    expectTypeOf(data).toEqualTypeOf<{ data: ShortStatus } | undefined>();
    // @ts-expect-error no such path
    ssemble.raw.GET("/shorts/{id}/cancel", { params: { path: { id } } });
  });

  it("track, errors, rate limits, webhooks", async () => {
    const t = ssemble.shorts.track([id]);
    expectTypeOf(t.done).resolves.toEqualTypeOf<TrackResult[]>();
    for await (const e of t) {
      expectTypeOf(e).toEqualTypeOf<TrackEvent>();
      if (e.type === "completed") expectTypeOf(e.job).toEqualTypeOf<ShortsRequestSummary>();
    }
    expectTypeOf<SsembleApiError["code"]>().toEqualTypeOf<ErrorCode | (string & {})>();
    expectTypeOf<RateLimitInfo["reset"]>().toEqualTypeOf<Date | undefined>();
    expectTypeOf<RateLimitInfo["remainingHour"]>().toEqualTypeOf<number | undefined>();

    const event = parseWebhookEvent("{}");
    expectTypeOf(event).toEqualTypeOf<ShortsWebhookEvent>();
    if (event.event === "shorts.completed")
      expectTypeOf(event.data.shorts).toEqualTypeOf<WebhookShort[]>();
    else expectTypeOf(event.data.failureReason).toEqualTypeOf<string>();
  });

  it("per-call options are accepted by every method", () => {
    const o = { signal: AbortSignal.timeout(1), timeoutMs: 1, maxRetries: 0, headers: { a: "b" } };
    ssemble.shorts.status(id, o);
    ssemble.shorts.get(id, o);
    ssemble.shorts.delete(id, o);
    ssemble.shorts.create({ url: "https://y", ...base }, o);
    ssemble.shorts.list({}, o);
    ssemble.templates.list(o);
    ssemble.music.list({}, o);
    ssemble.gameVideos.list({}, o);
    ssemble.memeHooks.list({}, o);
    ssemble.shorts.waitForCompletion(id, {
      signal: o.signal,
      maxRetries: 0,
      headers: o.headers,
      timeoutMs: 5,
    });
    // @ts-expect-error unknown option
    ssemble.shorts.status(id, { retries: 3 });
  });
});

describe("the operation map", () => {
  type Map = { [K in PathOperationId]: OperationInfo<K> };
  it("covers exactly the spec's path operations", () => {
    // The operations openapi-typescript places under `paths` are the registry's, and the map has each.
    expectTypeOf<PathOperationId>().toEqualTypeOf<RegistryOperationId>();
    expectTypeOf<keyof typeof OPERATIONS>().toEqualTypeOf<PathOperationId>();
  });

  it("rejects a wrong path, method or client method, and a missing operation", () => {
    const { getShort: _dropped, ...withoutGetShort } = OPERATIONS;
    // @ts-expect-error getShort is missing
    const missing: Map = withoutGetShort;
    const wrongPath: Map = {
      ...OPERATIONS,
      // @ts-expect-error getShort is not at /shorts
      getShort: { method: "GET", path: "/shorts", call: "shorts.get" },
    };
    const wrongMethod: Map = {
      ...OPERATIONS,
      // @ts-expect-error deleteShort is not a GET
      deleteShort: { method: "GET", path: "/shorts/{id}", call: "shorts.delete" },
    };
    const wrongCall: Map = {
      ...OPERATIONS,
      // @ts-expect-error there is no shorts.remove
      deleteShort: { method: "DELETE", path: "/shorts/{id}", call: "shorts.remove" },
    };
    expectTypeOf([missing, wrongPath, wrongMethod, wrongCall]).toBeArray();
  });
});

describe("types derived from the spec", () => {
  it("each operation's success data, derived from `operations`, is the named schema type", () => {
    expectTypeOf<SuccessData<"createShort">>().toEqualTypeOf<CreateShortResponse>();
    expectTypeOf<SuccessData<"getShortStatus">>().toEqualTypeOf<ShortStatus>();
    expectTypeOf<SuccessData<"getShort">>().toEqualTypeOf<ShortsResult>();
    expectTypeOf<SuccessData<"deleteShort">>().toEqualTypeOf<ShortDeletion>();
    expectTypeOf<SuccessData<"listShorts">>().toEqualTypeOf<ShortsRequestList>();
    expectTypeOf<SuccessData<"listTemplates">>().toEqualTypeOf<TemplateList>();
    expectTypeOf<SuccessData<"listMusic">>().toEqualTypeOf<MusicList>();
    expectTypeOf<SuccessData<"listGameVideos">>().toEqualTypeOf<GameVideoList>();
    expectTypeOf<SuccessData<"listMemeHooks">>().toEqualTypeOf<MemeHookList>();
    // A webhook's operation has no 200 JSON body to derive.
    expectTypeOf<SuccessData<"onShortsCompleted">>().toBeNever();
  });

  it("each error class's documented codes are exactly its status envelope's", () => {
    type Documented<E extends SsembleApiError> = Extract<E["code"], ErrorCode>;
    expectTypeOf<Documented<BadRequestError>>().toEqualTypeOf<
      "invalid_request" | "invalid_youtube_url" | "video_too_long" | "url_validation_failed"
    >();
    expectTypeOf<Documented<AuthenticationError>>().toEqualTypeOf<
      "missing_api_key" | "invalid_api_key"
    >();
    expectTypeOf<Documented<PermissionDeniedError>>().toEqualTypeOf<
      "subscription_required" | "insufficient_credits"
    >();
    expectTypeOf<Documented<NotFoundError>>().toEqualTypeOf<"resource_not_found">();
    expectTypeOf<Documented<RateLimitError>>().toEqualTypeOf<"rate_limit_exceeded">();
    expectTypeOf<Documented<InternalServerError>>().toEqualTypeOf<"internal_error">();
    expectTypeOf<RedirectError["code"]>().toEqualTypeOf<"unexpected_redirect">();
    // The SDK's own codes are offered on every class; anything else a server sends still type-checks.
    expectTypeOf<ClientErrorCode>().toExtend<NotFoundError["code"]>();
    expectTypeOf<"a_code_from_the_future">().toExtend<NotFoundError["code"]>();
  });
});
