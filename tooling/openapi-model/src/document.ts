// Reading a bundled document from disk.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import type { OpenApiDocument } from "./pointer.js";

/** Parses a bundled `openapi.json` or `openapi.yaml` (YAML is a superset of JSON, so one parser reads both). */
export function loadDocument(path: string): OpenApiDocument {
  const text = readFileSync(path, "utf8");
  return asDocument(path.endsWith(".json") ? JSON.parse(text) : parse(text), path);
}

/**
 * A parsed value as an OpenAPI 3.1 document: the one place where JSON becomes the specification's types. Only the
 * top is checked (an object with `openapi: 3.1.x`); the bundle's own lint (Redocly) vouches for the rest.
 */
export function asDocument(value: unknown, source = "the value"): OpenApiDocument {
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw new Error(`${source} is not an OpenAPI document (expected an object at the top)`);
  }
  const version: unknown = Reflect.get(value, "openapi");
  if (typeof version !== "string" || !version.startsWith("3.1")) {
    throw new Error(`${source} is not an OpenAPI 3.1 document (openapi: ${String(version)})`);
  }
  return value as OpenApiDocument;
}
