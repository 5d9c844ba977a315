// Starting the real binaries (ours and the sandbox's) and reading the URL each prints.
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

export const MCP_BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
export const SANDBOX_BIN = createRequire(import.meta.url)
  .resolve("@ssemble/sandbox/package.json")
  .replace(/package\.json$/, "dist/cli.js");

export interface Running {
  child: ChildProcess;
  url: string;
  /** Everything it wrote to stderr and stdout so far. */
  output(): string;
  stop(): Promise<void>;
}

/** Runs `node file args`, resolving once a line matches `ready` (its first group is the URL). */
export function start(
  file: string,
  args: string[],
  ready: RegExp,
  env: NodeJS.ProcessEnv = {},
): Promise<Running> {
  const child = spawn(process.execPath, [file, ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ready line within 15 s:\n${output}`)),
      15_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        child,
        url: match[1] ?? "",
        output: () => output,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once("exit", () => done());
            child.kill("SIGTERM");
          }),
      });
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}:\n${output}`));
    });
  });
}
