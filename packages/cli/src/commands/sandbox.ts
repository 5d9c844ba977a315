// ssemble sandbox: the local sandbox (@ssemble/sandbox's own `ssemble-sandbox`, its flags passed through), in the
// foreground. Ctrl-C stops it; its exit code is this command's.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export async function sandbox(args: readonly string[]): Promise<number> {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve("@ssemble/sandbox/package.json");
  const { bin } = require(manifest) as { bin: Record<string, string> };
  const entry = bin["ssemble-sandbox"];
  if (!entry) throw new Error("@ssemble/sandbox has no ssemble-sandbox bin");
  const child = spawn(process.execPath, [join(dirname(manifest), entry), ...args], {
    stdio: "inherit",
  });
  // Passed on (a terminal's Ctrl-C reaches both; the sandbox ignores a second signal while it stops), and this
  // process stays up until the sandbox has written its data file and exited.
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const signal of signals) process.on(signal, forward);
  try {
    return await new Promise<number>((resolve, reject) => {
      child.once("error", reject);
      child.once("exit", (code, signal) => resolve(code ?? (signal === "SIGINT" ? 130 : 1)));
    });
  } finally {
    for (const signal of signals) process.off(signal, forward);
  }
}
