import { spawn } from "node:child_process";
import { createServer, type Server } from "node:net";
import { fileURLToPath } from "node:url";
import { describe, expect, inject, it } from "vitest";
import { assertPortFree, findFreePort, PortUnavailableError } from "../src/ports.mjs";
import { startPrism } from "../src/prism-process.mjs";

const specPath = inject("specPath");
const CLI = fileURLToPath(new URL("../src/cli.mjs", import.meta.url));

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function occupy(port: number): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen({ host: "127.0.0.1", port }, resolve));
  return server;
}

describe("Prism launcher", () => {
  it("refuses a port in use with a message that names the port and the variable to change", async () => {
    const port = await findFreePort();
    const blocker = await occupy(port);
    try {
      const error = await startPrism({ specPath, port }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PortUnavailableError);
      expect((error as Error).message).toContain(`port ${port} on 127.0.0.1 is already in use`);
      expect((error as Error).message).toContain(`MOCK_PORT=${port + 1}`);
    } finally {
      blocker.close();
    }
  });

  it("accepts a port once it is free again", async () => {
    const port = await findFreePort();
    await expect(assertPortFree("127.0.0.1", port)).resolves.toBeUndefined();
  });

  it("explains a missing spec instead of starting Prism on nothing", async () => {
    await expect(
      startPrism({ specPath: "/nonexistent/openapi.yaml", port: await findFreePort() }),
    ).rejects.toThrow(/pnpm --filter @ssemble\/spec build/);
  });

  it("stop() ends Prism's whole process group and frees the port", async () => {
    const port = await findFreePort();
    const prism = await startPrism({ specPath, port, verboseLevel: "warn" });
    expect(groupAlive(prism.pid)).toBe(true);
    const answer = await fetch(`${prism.url}/no-such-path`);
    expect(answer.status).toBe(404);
    await prism.stop();
    expect(groupAlive(prism.pid)).toBe(false);
    await expect(assertPortFree("127.0.0.1", port)).resolves.toBeUndefined();
  });

  it("dynamic mode (-d, MOCK_DYNAMIC=1) generates bodies instead of serving the first example", async () => {
    const prism = await startPrism({
      specPath,
      port: await findFreePort(),
      dynamic: true,
      verboseLevel: "warn",
    });
    try {
      const get = () =>
        fetch(`${prism.url}/shorts/665a1b2c3d4e5f6a7b8c9d0e/status`, {
          headers: { "X-API-Key": "sk_ssemble_mock" },
        }).then((r) => r.json() as Promise<{ data: { _id: string } }>);
      const [a, b] = [await get(), await get()];
      expect(a.data._id).toMatch(/^[0-9a-fA-F]{24}$/);
      expect(a).not.toEqual(b);
    } finally {
      await prism.stop();
    }
  });

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
