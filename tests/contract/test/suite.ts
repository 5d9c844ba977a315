// @ssemble/client's contract, written once. Each backend file calls `describeClientContract` with a target that
// says only how to reach a state (Prism: a Prefer header; the sandbox: a magic key or input); the calls, the
// cases and every assertion are here, the same for all of them.
import { createRequire } from "node:module";
import * as ssemble from "@ssemble/client";
import {
  type CreateShortRequest,
  type CreateShortResponse,
  createSsembleClient,
  type DeleteShortResult,
  type RequestOptions,
  type ShortStatus,
  type ShortsResult,
  type SsembleApiError,
  type SsembleClient,
  type SsembleClientOptions,
  SsembleValidationError,
} from "@ssemble/client";
import { OPERATIONS, type OperationId } from "@ssemble/client/operations";
import { escapePointer, listOperations, type OpenApiDocument } from "@ssemble/openapi-model";
import { createValidator, describeErrors } from "@ssemble/openapi-model/validator";
import {
  ALL_OPERATIONS as ALL,
  BY_ID,
  type ErrorCase,
  errorCases,
  errorClass,
  invokeOperation,
} from "@ssemble/testkit";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";

const document = createRequire(import.meta.url)(
  "@ssemble/spec/openapi.dereferenced.json",
) as OpenApiDocument;
const operations = listOperations(document);
const validator = createValidator(document);

type FetchLike = NonNullable<SsembleClientOptions["fetch"]>;

/** What a target is asked to put into the next request so that the backend answers with `error`. */
export interface Provocation {
  /** The key to call with (e.g. a magic key); default: a fresh key of the suite's own. */
  apiKey?: string;
  /** The request leaves without its API key, as behind a proxy that drops the header. */
  dropKey?: boolean;
  /** Per-call headers (Prefer). */
  headers?: Record<string, string>;
  /** The create body to send. */
  body?: CreateShortRequest;
  /** The job id to ask about. */
  id?: string;
  /** The list query to send. */
  query?: { page?: number; limit?: number };
}

export type { ErrorCase };

export interface ContractTarget {
  name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The client options that reach this backend: baseUrl, and fetch when it is not the global one. */
  connection(): { baseUrl: string; fetch?: FetchLike };
  /** A key for a workspace of its own. */
  freshKey(): string;
  /** Whether its lists hold what the key made, page by page (the sandbox), or repeat one example (Prism). */
  stateful: boolean;
  provoke(error: ErrorCase): Provocation;
  /** A job id this backend knows, for the key given (the sandbox: one created there; Prism: any). */
  knownId(client: SsembleClient): Promise<string>;
}

/** Every error a client can provoke, per operation, from the spec's registry (`@ssemble/testkit`). */
export const ERROR_CASES: ErrorCase[] = errorCases();

const createExamples = (operations.find((op) => op.operationId === "createShort")?.requestBody
  ?.examples ?? []) as { name: string; value: CreateShortRequest }[];
const DEFAULT_BODY = createExamples[0]?.value as CreateShortRequest;

/** The spec's schema of operation `id`'s 200 `data`, as a JSON pointer into the dereferenced bundle. */
function dataPointer(id: OperationId): string {
  const { method, path } = OPERATIONS[id];
  return `#/paths/${escapePointer(path)}/${method.toLowerCase()}/responses/200/content/${escapePointer("application/json")}/schema/properties/data`;
}

function expectValid(id: OperationId, data: unknown) {
  expect(describeErrors(validator.errors(dataPointer(id), data)), id).toEqual([]);
}

/** Runs every operation through its public method with the given input; resolves to the unwrapped data. */
function invoke(
  client: SsembleClient,
  id: OperationId,
  input: Provocation & { id: string },
  options: RequestOptions,
): Promise<unknown> {
  return invokeOperation(
    client,
    OPERATIONS[id],
    {
      id: input.id,
      body: input.body ?? DEFAULT_BODY,
      ...(input.query ? { query: input.query } : {}),
    },
    options,
  );
}

