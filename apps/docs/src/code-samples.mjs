// @ts-check
// x-codeSamples for every operation: curl generated from the spec itself, TypeScript read from
// samples/<key>.ts (files that `typecheck` compiles against the built @ssemble/client).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { firstExample, listOperations, listWebhooks, resolve } from "./spec-model.mjs";

export const CURL_LABEL = "curl";
export const TS_LABEL = "TypeScript";

/** Used only when a path parameter declares no example of its own. */
const FALLBACK_ID = "665a1b2c3d4e5f6a7b8c9d0e";
/** Where the webhook samples pretend your receiver listens. */
export const LOCAL_WEBHOOK_RECEIVER = "http://127.0.0.1:3000/webhooks/ssemble";

/**
 * @param {string} key operationId, or webhook name
 * @param {"operation" | "webhook"} kind
 */
export function sampleFileName(key, kind) {
  return kind === "webhook" ? `webhook.${key}.ts` : `${key}.ts`;
}

/**
 * Quotes a string for a POSIX shell, single quotes inside included.
 * @param {string} value
 */
export function shellQuote(value) {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * @param {import("./spec-model.mjs").OpenApiDocument} spec
 * @param {import("./spec-model.mjs").OperationRef} ref
 * @returns {string}
 */
export function curlSample(spec, ref) {
  const { operation, pathItem, method } = ref;
  const body = firstExample(
    spec,
    resolve(spec, operation.requestBody)?.content?.["application/json"],
  );
  const json = body === undefined ? undefined : JSON.stringify(body, null, 2);

  if (ref.kind === "webhook") {
    // Webhooks are called by Ssemble; the useful curl replays one against your own receiver.
    return [
      "# Replay this event against your local receiver",
      `curl -X ${method.toUpperCase()} ${shellQuote(LOCAL_WEBHOOK_RECEIVER)} \\`,
      `  -H 'Content-Type: application/json' \\`,
      `  -d ${shellQuote(json ?? "{}")}`,
    ].join("\n");
  }

  const server = String(spec.servers?.[0]?.url ?? "").replace(/\/$/, "");
  /** @type {any[]} */
  const params = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map((p) =>
    resolve(spec, p),
  );
  let path = ref.path;
  const query = new URLSearchParams();
  for (const param of params) {
    const example = firstExample(spec, param) ?? param.schema?.default;
    if (param.in === "path") {
      path = path.replace(`{${param.name}}`, encodeURIComponent(String(example ?? FALLBACK_ID)));
    } else if (param.in === "query" && example !== undefined) {
      query.set(param.name, String(example));
    }
  }
  const qs = query.toString();
  const url = `${server}${path}${qs ? `?${qs}` : ""}`;
  const lines = [
    `curl -X ${method.toUpperCase()} ${shellQuote(url)}`,
    `  -H "X-API-Key: $SSEMBLE_API_KEY"`,
  ];
  if (json !== undefined) {
    lines.push(`  -H 'Content-Type: application/json'`, `  -d ${shellQuote(json)}`);
  }
  return lines.join(" \\\n");
}

/**
 * The sample as shown in the docs: the compiled file, minus lint/compiler directives.
 * @param {string} source
 */
export function presentTypeScript(source) {
  return `${source
    .split("\n")
    .filter((line) => !/^\s*\/\/\s*(@ts-|biome-ignore)/.test(line))
    .join("\n")
    .trim()}\n`;
}

/**
 * Returns a copy of `spec` with curl and TypeScript x-codeSamples on every operation and webhook.
 * Throws, naming every missing file, when a sample is missing: the docs never ship without one.
 * @param {import("./spec-model.mjs").OpenApiDocument} spec
 * @param {string} samplesDir
 * @returns {import("./spec-model.mjs").OpenApiDocument}
 */
export function injectCodeSamples(spec, samplesDir) {
  const copy = structuredClone(spec);
  const refs = [...listOperations(copy), ...listWebhooks(copy)];
  const missing = refs
    .map((ref) => sampleFileName(ref.key, ref.kind))
    .filter((file) => !existsSync(join(samplesDir, file)));
  if (missing.length > 0) {
    throw new Error(`missing TypeScript samples in ${samplesDir}: ${missing.join(", ")}`);
  }
  for (const ref of refs) {
    const source = readFileSync(join(samplesDir, sampleFileName(ref.key, ref.kind)), "utf8");
    ref.operation["x-codeSamples"] = [
      { lang: "Shell", label: CURL_LABEL, source: curlSample(copy, ref) },
      { lang: "TypeScript", label: TS_LABEL, source: presentTypeScript(source) },
    ];
  }
  return copy;
}

/**
 * Sample files that belong to no operation or webhook (left behind after a rename).
 * @param {import("./spec-model.mjs").OpenApiDocument} spec
 * @param {string} samplesDir
 */
export function orphanSamples(spec, samplesDir) {
  const expected = new Set(
    [...listOperations(spec), ...listWebhooks(spec)].map((ref) =>
      sampleFileName(ref.key, ref.kind),
    ),
  );
  return readdirSync(samplesDir)
    .filter((file) => file.endsWith(".ts") && !expected.has(file))
    .sort();
}
