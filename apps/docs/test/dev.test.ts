// `pnpm dev` (scripts/dev.mjs), the README's main job: the mock, the sandbox and the docs side by side, and Ctrl-C
// (SIGINT) stops them all without leaving a process or a bound port behind.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { assertPortFree, findFreePort, groupAlive } from "@ssemble/prism";
import { describe, expect, it } from "vitest";
import { APP_DIR } from "./helpers.js";

const ROOT = join(APP_DIR, "..", "..");

describe("pnpm dev", () => {
  it("serves the mock, the sandbox and the docs, and SIGINT stops them all, freeing their ports", async () => {
    const mockPort = await findFreePort();
    let docsPort = await findFreePort();
    while (docsPort === mockPort) docsPort = await findFreePort();
    let sandboxPort = await findFreePort();
    while (sandboxPort === mockPort || sandboxPort === docsPort) sandboxPort = await findFreePort();
    const child = spawn(process.execPath, [join(ROOT, "scripts", "dev.mjs")], {
      cwd: ROOT,
      env: {
        ...process.env,
        MOCK_PORT: String(mockPort),
        DOCS_PORT: String(docsPort),
        SANDBOX_PORT: String(sandboxPort),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const exited = new Promise<number | null>((resolve) =>
      child.once("exit", (code) => resolve(code)),
    );
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("Ctrl+C stops everything")) resolve();
      };
      child.stdout.on("data", onData);
      child.stderr.on("data", onData);
      exited.then((code) => reject(new Error(`dev exited early (${code}): ${output}`)));
    });

    try {
      const mock = await fetch(`http://127.0.0.1:${mockPort}/templates`, {
        headers: { "X-API-Key": "sk_ssemble_mock" },
      });
      expect(mock.status).toBe(200);
      const templates = ((await mock.json()) as { data: { templates: { templateId: string }[] } })
        .data.templates;
      expect(templates[0]?.templateId).toMatch(/^[0-9a-f]{24}$/);
      const docs = await fetch(`http://127.0.0.1:${docsPort}/`);
      expect(docs.status).toBe(200);
      expect(await docs.text()).toContain("reference.html");
      const sandbox = await fetch(`http://127.0.0.1:${sandboxPort}/_sandbox/clock`, {
        headers: { "X-API-Key": "sk_ssemble_devTestKey0000000000000000000000" },
      });
      expect(sandbox.status).toBe(200);
      expect(((await sandbox.json()) as { data: { mode: string } }).data.mode).toBe("running");
      // The console, on the sandbox and in the docs, as the start-up lines say.
      const consoleUrl = `http://127.0.0.1:${sandboxPort}/_sandbox/console/`;
      expect(output).toContain(consoleUrl);
      expect((await fetch(consoleUrl)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${docsPort}/console.html`)).status).toBe(200);
      const prismPid = Number(/\(pid (\d+),/.exec(output)?.[1]);
      expect(groupAlive(prismPid)).toBe(true);

      child.kill("SIGINT");
      expect(await exited).toBe(0);
      expect(output).toContain("dev: everything stopped");
      expect(groupAlive(prismPid)).toBe(false);
      await expect(assertPortFree("127.0.0.1", mockPort)).resolves.toBeUndefined();
      await expect(assertPortFree("127.0.0.1", docsPort)).resolves.toBeUndefined();
      await expect(assertPortFree("127.0.0.1", sandboxPort)).resolves.toBeUndefined();
    } finally {
      // A failed assertion must not leave the stack running for the rest of the suite.
      if (child.exitCode === null) child.kill("SIGINT");
    }
  }, 90_000);
});