export function describeClientContract(target: ContractTarget): void {
  /** Every request the clients of this suite send, as the backend would see it. */
  const sent: { method: string; url: string }[] = [];

  function clientFor(apiKey: string, dropKey = false): SsembleClient {
    const { baseUrl, fetch: base = globalThis.fetch } = target.connection();
    const fetch: FetchLike = async (input, init) => {
      const request = new Request(input, init);
      sent.push({ method: request.method, url: request.url });
      if (!dropKey) return base(request);
      const headers = new Headers(request.headers);
      headers.delete("x-api-key");
      return base(new Request(request, { headers }));
    };
    return createSsembleClient({ apiKey, baseUrl, fetch, maxRetries: 0, maxRateLimitWaitMs: 0 });
  }

  describe(`@ssemble/client against ${target.name}`, () => {
    beforeAll(() => target.start());
    afterAll(() => target.stop());

    it("the suite calls every operation of the spec, and the client's map agrees on method and path", () => {
      expect([...ALL].sort()).toEqual(operations.map((op) => op.operationId).sort());
      for (const op of operations) {
        expect(OPERATIONS[op.operationId as OperationId], op.operationId).toMatchObject({
          method: op.method.toUpperCase(),
          path: op.path,
        });
      }
    });

    it("the oracle is live: each operation's data schema rejects an empty object", () => {
      for (const id of ALL) expect(validator.errors(dataPointer(id), {}), id).not.toEqual([]);
    });

    it.each(ALL.map((id) => ({ id })))(
      "$id succeeds and resolves to its data, valid against the spec",
      async ({ id }) => {
        const client = clientFor(target.freshKey());
        const known = BY_ID.includes(id) ? await target.knownId(client) : "";
        const data = await invoke(client, id, { id: known }, {});
        expectValid(id, data);
      },
    );

    it.each(createExamples.map((e) => ({ example: e, name: e.name })))(
      "shorts.create accepts the spec's request example $name",
      async ({ example }) => {
        const created = await clientFor(target.freshKey()).shorts.create(example.value);
        expect(created.requestId).toMatch(/^[0-9a-f]{24}$/i);
        expectValid("createShort", created);
      },
    );

    it("each method's promise has the generated type, and withResponse() shows the rate-limit headers", async () => {
      const client = clientFor(target.freshKey());
      const created = client.shorts.create(DEFAULT_BODY);
      expectTypeOf(await created).toEqualTypeOf<CreateShortResponse>();
      const id = await target.knownId(client);
      expectTypeOf(await client.shorts.status(id)).toEqualTypeOf<ShortStatus>();
      expectTypeOf(await client.shorts.get(id)).toEqualTypeOf<ShortsResult>();
      const { data, response } = await client.shorts.status(id).withResponse();
      expectValid("getShortStatus", data);
      expect(response.status).toBe(200);
      for (const name of ["limit-hour", "remaining-hour", "limit-day", "remaining-day"]) {
        expect(response.headers.get(`x-ratelimit-${name}`), name).toMatch(/^\d+$/);
      }
      const deleted = await client.shorts.delete(await target.knownId(client));
      expectTypeOf(deleted).toEqualTypeOf<DeleteShortResult>();
      expect(deleted).toEqual({ message: "Request successfully deleted" });
    });

    it("for await walks a paginated list to its end, without yielding an item twice", async () => {
      const client = clientFor(target.freshKey());
      for (let i = 0; i < 5; i++) await target.knownId(client);
      const ids: string[] = [];
      for await (const job of client.shorts.list({ limit: 2 })) ids.push(job.requestId);
      expect(new Set(ids).size).toBe(ids.length);
      const first = await client.shorts.list({ limit: 2 }).page(1);
      if (target.stateful) {
        // Five jobs, two a page: every page is walked, and the walk has exactly what the list counts.
        expect(first.pagination).toMatchObject({ totalCount: 5, totalPages: 3 });
        expect(ids).toHaveLength(first.pagination.totalCount);
      } else {
        // Prism answers every page with its example: the walk asks for page 2, sees page 1 again, and stops.
        expect(ids).toEqual(first.requests.map((r) => r.requestId));
      }
      const names: string[] = [];
      for await (const track of client.music.list({ limit: 100 })) names.push(track.name);
      expect(names.length).toBeGreaterThan(0);
    });

    it("refuses locally, sending nothing: a malformed id, and a body with both or neither source", async () => {
      const client = clientFor(target.freshKey());
      const before = sent.length;
      for (const call of [
        () => client.shorts.status("not-an-id"),
        () => client.shorts.get("665a1b2c3d4e5f6a7b8c9d0"),
        () => client.shorts.delete(""),
        () =>
          client.shorts.create({
            ...DEFAULT_BODY,
            url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            fileUrl: "https://example.com/video.mp4",
          } as unknown as CreateShortRequest),
        () => client.shorts.create({ start: 0, end: 60 } as unknown as CreateShortRequest),
      ]) {
        await expect(call()).rejects.toBeInstanceOf(SsembleValidationError);
      }
      expect(sent.length).toBe(before);
    });

    it.each(ERROR_CASES.map((c) => ({ ...c, label: `${c.operationId} ${c.status} ${c.code}` })))(
      "$label maps to its error class, with the API's code and message, and without the key",
      async (error) => {
        const how = target.provoke(error);
        const apiKey = how.apiKey ?? target.freshKey();
        const client = clientFor(apiKey, how.dropKey);
        const id =
          how.id ?? (BY_ID.includes(error.operationId) ? await target.knownId(client) : "");
        const thrown = await invoke(
          client,
          error.operationId,
          { ...how, id },
          {
            ...(how.headers ? { headers: how.headers } : {}),
          },
        ).then(
          (data) => ({ resolved: data }),
          (e: unknown) => e,
        );
        expect(thrown).toBeInstanceOf(errorClass(ssemble, error.status));
        const apiError = thrown as SsembleApiError;
        expect({ status: apiError.status, code: apiError.code }).toEqual({
          status: error.status,
          code: error.code,
        });
        expect(apiError.message.length).toBeGreaterThan(0);
        // The documented rate-limit headers come with the 429 itself, so an app can say when to retry.
        if (error.status === 429) expect(apiError.rateLimit.limitHour).toBeTypeOf("number");
        for (const text of [apiError.message, String(apiError.stack), JSON.stringify(apiError)]) {
          expect(text).not.toContain(apiKey);
        }
      },
    );
  });
}
