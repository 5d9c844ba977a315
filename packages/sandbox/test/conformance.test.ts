// The sandbox's answers through a tool we did not write: Prism 5 as a validating proxy in front of the real
// ssemble-sandbox bin. Every operation (its success in each job state), every documented error the sandbox can
// give, and the controls go through it; Prism checks each answer's status, headers and body against the spec and
// reports what it finds in `sl-violations` (or, with --errors, as a 500 VIOLATIONS problem). None may appear.
//
// Two proxies: `--errors` for every request the spec allows (Prism forwards those), and a lenient one for what
// `--errors` would answer itself (a request the spec forbids: no key, page=0, a bad id or body) and for the
// controls, which are not in the spec. Both validate the sandbox's answer.
import { createServer } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import {
  listOperations,
  loadDocument,
  type OperationModel,
  SAMPLE_ID,
} from "@ssemble/openapi-model";
import { defaultSpecPath, findFreePort, type PrismHandle, startPrism } from "@ssemble/prism";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TOTAL_MS } from "../src/core/jobs.js";
import { sandboxKey } from "../src/index.js";
import { runCli } from "./cli-process.js";
import { VIDEO } from "./helpers.js";

const require = createRequire(import.meta.url);
const operations = listOperations(loadDocument(require.resolve("@ssemble/spec/openapi.json")));
const KEY = sandboxKey("conformance");

let sandbox: ReturnType<typeof runCli> | undefined;
let strict: PrismHandle | undefined;
let lenient: PrismHandle | undefined;

beforeAll(async () => {
  sandbox = runCli(["--port", "0", "--manual", "--limits", "100000,1000000"]);
  const upstream = await sandbox.listening;
  const start = async (errors: boolean) =>
    startPrism({
      specPath: defaultSpecPath(),
      proxy: upstream,
      errors,
      port: await findFreePort(),
      verboseLevel: "warn",
    });
  [strict, lenient] = await Promise.all([start(true), start(false)]);
}, 120_000);

afterAll(async () => {
  await Promise.all([strict?.stop(), lenient?.stop()]);
  sandbox?.child.kill("SIGTERM");
  await sandbox?.exited;
});

interface Call {
  method: string;
  path: string;
  key?: string | null;
  body?: unknown;
  /** Default `application/json` when there is a body. */
  contentType?: string;
}

interface Answer {
  label: string;
  status: number;
  json: { data?: unknown; error?: { code?: string }; type?: string } | undefined;
  /** Prism's findings about the sandbox's answer (its request findings are left out: some requests are bad on purpose). */
  violations: string[];
}

/** Sends `call` through a proxy and collects what Prism said about the answer. */
async function through(prism: PrismHandle | undefined, call: Call): Promise<Answer> {
  if (!prism) throw new Error("the proxy did not start");
  const key = call.key === undefined ? KEY : call.key;
  const response = await fetch(`${prism.url}${call.path}`, {
    method: call.method,
    headers: {
      ...(key === null ? {} : { "X-API-Key": key }),
      ...(call.body === undefined
        ? {}
        : { "Content-Type": call.contentType ?? "application/json" }),
    },
    ...(call.body === undefined
      ? {}
      : { body: typeof call.body === "string" ? call.body : JSON.stringify(call.body) }),
  });
  const text = await response.text();
  const json = text ? (JSON.parse(text) as Answer["json"]) : undefined;
  const shown = call.body === undefined ? "" : ` ${JSON.stringify(call.body).slice(0, 80)}`;
  const label = `${call.method} ${call.path}${shown} (${key === null ? "no key" : key.slice(11, 25)})`;
  const violations: string[] = [];
  const header = response.headers.get("sl-violations");
  if (header) {
    let found: { location?: string[]; message?: string }[];
    try {
      found = JSON.parse(header);
    } catch {
      found = [{ location: ["response"], message: header }];
    }
    for (const v of found) {
      if (v.location?.[0] === "response") violations.push(`${v.location.join(".")}: ${v.message}`);
    }
  }
  // With --errors, a response violation becomes Prism's own 500 problem.
  if (json?.type?.includes("VIOLATIONS")) violations.push(`Prism refused the answer: ${text}`);
  return { label, status: response.status, json, violations };
}

/** Sends every call, and expects Prism to have found nothing and each status to be the one expected. */
async function expectClean(
  prism: PrismHandle | undefined,
  cases: { call: Call; status: number; code?: string }[],
) {
  const problems: string[] = [];
  for (const { call, status, code } of cases) {
    const answer = await through(prism, call);
    for (const v of answer.violations) problems.push(`${answer.label}: ${v}`);
    if (answer.status !== status) {
      problems.push(`${answer.label}: status ${answer.status}, expected ${status}`);
    } else if (code && answer.json?.error?.code !== code) {
      problems.push(`${answer.label}: code ${answer.json?.error?.code}, expected ${code}`);
    }
  }
  expect(problems).toEqual([]);
  return cases.length;
}

