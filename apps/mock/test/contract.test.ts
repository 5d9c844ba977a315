import * as ssemble from "@ssemble/client";
import {
  type CreateShortResponse,
  createSsembleClient,
  type DeleteShortResult,
  type GameVideoList,
  type MemeHookList,
  type MusicList,
  type RequestOptions,
  type ShortStatus,
  type ShortsRequestList,
  type ShortsResult,
  type SsembleApiError,
  type TemplateList,
} from "@ssemble/client";
import { OPERATIONS, type OperationId } from "@ssemble/client/operations";
import { SAMPLE_ID } from "@ssemble/openapi-model";
import { errorClass, invokeOperation } from "@ssemble/testkit";
import { describe, expect, expectTypeOf, it } from "vitest";
import { MOCK_API_KEY, mockUrl, operation, spec } from "./support/mock.js";
import { createValidator } from "./support/schema.js";

const validate = createValidator(spec.document);

// Retries would turn one Prefer-selected 429/500 into several requests; the contract is the mapping itself.
const client = createSsembleClient({
  apiKey: MOCK_API_KEY,
  baseUrl: mockUrl,
  maxRetries: 0,
  maxRateLimitWaitMs: 0,
});

const createExamples = operation("createShort").requestBody?.examples ?? [];
const firstCreateBody = createExamples[0]?.value as Parameters<typeof client.shorts.create>[0];

/** Every operation through the client's public method, with per-call options (headers carry Prefer). */
const invoke = (id: OperationId, options: RequestOptions) =>
  invokeOperation(client, OPERATIONS[id], { id: SAMPLE_ID, body: firstCreateBody }, options);

const successCases = spec.operations.flatMap((op) =>
  op.responses
    .filter((r) => r.status.startsWith("2"))
    .flatMap((r) =>
      r.examples.map((example) => ({
        op,
        example,
        label: `${op.operationId} example=${example.name}`,
      })),
    ),
);

const errorCases = spec.operations.flatMap((op) =>
  op.responses
    .filter((r) => !r.status.startsWith("2"))
    .flatMap((r) =>
      r.examples.map((example) => ({
        op,
        status: r.status,
        example,
        code: (example.value as { error: { code: string } }).error.code,
        label: `${op.operationId} code=${r.status} example=${example.name}`,
      })),
    ),
);

describe("every @ssemble/client method works against the mock", () => {
  it("covers every operation in the spec, at the method and path the client's map says", () => {
    expect(Object.keys(OPERATIONS).sort()).toEqual(
      spec.operations.map((op) => op.operationId).sort(),
    );
    for (const op of spec.operations) {
      const entry = OPERATIONS[op.operationId as OperationId];
      expect({ method: entry?.method, path: entry?.path }, op.operationId).toEqual({
        method: op.method.toUpperCase(),
        path: op.path,
      });
    }
  });

  it.each(spec.operations.map((op) => ({ op, label: op.operationId })))(
    "$label succeeds with the default response",
    async ({ op }) => {
      const result = await invoke(op.operationId as OperationId, {});
      // The client hands back the envelope's `data`: it must be what the 200 response's schema says it is.
      const ok = op.responses.find((r) => r.status === "200");
      expect(ok?.schemaPointer).toBeDefined();
      expect(validate(`${ok?.schemaPointer}/properties/data`, result)).toEqual([]);
      expect(result).not.toBeNull();
    },
  );

  it.each(successCases)("$label returns exactly the example's data", async ({ op, example }) => {
    const result = await invoke(op.operationId as OperationId, {
      headers: { Prefer: `example=${example.name}` },
    });
    expect(result).toEqual((example.value as { data: unknown }).data);
  });

  it.each(createExamples.map((e) => ({ example: e, label: e.name })))(
    "shorts.create accepts the request example $label",
    async ({ example }) => {
      const created = await client.shorts.create(example.value as typeof firstCreateBody);
      expect(created.requestId).toMatch(/^[0-9a-fA-F]{24}$/);
    },
  );

  it("shorts.delete also succeeds on the 204 variant", async () => {
    const result = await client.shorts.delete(SAMPLE_ID, { headers: { Prefer: "code=204" } });
    expect(result).toEqual({ message: "Request successfully deleted" });
  });

  it("a 401 carries the five rate-limit headers, from a Prefer and from Prism's own check of a missing key", async () => {
    const names = [
      "x-ratelimit-limit-hour",
      "x-ratelimit-remaining-hour",
      "x-ratelimit-limit-day",
      "x-ratelimit-remaining-day",
      "x-ratelimit-reset",
    ];
    for (const headers of [
      { "X-API-Key": MOCK_API_KEY, Prefer: "code=401" },
      {} as Record<string, string>,
    ]) {
      const response = await fetch(`${mockUrl}/templates`, { headers });
      expect(response.status).toBe(401);
      for (const name of names) expect(response.headers.get(name), name).toMatch(/\S/);
    }
  });

  it("withResponse() exposes the rate-limit headers the mock sends", async () => {
    const { data, response } = await client.templates.list().withResponse();
    expect(data.templates.length).toBeGreaterThan(0);
    expect(response.headers.get("x-ratelimit-limit-hour")).toMatch(/^\d+$/);
  });
});

