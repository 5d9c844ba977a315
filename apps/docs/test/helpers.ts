import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { asDocument, type OpenApiDocument } from "@ssemble/openapi-model";

export const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");
export const DIST_DIR = join(APP_DIR, "dist");
export const MINI_SPEC_DIR = join(APP_DIR, "test", "fixtures", "mini-spec");

// biome-ignore lint/suspicious/noExplicitAny: OpenAPI documents are walked generically.
export type Doc = Record<string, any>;

export function readJson(path: string): Doc {
  return JSON.parse(readFileSync(path, "utf8")) as Doc;
}

/** An OpenAPI document the tests both hand to the model and walk as raw JSON. */
export type Spec = OpenApiDocument & Doc;

export function readSpec(path: string): Spec {
  return asDocument(readJson(path), path);
}

export function miniSpec(): Spec {
  return readSpec(join(MINI_SPEC_DIR, "openapi.json"));
}

/** A temporary directory holding the given files (relative path → content). */
export function tempTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "ssemble-docs-test-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** The guides the docs promise, in the order the site shows them. */
export const GUIDE_TITLES = [
  "Quickstart",
  "Authentication",
  "Job lifecycle",
  "Waiting for results",
  "Errors",
  "Mock server for frontend teams",
  "Sandbox",
  "Command line",
  "Versioning and changelog",
  "Use Ssemble from an AI assistant",
];
