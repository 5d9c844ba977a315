// MCP Tasks with the SDK's own (experimental) client: a waiting tool called as a task answers at once with a task,
// tasks/get shows the job's progress, tasks/result the clips; a cancelled task stops; over HTTP a caller's tasks
// are visible to that caller's later requests only.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { CallToolResultSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, describe, expect, it } from "vitest";
import { sandboxTarget, startHttpServer } from "../src/index.js";
import { type Connected, connect, keyFor, VIDEO } from "./connect.js";

let c: Connected | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

async function created(conn: Connected): Promise<string> {
  const result = await conn.call("create_short", { url: VIDEO, start: 0, end: 60 });
  return (result.structuredContent as { requestId: string }).requestId;
}

const until = async (check: () => Promise<boolean>, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe("MCP tasks", () => {
  it("declares the waiting tools task-capable and no other", async () => {
    c = await connect();
    const { tools } = await c.mcp.listTools();
    for (const t of tools) {
      expect(t.execution?.taskSupport, t.name).toBe(
        t.name.startsWith("wait_for_") ? "optional" : "forbidden",
      );
    }
    expect(c.mcp.getServerCapabilities()?.tasks).toMatchObject({
      requests: { tools: { call: {} } },
    });
  });

  it("runs wait_for_short as a task: status with progress while the job runs, then the clips", async () => {
    c = await connect({ server: { wait: { pollIntervalMs: 20, maxPollIntervalMs: 20 } } });
    const conn = c;
    const requestId = await created(conn);
    const ws = conn.sandbox.workspace(conn.apiKey);
    const stream = conn.mcp.experimental.tasks.callToolStream(
      { name: "wait_for_short", arguments: { requestId } },
      CallToolResultSchema,
      { task: { ttl: 60_000 } },
    );
    const first = await stream.next();
    expect(first.value).toMatchObject({ type: "taskCreated" });
    const taskId = (first.value as { task: { taskId: string } }).task.taskId;
    // The job moves on the sandbox clock; tasks/get reports where it is.
    await ws.clock.advance(6_000);
    await until(async () =>
      /processing/.test((await conn.mcp.experimental.tasks.getTask(taskId)).statusMessage ?? ""),
    );
    expect((await conn.mcp.experimental.tasks.getTask(taskId)).status).toBe("working");
    await ws.clock.advance(60_000);
    let result: unknown;
    for await (const message of stream) if (message.type === "result") result = message.result;
    expect(result).toMatchObject({ structuredContent: { done: true, status: "completed" } });
    expect((await conn.mcp.experimental.tasks.getTask(taskId)).status).toBe("completed");
    const again = await conn.mcp.experimental.tasks.getTaskResult(taskId, CallToolResultSchema);
    expect(again.structuredContent).toMatchObject({ requestId, done: true });
  });

  it("stops the wait when the task is cancelled", async () => {
    let answers = 0;
    c = await connect({
      server: { wait: { pollIntervalMs: 20, maxPollIntervalMs: 20 } },
      onResponse: () => answers++,
    });
    const conn = c;
    const requestId = await created(conn);
    const stream = conn.mcp.experimental.tasks.callToolStream(
      { name: "wait_for_short", arguments: { requestId } },
      CallToolResultSchema,
      { task: { ttl: 60_000 } },
    );
    const first = await stream.next();
    const taskId = (first.value as { task: { taskId: string } }).task.taskId;
    // The wait polls (every 20 ms) until the task is cancelled, and not after.
    await until(async () => answers > 3);
    await conn.mcp.experimental.tasks.cancelTask(taskId);
    expect((await conn.mcp.experimental.tasks.getTask(taskId)).status).toBe("cancelled");
    await new Promise((r) => setTimeout(r, 50));
    const settled = answers;
    await new Promise((r) => setTimeout(r, 200));
    expect(answers).toBe(settled);
    // The job itself goes on (cancelling a wait does not delete the job); the task stays cancelled.
    await conn.sandbox.workspace(conn.apiKey).clock.advance(120_000);
    const status = await conn.call("get_status", { requestId });
    expect(status.structuredContent).toMatchObject({ status: "completed" });
    expect((await conn.mcp.experimental.tasks.getTask(taskId)).status).toBe("cancelled");
    await stream.return(undefined);
  });

  it("refuses to run a one-request tool as a task", async () => {
    c = await connect();
    const conn = c;
    const attempt = async () => {
      for await (const message of conn.mcp.experimental.tasks.callToolStream(
        { name: "list_templates", arguments: {} },
        CallToolResultSchema,
        { task: { ttl: 60_000 } },
      )) {
        if (message.type === "error") throw message.error;
      }
    };
    await expect(attempt()).rejects.toThrow(/cannot be called as a task/);
  });

  it("over HTTP, keeps a caller's tasks across requests and from other keys", async () => {
    const target = sandboxTarget(1);
    const http = await startHttpServer({ target, port: 0, wait: { pollIntervalMs: 50 } });
    const client = async (key: string) => {
      const mcp = new Client({ name: "tasks-http", version: "1" });
      await mcp.connect(
        new StreamableHTTPClientTransport(new URL(http.url), {
          requestInit: { headers: { "X-Ssemble-API-Key": key } },
        }),
      );
      return mcp;
    };
    const alice = keyFor("alice");
    try {
      const a = await client(alice);
      const createdResult = await a.callTool({
        name: "create_short",
        arguments: { url: VIDEO, start: 0, end: 60 },
      });
      const requestId = (createdResult.structuredContent as { requestId: string }).requestId;
      const stream = a.experimental.tasks.callToolStream(
        { name: "wait_for_short", arguments: { requestId } },
        CallToolResultSchema,
        { task: { ttl: 60_000 } },
      );
      const first = await stream.next();
      const taskId = (first.value as { task: { taskId: string } }).task.taskId;
      await a.close();
      // A later connection with the same key finds it; another key does not.
      const again = await client(alice);
      expect((await again.experimental.tasks.getTask(taskId)).taskId).toBe(taskId);
      const bob = await client(keyFor("bob"));
      await expect(bob.experimental.tasks.getTask(taskId)).rejects.toThrow(/not found/i);
      await again.close();
      await bob.close();
    } finally {
      await http.close();
      await target.close();
    }
  });
});
