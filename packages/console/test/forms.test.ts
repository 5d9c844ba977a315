// The forms, the checks before sending and the copied requests, as pure functions of the generated spec data.
import { OPERATION_REGISTRY } from "@ssemble/types/operations";
import { describe, expect, it } from "vitest";
import { asCommand, asCurl, asTypeScript } from "../src/app/copy-as.js";
import { FORMS, OPERATIONS, operation } from "../src/app/model.js";
import { draftOf, prepare, type Values, valuesOfBody, variantOf } from "../src/app/request.js";
import { httpSandbox, pageSandbox } from "../src/app/target.js";
import { notes, validate } from "../src/app/validate.js";

const create = operation("createShort");
if (!create?.body) throw new Error("no createShort body");

const draft = (values: Values, variant = 0) => draftOf(create, values, variant);

describe("forms from the spec", () => {
  it("has one form per operation of the registry, with its method and path", () => {
    expect(OPERATIONS.map((o) => o.operationId).sort()).toEqual(
      Object.keys(OPERATION_REGISTRY).sort(),
    );
    for (const op of OPERATIONS) {
      const entry = OPERATION_REGISTRY[op.operationId];
      expect([op.method, op.path]).toEqual([entry.method, entry.path]);
      for (const p of entry.pathParams) expect(op.fields.some((f) => f.name === p.name)).toBe(true);
    }
  });

  it("reads the create body's two sources, its window and the fields used with a switch", () => {
    expect(create.body?.variants.map((v) => v.source)).toEqual(["url", "fileUrl"]);
    expect(create.body?.window).toEqual({
      start: "start",
      end: "end",
      minSeconds: 1,
      maxSeconds: 1200,
    });
    expect(create.body?.fields.find((f) => f.name === "musicName")?.usedWith).toBe("music");
    expect(create.body?.fields.find((f) => f.name === "layout")?.enum).toContain("auto");
  });

  it("fills the form from every example, picking the variant by its source", () => {
    for (const example of create.body?.examples ?? []) {
      const variant = variantOf(create, example.value);
      const d = draft(valuesOfBody(example.value), variant);
      expect(d.body).toEqual(example.value);
      expect(validate(create, d)).toEqual({});
    }
  });
});

describe("checks before sending", () => {
  const base = {
    "body.url": "https://www.youtube.com/watch?v=abc",
    "body.start": "0",
    "body.end": "600",
  };

  it("passes a valid body and names each field that is wrong", () => {
    expect(validate(create, draft(base))).toEqual({});
    const problems = validate(
      create,
      draft({ ...base, "body.start": "-1", "body.layout": "split", "body.url": "" }),
    );
    expect(Object.keys(problems).sort()).toEqual(["layout", "start", "url"]);
    expect(problems.url).toBe("is required");
    expect(problems.layout).toMatch(/^must be one of "auto", "fill"/);
  });

  it("says when text is not a number, and applies the window rule the schema cannot", () => {
    expect(validate(create, draft({ ...base, "body.start": "abc" })).start).toBe(
      "must be a number",
    );
    expect(validate(create, draft({ ...base, "body.end": "0" })).end).toMatch(
      /must be greater than start|exclusiveMinimum|> 0/,
    );
    expect(validate(create, draft({ ...base, "body.start": "100", "body.end": "50" })).end).toBe(
      "must be greater than start",
    );
    expect(validate(create, draft({ ...base, "body.end": "1201" })).end).toMatch(
      /1 to 1,200 seconds \(it is 1201\)/,
    );
    expect(validate(create, draft({ ...base, "body.end": "1200" }))).toEqual({});
  });

  it("enforces the call-to-action rule (if/then) and notes names whose switch is off", () => {
    expect(validate(create, draft({ ...base, "body.ctaEnabled": "true" })).ctaText).toBe(
      "is required",
    );
    expect(notes(create, draft({ ...base, "body.musicName": "Lo-fi" }))).toEqual({
      musicName: "only used when music is true",
    });
    expect(
      notes(create, draft({ ...base, "body.music": "true", "body.musicName": "Lo-fi" })),
    ).toEqual({});
  });

  it("checks path and query parameters with their own schemas", () => {
    const status = operation("getShortStatus");
    const list = operation("listShorts");
    if (!status || !list) throw new Error("missing operations");
    expect(validate(status, draftOf(status, {}, 0)).id).toBe("is required");
    expect(validate(status, draftOf(status, { "path.id": "nope" }, 0)).id).toMatch(
      /pattern|fewer|characters/,
    );
    expect(validate(list, draftOf(list, { "query.limit": "1000" }, 0)).limit).toMatch(/<= 100/);
    expect(validate(list, draftOf(list, { "query.page": "1.5" }, 0)).page).toBe(
      "must be a whole number",
    );
  });
});

