import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { assertPortFree, findFreePort, groupAlive, occupyPort as occupy } from "@ssemble/prism";
import { describe, expect, inject, it } from "vitest";

const specPath = inject("specPath");
const CLI = fileURLToPath(new URL("../src/cli.mjs", import.meta.url));

describe("the mock CLI", () => {
  it("the CLI honours MOCK_HOST/MOCK_PORT, and SIGINT (Ctrl-C) leaves no process behind", async () => {
    const port = await findFreePort();
    const child = spawn(process.execPath, [CLI], {
      env: { ...process.env, MOCK_HOST: "127.0.0.1", MOCK_PORT: String(port), MOCK_SPEC: specPath },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const ready = new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("Prism is ready at")) resolve();
      });
      child.stderr.on("data", (chunk: Buffer) => {
        output += chunk.toString();
      });
      child.once("exit", (code) => reject(new Error(`CLI exited early (${code}): ${output}`)));
    });
    const exited = new Promise<number | null>((resolve) =>
      child.once("exit", (code) => resolve(code)),
    );
    await ready;
    expect(output).toContain(`http://127.0.0.1:${port}`);
    const prismPid = Number(/\(pid (\d+),/.exec(output)?.[1]);
    expect(groupAlive(prismPid)).toBe(true);
    expect((await fetch(`http://127.0.0.1:${port}/no-such-path`)).status).toBe(404);
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(output).toContain("mock: stopped");
    expect(groupAlive(prismPid)).toBe(false);
    await expect(assertPortFree("127.0.0.1", port)).resolves.toBeUndefined();
  });

  it("a launcher killed with SIGKILL takes its Prism with it: the port is free again", {
    timeout: 90_000,
  }, async () => {
    const port = await findFreePort();
    const child = spawn(process.execPath, [CLI], {
      env: { ...process.env, MOCK_HOST: "127.0.0.1", MOCK_PORT: String(port), MOCK_SPEC: specPath },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    await expect.poll(() => output, { timeout: 60_000 }).toContain("Prism is ready at");
    const prismPid = Number(/\(pid (\d+),/.exec(output)?.[1]);
    expect(groupAlive(prismPid)).toBe(true);
    child.kill("SIGKILL"); // no handler runs: nothing of the launcher stops Prism
    await expect.poll(() => groupAlive(prismPid), { timeout: 10_000 }).toBe(false);
    await expect(assertPortFree("127.0.0.1", port)).resolves.toBeUndefined();
  });

  it("the CLI exits 1 with a clear message when the port is taken", async () => {
    const port = await findFreePort();
    const blocker = await occupy(port);
    try {
      const child = spawn(process.execPath, [CLI], {
        env: { ...process.env, MOCK_PORT: String(port), MOCK_SPEC: specPath },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
      expect(code).toBe(1);
      expect(stderr).toContain(`mock: port ${port} on 127.0.0.1 is already in use`);
    } finally {
      blocker.close();
    }
  });

  it("rejects a MOCK_PORT that is not a port number", async () => {
    const child = spawn(process.execPath, [CLI], {
      env: { ...process.env, MOCK_PORT: "40x0", MOCK_SPEC: specPath },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('MOCK_PORT must be a port number (1–65535), got "40x0"');
  });
});

describe("the shared mock", () => {
  const mockUrl = inject("mockUrl");

  it("answers CORS preflights for browser apps on another origin", async () => {
    const response = await fetch(`${mockUrl}/shorts`, {
      method: "OPTIONS",
      headers: {
        Origin: "http://localhost:5173",
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "x-api-key,prefer",
      },
    });
    expect(response.status).toBeLessThan(300);
    expect(response.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect(response.headers.get("access-control-allow-headers")?.toLowerCase()).toContain(
      "x-api-key",
    );
    expect(response.headers.get("access-control-allow-methods")).toContain("GET");
  });

  it("is the process the global setup started, still alive", () => {
    expect(groupAlive(inject("mockPid"))).toBe(true);
  });
});
