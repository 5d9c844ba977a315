import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  AuthenticationError,
  BadRequestError,
  createSsembleClient,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  SsembleApiError,
  type SsembleClient,
  SsembleConnectionError,
  SsembleError,
  SsembleTimeoutError,
} from "../src/index.js";
import { apiError, expectNoKey, failure, ID, KEY } from "./helpers/fixtures.js";
import { startServer, type TestServer } from "./helpers/server.js";

let server: TestServer;
let client: SsembleClient;

beforeEach(async () => {
  server = await startServer();
  client = createSsembleClient({
    apiKey: KEY,
    baseUrl: server.url,
    maxRetries: 0,
    timeoutMs: 2_000,
  });
});
afterEach(() => server.close());

describe("error statuses", () => {
  it.each([
    [400, "invalid_request", BadRequestError],
    [400, "invalid_youtube_url", BadRequestError],
    [401, "invalid_api_key", AuthenticationError],
    [403, "insufficient_credits", PermissionDeniedError],
    [404, "resource_not_found", NotFoundError],
    [429, "rate_limit_exceeded", RateLimitError],
    [500, "internal_error", InternalServerError],
    [502, "internal_error", InternalServerError],
    [503, "internal_error", InternalServerError],
  ] as const)("%i %s -> %s", async (status, code, Ctor) => {
    server.reply({
      status,
      json: { error: { code, message: `msg for ${code}`, details: { field: "url" } } },
    });
    const err = await failure(client.shorts.status(ID));
    expect(err).toBeInstanceOf(Ctor);
    expect(err).toBeInstanceOf(SsembleApiError);
    expect(err).toBeInstanceOf(SsembleError);
    const e = err as SsembleApiError;
    expect(e.status).toBe(status);
    expect(e.code).toBe(code);
    expect(e.message).toBe(`${status} ${code}: msg for ${code}`);
    expect(e.details).toEqual({ field: "url" });
    expect(e.rateLimit.remainingHour).toBe(95);
    expect(e.rateLimit.reset).toEqual(new Date("2026-01-15T11:00:00.000Z"));
    expect(e.headers["x-ratelimit-limit-day"]).toBe("1000");
    expect(e.name).toBe(Ctor.name);
    expectNoKey(e);
  });

  it("an unlisted status still gives SsembleApiError with the status", async () => {
    server.reply({ status: 418, json: apiError("teapot", "short and stout") });
    const e = (await failure(client.shorts.get(ID))) as SsembleApiError;
    expect(e.constructor).toBe(SsembleApiError);
    expect(e.status).toBe(418);
    expect(e.code).toBe("teapot");
  });

  it.each([
    ["empty", "", /empty response body/],
    ["HTML", "<html><body>502 Bad Gateway</body></html>", /not JSON/],
    ["truncated JSON", '{"error":{"code":"internal_er', /not JSON/],
    ["wrong-shape JSON", '{"message":"nope"}', /not the documented error envelope/],
    ["JSON array", "[1,2]", /not the documented error envelope/],
  ])("an error with a %s body is still typed by status", async (_, raw, why) => {
    server.reply({ status: 503, raw, headers: { "content-type": "text/html" } });
    const e = (await failure(client.shorts.status(ID))) as SsembleApiError;
    expect(e).toBeInstanceOf(InternalServerError);
    expect(e.status).toBe(503);
    expect(e.code).toBe("unknown_error");
    expect(e.message).toMatch(why);
    expect(e.details).toBeNull();
    expect(e.rateLimit.limitHour).toBe(100);
  });

  it.each([
    ["HTML", "<html>ok</html>", /not valid JSON/],
    ["truncated JSON", '{"data":{"_id":"66', /not valid JSON/],
    ["no data envelope", '{"status":"ok"}', /envelope/],
    ["empty", "", /envelope/],
  ])("a 200 with a %s body gives SsembleApiError invalid_response", async (_, raw, why) => {
    server.reply({ status: 200, raw });
    const e = (await failure(client.shorts.status(ID))) as SsembleApiError;
    expect(e.constructor).toBe(SsembleApiError);
    expect(e.status).toBe(200);
    expect(e.code).toBe("invalid_response");
    expect(e.message).toMatch(why);
  });

  it("a list page without its array is invalid_response", async () => {
    server.reply({
      json: { data: { pagination: { page: 1, limit: 20, totalPages: 1, totalCount: 0 } } },
    });
    const e = (await failure(client.music.list().page(1))) as SsembleApiError;
    expect(e.code).toBe("invalid_response");
    expect(e.message).toMatch(/data\.music/);
  });
});

describe("the API key never leaks", () => {
  it("is scrubbed even when the server echoes it in message, details and headers", async () => {
    server.reply({
      status: 401,
      json: {
        error: {
          code: "invalid_api_key",
          message: `Key ${KEY} is revoked`,
          details: { key: KEY, nested: [{ [KEY]: `prefix-${KEY}` }] },
        },
      },
      headers: { "x-echo": KEY },
    });
    const e = (await failure(client.shorts.status(ID))) as SsembleApiError;
    expect(e).toBeInstanceOf(AuthenticationError);
    expect(e.message).toContain("[redacted]");
    expectNoKey(e);
    expect(JSON.stringify(e.headers)).not.toContain(KEY);
    expect(JSON.stringify(e.details)).not.toContain(KEY);
  });

  it("is absent from connection and timeout errors, the client and its string forms", async () => {
    const closed = await startServer();
    const url = closed.url;
    await closed.close();
    const c1 = createSsembleClient({ apiKey: KEY, baseUrl: url, maxRetries: 0 });
    const conn = await failure(c1.shorts.status(ID));
    expect(conn).toBeInstanceOf(SsembleConnectionError);
    expectNoKey(conn);

    server.reply({ delayMs: 500, json: {} });
    const c2 = createSsembleClient({
      apiKey: KEY,
      baseUrl: server.url,
      maxRetries: 0,
      timeoutMs: 50,
    });
    const timeout = await failure(c2.shorts.status(ID));
    expect(timeout).toBeInstanceOf(SsembleTimeoutError);
    expectNoKey(timeout);

    const idErr = await failure(Promise.resolve().then(() => client.shorts.get(KEY)));
    expectNoKey(idErr);

    for (const t of [
      String(client),
      JSON.stringify(client),
      inspect(client, { depth: 10, showHidden: true }),
    ]) {
      expect(t).not.toContain(KEY);
    }
  });

  it("is absent from every error kind's JSON form, which is useful", async () => {
    server.reply({ status: 429, json: apiError("rate_limit_exceeded", "slow down") });
    const e = (await failure(client.shorts.status(ID))) as RateLimitError;
    const json = JSON.parse(JSON.stringify(e));
    expect(json).toMatchObject({
      name: "RateLimitError",
      status: 429,
      code: "rate_limit_exceeded",
    });
    expect(json.rateLimit.reset).toBe("2026-01-15T11:00:00.000Z");
  });
});
