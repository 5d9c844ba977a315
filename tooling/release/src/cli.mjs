#!/usr/bin/env node
// @ts-check
// ssemble-release gate      compare spec/dist with spec/released; fail on a breaking change without a major changeset
// ssemble-release snapshot  copy spec/dist/openapi.json to spec/released/openapi.json (done at `changeset version`)
import { main } from "./commands.mjs";

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
}
