// The generated types enforce the contract at compile time (checked by `tsc` in `typecheck`, since every
// `@ts-expect-error` below must meet an error) and the runtime enum arrays match the spec.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  type CreateShortRequest,
  type CreateShortResponse,
  type DeleteShortResult,
  type ErrorCode,
  type ErrorResponse,
  errorCodeValues,
  type JobStatus,
  jobStatusValues,
  languageCodeValues,
  layoutValues,
  type paths,
  preferredLengthValues,
  type RequestBodyCreateShortBody,
  type RequestBodyCreateShortRequest,
  type RequestBodyShortsWebhookBody,
  type RequestBodyShortsWebhookEvent,
  type ShortDeletion,
  type ShortStatus,
  type ShortsWebhookEvent,
  sortByValues,
  sortOrderValues,
} from "../src/index.js";

const spec = JSON.parse(
  readFileSync(join(import.meta.dirname, "../../../spec/dist/openapi.json"), "utf8"),
) as { components: { schemas: Record<string, { enum?: string[] }> } };

describe("request body aliases", () => {
  it("keep their former names as deprecated aliases of the renamed request bodies", () => {
    expectTypeOf<RequestBodyCreateShortRequest>().toEqualTypeOf<RequestBodyCreateShortBody>();
    expectTypeOf<RequestBodyShortsWebhookEvent>().toEqualTypeOf<RequestBodyShortsWebhookBody>();
    expectTypeOf<DeleteShortResult>().toEqualTypeOf<ShortDeletion>();
    expectTypeOf<
      RequestBodyCreateShortBody["content"]["application/json"]
    >().toEqualTypeOf<CreateShortRequest>();
    expectTypeOf<
      RequestBodyShortsWebhookBody["content"]["application/json"]
    >().toEqualTypeOf<ShortsWebhookEvent>();
  });
});

describe("request types", () => {
  it("take exactly one of url and fileUrl", () => {
    const fromUrl: CreateShortRequest = {
      url: "https://www.youtube.com/watch?v=x",
      start: 0,
      end: 60,
    };
    const fromFile: CreateShortRequest = {
      fileUrl: "https://cdn.example.com/a.mp4",
      start: 0,
      end: 60,
    };
    // @ts-expect-error both sources at once
    const both: CreateShortRequest = {
      url: "https://youtu.be/x",
      fileUrl: "https://a/b.mp4",
      start: 0,
      end: 60,
    };
    // @ts-expect-error no source
    const neither: CreateShortRequest = { start: 0, end: 60 };
    // @ts-expect-error start and end are required
    const noWindow: CreateShortRequest = { url: "https://www.youtube.com/watch?v=x" };
    expect([fromUrl, fromFile, both, neither, noWindow]).toHaveLength(5);
  });

  it("reject unknown enum values", () => {
    const base = { url: "https://www.youtube.com/watch?v=x", start: 0, end: 60 } as const;
    // @ts-expect-error not a layout
    const layout: CreateShortRequest = { ...base, layout: "wide" };
    // @ts-expect-error not a documented length
    const length: CreateShortRequest = { ...base, preferredLength: "under2min" };
    // @ts-expect-error not a supported language
    const language: CreateShortRequest = { ...base, language: "xx" };
    // @ts-expect-error not a documented field
    const extra: CreateShortRequest = { ...base, template: "karaoke" };
    expect([layout, length, language, extra]).toHaveLength(4);
  });
});

describe("response types", () => {
  it("are exact", () => {
    expectTypeOf<CreateShortResponse["requestId"]>().toEqualTypeOf<string>();
    expectTypeOf<CreateShortResponse["queuePosition"]>().toEqualTypeOf<number | null>();
    expectTypeOf<ShortStatus["status"]>().toEqualTypeOf<JobStatus>();
    expectTypeOf<JobStatus>().toEqualTypeOf<
      "queued" | "processing" | "completed" | "failed" | "cancelled"
    >();
    expectTypeOf<ShortsWebhookEvent["event"]>().toEqualTypeOf<
      "shorts.completed" | "shorts.failed"
    >();
    type Status200 =
      paths["/shorts/{id}/status"]["get"]["responses"][200]["content"]["application/json"];
    expectTypeOf<Status200>().toEqualTypeOf<{ data: ShortStatus }>();
  });

  it("pair each error status with its own codes", () => {
    type ErrorBody<Status extends 400 | 401 | 403 | 404 | 429 | 500> =
      paths["/shorts/{id}"]["get"]["responses"][Status]["content"]["application/json"];
    expectTypeOf<ErrorBody<404>["error"]["code"]>().toEqualTypeOf<"resource_not_found">();
    expectTypeOf<ErrorBody<401>["error"]["code"]>().toEqualTypeOf<
      "missing_api_key" | "invalid_api_key"
    >();
    // Every envelope's codes are documented ones, and together they are all of them.
    expectTypeOf<ErrorResponse["error"]["code"]>().toEqualTypeOf<ErrorCode>();
    expectTypeOf<ErrorResponse["error"]["details"]>().toEqualTypeOf<{
      [key: string]: unknown;
    } | null>();
  });

  it("narrow webhook events on `event`", () => {
    const handle = (e: ShortsWebhookEvent) =>
      e.event === "shorts.failed" ? e.data.failureReason : e.data.shorts.length;
    expectTypeOf(handle).returns.toEqualTypeOf<string | number>();
  });
});

describe("enum value arrays", () => {
  it.each([
    ["JobStatus", jobStatusValues],
    ["ErrorCode", errorCodeValues],
    ["LanguageCode", languageCodeValues],
    ["Layout", layoutValues],
    ["PreferredLength", preferredLengthValues],
    ["SortBy", sortByValues],
    ["SortOrder", sortOrderValues],
  ])("%s matches the spec", (name, values) => {
    expect([...values]).toEqual(spec.components.schemas[name]?.enum);
  });

  it("ErrorCode covers the 11 documented codes", () => {
    expectTypeOf<(typeof errorCodeValues)[number]>().toEqualTypeOf<ErrorCode>();
    expect(errorCodeValues).toHaveLength(11);
  });
});
