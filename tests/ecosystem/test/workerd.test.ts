// The packed client in Cloudflare's workerd (its npm package): consumer/worker.mjs bundled with esbuild the way
// wrangler bundles a module worker, served by workerd on a free loopback port, answering with the scenario's result.
import { type ChildProcess, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { findFreePort } from "@ssemble/prism";
import { build } from "esbuild";
import { afterAll, expect, inject, it } from "vitest";
import { expected } from "./expected.js";
import { createProject } from "./project.js";
import { workerdBin } from "./runtimes.js";

let workerd: ChildProcess | undefined;
afterAll(() => {
  workerd?.kill("SIGKILL");
});

/** workerd's config: the worker, its one binding, and an outbound network that reaches loopback only (the mock). */
const config = (port: number, mockUrl: string) => `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "internet", network = (allow = ["local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [(name = "worker", esModule = embed "worker.bundle.js")],
  compatibilityDate = "2026-11-01",
  bindings = [(name = "SSEMBLE_BASE_URL", text = ${JSON.stringify(mockUrl)})],
);
`;

async function listening(child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!output().includes("Listening on")) {
    if (child.exitCode !== null) throw new Error(`workerd exited ${child.exitCode}:\n${output()}`);
    if (Date.now() > deadline) throw new Error(`workerd did not start:\n${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

it("runs the scenario from the packed tarballs in a module worker", async () => {
  const dir = createProject("workerd");
  await build({
    absWorkingDir: dir,
    entryPoints: ["worker.mjs"],
    outfile: "worker.bundle.js",
    bundle: true,
    format: "esm",
    platform: "neutral",
    // wrangler's resolution for workerd
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["module", "main"],
    target: "es2022",
    logLevel: "silent",
  });
  const port = await findFreePort();
  writeFileSync(join(dir, "config.capnp"), config(port, inject("mockUrl")));
  let output = "";
  workerd = spawn(workerdBin, ["serve", "config.capnp", "--verbose"], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  workerd.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  workerd.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  await listening(workerd, () => output);
  const response = await fetch(`http://127.0.0.1:${port}/`);
  const body = await response.json();
  expect(body).toEqual({ runtime: "workerd", ...expected });
  expect(response.status).toBe(200);
});
