// The rules on the project's own bundle (built by turbo before this package's tests, via the @ssemble/spec
// devDependency): mutations a spec author could plausibly make, with the verdict users would expect.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { compareSpecs } from "../src/classify.mjs";

type Spec = {
  components: { schemas: Record<string, Record<string, unknown> & { enum?: string[] }> };
};
const bundle = fileURLToPath(new URL("../../../spec/dist/openapi.json", import.meta.url));
const released = JSON.parse(readFileSync(bundle, "utf8")) as Spec;

function schema(spec: Spec, name: string) {
  const found = spec.components.schemas[name];
  if (!found) throw new Error(`the bundle has no components.schemas.${name}`);
  return found;
}

function mutate(change: (spec: Spec) => void) {
  const next = structuredClone(released);
  change(next);
  return compareSpecs(released, next);
}

describe("the gate on the bundled Ssemble spec", () => {
  it("finds no change between the bundle and itself", () => {
    expect(compareSpecs(released, structuredClone(released))).toEqual([]);
  });

  it("a new JobStatus value breaks every response that returns a status, but not the list filter", () => {
    const changes = mutate((s) => (schema(s, "JobStatus").enum as string[]).push("paused"));
    const breaking = changes.filter((c) => c.breaking).map((c) => c.pointer);
    expect(breaking).toContain(
      "/paths/~1shorts~1{id}~1status/get/responses/200/content/application~1json/schema/properties/data/properties/status/enum/5",
    );
    const filter = changes.find((c) => c.pointer.startsWith("/paths/~1shorts/get/parameters/"));
    expect(filter).toMatchObject({ breaking: false, rule: "request-enum-value-added" });
  });

  it("a new required create field breaks POST /shorts/create", () => {
    const changes = mutate((s) => {
      (schema(s, "CreateShortFromUrl").required as string[]).push("preferredLength");
    });
    expect(changes).toEqual([
      expect.objectContaining({
        breaking: true,
        rule: "request-required-added",
        pointer: expect.stringMatching(/^\/paths\/~1shorts~1create\/post\/requestBody\//),
      }),
    ]);
  });

  it("a field removed from the webhook clip breaks the shorts.completed payload", () => {
    const changes = mutate((s) => {
      delete (schema(s, "WebhookShort").properties as Record<string, unknown>).title;
    });
    expect(changes.filter((c) => c.breaking).map((c) => c.pointer)).toContain(
      "/webhooks/shorts.completed/post/requestBody/content/application~1json/schema/properties/data/properties/shorts/items/properties/title",
    );
  });

  it("a reworded description is not breaking", () => {
    const changes = mutate((s) => {
      schema(s, "JobStatus").description = "Where a job is.";
    });
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.every((c) => !c.breaking)).toBe(true);
  });
});
