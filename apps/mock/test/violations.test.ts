import { PAGED } from "@ssemble/testkit";
import { describe, expect, it } from "vitest";
import { call, operation, spec, validBody, violations } from "./support/mock.js";
import { createValidator, describeErrors } from "./support/schema.js";

const validate = createValidator(spec.document);
const create = operation("createShort");
const fromUrl = validBody(create) as Record<string, unknown>;

/** Asserts a 400 whose sl-violations header names `field` (in the location or the message). */
async function expectRejected(answer: Awaited<ReturnType<typeof call>>, field: string) {
  expect(answer.status).toBe(400);
  const list = violations(answer);
  expect(list.length).toBeGreaterThan(0);
  const naming = list.filter(
    (v) =>
      v.location.includes(field) ||
      v.message.includes(`'${field}'`) ||
      v.message.includes(` ${field} `),
  );
  expect(naming, JSON.stringify(list)).not.toEqual([]);
  // The body is the spec's BadRequest (ErrorResponse, code invalid_request), not Prism's own problem+json.
  const bad = create.responses.find((r) => r.status === "400");
  expect(describeErrors(validate(bad?.schemaPointer as string, answer.json))).toEqual([]);
  expect((answer.json as { error: { code: string } }).error.code).toBe("invalid_request");
}

describe("requests the spec forbids come back 400 with sl-violations naming the field", () => {
  it("create with both url and fileUrl", async () => {
    expect(fromUrl.url).toBeTypeOf("string");
    const answer = await call(create, {
      body: { ...fromUrl, fileUrl: "https://cdn.example.com/talk.mp4" },
    });
    await expectRejected(answer, "fileUrl");
  });

  it("create with neither url nor fileUrl", async () => {
    const { url: _url, ...neither } = fromUrl;
    const answer = await call(create, { body: neither });
    await expectRejected(answer, "url");
    await expectRejected(answer, "fileUrl");
  });

  it.each(["getShortStatus", "getShort", "deleteShort"])(
    "%s with a malformed id",
    async (operationId) => {
      const answer = await call(operation(operationId), {
        path: operation(operationId).path.replace("{id}", "not-a-24-hex-id"),
      });
      await expectRejected(answer, "id");
    },
  );

  it.each(PAGED)("%s with limit=200", async (operationId) => {
    const answer = await call(operation(operationId), { query: "limit=200" });
    await expectRejected(answer, "limit");
  });

  it("listMusic with page=0", async () => {
    await expectRejected(await call(operation("listMusic"), { query: "page=0" }), "page");
  });

  it("create with a start before 0", async () => {
    await expectRejected(await call(create, { body: { ...fromUrl, start: -1 } }), "start");
  });

  it("a missing API key is a 401 with the spec's missing_api_key body", async () => {
    const answer = await call(operation("listTemplates"), { auth: false });
    expect(answer.status).toBe(401);
    expect((answer.json as { error: { code: string } }).error.code).toBe("missing_api_key");
  });

  it("a Bearer token is accepted as the alternative to X-API-Key", async () => {
    const answer = await call(operation("listTemplates"), {
      auth: false,
      headers: { Authorization: "Bearer sk_ssemble_mock_not_a_real_key_000000000000" },
    });
    expect(answer.status).toBe(200);
  });
});
