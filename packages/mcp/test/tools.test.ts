import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { OPERATION_REGISTRY, type OperationId } from "@ssemble/types/operations";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPERATION_TOOLS } from "../src/index.js";
import { type Connected, connect, textOf, VIDEO } from "./connect.js";

/** Ssemble's MCP server 1.1.0: its tools and each one's parameters (shared/api/mcp-server-1.1.0.md). */
const V1_1_0: Record<string, string[]> = {
  create_short: [
    "url",
    "fileUrl",
    "start",
    "end",
    "preferredLength",
    "language",
    "captionLanguage",
    "templateId",
    "noClipping",
    "hookTitle",
    "memeHook",
    "memeHookName",
    "gameVideo",
    "gameVideoName",
    "ctaEnabled",
    "ctaText",
    "music",
    "musicName",
    "musicVolume",
    "layout",
    "webhookUrl",
  ],
  get_status: ["requestId"],
  get_shorts: ["requestId"],
  list_requests: ["page", "limit", "status", "sortBy", "sortOrder"],
  delete_request: ["requestId"],
  list_templates: [],
  list_music: ["page", "limit"],
  list_game_videos: ["page", "limit"],
  list_meme_hooks: ["page", "limit"],
};

let c: Connected;
let tools: Tool[];
beforeAll(async () => {
  c = await connect();
  tools = (await c.mcp.listTools()).tools;
});
afterAll(() => c.close());

const tool = (name: string) => {
  const found = tools.find((t) => t.name === name);
  if (!found) throw new Error(`no tool ${name}`);
  return found;
};

describe("tools/list", () => {
  it("offers a tool per operation, 1.1.0's nine with their parameters, and the two waiting tools", () => {
    const perOperation = Object.values(OPERATION_TOOLS).map((t) => t.name);
    expect(tools.map((t) => t.name).sort()).toEqual(
      [...perOperation, "wait_for_short", "wait_for_shorts"].sort(),
    );
    expect(perOperation).toEqual(expect.arrayContaining(Object.keys(V1_1_0)));
    for (const [name, params] of Object.entries(V1_1_0)) {
      expect(Object.keys(tool(name).inputSchema.properties ?? {}).sort(), name).toEqual(
        [...params].sort(),
      );
    }
    expect(tool("get_status").inputSchema.required).toEqual(["requestId"]);
    expect(tool("create_short").inputSchema.required).toEqual(["start", "end"]);
  });

  it("takes each operation tool's annotations from the registry", () => {
    for (const id of Object.keys(OPERATION_REGISTRY) as OperationId[]) {
      const entry = OPERATION_REGISTRY[id];
      const t = tool(OPERATION_TOOLS[id].name);
      expect(t.annotations, id).toMatchObject({
        readOnlyHint: entry.safe,
        destructiveHint: entry.destructive,
        idempotentHint: entry.idempotent,
        openWorldHint: true,
      });
    }
    expect(tool("delete_request").annotations?.destructiveHint).toBe(true);
    expect(tool("create_short").annotations).toMatchObject({
      readOnlyHint: false,
      idempotentHint: false,
    });
    expect(tool("create_short").description).toContain("Spends 1 credit");
  });

  it("states the spec's rules: enums, bounds and patterns, not a hand copy", () => {
    const create = tool("create_short").inputSchema.properties as Record<
      string,
      Record<string, unknown>
    >;
    expect(create.language?.enum).toHaveLength(24);
    expect(create.musicVolume).toMatchObject({ minimum: 0, maximum: 100 });
    expect(create.ctaText).toMatchObject({ maxLength: 200 });
    const id = tool("get_status").inputSchema.properties?.requestId as Record<string, unknown>;
    expect(id.pattern).toBe("^[0-9a-fA-F]{24}$");
    const limit = tool("list_requests").inputSchema.properties?.limit as Record<string, unknown>;
    expect(limit).toMatchObject({ minimum: 1, maximum: 100 });
    // No OpenAPI-only keywords leak into what MCP clients validate with.
    expect(JSON.stringify(tools)).not.toMatch(/"x-[a-z-]+"|"example"|"discriminator"/);
  });

  it("gives every tool an object output schema that compiles", () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats.default(ajv);
    for (const t of tools) {
      expect(t.outputSchema?.type, t.name).toBe("object");
      expect(() => ajv.compile(t.outputSchema as object), t.name).not.toThrow();
      expect(() => ajv.compile(t.inputSchema), t.name).not.toThrow();
    }
  });
});

