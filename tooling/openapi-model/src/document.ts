// Reading a bundled document from disk.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import type { OpenApiDocument } from "./pointer.js";

/** Parses a bundled `openapi.json` or `openapi.yaml` (YAML is a superset of JSON, so one parser reads both). */
export function loadDocument(path: string): OpenApiDocument {
  const text = readFileSync(path, "utf8");
  const document: unknown = path.endsWith(".json") ? JSON.parse(text) : parse(text);
  if (!document || typeof document !== "object" || Array.isArray(document)) {
    throw new Error(`${path} is not an OpenAPI document (expected an object at the top)`);
  }
  return document as OpenApiDocument;
}
