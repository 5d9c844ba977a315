// The sandbox as MSW handlers under msw/node: the client's own global fetch is intercepted, nothing listens on a
// port, and the rules, clock and webhooks are the sandbox's. A receiver inside the app (an MSW handler too) gets the
// webhooks.
import { createSsembleClient, ShortFailedError } from "@ssemble/client";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createSandbox } from "../src/index.js";
import { sandboxHandlers } from "../src/msw.js";
import { KEY, VIDEO } from "./helpers.js";

// Loopback, port 9 (discard), so that a request MSW failed to intercept could not leave the machine.
const BASE_URL = "http://127.0.0.1:9/api/v1";
const HOOK = "http://127.0.0.1:9/hooks/ssemble"; // a receiver inside the app: an MSW handler

const OPTIONS = { clock: { mode: "manual" }, webhooks: { timeoutMs: 500 } } as const;
let sandbox = createSandbox(OPTIONS);
const hookStatuses: number[] = [];
const received: unknown[] = [];
const handlersFor = (s: typeof sandbox) => [
  http.post(HOOK, async ({ request }) => {
    received.push(await request.json());
    return new HttpResponse(null, { status: hookStatuses.shift() ?? 200 });
  }),
  // Receivers that answer in the other ways an app's handler may: with a body, with a body that never ends, never.
  http.post(`${HOOK}/json`, () => HttpResponse.json({ received: true })),
  http.post(
    `${HOOK}/endless`,
    () =>
      new HttpResponse(
        new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode("{")) }),
        { status: 200, headers: { "content-type": "application/json" } },
      ),
  ),
  http.post(`${HOOK}/silent`, () => new Promise<never>(() => {})),
  ...sandboxHandlers(s, { baseUrl: BASE_URL }),
];
const server = setupServer(...handlersFor(sandbox));

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(async () => {
  vi.useRealTimers();
  await sandbox.close();
  sandbox = createSandbox(OPTIONS);
  server.resetHandlers(...handlersFor(sandbox));
  received.length = 0;
  hookStatuses.length = 0;
});
afterAll(() => server.close());

// The real timers, kept before any test fakes them.
const { setTimeout: realSetTimeout, clearTimeout: realClearTimeout } = globalThis;

/** `promise`, or a rejection naming the hang if it has not settled within `ms` (real time). */
function bounded<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = realSetTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms);
  });
  return Promise.race([promise, hang]).finally(() => realClearTimeout(timer));
}

/** A client on the global fetch (which MSW intercepts), whose waits move the workspace clock. */
function client() {
  const ws = sandbox.workspace(KEY);
  return createSsembleClient({
    apiKey: KEY,
    baseUrl: BASE_URL,
    clock: {
      now: () => ws.clock.now(),
      random: () => 0.5,
      sleep: (ms) => ws.clock.advance(ms).then(() => {}),
    },
  });
}

