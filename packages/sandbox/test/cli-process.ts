// The ssemble-sandbox CLI as a real child process, for the tests that start, signal and kill it.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

export function runCli(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (c: Buffer) => {
    out += c.toString();
  });
  child.stderr.on("data", (c: Buffer) => {
    out += c.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  /** The URL it listens at, once it says so; rejects if it exits first. */
  const listening = new Promise<string>((resolve, reject) => {
    const poll = setInterval(() => {
      const url = /listening at (\S+)/.exec(out)?.[1];
      if (url) {
        clearInterval(poll);
        resolve(url);
      }
    }, 10);
    void exited.then((code) => {
      clearInterval(poll);
      reject(new Error(`ssemble-sandbox exited with ${code} before listening:\n${out}`));
    });
  });
  listening.catch(() => {});
  return { child, exited, listening, output: () => out };
}
