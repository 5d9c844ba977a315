// @ts-check
// x-codeSamples for every operation: curl generated from the spec itself, TypeScript read from
// samples/<key>.ts (files that `typecheck` compiles against the built @ssemble/client).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  concretePath,
  curlCommand,
  firstExample,
  listOperations,
  listWebhooks,
  resolve,
} from "@ssemble/openapi-model";

export { shellQuote } from "@ssemble/openapi-model";

export const CURL_LABEL = "curl";
export const TS_LABEL = "TypeScript";

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
 * @param {import("@ssemble/openapi-model").OpenApiDocument} spec
 * @param {import("@ssemble/openapi-model").OperationModel} ref
 * @returns {string}
 */
export function curlSample(spec, ref) {
  const body = firstExample(
    spec,
    resolve(spec, ref.operation.requestBody)?.content?.["application/json"],
  );
  const json = body === undefined ? undefined : JSON.stringify(body, null, 2);

  if (ref.kind === "webhook") {
    // Webhooks are called by Ssemble; the useful curl replays one against your own receiver.
    return `# Replay this event against your local receiver\n${curlCommand({
      method: ref.method,
      url: LOCAL_WEBHOOK_RECEIVER,
      body: json ?? "{}",
      multiline: true,
    })}`;
  }

  const server = String(spec.servers?.[0]?.url ?? "").replace(/\/$/, "");
  const query = new URLSearchParams();
  for (const param of ref.parameters) {
    const example = param.example ?? param.schema?.default;
    if (param.in === "query" && example !== undefined) query.set(param.name, String(example));
  }
  const qs = query.toString();
  return curlCommand({
    method: ref.method,
    url: `${server}${concretePath(ref)}${qs ? `?${qs}` : ""}`,
    headers: [["X-API-Key", { env: "SSEMBLE_API_KEY" }]],
    body: json,
    multiline: true,
  });
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
 * @param {import("@ssemble/openapi-model").OpenApiDocument} spec
 * @param {string} samplesDir
 * @returns {import("@ssemble/openapi-model").OpenApiDocument}
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
 * @param {import("@ssemble/openapi-model").OpenApiDocument} spec
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