const bodyOf = (op: OperationModel) => op.requestBody?.examples[0]?.value;
const pathOf = (op: OperationModel, id: string) => op.path.replace("{id}", id);
/** Every operation sent with `key`, each expected to answer `status` with `code`. */
const onEvery = (key: string | null, status: number, code: string) =>
  everyOperation(key).map((call) => ({ call, status, code }));
/** Every operation, sent with `key` (its id `id`, its first body example). */
const everyOperation = (key: string | null, id = SAMPLE_ID) =>
  operations.map((op) => ({
    method: op.method.toUpperCase(),
    path: pathOf(op, id),
    key,
    body: bodyOf(op),
  }));

async function create(body: unknown = { url: VIDEO, start: 0, end: 60 }): Promise<string> {
  const answer = await through(strict, { method: "POST", path: "/shorts/create", body });
  expect(answer.violations).toEqual([]);
  const data = answer.json?.data as { requestId?: string } | undefined;
  if (!data?.requestId) throw new Error(`create answered ${answer.status}`);
  return data.requestId;
}

const control = (method: string, path: string, body?: unknown, key = KEY) =>
  through(lenient, { method, path, key, ...(body === undefined ? {} : { body }) });

describe("the sandbox bin behind Prism's validating proxy", () => {
  it("every operation succeeds in every job state, with every request example, and Prism finds nothing", async () => {
    const creates = operations.find((op) => op.operationId === "createShort");
    expect(creates?.requestBody?.examples.length).toBeGreaterThan(2);
    let sent = 0;
    sent += await expectClean(
      strict,
      (creates?.requestBody?.examples ?? []).map((e) => ({
        call: { method: "POST", path: "/shorts/create", body: e.value },
        status: 200,
      })),
    );
    // One job per state: queued, in each step, completed, failed, cancelled.
    const ids = {
      queued: await create(),
      failed: await create({ url: `${VIDEO}&sandbox-fail-finding_highlights`, start: 0, end: 60 }),
      cancelled: await create(),
      adjusted: await create({ url: `${VIDEO}&sandbox-short-video`, start: 200, end: 400 }),
    };
    expect((await control("POST", `/_sandbox/jobs/${ids.cancelled}/cancel`)).status).toBe(200);
    const perJob = (id: string) =>
      operations
        .filter((op) => op.path.includes("{id}") && op.method !== "delete")
        .map((op) => ({ call: { method: "GET", path: pathOf(op, id) }, status: 200 }));
    const lists = operations
      .filter((op) => op.method === "get" && !op.path.includes("{id}"))
      .flatMap((op) => [
        { call: { method: "GET", path: op.path }, status: 200 },
        { call: { method: "GET", path: `${op.path}?page=1&limit=1` }, status: 200 },
        { call: { method: "GET", path: `${op.path}?page=99&limit=100` }, status: 200 },
      ]);
    // Queued, then each step (boundaries at 2, 5, 10, 14 and 18 s), the failed job failing on the way.
    for (const ms of [0, 2_500, 3_500, 5_000, 4_000, 4_000]) {
      if (ms) await control("POST", "/_sandbox/clock/advance", { ms });
      sent += await expectClean(strict, [...perJob(ids.queued), ...perJob(ids.failed)]);
    }
    await control("POST", "/_sandbox/clock/advance", { ms: TOTAL_MS });
    sent += await expectClean(strict, [
      ...perJob(ids.queued),
      ...perJob(ids.failed),
      ...perJob(ids.cancelled),
      ...perJob(ids.adjusted),
      ...lists,
      ...["queued", "processing", "completed", "failed", "cancelled"].map((status) => ({
        call: { method: "GET", path: `/shorts?status=${status}&sortBy=updatedAt&sortOrder=asc` },
        status: 200,
      })),
      { call: { method: "DELETE", path: `/shorts/${ids.cancelled}` }, status: 200 },
      {
        call: { method: "GET", path: `/shorts/${ids.cancelled}` },
        status: 404,
        code: "resource_not_found",
      },
    ]);
    expect(sent).toBeGreaterThan(50);
  });

  it("every documented error the sandbox gives to a request the spec allows, under --errors", async () => {
    const window = (start: number, end: number) => ({ url: VIDEO, start, end });
    const errors = [
      // 400: the rules the schema cannot express, and the magic sources.
      ...[
        window(0, 1_201),
        { url: `${VIDEO}&sandbox-too-long`, start: 0, end: 60 },
        { url: `${VIDEO}&sandbox-unreachable`, start: 0, end: 60 },
        { url: `${VIDEO}&sandbox-private`, start: 0, end: 60 },
        { url: "https://www.youtube.com/shorts/dQw4w9WgXcQ", start: 0, end: 60 },
        { ...window(0, 60), templateId: "000000000000000000000000" },
        { ...window(0, 60), musicName: "No Such Track", music: true },
      ].map((body) => ({ call: { method: "POST", path: "/shorts/create", body }, status: 400 })),
      // 401: a malformed key and a revoked one, on every operation.
      ...onEvery("sk_live_0123456789", 401, "invalid_api_key"),
      ...onEvery(sandboxKey("revoked"), 401, "invalid_api_key"),
      // 403: no subscription anywhere, no credits on create.
      ...onEvery(sandboxKey("nosubscription"), 403, "subscription_required"),
      {
        call: {
          method: "POST",
          path: "/shorts/create",
          key: sandboxKey("nocredits"),
          body: window(0, 60),
        },
        status: 403,
        code: "insufficient_credits",
      },
      // 404: an id nobody has.
      ...operations
        .filter((op) => op.path.includes("{id}"))
        .map((op) => ({
          call: { method: op.method.toUpperCase(), path: pathOf(op, SAMPLE_ID) },
          status: 404,
          code: "resource_not_found",
        })),
      // 429 and 500, on every operation.
      ...onEvery(sandboxKey("ratelimited"), 429, "rate_limit_exceeded"),
      ...onEvery(sandboxKey("servererror"), 500, "internal_error"),
    ];
    expect(await expectClean(strict, errors)).toBeGreaterThan(50);
  });

  it("requests the spec forbids (Prism's --errors would answer them itself) get answers it finds nothing in", async () => {
    const bad = [
      ...onEvery(null, 401, "missing_api_key"),
      ...["/shorts?page=0", "/shorts?limit=500", "/music?page=abc", "/shorts?status=bogus"].map(
        (path) => ({ call: { method: "GET", path }, status: 400, code: "invalid_request" }),
      ),
      ...operations
        .filter((op) => op.path.includes("{id}"))
        .map((op) => ({
          call: { method: op.method.toUpperCase(), path: pathOf(op, "not-an-id") },
          status: 400,
          code: "invalid_request",
        })),
      ...["[]", JSON.stringify({ start: 0, end: 60 })].map((body) => ({
        call: { method: "POST", path: "/shorts/create", body },
        status: 400,
        code: "invalid_request",
      })),
      // Prism parses a JSON body itself (and answers a broken one): sent as text, it reaches the sandbox.
      {
        call: {
          method: "POST",
          path: "/shorts/create",
          body: "{not json",
          contentType: "text/plain",
        },
        status: 400,
        code: "invalid_request",
      },
    ];
    expect(await expectClean(lenient, bad)).toBeGreaterThan(15);
  });

  it("the controls work through the proxy, and the states they make answer cleanly", async () => {
    const id = await create({
      url: VIDEO,
      start: 0,
      end: 60,
      webhookUrl: "http://127.0.0.1:9/hook",
    });
    const other = await create();
    for (const [method, path, body] of [
      ["GET", "/_sandbox/workspace"],
      ["PUT", "/_sandbox/workspace", { credits: 5, limits: { hour: 1_000 } }],
      ["GET", "/_sandbox/clock"],
      ["POST", "/_sandbox/clock", { mode: "manual" }],
      ["POST", `/_sandbox/jobs/${id}/complete`],
      ["POST", `/_sandbox/jobs/${other}/fail`, { failureReason: "Source went private" }],
      ["POST", "/_sandbox/clock/advance", { ms: 5_000 }],
      ["GET", "/_sandbox/webhooks"],
      ["GET", "/_sandbox/requests"],
    ] as const) {
      const answer = await control(method, path, body);
      expect(answer.status, `${method} ${path}`).toBe(200);
    }
    await expectClean(strict, [
      { call: { method: "GET", path: `/shorts/${id}` }, status: 200 },
      { call: { method: "GET", path: `/shorts/${other}/status` }, status: 200 },
    ]);
    expect((await control("POST", "/_sandbox/reset")).status).toBe(200);
    await expectClean(strict, [
      {
        call: { method: "GET", path: `/shorts/${id}/status` },
        status: 404,
        code: "resource_not_found",
      },
    ]);
  });
});