describe("sandboxHandlers under msw/node", () => {
  it("createAndWait, track of 20 jobs and waitForCompletion seeing failed, through the app's own fetch", async () => {
    const ssemble = client();
    const done = await ssemble.shorts.createAndWait({ url: VIDEO, start: 0, end: 120 });
    expect(done.status).toBe("completed");
    // Clip URLs are on the intercepted origin, and serve the MP4 through MSW too.
    const clip = done.shorts[0]?.video_url ?? "";
    expect(clip.startsWith("http://127.0.0.1:9/_sandbox/media/")).toBe(true);
    const media = await fetch(clip);
    expect(media.headers.get("content-type")).toBe("video/mp4");
    expect((await media.arrayBuffer()).byteLength).toBe(
      Number(media.headers.get("content-length")),
    );

    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      ids.push((await ssemble.shorts.create({ url: VIDEO, start: 0, end: 60 })).requestId);
    }
    const tracked = await ssemble.shorts.track(ids).done;
    expect(tracked.map((r) => r.status)).toEqual(Array(20).fill("completed"));

    const failing = await ssemble.shorts.create({
      url: `${VIDEO}&sandbox-fail-transcribing_audio`,
      start: 0,
      end: 60,
    });
    const error = await ssemble.shorts.waitForCompletion(failing.requestId).catch((e) => e);
    expect(error).toBeInstanceOf(ShortFailedError);
  });

  it("the sandbox's rules hold: a bad body is 400, another key's job is 404, an unknown path 404", async () => {
    const ssemble = client();
    const bad = await fetch(`${BASE_URL}/shorts/create`, {
      method: "POST",
      headers: { "X-API-Key": KEY, "Content-Type": "application/json" },
      body: JSON.stringify({ url: VIDEO, start: 10, end: 5 }),
    });
    expect(bad.status).toBe(400);
    const { requestId } = await ssemble.shorts.create({ url: VIDEO, start: 0, end: 60 });
    const other = await fetch(`${BASE_URL}/shorts/${requestId}`, {
      headers: { "X-API-Key": "sk_ssemble_someoneElse000000000000000000000" },
    });
    expect(other.status).toBe(404);
    expect((await fetch(`${BASE_URL}/nope`, { headers: { "X-API-Key": KEY } })).status).toBe(404);
  });

  it("advancing the clock delivers the webhook to a receiver in the app: 503, then 200 on the retry", async () => {
    hookStatuses.push(503, 200);
    const ssemble = client();
    const ws = sandbox.workspace(KEY);
    const { requestId } = await ssemble.shorts.create({
      url: VIDEO,
      start: 0,
      end: 60,
      webhookUrl: HOOK,
    });
    await ws.clock.advance(18_000);
    await ws.clock.advance(1_000);
    expect(ws.webhooks().map((d) => [d.attempt, d.status])).toEqual([
      [1, 503],
      [2, 200],
    ]);
    expect(received).toHaveLength(2);
    expect(received[1]).toMatchObject({ event: "shorts.completed", requestId });
  });

  it.each([
    ["a JSON body", "/json", 200, undefined],
    ["a body that never ends", "/endless", 200, undefined],
    ["no answer at all", "/silent", undefined, /^TimeoutError: .*500 ms/],
  ] as const)(
    "a receiver answering with %s never hangs advance",
    async (_, path, status, error) => {
      const ssemble = client();
      const ws = sandbox.workspace(KEY);
      await ssemble.shorts.create({ url: VIDEO, start: 0, end: 60, webhookUrl: `${HOOK}${path}` });
      // Each attempt ends within its timeout (500 ms here): three attempts fit well inside the bound.
      await bounded(ws.clock.advance(18_000), 5_000);
      await bounded(ws.clock.advance(1_000), 5_000);
      await bounded(ws.clock.advance(2_000), 5_000);
      const journal = ws.webhooks().map((d) => [d.status, d.error]);
      if (status) expect(journal).toEqual([[status, undefined]]);
      else expect(journal).toEqual(Array(3).fill([undefined, expect.stringMatching(error)]));
      // And the sandbox still answers: nothing is stuck behind the receiver.
      expect((await ssemble.shorts.list().page(1)).requests).toHaveLength(1);
    },
  );

  it("under vitest's fake timers, a receiver that never answers still times out: advance never hangs", async () => {
    vi.useFakeTimers();
    const ssemble = client();
    const ws = sandbox.workspace(KEY);
    await ssemble.shorts.create({ url: VIDEO, start: 0, end: 60, webhookUrl: `${HOOK}/silent` });
    await bounded(ws.clock.advance(18_000), 5_000);
    expect(ws.webhooks().map((d) => d.error)).toEqual([
      expect.stringMatching(/^TimeoutError: .*500 ms/),
    ]);
  });

  it("vitest's fake timers change nothing: only the workspace clock moves jobs", async () => {
    vi.useFakeTimers({ now: new Date("2030-01-01T00:00:00Z") });
    const ws = sandbox.workspace(KEY);
    const created = await fetch(`${BASE_URL}/shorts/create`, {
      method: "POST",
      headers: { "X-API-Key": KEY, "Content-Type": "application/json" },
      body: JSON.stringify({ url: VIDEO, start: 0, end: 60 }),
    });
    const { requestId } = ((await created.json()) as { data: { requestId: string } }).data;
    const status = async () =>
      (
        (await (
          await fetch(`${BASE_URL}/shorts/${requestId}/status`, { headers: { "X-API-Key": KEY } })
        ).json()) as { data: { status: string } }
      ).data.status;
    vi.advanceTimersByTime(60_000);
    expect(await status()).toBe("queued");
    await ws.clock.advance(18_000);
    expect(await status()).toBe("completed");
  });
});
