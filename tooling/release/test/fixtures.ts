import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const fixturesDir = fileURLToPath(new URL("./fixtures/", import.meta.url));

export function fixtureNames(): string[] {
  return readdirSync(fixturesDir).sort();
}

export function loadPair(name: string): { before: unknown; after: unknown } {
  const read = (which: string) =>
    JSON.parse(readFileSync(`${fixturesDir}${name}/${which}.json`, "utf8")) as unknown;
  return { before: read("before"), after: read("after") };
}