describe("copy as", () => {
  const target = httpSandbox("http://127.0.0.1:4020");
  // In the spec's order, which is the order the form (and so every copy) writes fields in.
  const body = {
    url: "https://www.youtube.com/watch?v=a'b",
    start: 0,
    end: 600,
    hookTitle: true,
    ctaEnabled: true,
    ctaText: "Hi",
  };
  const d = draft(valuesOfBody(body));
  const request = prepare(create, d);

  it("reads a sandbox key for a sandbox, and the real key only for production", () => {
    for (const text of [
      asCurl(target, request, "X-API-Key"),
      asTypeScript(target, create, d),
      asCommand(target, create, d),
    ]) {
      expect(text).toContain("SSEMBLE_SANDBOX_KEY");
      expect(text).not.toContain("SSEMBLE_API_KEY");
    }
    const production = { ...target, copyBase: FORMS.production };
    expect(asCurl(production, request, "X-API-Key")).toContain('"X-API-Key: $SSEMBLE_API_KEY"');
    expect(asTypeScript(production, create, d)).not.toContain("baseUrl");
    expect(asCommand(production, create, d)).toMatch(/^ssemble create '--url=/);
    // A sandbox behind TLS is still not production.
    const tls = { ...target, copyBase: "https://sandbox.example.test" };
    expect(asTypeScript(tls, create, d)).toContain('baseUrl: "https://sandbox.example.test"');
  });

  it("writes curl that quotes the body for a shell", () => {
    expect(asCurl(target, request, "X-API-Key")).toBe(
      [
        "curl -X POST 'http://127.0.0.1:4020/shorts/create' \\",
        '  -H "X-API-Key: $SSEMBLE_SANDBOX_KEY" \\',
        "  -H 'Content-Type: application/json' \\",
        `  -d '${JSON.stringify(body, null, 2).replaceAll("'", "'\\''")}'`,
      ].join("\n"),
    );
  });

  it("writes the CLI's flags: switches alone, a switch a set field implies left out", () => {
    // A value that looks like a flag stays a value, and a field whose switch is off is not sent as the switch on.
    const tricky = draft(
      valuesOfBody({
        url: "https://www.youtube.com/watch?v=x",
        start: 0,
        end: 60,
        ctaText: "-50% =today",
        music: false,
        musicName: "Chill Lofi",
      }),
    );
    expect(asCommand(target, create, tricky)).toBe(
      `ssemble --sandbox --api-key "$SSEMBLE_SANDBOX_KEY" create '--url=https://www.youtube.com/watch?v=x' --start=0 --end=60 '--cta-text=-50% =today'`,
    );
    expect(asCommand(target, create, d)).toBe(
      `ssemble --sandbox --api-key "$SSEMBLE_SANDBOX_KEY" create '--url=https://www.youtube.com/watch?v=a'\\''b' --start=0 --end=600 --hook-title --cta-text=Hi`,
    );
    const list = operation("listShorts");
    if (!list) throw new Error("no listShorts");
    const ld = draftOf(list, { "query.status": "completed", "query.sortOrder": "asc" }, 0);
    expect(asCommand(httpSandbox("http://127.0.0.1:5555"), list, ld)).toBe(
      'ssemble --base-url http://127.0.0.1:5555 --api-key "$SSEMBLE_SANDBOX_KEY" list --status=completed --sort-order=asc',
    );
    expect(asTypeScript(pageSandbox(fetch), list, ld)).toContain(
      'await ssemble.shorts.list({\n  status: "completed",\n  sortOrder: "asc",\n}).page(1)',
    );
  });
});
