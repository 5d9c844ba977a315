#!/usr/bin/env node
// The `ssemble` command. Kept tiny: what a command needs is imported when it runs, so `--help` starts fast.
import { EXIT } from "./exit-codes.js";
import { main } from "./main.js";

// A reader that stops early (`ssemble list --all | head -3`) closes the pipe: that is not an error of ours, so
// end quietly instead of with an EPIPE stack trace.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code !== "EPIPE") throw err;
  process.exit(EXIT.ok);
});

process.exitCode = await main(process.argv.slice(2));
