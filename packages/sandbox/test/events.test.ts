// GET /_sandbox/events: a workspace's changes as server-sent events, over HTTP and through sandbox.fetch, so that a
// page follows the sandbox without polling.
import { afterEach, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../src/index.js";
import { KEY, OTHER_KEY, VIDEO } from "./helpers.js";

interface Sse {
  event: string;
  data: Record<string, unknown>;
}

/** Reads server-sent events from a response body as they come. */
function reader(body: ReadableStream<Uint8Array>) {
  const events: Sse[] = [];
  const stream = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const done = (async () => {
    for (;;) {
      const { done: end, value } = await stream
        .read()
        .catch(() => ({ done: true, value: undefined }));
      if (end) return;
      buffer += decoder.decode(value, { stream: true });
      let cut = buffer.indexOf("\n\n");
      while (cut >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const event = /^event: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) });
        cut = buffer.indexOf("\n\n");
      }
    }
  })();
  return { events, cancel: () => stream.cancel(), done };
}

const until = async (check: () => boolean, ms = 3_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("no such event in time");
    await new Promise((r) => setTimeout(r, 10));
  }
};

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe("the event stream", () => {
  it("over HTTP: hello, then a change per request, control and delivery, for this key only", async () => {
    sandbox = createSandbox({ clock: { mode: "manual" } });
    const base = await sandbox.listen({ port: 0 });
    const abort = new AbortController();
    const res = await fetch(`${base}/_sandbox/events`, {
      headers: { "X-API-Key": KEY },
      signal: abort.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    const sse = reader(res.body as ReadableStream<Uint8Array>);
    await until(() => sse.events.length > 0);
    expect(sse.events[0]).toMatchObject({ event: "hello", data: { clock: { mode: "manual" } } });
    expect(sse.events[0]?.data.workspace).toMatchObject({ jobs: 0 });

    const api = (path: string, init: RequestInit = {}, key = KEY) =>
      fetch(`${base}${path}`, {
        ...init,
        headers: { "X-API-Key": key, "content-type": "application/json" },
      });
    // Another workspace's activity is not this stream's.
    await api("/api/v1/templates", {}, OTHER_KEY);
    await new Promise((r) => setTimeout(r, 120));
    expect(sse.events).toHaveLength(1);

    await api("/api/v1/shorts/create", {
      method: "POST",
      body: JSON.stringify({ url: VIDEO, start: 0, end: 60 }),
    });
    await until(() => sse.events.some((e) => e.event === "change"));
    const change = sse.events.find((e) => e.event === "change");
    expect(change?.data.reasons).toEqual(["request"]);
    const before = change?.data.version as number;

    await api("/_sandbox/clock/advance", { method: "POST", body: JSON.stringify({ ms: 60_000 }) });
    await until(() => sse.events.filter((e) => e.event === "change").length >= 2);
    const last = sse.events.filter((e) => e.event === "change").at(-1);
    expect(last?.data.reasons).toContain("control");
    expect(last?.data.version as number).toBeGreaterThan(before);
    expect(last?.data.clock).toHaveProperty("now");
    abort.abort();
  });

  it("through sandbox.fetch: in-process controls are changes too, and a running clock ticks", async () => {
    sandbox = createSandbox({ clock: { mode: "manual" } });
    const res = await sandbox.fetch("http://sandbox.test/_sandbox/events", {
      headers: { "X-API-Key": KEY },
    });
    const sse = reader(res.body as ReadableStream<Uint8Array>);
    const ws = sandbox.workspace(KEY);
    ws.update({ credits: 7 });
    await until(() => sse.events.some((e) => e.event === "change"));
    expect(sse.events.find((e) => e.event === "change")?.data.reasons).toEqual(["control"]);
    ws.clock.set({ mode: "running", speed: 2 });
    await until(() => sse.events.some((e) => e.event === "tick"), 2_500);
    expect(sse.events.find((e) => e.event === "tick")?.data.clock).toMatchObject({
      mode: "running",
      speed: 2,
    });
    // Cancelling the body ends the stream; later changes go nowhere and break nothing.
    await sse.cancel();
    await sse.done;
    const count = sse.events.length;
    ws.update({ credits: 8 });
    await new Promise((r) => setTimeout(r, 100));
    expect(sse.events).toHaveLength(count);
  });

  it("ends open streams when the sandbox closes, which then closes at once", async () => {
    const local = createSandbox({ clock: { mode: "manual" } });
    const base = await local.listen({ port: 0 });
    const res = await fetch(`${base}/_sandbox/events`, { headers: { "X-API-Key": KEY } });
    const sse = reader(res.body as ReadableStream<Uint8Array>);
    await until(() => sse.events.length > 0);
    const started = Date.now();
    await local.close();
    await sse.done;
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("needs a key, as every control does", async () => {
    sandbox = createSandbox({ clock: { mode: "manual" } });
    const res = await sandbox.fetch("http://sandbox.test/_sandbox/events");
    expect(res.status).toBe(401);
  });
});
