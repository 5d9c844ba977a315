import { PAGED } from "@ssemble/testkit";
import { describe, expect, it } from "vitest";
import { call, operation, spec, validBody } from "./support/mock.js";
import { createValidator, describeErrors } from "./support/schema.js";

const validate = createValidator(spec.document);

const JOB_STATES = [
  "queued",
  "processingFetchingVideo",
  "processingTranscribing",
  "processingFindingHighlights",
  "processingFinalizing",
  "completed",
  "failed",
  "cancelled",
];

// Every (operation, status, example name) the spec declares.
const cases = spec.operations.flatMap((op) =>
  op.responses.flatMap((response) =>
    response.examples.map((example) => ({
      op,
      response,
      example,
      label: `${op.operationId} ${response.status} ${example.name}`,
    })),
  ),
);

describe("every named example is reachable with Prefer", () => {
  it("the spec declares named examples at all", () => {
    expect(cases.length).toBeGreaterThan(20);
  });

  it.each(cases)("$label", async ({ op, response, example }) => {
    const isSuccess = response.status.startsWith("2");
    // A success example needs only `example=`; an error example needs its status too.
    const prefer = isSuccess
      ? `example=${example.name}`
      : `code=${response.status}, example=${example.name}`;
    const answer = await call(op, { prefer, body: validBody(op) });
    expect(answer.status).toBe(Number(response.status));
    expect(answer.json).toEqual(example.value);
    if (response.schemaPointer)
      expect(describeErrors(validate(response.schemaPointer, answer.json))).toEqual([]);
  });
});

describe("every screen state has an example", () => {
  it.each(["getShortStatus", "getShort"])("%s has an example per job state", (operationId) => {
    const ok = operation(operationId).responses.find((r) => r.status === "200");
    expect(ok?.examples.map((e) => e.name)).toEqual(expect.arrayContaining(JOB_STATES));
  });

  it.each(PAGED)("%s has an empty and a full list example", (operationId) => {
    const ok = operation(operationId).responses.find((r) => r.status === "200");
    const lists = (ok?.examples ?? []).map((e) => {
      const data = (e.value as { data: Record<string, unknown> }).data;
      const list = Object.values(data).find(Array.isArray) as unknown[];
      return list.length;
    });
    expect(lists).toContain(0);
    expect(Math.max(...lists)).toBeGreaterThan(1);
  });

  it("each documented error code is served by some example", () => {
    const errorCodeSchema = spec.document.components?.schemas?.ErrorCode;
    const served = new Set(
      cases
        .filter((c) => !c.response.status.startsWith("2"))
        .map((c) => (c.example.value as { error: { code: string } }).error.code),
    );
    expect([...served].sort()).toEqual([...(errorCodeSchema?.enum ?? [])].sort());
  });

  it("each declared error status is selectable with Prefer: code= alone", async () => {
    for (const op of spec.operations) {
      for (const response of op.responses.filter((r) => !r.status.startsWith("2"))) {
        const answer = await call(op, { prefer: `code=${response.status}`, body: validBody(op) });
        expect(answer.status, `${op.operationId} code=${response.status}`).toBe(
          Number(response.status),
        );
        expect(answer.json, `${op.operationId} code=${response.status}`).toEqual(
          response.examples[0]?.value,
        );
      }
    }
  });

  it("DELETE also offers the 204 Ssemble's own client handles", async () => {
    const answer = await call(operation("deleteShort"), { prefer: "code=204" });
    expect(answer.status).toBe(204);
    expect(answer.text).toBe("");
  });
});