describe("tools/call", () => {
  it("creates a job and answers with structured content valid against the output schema", async () => {
    const credits = c.sandbox.workspace(c.apiKey).settings().credits;
    const result = await c.call("create_short", { url: VIDEO, start: 0, end: 120, language: "fr" });
    expect(result.isError).toBeFalsy();
    const data = result.structuredContent as { requestId: string; creditsUsed: number };
    expect(data.requestId).toMatch(/^[0-9a-f]{24}$/);
    expect(textOf(result)).toContain(`Created job ${data.requestId}`);
    expect(textOf(result)).toContain("wait_for_short");
    expect(c.sandbox.workspace(c.apiKey).settings().credits).toBe(credits - 1);
    const status = await c.call("get_status", { requestId: data.requestId });
    expect(status.structuredContent).toMatchObject({ _id: data.requestId, status: "queued" });
  });

  it("calls every operation tool with valid arguments", async () => {
    const created = await c.call("create_short", {
      fileUrl: "https://example.com/talk.mp4",
      start: 0,
      end: 60,
    });
    const requestId = (created.structuredContent as { requestId: string }).requestId;
    const args: Record<string, Record<string, unknown>> = {
      create_short: { url: VIDEO, start: 10, end: 70 },
      get_status: { requestId },
      get_shorts: { requestId },
      list_requests: {
        page: 1,
        limit: 5,
        status: "queued",
        sortBy: "updatedAt",
        sortOrder: "desc",
      },
      list_templates: {},
      list_music: { limit: 3 },
      list_game_videos: { page: 1 },
      list_meme_hooks: {},
      delete_request: { requestId },
    };
    for (const id of Object.keys(OPERATION_REGISTRY) as OperationId[]) {
      const name = OPERATION_TOOLS[id].name;
      expect(args[name], `give ${name} valid arguments in this test`).toBeDefined();
      const result = await c.call(name, args[name]);
      expect(result.isError, `${name}: ${textOf(result)}`).toBeFalsy();
      expect(result.structuredContent, name).toBeTypeOf("object");
    }
    const gone = await c.call("get_status", { requestId });
    expect(gone.isError).toBe(true);
    expect(textOf(gone)).toMatch(/^Ssemble API error 404 resource_not_found: Request not found/);
    // Said once, not twice.
    expect(textOf(gone).match(/resource_not_found/g)).toHaveLength(1);
  });

  it("refuses arguments the spec refuses, naming them, without sending anything", async () => {
    const before = (await c.call("list_requests", {})).structuredContent as {
      pagination: { totalCount: number };
    };
    const both = await c.call("create_short", {
      url: VIDEO,
      fileUrl: "https://example.com/a.mp4",
      start: 0,
      end: 60,
    });
    expect(both.isError).toBe(true);
    expect(textOf(both)).toMatch(/Invalid arguments: .*(url|fileUrl)/);
    expect(textOf(both)).toContain("Nothing was sent");
    const neither = await c.call("create_short", { start: 0, end: 60 });
    expect(neither.isError).toBe(true);
    const wrong = await c.call("create_short", {
      url: VIDEO,
      start: "zero",
      end: 60,
      layout: "diagonal",
    });
    expect(textOf(wrong)).toContain("`start` must be number");
    expect(textOf(wrong)).toContain("`layout` must be one of");
    const unknown = await c.call("list_music", { page: 1, shuffle: true });
    expect(textOf(unknown)).toContain("unknown argument `shuffle`");
    const badId = await c.call("get_status", { requestId: "not-an-id" });
    expect(textOf(badId)).toContain("`requestId` must match pattern");
    const after = (await c.call("list_requests", {})).structuredContent as {
      pagination: { totalCount: number };
    };
    expect(after.pagination.totalCount).toBe(before.pagination.totalCount);
  });

  it("answers an unknown tool with the protocol's invalid-params error and keeps the session", async () => {
    await expect(c.mcp.callTool({ name: "create_shorts", arguments: {} })).rejects.toThrow(
      /Unknown tool: create_shorts/,
    );
    await expect(c.mcp.callTool({ name: "__proto__", arguments: {} })).rejects.toThrow(
      /Unknown tool/,
    );
    expect(await c.mcp.ping()).toEqual({});
  });
});