describe("typed results", () => {
  it("each method resolves to the generated schema type, and the served example fits it", async () => {
    const example = (operationId: string, name: string) => {
      const found = operation(operationId)
        .responses.find((r) => r.status === "200")
        ?.examples.find((e) => e.name === name);
      if (!found) throw new Error(`${operationId} has no 200 example ${name}`);
      return (found.value as { data: unknown }).data;
    };
    const prefer = (name: string) => ({ headers: { Prefer: `example=${name}` } });

    const created = await client.shorts.create(firstCreateBody, prefer("default"));
    expectTypeOf(created).toEqualTypeOf<CreateShortResponse>();
    expect(created).toEqual(example("createShort", "default"));

    const status = await client.shorts.status(SAMPLE_ID, prefer("processingTranscribing"));
    expectTypeOf(status).toEqualTypeOf<ShortStatus>();
    expect(status).toEqual(example("getShortStatus", "processingTranscribing"));
    expect(status.status).toBe("processing");

    const result = await client.shorts.get(SAMPLE_ID, prefer("completed"));
    expectTypeOf(result).toEqualTypeOf<ShortsResult>();
    expect(result).toEqual(example("getShort", "completed"));
    expect(result.shorts.length).toBeGreaterThan(0);

    const deleted = await client.shorts.delete(SAMPLE_ID);
    expectTypeOf(deleted).toEqualTypeOf<DeleteShortResult>();

    const requests = await client.shorts.list(undefined, prefer("fullPage")).page(1);
    expectTypeOf(requests).toEqualTypeOf<ShortsRequestList>();
    expect(requests).toEqual(example("listShorts", "fullPage"));

    const templates = await client.templates.list();
    expectTypeOf(templates).toEqualTypeOf<TemplateList>();
    expect(templates.templates.map((t) => t.templateId)).toContain(templates.defaultTemplateId);

    const music = await client.music.list(undefined, prefer("empty")).page(1);
    expectTypeOf(music).toEqualTypeOf<MusicList>();
    expect(music.music).toEqual([]);

    expectTypeOf(await client.gameVideos.list().page(1)).toEqualTypeOf<GameVideoList>();
    expectTypeOf(await client.memeHooks.list().page(1)).toEqualTypeOf<MemeHookList>();
  });

  it("a list iterator walks the pages the mock reports and stops", async () => {
    const items = [];
    for await (const track of client.music.list({ limit: 100 })) items.push(track);
    expect(items.length).toBeGreaterThan(0);
  });
});

describe("each error status maps to the right error class and code", () => {
  it.each(errorCases)("$label", async ({ op, status, example, code }) => {
    const error = await invoke(op.operationId as OperationId, {
      headers: { Prefer: `code=${status}, example=${example.name}` },
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(errorClass(ssemble, status));
    const apiError = error as SsembleApiError;
    expect(apiError.status).toBe(Number(status));
    expect(apiError.code).toBe(code);
    const body = (example.value as { error: { message: string; details: unknown } }).error;
    expect(apiError.message).toContain(body.message);
    expect(apiError.details).toEqual(body.details);
    expect(JSON.stringify(apiError)).not.toContain(MOCK_API_KEY);
  });
});