describe("the proxy itself (a negative control)", () => {
  it("reports an upstream that breaks the spec, on both proxies: so a clean run above means something", async () => {
    // An upstream that answers every request with 200, an empty `data` and none of the rate-limit headers.
    const bad = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" }).end('{"data":{}}');
    });
    await new Promise<void>((r) => bad.listen(0, "127.0.0.1", r));
    const upstream = `http://127.0.0.1:${(bad.address() as AddressInfo).port}`;
    const proxies: PrismHandle[] = [];
    try {
      for (const errors of [true, false]) {
        proxies.push(
          await startPrism({
            specPath: defaultSpecPath(),
            proxy: upstream,
            errors,
            port: await findFreePort(),
            verboseLevel: "warn",
          }),
        );
      }
      const [strictBad, lenientBad] = proxies;
      const refused = await through(strictBad, { method: "GET", path: "/templates" });
      expect(refused.status).toBe(500);
      expect(refused.violations.join("\n")).toMatch(/VIOLATIONS/);
      const reported = await through(lenientBad, { method: "GET", path: "/templates" });
      expect(reported.status).toBe(200);
      expect(reported.violations.join("\n")).toMatch(/x-ratelimit-limit-hour/i);
      expect(reported.violations.join("\n")).toMatch(/response\.body/);
    } finally {
      await Promise.all(proxies.map((p) => p.stop()));
      await new Promise((r) => bad.close(r));
    }
  }, 120_000);
});
