import { describe, expect, it } from "vitest";
import {
  assertPortFree,
  defaultSpecPath,
  findFreePort,
  groupAlive,
  occupyPort as occupy,
  PortUnavailableError,
  parsePort,
  startPrism,
} from "../src/index.js";

const specPath = defaultSpecPath();

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

  it("parses ports from the environment and explains junk", () => {
    expect(parsePort(undefined, 4010, "MOCK_PORT")).toBe(4010);
    expect(parsePort("", 4010, "MOCK_PORT")).toBe(4010);
    expect(parsePort("4011", 4010, "MOCK_PORT")).toBe(4011);
    for (const junk of ["0", "65536", "40x0", "-1", "1e3"]) {
      expect(() => parsePort(junk, 4010, "MOCK_PORT")).toThrow(
        `MOCK_PORT must be a port number (1–65535), got "${junk}"`,
      );
    }
  });

  it("defaults to the bundled spec of @ssemble/spec", () => {
    expect(specPath).toMatch(/spec\/dist\/openapi\.yaml$/);
  });
});
