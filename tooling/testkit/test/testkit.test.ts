// The kit's lists are the registry read out, and its one call convention reaches every kind of operation.
import { OPERATION_REGISTRY, type OperationId } from "@ssemble/types/operations";
import { describe, expect, it } from "vitest";
import {
  ALL_OPERATIONS,
  BY_ID,
  type ClientOperation,
  errorCases,
  errorClass,
  invokeOperation,
  PAGED,
} from "../src/index.js";

describe("the operations and errors a suite covers", () => {
  it("are the registry's, grouped by what it says of each", () => {
    expect(ALL_OPERATIONS).toEqual(Object.keys(OPERATION_REGISTRY));
    expect(BY_ID.sort()).toEqual(["deleteShort", "getShort", "getShortStatus"]);
    expect(PAGED.sort()).toEqual(["listGameVideos", "listMemeHooks", "listMusic", "listShorts"]);
  });

  it("provoke every documented error a client can reach, each with the spec's example", () => {
    const cases = errorCases();
    const of = (id: OperationId) =>
      cases.filter((c) => c.operationId === id).map((c) => `${c.status} ${c.code} ${c.example}`);
    expect(of("createShort").sort()).toEqual([
      "400 invalid_request invalidRequest",
      "400 invalid_youtube_url invalidYoutubeUrl",
      "400 url_validation_failed urlValidationFailed",
      "400 video_too_long videoTooLong",
      "401 invalid_api_key invalidApiKey",
      "401 missing_api_key missingApiKey",
      "403 insufficient_credits insufficientCredits",
      "403 subscription_required subscriptionRequired",
      "429 rate_limit_exceeded rateLimitExceeded",
      "500 internal_error internalError",
    ]);
    // A list's bad page is its only 400; it spends no credit, so it cannot run out of them.
    expect(of("listMusic")).toContain("400 invalid_request invalidPagination");
    expect(of("listMusic").filter((c) => c.startsWith("400"))).toHaveLength(1);
    expect(of("listMusic")).not.toContain("403 insufficient_credits insufficientCredits");
    // A job's operations meet 404; a malformed id is refused by the client before sending, so no 400.
    expect(of("getShort")).toContain("404 resource_not_found resourceNotFound");
    expect(of("getShort").some((c) => c.startsWith("400"))).toBe(false);
    expect(of("listTemplates").some((c) => c.startsWith("400") || c.startsWith("404"))).toBe(false);
  });
});

describe("invokeOperation", () => {
  const calls: unknown[][] = [];
  const record =
    (name: string, answer: unknown = "done") =>
    (...args: unknown[]) => {
      calls.push([name, ...args]);
      return answer;
    };
  const iterator = { page: record("page", "a page") };
  const client = {
    shorts: { status: record("status"), create: record("create"), list: record("list", iterator) },
    templates: { list: record("templates") },
  };
  const op = (id: OperationId, call: string): ClientOperation => ({
    ...OPERATION_REGISTRY[id],
    call,
  });

  it("passes the id, the body or the query as the registry says, then the options", async () => {
    calls.length = 0;
    const options = { maxRetries: 0 };
    await invokeOperation(client, op("getShortStatus", "shorts.status"), { id: "x" }, options);
    await invokeOperation(client, op("createShort", "shorts.create"), { body: { a: 1 } }, options);
    await invokeOperation(client, op("listTemplates", "templates.list"), {}, options);
    expect(
      await invokeOperation(
        client,
        op("listShorts", "shorts.list"),
        { query: { page: 3, limit: 2 } },
        options,
      ),
    ).toBe("a page");
    expect(calls).toEqual([
      ["status", "x", options],
      ["create", { a: 1 }, options],
      ["templates", options],
      ["list", { page: 3, limit: 2 }, options],
      ["page", 3],
    ]);
  });

  it("says so when the client has no such method", () => {
    expect(() => invokeOperation(client, op("getShort", "shorts.get"), {}, {})).toThrow(
      "the client has no method shorts.get",
    );
  });
});

describe("errorClass", () => {
  it("finds the class a status maps to in the client's exports, and says when it is missing", () => {
    class NotFoundError extends Error {}
    expect(errorClass({ NotFoundError }, 404)).toBe(NotFoundError);
    expect(errorClass({ NotFoundError }, "404")).toBe(NotFoundError);
    expect(() => errorClass({ NotFoundError }, 429)).toThrow(
      "@ssemble/client exports no RateLimitError",
    );
  });
});
