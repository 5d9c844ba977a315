// @ts-check
// Build step: reads the bundled spec through @ssemble/openapi-model and writes generated/model.json, the compact
// model the engine runs on (routes, parameter schemas, pointers of bodies and responses, catalogs, messages).
// The engine itself never walks the spec, so it starts fast and carries no private workspace code.
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import {
  isObject,
  listOperations,
  listWebhooks,
  loadDocument,
  resolve,
  resolvePointer,
} from "@ssemble/openapi-model";

const require = createRequire(import.meta.url);
const document = loadDocument(require.resolve("@ssemble/spec/openapi.json"));

/** @param {string} name */
const example = (name) => {
  const found = document.components?.examples?.[name];
  const value = found && "value" in found ? found.value : undefined;
  if (value === undefined) throw new Error(`the spec has no example ${name}`);
  return value;
};

const operations = listOperations(document).map((op) => ({
  operationId: op.operationId,
  method: op.method.toUpperCase(),
  path: op.path,
  parameters: op.parameters.map((p) => ({
    name: p.name,
    in: p.in,
    required: p.required,
    schema: p.schema,
  })),
  body: op.requestBody
    ? { required: op.requestBody.required, pointer: op.requestBody.schemaPointer }
    : null,
  responses: Object.fromEntries(
    op.responses.map((r) => [
      r.status,
      {
        body: r.schemaPointer ?? null,
        headers: r.headers.map((h) => {
          if (!h.schemaPointer)
            throw new Error(`${op.operationId} ${r.status} ${h.name} has no schema`);
          const schema = resolvePointer(document, h.schemaPointer);
          const type = isObject(schema) ? schema.type : undefined;
          return {
            name: h.name.toLowerCase(),
            required: h.required,
            pointer: h.schemaPointer,
            ...(typeof type === "string" ? { type } : {}),
          };
        }),
      },
    ]),
  ),
}));

// Every documented error message, by code, from the spec's error examples.
/** @type {Record<string, string>} */
const messages = {};
for (const op of listOperations(document))
  for (const response of op.responses)
    for (const e of response.examples) {
      const error = /** @type {{ error?: { code?: string, message?: string } }} */ (e.value)?.error;
      if (error?.code && error.message && !(e.name in messages)) messages[e.name] = error.message;
    }

// The processing steps, in order, with the texts and progress the spec's status examples show.
const steps = [
  "ShortStatusQueued",
  "ShortStatusProcessingFetchingVideo",
  "ShortStatusProcessingTranscribing",
  "ShortStatusProcessingFindingHighlights",
  "ShortStatusProcessingFinalizing",
  "ShortStatusCompleted",
].map((name) => {
  const { status, step, stepMessage, progress } = example(name).data;
  return { status, step, stepMessage, progress };
});
const failed = example("ShortStatusFailed").data;

// Production's base path (`/api/v1` of the first server): the sandbox serves under it as well as at its root, so
// that moving a project from production to the sandbox is a change of host only.
const basePath = new URL(document.servers?.[0]?.url ?? "http://x").pathname.replace(/\/+$/, "");

// The create body's window rule (`x-window`), which JSON Schema cannot state: read here, not restated in code.
const createBody = operations.find((op) => op.operationId === "createShort")?.body?.pointer;
const window = createBody
  ? /** @type {any} */ (resolve(document, resolvePointer(document, createBody)))?.["x-window"]
  : undefined;
if (
  !isObject(window) ||
  typeof window.start !== "string" ||
  typeof window.end !== "string" ||
  typeof window.minSeconds !== "number" ||
  typeof window.maxSeconds !== "number"
) {
  throw new Error(
    "the create body's schema has no x-window { start, end, minSeconds, maxSeconds }",
  );
}

const model = {
  basePath,
  window,
  operations,
  webhooks: listWebhooks(document).map((w) => ({
    event: w.key,
    pointer: w.requestBody?.schemaPointer,
  })),
  messages,
  steps,
  failed: {
    step: failed.step,
    stepMessage: failed.stepMessage,
    failureReason: failed.failureReason,
  },
  catalogs: {
    templates: example("TemplateListAll").data,
    music: example("MusicListFullPage").data.music,
    gameVideos: example("GameVideoListFullPage").data.gameVideos,
    memeHooks: example("MemeHookListFullPage").data.memeHooks,
  },
  result: example("ShortsResultCompleted").data,
  deleted: example("DeleteShortDeleted").data,
};

const out = fileURLToPath(new URL("../generated/", import.meta.url));
mkdirSync(out, { recursive: true });
writeFileSync(`${out}model.json`, `${JSON.stringify(model)}\n`);
console.log(
  `sandbox: generated/model.json (${operations.length} operations, ${steps.length} steps)`,
);
