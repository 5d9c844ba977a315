import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  AuthenticationError,
  type BadRequestError,
  createSsembleClient,
  RedirectError,
  ShortFailedError,
  SsembleApiError,
  type SsembleClient,
  SsembleConnectionError,
  SsembleError,
} from "../src/index.js";
import {
  apiError,
  expectNoKey,
  failure,
  ID,
  instantClock,
  KEY,
  statusBody,
} from "./helpers/fixtures.js";
import { startServer, type TestServer } from "./helpers/server.js";

// `api` is the configured baseUrl; `elsewhere` is another origin (another port) that must never see the key.
let api: TestServer;
let elsewhere: TestServer;
let client: SsembleClient;

beforeEach(async () => {
  api = await startServer();
  elsewhere = await startServer();
  elsewhere.fallback(() => ({ json: { data: statusBody("completed", "completed", 100) } }));
  client = createSsembleClient({
    apiKey: KEY,
    baseUrl: api.url,
    clock: instantClock(),
    backoff: { initialDelayMs: 1 },
  });
});
afterEach(async () => {
  await api.close();
  await elsewhere.close();
});

const createBody = { url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ", start: 0, end: 600 };
const redirectTo = (status: number, target = `${elsewhere.url}/steal`) => ({
  status,
  headers: { location: target },
  json: {},
});

describe("redirects are never followed, so the key reaches no other origin", () => {
  it.each([301, 302, 303, 307, 308])("a %i on GET is a RedirectError", async (status) => {
    api.reply(redirectTo(status));
    const err = (await failure(client.shorts.status(ID))) as RedirectError;
    expect(err).toBeInstanceOf(RedirectError);
    expect(err.status).toBe(status);
    expect(err.code).toBe("unexpected_redirect");
    expect(err.location).toBe(`${elsewhere.url}/steal`);
    expect(err.message).toMatch(/redirects are never followed.*check baseUrl/);
    expect(elsewhere.received).toHaveLength(0);
    // Not retried either: a redirect will not go away.
    expect(api.received).toHaveLength(1);
  });

  it.each([301, 302, 303, 307, 308])(
    "a %i on create is neither followed (as a GET) nor taken for the created job",
    async (status) => {
      api.reply(redirectTo(status));
      const err = await failure(client.shorts.create(createBody));
      expect(err).toBeInstanceOf(RedirectError);
      expect(elsewhere.received).toHaveLength(0);
      expect(api.received.map((r) => r.method)).toEqual(["POST"]);
    },
  );

  it.each([300, 304, 305])(
    "a %i is an ordinary error status, not a redirect to refuse",
    async (status) => {
      api.reply({ status, headers: { location: `${elsewhere.url}/steal` } });
      const err = await failure(client.shorts.status(ID));
      expect(err).toBeInstanceOf(SsembleApiError);
      expect(err).not.toBeInstanceOf(RedirectError);
      expect((err as SsembleApiError).status).toBe(status);
      expect(elsewhere.received).toHaveLength(0);
    },
  );

  it("raw, waitForCompletion and track all stop at the redirect", async () => {
    api.fallback(() => redirectTo(302));
    await expect(
      client.raw.GET("/shorts/{id}/status", { params: { path: { id: ID } } }),
    ).rejects.toBeInstanceOf(RedirectError);
    await expect(client.shorts.waitForCompletion(ID)).rejects.toBeInstanceOf(RedirectError);
    await expect(client.shorts.track([ID]).done).rejects.toBeInstanceOf(RedirectError);
    expect(elsewhere.received).toHaveLength(0);
  });

  it("a location that echoes the key is redacted", async () => {
    api.reply(redirectTo(301, `${elsewhere.url}/?k=${KEY}`));
    const err = (await failure(client.shorts.get(ID))) as RedirectError;
    expect(err.location).toContain("[redacted]");
    expectNoKey(err);
  });

  it("a middleware that points a request at another origin gets no key", async () => {
    const c = createSsembleClient({ apiKey: KEY, baseUrl: api.url });
    c.raw.use({
      onRequest: ({ request }) => new Request(`${elsewhere.url}/hijack`, request),
    });
    const err = await failure(c.shorts.status(ID));
    expect(err).toBeInstanceOf(SsembleError);
    expect((err as Error).message).toMatch(/refusing to send the API key to http:\/\/127\.0\.0\.1/);
    await expect(c.raw.GET("/templates")).rejects.toThrow(/refusing to send the API key/);
    expect(elsewhere.received).toHaveLength(0);
    expect(api.received).toHaveLength(0);
  });

  it("middleware on a resource call sees status and headers, the body read; on raw, the body is its own", async () => {
    const seen: { status: number; used: boolean; type: string | null }[] = [];
    const c = createSsembleClient({ apiKey: KEY, baseUrl: api.url });
    c.raw.use({
      onResponse: ({ response }) => {
        seen.push({
          status: response.status,
          used: response.bodyUsed,
          type: response.headers.get("content-type"),
        });
      },
    });
    api.reply({ json: { data: statusBody("queued", "queued", 0) } });
    expect((await c.shorts.status(ID)).status).toBe("queued");
    api.reply({ json: { data: statusBody("queued", "queued", 0) } });
    const raw = await c.raw.GET("/shorts/{id}/status", { params: { path: { id: ID } } });
    expect(raw.data?.data.status).toBe("queued");
    expect(seen.map((s) => [s.status, s.used])).toEqual([
      [200, true],
      [200, false],
    ]);
    expect(seen.every((s) => /json/.test(s.type ?? ""))).toBe(true);
    // A middleware answering in the API's place gets no data out of a resource method.
    const d = createSsembleClient({ apiKey: KEY, baseUrl: api.url });
    d.raw.use({ onRequest: () => new Response("{}", { status: 200 }) });
    await expect(d.shorts.status(ID)).rejects.toThrow(/a middleware answered in place of the API/);
  });

  it("middleware sees the key only on the way back: onRequest runs before it is added", async () => {
    const seen: (string | null)[] = [];
    const c = createSsembleClient({ apiKey: KEY, baseUrl: api.url });
    c.raw.use({
      onRequest: ({ request }) => {
        seen.push(request.headers.get("x-api-key"));
      },
      onResponse: ({ request }) => {
        seen.push(request.headers.get("x-api-key"));
      },
    });
    api.reply({ json: { data: statusBody("queued", "queued", 0) } });
    await c.shorts.status(ID);
    expect(seen).toEqual([null, KEY]);
  });

  it("baseUrl must be an http(s) URL without credentials", () => {
    for (const baseUrl of ["not a url", "ftp://example.com", "https://user:pw@example.com/api"]) {
      expect(() => createSsembleClient({ apiKey: KEY, baseUrl })).toThrow(SsembleError);
    }
    let err: unknown;
    try {
      createSsembleClient({ apiKey: KEY, baseUrl: "https://user:secretpw@example.com/" });
    } catch (e) {
      err = e;
    }
    expect((err as Error).message).toMatch(/absolute http\(s\) URL without credentials/);
    expect((err as Error).message).not.toContain("secretpw");
  });

  it("refuses http: to another machine, where the key would travel in clear text, unless told", () => {
    for (const baseUrl of [
      "http://api.example.com/api/v1",
      "http://10.0.0.5:4020",
      "http://[2001:db8::1]/",
    ]) {
      expect(() => createSsembleClient({ apiKey: KEY, baseUrl }), baseUrl).toThrow(
        /refusing an http: `baseUrl` on a host other than this machine/,
      );
      expect(() =>
        createSsembleClient({ apiKey: KEY, baseUrl, dangerouslyAllowInsecureHttp: true }),
      ).not.toThrow();
    }
    // This machine (the mock, the sandbox), https anywhere, and a fetch of the caller's own stay allowed.
    for (const baseUrl of [
      "http://127.0.0.1:4010",
      "http://localhost:4020/api/v1",
      "http://[::1]:4020",
      "http://app.localhost:4020",
      "https://api.example.com",
    ]) {
      expect(() => createSsembleClient({ apiKey: KEY, baseUrl }), baseUrl).not.toThrow();
    }
    // With its own fetch (the sandbox in process, MSW), the caller decides where a request goes.
    expect(() =>
      createSsembleClient({ apiKey: KEY, baseUrl: "http://sandbox.test", fetch: globalThis.fetch }),
    ).not.toThrow();
  });
});

describe("keys are cleaned or refused before anything is sent", () => {
  it("surrounding whitespace (a key read from a file) is trimmed, and the trimmed key is redacted", async () => {
    const c = createSsembleClient({ apiKey: `  ${KEY}\n`, baseUrl: api.url, maxRetries: 0 });
    api.reply({ status: 401, json: apiError("invalid_api_key", `key ${KEY} is revoked`) });
    const err = await failure(c.shorts.status(ID));
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(api.received[0]?.headers["x-api-key"]).toBe(KEY);
    expect((err as Error).message).toBe("401 invalid_api_key: key [redacted] is revoked");
    expectNoKey(err);
  });

  it.each([
    ["CR", `${KEY.slice(0, 20)}\r${KEY.slice(20)}`],
    ["LF", `${KEY.slice(0, 20)}\n${KEY.slice(20)}`],
    ["NUL", `${KEY.slice(0, 20)}\0${KEY.slice(20)}`],
    ["an inner space", `${KEY.slice(0, 20)} ${KEY.slice(20)}`],
    ["a non-ASCII letter", `${KEY.slice(0, 20)}é${KEY.slice(20)}`],
  ])("a key with %s is refused with an error that does not quote it", (_, bad) => {
    let err: unknown;
    try {
      createSsembleClient({ apiKey: bad, baseUrl: api.url });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SsembleError);
    expect((err as Error).message).toMatch(/not visible ASCII at index 20/);
    expectNoKey(err, KEY.slice(0, 20));
    expectNoKey(err, KEY.slice(20));
    expect(api.received).toHaveLength(0);
  });
});

describe("every string an error exposes is redacted", () => {
  it("a connection error whose underlying error quotes the request headers", async () => {
    const c = createSsembleClient({
      apiKey: KEY,
      baseUrl: api.url,
      maxRetries: 0,
      fetch: async (input) => {
        const headers = JSON.stringify(Object.fromEntries((input as Request).headers));
        const inner = new Error(`socket hang up; sent ${headers}`);
        throw Object.assign(new TypeError(`fetch failed for key ${KEY}`, { cause: inner }), {
          errno: KEY,
        });
      },
    });
    const err = (await failure(c.shorts.status(ID))) as SsembleConnectionError;
    expect(err).toBeInstanceOf(SsembleConnectionError);
    expect(err.message).toContain("fetch failed for key [redacted]");
    const cause = err.cause as Error & { cause: Error; errno: string };
    expect(cause).toBeInstanceOf(Error);
    expect(cause.name).toBe("TypeError");
    expect(cause.errno).toBe("[redacted]");
    expect(cause.cause.message).toMatch(/^socket hang up; sent .*\[redacted\]/);
    expectNoKey(err);
  });

  it("a key with +, / and = is scrubbed plain and percent-encoded: in a header, the message and details", async () => {
    const key = "sk_ssemble_ab+cd/ef=gh+ij/kl=mn+op/qr=st+uv";
    const encoded = encodeURIComponent(key);
    expect(encoded).not.toBe(key);
    const c = createSsembleClient({ apiKey: key, baseUrl: api.url, maxRetries: 0 });
    api.reply({
      status: 400,
      headers: { "x-echo-plain": key, "x-echo-encoded": `key=${encoded}` },
      json: {
        error: {
          code: "invalid_request",
          message: `the key ${encoded} was rejected`,
          details: { plain: key, sent: [`X-API-Key: ${encoded}`] },
        },
      },
    });
    const err = (await failure(c.shorts.status(ID))) as BadRequestError;
    expect(err.message).toContain("the key [redacted] was rejected");
    expect(err.headers["x-echo-plain"]).toBe("[redacted]");
    expect(err.headers["x-echo-encoded"]).toBe("key=[redacted]");
    expect(err.details).toEqual({ plain: "[redacted]", sent: ["X-API-Key: [redacted]"] });
    expectNoKey(err, key);
    expectNoKey(err, encoded);
  });

  it("a key echoed 9 levels deep in details is scrubbed", async () => {
    let details: unknown = { key: KEY };
    for (let i = 0; i < 9; i++) details = { level: [details] };
    api.reply({ status: 400, json: { error: { code: "invalid_request", message: "x", details } } });
    const err = await failure(client.shorts.status(ID));
    expect(JSON.stringify((err as BadRequestError).details)).toContain("[redacted]");
    expectNoKey(err);
  });

  it("details 100 000 levels deep end in a marker and toJSON() stays safe", async () => {
    const depth = 100_000;
    const details = `${'{"a":'.repeat(depth)}"${KEY}"${"}".repeat(depth)}`;
    api.reply({
      status: 400,
      raw: `{"error":{"code":"invalid_request","message":"deep","details":${details}}}`,
      headers: { "content-type": "application/json" },
    });
    const err = await failure(client.shorts.status(ID));
    const json = JSON.stringify(err);
    expect(json).toContain("[too deep]");
    expect(json.length).toBeLessThan(2_000);
    expect(() => inspect(err, { depth: Number.POSITIVE_INFINITY })).not.toThrow();
    expectNoKey(err);
  });

  it("ShortFailedError scrubs the server's failureReason", async () => {
    api.reply({
      json: { data: statusBody("failed", "failed", 40, { failureReason: `bad key ${KEY}` }) },
    });
    const err = (await failure(client.shorts.waitForCompletion(ID))) as ShortFailedError;
    expect(err).toBeInstanceOf(ShortFailedError);
    expect(err.failureReason).toBe("bad key [redacted]");
    expectNoKey(err);
  });

  it("a __proto__ key in details stays an own key and grants nothing", async () => {
    api.reply({
      status: 400,
      raw: '{"error":{"code":"invalid_request","message":"x","details":{"__proto__":{"isAdmin":true},"field":"url"}}}',
      headers: { "content-type": "application/json" },
    });
    const err = (await failure(client.shorts.status(ID))) as BadRequestError;
    const details = err.details as Record<string, unknown>;
    expect(Object.getPrototypeOf(details)).toBe(Object.prototype);
    expect((details as { isAdmin?: unknown }).isAdmin).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(details, "__proto__")?.value).toEqual({
      isAdmin: true,
    });
    expect(details.field).toBe("url");
  });
});
