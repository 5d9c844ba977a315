// ssemble sandbox: the sandbox's own server in the foreground, its flags passed through; Ctrl-C (SIGINT) stops it
// and frees the port.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { expect, it } from "vitest";
import { BIN, KEY, ssemble } from "./helpers.js";

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, "close");
  return port;
}

it("serves the sandbox on the port asked, answers the CLI, and stops on SIGINT", async () => {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, "sandbox", "--port", String(port), "--manual"], {
    env: { PATH: process.env.PATH ?? "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (c) => {
    output += c;
  });
  child.stderr.on("data", (c) => {
    output += c;
  });
  try {
    await expect.poll(() => output, { timeout: 10_000 }).toContain(`127.0.0.1:${port}`);
    const r = await ssemble(["templates", "--json"], {
      SSEMBLE_API_KEY: KEY,
      SSEMBLE_BASE_URL: `http://127.0.0.1:${port}`,
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).templates.length).toBeGreaterThan(0);
  } finally {
    child.kill("SIGINT");
  }
  const [code] = await once(child, "exit");
  expect(code).toBe(0);
  // The port is free again.
  const again = createServer().listen(port, "127.0.0.1");
  await once(again, "listening");
  again.close();
});

it("passes --help through to the sandbox's own help", async () => {
  const r = await ssemble(["sandbox", "--help"]);
  expect(r.code).toBe(0);
  expect(r.stdout + r.stderr).toMatch(/--speed/);
  expect(r.stdout + r.stderr).toMatch(/--data/);
});
