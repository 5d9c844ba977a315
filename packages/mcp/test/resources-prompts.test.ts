// The reference resources (from the spec's enums) and the two workflow prompts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connected, connect } from "./connect.js";

let c: Connected;
beforeAll(async () => {
  c = await connect();
});
afterAll(() => c.close());

const read = async (uri: string) => {
  const { contents } = await c.mcp.readResource({ uri });
  const first = contents[0] as { text: string; mimeType: string };
  return first;
};

describe("resources", () => {
  it("lists 1.1.0's three resources as Markdown", async () => {
    const { resources } = await c.mcp.listResources();
    expect(resources.map((r) => r.uri).sort()).toEqual(
      ["ssemble://layouts", "ssemble://preferred-lengths", "ssemble://supported-languages"].sort(),
    );
    expect(resources.every((r) => r.mimeType === "text/markdown")).toBe(true);
  });

  it("renders every value the spec allows, with its description", async () => {
    const { tools } = await c.mcp.listTools();
    const create = tools.find((t) => t.name === "create_short")?.inputSchema.properties as Record<
      string,
      { enum: string[] }
    >;
    for (const [uri, field] of [
      ["ssemble://supported-languages", "language"],
      ["ssemble://preferred-lengths", "preferredLength"],
      ["ssemble://layouts", "layout"],
    ] as const) {
      const { text, mimeType } = await read(uri);
      expect(mimeType).toBe("text/markdown");
      expect(text).toContain(`\`${field}\``);
      const values = create[field]?.enum ?? [];
      expect(values.length).toBeGreaterThan(2);
      for (const v of values) expect(text, `${uri} lacks ${v}`).toContain(`\`${v}\``);
    }
    expect((await read("ssemble://preferred-lengths")).text).toContain("Default: `under60sec`");
  });

  it("answers an unknown resource with the protocol's not-found error", async () => {
    await expect(c.mcp.readResource({ uri: "ssemble://nothing" })).rejects.toThrow(
      /Resource not found/,
    );
  });
});

/** The text of a prompt's first message. */
const promptText = (prompt: { messages: { content: unknown }[] }) =>
  String((prompt.messages[0]?.content as { text?: string } | undefined)?.text ?? "");

describe("prompts", () => {
  it("offers 1.1.0's two prompts", async () => {
    const { prompts } = await c.mcp.listPrompts();
    expect(prompts.map((p) => p.name)).toEqual(["create-viral-short", "batch-process-videos"]);
  });

  it("writes the viral-short workflow against this server's tools", async () => {
    const url = "https://www.youtube.com/watch?v=dQw4w9WgXcQ";
    const prompt = await c.mcp.getPrompt({
      name: "create-viral-short",
      arguments: { url, style: "funny" },
    });
    const text = promptText(prompt);
    expect(text).toContain(url);
    expect(text).toContain(`url: ${url}`);
    expect(text).toContain("funny");
    for (const tool of ["list_templates", "create_short", "wait_for_short"])
      expect(text).toContain(tool);
    const file = await c.mcp.getPrompt({
      name: "create-viral-short",
      arguments: { url: "https://cdn.example.com/a.mp4" },
    });
    expect(promptText(file)).toContain("fileUrl: https://cdn.example.com/a.mp4");
  });

  it("batches every URL given, one per line or separated by commas", async () => {
    const prompt = await c.mcp.getPrompt({
      name: "batch-process-videos",
      arguments: {
        urls: "https://a.example/1.mp4, https://a.example/2.mp4\nhttps://a.example/3.mp4",
      },
    });
    const text = promptText(prompt);
    expect(text).toContain("these 3 videos");
    expect(text).toContain("wait_for_shorts");
  });

  it("refuses a missing or wrong argument with invalid params", async () => {
    await expect(c.mcp.getPrompt({ name: "create-viral-short", arguments: {} })).rejects.toThrow(
      /url is required/,
    );
    await expect(
      c.mcp.getPrompt({
        name: "create-viral-short",
        arguments: { url: "https://x.example/a.mp4", style: "sad" },
      }),
    ).rejects.toThrow(/style must be one of/);
    await expect(c.mcp.getPrompt({ name: "nope", arguments: {} })).rejects.toThrow(
      /no prompt named nope/,
    );
  });
});
