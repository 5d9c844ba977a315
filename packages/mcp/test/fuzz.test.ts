// 1,000 seeded hostile tool calls over HTTP (wrong types, huge strings, unknown tools, prototype keys): each one is
// answered with a tool result (an error, or content valid against the tool's output schema) or, for a tool that
// does not exist, the protocol's invalid-params error; never a 5xx, never a crash, never a polluted prototype.
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HttpServer, sandboxTarget, startHttpServer, type Target } from "../src/index.js";
import { VIDEO } from "./connect.js";

const SEED = 20261207;
const RUNS = 1_000;

let target: Target;
let http: HttpServer;
const validators = new Map<string, ValidateFunction>();
const parameters = new Set<string>();

/** One JSON-RPC call; the answer's `data:` line (SSE) or body. */
async function rpc(
  body: string,
): Promise<{ status: number; message: Record<string, unknown> | undefined }> {
  const res = await fetch(http.url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
    body,
  });
  const text = await res.text();
  const line = text.split("\n").find((l) => l.startsWith("data: "));
  const json = line ? line.slice(6) : text;
  return {
    status: res.status,
    message: json ? (JSON.parse(json) as Record<string, unknown>) : undefined,
  };
}

beforeAll(async () => {
  target = sandboxTarget(1);
  http = await startHttpServer({
    target,
    port: 0,
    wait: { defaultSeconds: 1, maxSeconds: 1, pollIntervalMs: 50 },
  });
  const listed = await rpc(JSON.stringify({ jsonrpc: "2.0", id: 0, method: "tools/list" }));
  const result = listed.message?.result as
    | { tools: { name: string; inputSchema: { properties: object }; outputSchema: object }[] }
    | undefined;
  const tools = result?.tools ?? [];
  expect(tools.length).toBeGreaterThan(0);
  const ajv = new Ajv2020({ strict: false });
  addFormats.default(ajv);
  for (const t of tools) {
    validators.set(t.name, ajv.compile(t.outputSchema));
    for (const p of Object.keys(t.inputSchema.properties)) parameters.add(p);
  }
});
afterAll(async () => {
  await http.close();
  await target.close();
});

const hostileKey = fc.constantFrom(
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
);
const value = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.integer({ min: 1_000, max: 300_000 }).map((n) => "x".repeat(n)),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(
    VIDEO,
    "0123456789abcdef01234567",
    "https://example.com/a.mp4",
    0,
    1,
    60,
    100,
    "en",
    "fit",
  ),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
  fc.dictionary(fc.oneof(hostileKey, fc.string({ maxLength: 8 })), fc.jsonValue({ maxDepth: 2 }), {
    maxKeys: 4,
  }),
);

/** Arguments as JSON text, so that a `__proto__` key is sent as an ordinary member, as an attacker would. */
const asJson = (pairs: [string, unknown][]) =>
  `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(",")}}`;

describe("hostile tool calls", () => {
  it(`answers ${RUNS} seeded random calls (seed ${SEED}) without a 5xx or a crash`, async () => {
    const names = [...validators.keys()];
    const knownArgument = fc.constantFrom(...parameters);
    const call = fc.record({
      name: fc.oneof(fc.constantFrom(...names), hostileKey, fc.string({ maxLength: 20 })),
      args: fc
        .array(fc.tuple(fc.oneof(knownArgument, hostileKey, fc.string({ maxLength: 12 })), value), {
          maxLength: 6,
        })
        .map(asJson),
    });
    const seen = { results: 0, errors: 0, unknown: 0 };
    let id = 0;
    await fc.assert(
      fc.asyncProperty(call, async ({ name, args }) => {
        const body = `{"jsonrpc":"2.0","id":${++id},"method":"tools/call","params":{"name":${JSON.stringify(name)},"arguments":${args}}}`;
        const { status, message } = await rpc(body);
        expect(status, body.slice(0, 300)).toBe(200);
        const error = message?.error as { code: number } | undefined;
        if (error) {
          expect(validators.has(name), `${name}: ${JSON.stringify(error)}`).toBe(false);
          expect(error.code).toBe(-32602);
          seen.unknown++;
          return;
        }
        const result = message?.result as {
          isError?: boolean;
          structuredContent?: unknown;
          content: unknown[];
        };
        expect(result.content.length).toBeGreaterThan(0);
        if (result.isError) seen.errors++;
        else {
          const validate = validators.get(name) as ValidateFunction;
          expect(validate(result.structuredContent), JSON.stringify(validate.errors)).toBe(true);
          seen.results++;
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    expect(id).toBe(RUNS);
    // Each outcome was met, so the run exercised all three paths.
    expect(seen.errors).toBeGreaterThan(100);
    expect(seen.unknown).toBeGreaterThan(50);
    expect(seen.results).toBeGreaterThan(10);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
    const health = await fetch(new URL("/health", http.url));
    expect(health.status).toBe(200);
  });
});
