// sandbox.fetch reads the shapes a client sends without building a WHATWG Request (that costs more than the
// engine's answer); what it reads must be exactly what `new Request(input, init)` would give, and what fetch
// refuses it must refuse too.
import { describe, expect, it } from "vitest";
import { readRequest } from "../src/fetch.js";
import { createSandbox } from "../src/index.js";
import { BASE, KEY } from "./helpers.js";

/** The reference: what the engine would get through a real Request. */
async function viaRequest(input: string | URL | Request, init?: RequestInit) {
  const request = new Request(input, init);
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return {
    method: request.method,
    path: url.pathname,
    query: [...url.searchParams],
    headers,
    body: request.body ? await request.text() : undefined,
    origin: url.origin,
  };
}
const comparable = async (input: string | URL | Request, init?: RequestInit) => {
  const plain = await readRequest(input, init);
  return { ...plain, query: [...plain.query] };
};

const body = JSON.stringify({
  url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
  start: 0,
  end: 60,
});
const cases: [string, () => [string | URL | Request, RequestInit?]][] = [
  ["a string, no init", () => [`${BASE}/templates?page=2&limit=5`]],
  [
    "a URL object",
    () => [new URL(`${BASE}/shorts?status=completed`), { headers: { "X-API-Key": KEY } }],
  ],
  [
    "a record of headers, mixed case and padded",
    () => [`${BASE}/music`, { headers: { "X-Api-KEY": `  ${KEY} ` } }],
  ],
  [
    "a Headers object",
    () => [`${BASE}/music`, { headers: new Headers({ Authorization: `Bearer ${KEY}` }) }],
  ],
  [
    "pairs with a repeated name",
    () => [
      `${BASE}/music`,
      {
        headers: [
          ["Accept", "application/json"],
          ["accept", "text/plain"],
        ],
      },
    ],
  ],
  ["a lower-case method", () => [`${BASE}/shorts/abc`, { method: "delete" }]],
  ["an unknown method keeps its case", () => [`${BASE}/shorts/abc`, { method: "Frob" }]],
  ["a POST with a string body", () => [`${BASE}/shorts/create`, { method: "post", body }]],
  ["a POST with an empty body", () => [`${BASE}/shorts/create`, { method: "POST", body: "" }]],
  ["a null body", () => [`${BASE}/templates`, { body: null }]],
  [
    "a Request with only a signal beside it",
    () => [
      new Request(`${BASE}/templates`, { headers: { "X-API-Key": KEY } }),
      { signal: new AbortController().signal },
    ],
  ],
  ["a Request with a body", () => [new Request(`${BASE}/shorts/create`, { method: "POST", body })]],
  [
    "a Request with overrides",
    () => [
      new Request(`${BASE}/templates`, { headers: { a: "1" } }),
      { method: "POST", headers: { b: "2" }, body },
    ],
  ],
  [
    "a byte body (through Request)",
    () => [`${BASE}/shorts/create`, { method: "POST", body: new TextEncoder().encode(body) }],
  ],
  [
    "a URLSearchParams body (through Request)",
    () => [`${BASE}/shorts/create`, { method: "POST", body: new URLSearchParams({ a: "1" }) }],
  ],
  ["a percent-encoded path and a fragment", () => [`${BASE}/shorts/a%20b/status?x=%C3%A9#top`]],
];

describe("sandbox.fetch reads a request as new Request would", () => {
  for (const [name, make] of cases) {
    it(name, async () => {
      const [input, init] = make();
      const [again, initAgain] = make();
      expect(await comparable(input, init)).toEqual(await viaRequest(again, initAgain));
    });
  }
});

describe("sandbox.fetch refuses what fetch refuses", () => {
  const sandbox = createSandbox();
  const journal = async () => {
    const r = await sandbox.fetch(`${BASE}/_sandbox/requests`, { headers: { "X-API-Key": KEY } });
    return ((await r.json()) as { data: { requests: unknown[] } }).data.requests.length;
  };
  const refusals: [string, string, RequestInit?][] = [
    ["a GET with a body", `${BASE}/templates`, { body: "x" }],
    ["a HEAD with a body", `${BASE}/templates`, { method: "HEAD", body: "x" }],
    ["a header name that is not a token", `${BASE}/templates`, { headers: { "x key": "1" } }],
    ["a header value with a newline", `${BASE}/templates`, { headers: { "x-api-key": "a\r\nb" } }],
    ["a relative URL", "/templates"],
  ];
  for (const [name, input, init] of refusals) {
    it(name, async () => {
      expect(() => new Request(input, init)).toThrow(TypeError);
      const before = await journal();
      await expect(sandbox.fetch(input, init)).rejects.toBeInstanceOf(TypeError);
      expect(await journal()).toBe(before);
    });
  }

  it("an aborted signal rejects with its reason and sends nothing", async () => {
    const before = await journal();
    const controller = new AbortController();
    controller.abort();
    const headers = { "X-API-Key": KEY };
    await expect(
      sandbox.fetch(`${BASE}/templates`, { headers, signal: controller.signal }),
    ).rejects.toMatchObject({
      name: "AbortError",
    });
    const aborted = new Request(`${BASE}/templates`, { headers, signal: controller.signal });
    await expect(sandbox.fetch(aborted)).rejects.toMatchObject({ name: "AbortError" });
    expect(await journal()).toBe(before);
    // The journal does count what is sent.
    await (await sandbox.fetch(`${BASE}/templates`, { headers })).arrayBuffer();
    expect(await journal()).toBe(before + 1);
  });

  it("answers with a real Response: status, headers and a body read once", async () => {
    const response = await sandbox.fetch(`${BASE}/templates`, { headers: { "X-API-Key": KEY } });
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(response.headers.get("x-ratelimit-remaining-hour")).toMatch(/^\d+$/);
    const data = (await response.json()) as { data: { templates: unknown[] } };
    expect(data.data.templates.length).toBeGreaterThan(0);
    expect(response.bodyUsed).toBe(true);
  });
});
