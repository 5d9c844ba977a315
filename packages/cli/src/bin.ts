#!/usr/bin/env node
// The `ssemble` command. Kept tiny: what a command needs is imported when it runs, so `--help` starts fast.
import { main } from "./main.js";

process.exitCode = await main(process.argv.slice(2));
