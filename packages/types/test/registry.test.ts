// The operation registry is the spec read out: its generator refuses a spec whose extensions disagree with the
// rest of the document, and what it emits matches the bundle.
import { join } from "node:path";
import { isObject, loadDocument, type OpenApiDocument } from "@ssemble/openapi-model";
import { describe, expect, it } from "vitest";
import { buildRegistry } from "../scripts/registry.mjs";
import {
  OPERATION_REGISTRY,
  OPERATION_ROUTES,
  type OperationId,
} from "../src/generated/operations.js";

const bundle = () => loadDocument(join(import.meta.dirname, "../../../spec/dist/openapi.json"));

/** A copy of the bundle with `edit` applied to one operation object. */
function withOperation(path: string, method: string, edit: (op: Record<string, unknown>) => void) {
  const document: OpenApiDocument = structuredClone(bundle());
  const item: unknown = document.paths?.[path];
  const op: unknown = item && Reflect.get(item, method);
  if (!isObject(op)) throw new Error(`the bundle has no ${method} ${path}`);
  edit(op);
  return document;
}

describe("the operation registry", () => {
  it("holds every operation of the bundle, at its method and path", () => {
    const document = bundle();
    const expected: Record<string, string> = {};
    for (const [path, item] of Object.entries(document.paths as Record<string, object>)) {
      for (const [method, op] of Object.entries(item)) {
        if (!["get", "put", "post", "delete", "patch"].includes(method)) continue;
        expected[(op as { operationId: string }).operationId] = `${method.toUpperCase()} ${path}`;
      }
    }
    const actual = Object.fromEntries(
      Object.values(OPERATION_REGISTRY).map((e) => [e.operationId, `${e.method} ${e.path}`]),
    );
    expect(actual).toEqual(expected);
    expect(Object.keys(actual)).toHaveLength(9);
  });

  it("is what the generator makes of the bundle today", () => {
    expect(JSON.parse(JSON.stringify(buildRegistry(bundle())))).toEqual(OPERATION_REGISTRY);
  });

  it("gives clients the routes alone: method, path, and the list where there is one", () => {
    for (const [id, entry] of Object.entries(OPERATION_REGISTRY)) {
      const { method, path, list } = entry;
      expect(OPERATION_ROUTES[id as OperationId], id).toEqual(
        list ? { method, path, list } : { method, path },
      );
    }
  });

  it("reads lists, pools, credits and semantics from the spec", () => {
    const r = OPERATION_REGISTRY;
    expect(r.listShorts.list).toEqual({ key: "requests", itemId: "requestId", paged: true });
    expect(r.listTemplates.list).toEqual({ key: "templates", itemId: "templateId", paged: false });
    expect(r.getShort.list).toBeNull();
    expect(r.createShort.credits).toBe(1);
    expect(
      Object.values(r)
        .filter((e) => e.credits > 0)
        .map((e) => e.operationId),
    ).toEqual(["createShort"]);
    expect(r.deleteShort).toMatchObject({ safe: false, idempotent: true, destructive: true });
    expect(r.createShort).toMatchObject({ safe: false, idempotent: false, destructive: false });
    expect(r.deleteShort.pool).toEqual({ name: "standard", limit: 1000, windowSeconds: 900 });
    expect(r.getShortStatus.errors["404"]).toEqual(["resource_not_found"]);
    expect(r.createShort.body).toEqual({
      required: true,
      schema: "#/components/schemas/CreateShortRequest",
    });
    const ids: OperationId[] = ["getShort", "getShortStatus", "deleteShort"];
    for (const id of ids) expect(r[id].pathParams).toEqual([{ name: "id", required: true }]);
  });

  it("refuses an x-list whose key is not an array of the answer", () => {
    const document = withOperation("/music", "get", (op) => {
      op["x-list"] = { key: "tracks", itemId: "name" };
    });
    expect(() => buildRegistry(document)).toThrow(
      "GET /music (listMusic): x-list.key tracks is not an array of its data (music)",
    );
  });

  it("refuses an x-list whose item id is not a required string of the items", () => {
    const document = withOperation("/shorts", "get", (op) => {
      op["x-list"] = { key: "requests", itemId: "progress" };
    });
    expect(() => buildRegistry(document)).toThrow(
      "x-list.itemId progress is not a required string",
    );
  });

  it("refuses two sizes for one pool", () => {
    const document = withOperation("/templates", "get", (op) => {
      op["x-rate-limit-pool"] = { name: "standard", limit: 1000, windowSeconds: 60 };
    });
    expect(() => buildRegistry(document)).toThrow(
      'GET /templates (listTemplates): x-rate-limit-pool "standard" is 1000 per 60 s here but 1000 per 900 s in deleteShort',
    );
  });

  it("refuses a paged answer without x-list, and an operation without its pool or credits", () => {
    const unlisted = withOperation("/meme-hooks", "get", (op) => {
      delete op["x-list"];
    });
    expect(() => buildRegistry(unlisted)).toThrow("its answer is paged: declare x-list");
    const poolless = withOperation("/templates", "get", (op) => {
      delete op["x-rate-limit-pool"];
    });
    expect(() => buildRegistry(poolless)).toThrow(
      "GET /templates (listTemplates): x-rate-limit-pool",
    );
    const free = withOperation("/shorts/create", "post", (op) => {
      op["x-credits"] = -1;
    });
    expect(() => buildRegistry(free)).toThrow("x-credits must be an integer ≥ 0");
  });
});
