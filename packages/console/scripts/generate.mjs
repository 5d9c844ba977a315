// @ts-check
// Build step: what the console's forms need, read from the spec (the dereferenced bundle) and the operation
// registry, in generated/forms.json; and the validators for every body and parameter as ajv standalone code in
// generated/validators.js, because the console's page forbids `new Function` (a strict Content-Security-Policy).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { listOperations } from "@ssemble/openapi-model";
import { esmStandalone } from "@ssemble/openapi-model/standalone";
import { OPERATION_REGISTRY } from "@ssemble/types/operations";
import { Ajv2020 } from "ajv/dist/2020.js";
import standaloneCode from "ajv/dist/standalone/index.js";
import formats from "ajv-formats";

const require = createRequire(import.meta.url);
const document = JSON.parse(
  readFileSync(require.resolve("@ssemble/spec/openapi.dereferenced.json"), "utf8"),
);
const out = new URL("../src/generated/", import.meta.url);
mkdirSync(out, { recursive: true });

/** The schema keywords a form field uses; the validators have the whole schema. */
const KEYWORDS = [
  "enum",
  "default",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "minLength",
  "maxLength",
  "pattern",
  "format",
];

/** @param {any} schema */
function kindOf(schema) {
  const types = [schema.type ?? []].flat().filter((t) => t !== "null");
  const type = types[0] ?? (schema.enum ? typeof schema.enum[0] : "string");
  if (!["string", "number", "integer", "boolean"].includes(type)) {
    throw new Error(`generate: a form field of type ${type} (${JSON.stringify(schema)})`);
  }
  return type;
}

/** @param {string} name @param {"path" | "query" | "body"} where @param {any} schema @param {boolean} required @param {unknown} example @param {string | undefined} description */
function field(name, where, schema, required, example, description) {
  /** @type {Record<string, unknown>} */
  const out = { name, in: where, required, type: kindOf(schema) };
  for (const k of KEYWORDS) if (schema[k] !== undefined) out[k] = schema[k];
  if (schema.const !== undefined) out.enum = [schema.const];
  out.description = description ?? schema.description ?? "";
  const first = example ?? schema.examples?.[0];
  if (first !== undefined) out.example = first;
  if (schema["x-used-with"]) out.usedWith = schema["x-used-with"];
  return out;
}

/** The body's fields (every property of any variant, in order), its variants and the rules beside the schema. */
function bodyForm(/** @type {any} */ schema, /** @type {any[]} */ examples) {
  const variants = schema.oneOf ?? [schema];
  /** @type {Map<string, any>} */
  const fields = new Map();
  /** @type {{ title: string, required: string[], fields: string[] }[]} */
  const described = variants.map((/** @type {any} */ v) => {
    const own = Object.entries(v.properties ?? {}).filter(([, p]) => !isNever(p));
    for (const [name, property] of own) {
      if (!fields.has(name)) {
        fields.set(name, field(name, "body", property, false, undefined, property.description));
      }
    }
    return { title: v.title ?? "", required: v.required ?? [], fields: own.map(([n]) => n) };
  });
  // A variant's source is the field it requires that no other variant has.
  const variantsOut = described.map((v, i) => ({
    title: v.title,
    source:
      v.required.find(
        (/** @type {string} */ n) => !described.some((o, j) => j !== i && o.fields.includes(n)),
      ) ?? null,
    required: v.required,
    fields: v.fields,
  }));
  for (const f of fields.values()) {
    f.required = described.every((v) => !v.fields.includes(f.name) || v.required.includes(f.name));
  }
  return {
    variants: variantsOut,
    fields: [...fields.values()],
    window: schema["x-window"] ?? null,
    examples: examples.map((e) => ({ name: e.name, summary: e.summary ?? e.name, value: e.value })),
  };
}

/** `not: {}`: no value matches, the field must be absent. */
const isNever = (/** @type {any} */ p) =>
  p && typeof p === "object" && p.not && Object.keys(p.not).length === 0;

const ajv = new Ajv2020({
  strict: false,
  allErrors: true,
  validateSchema: false,
  code: { source: true, esm: true },
});
formats.default(ajv, { mode: "fast" });
/** @type {Record<string, string>} validator key → export name */
const validators = {};
const compile = (/** @type {string} */ key, /** @type {object} */ schema) => {
  const name = `v${Object.keys(validators).length}`;
  ajv.addSchema({ ...schema, $id: name });
  validators[key] = name;
};

const operations = listOperations(/** @type {any} */ (document));
const forms = Object.values(OPERATION_REGISTRY).map((entry) => {
  const op = operations.find((o) => o.operationId === entry.operationId);
  if (!op) throw new Error(`generate: ${entry.operationId} is in the registry, not in the spec`);
  const fields = op.parameters.map((p) => {
    const raw = /** @type {any} */ (
      (op.operation.parameters ?? []).find((/** @type {any} */ q) => q.name === p.name)
    );
    compile(`${entry.operationId} ${p.in} ${p.name}`, p.schema);
    return field(
      p.name,
      /** @type {"path" | "query"} */ (p.in),
      p.schema,
      p.required,
      p.example,
      raw?.description,
    );
  });
  let body = null;
  if (op.requestBody) {
    const media = /** @type {any} */ (op.operation.requestBody)?.content?.[
      op.requestBody.mediaType
    ];
    body = {
      required: op.requestBody.required,
      ...bodyForm(media.schema, op.requestBody.examples),
    };
    // One validator per variant: the form picks the variant by its source, so the oneOf itself is never in doubt.
    for (const [i, v] of (media.schema.oneOf ?? [media.schema]).entries()) {
      compile(`${entry.operationId} body ${i}`, v);
    }
  }
  return {
    operationId: entry.operationId,
    method: entry.method,
    path: entry.path,
    resource: entry.resource,
    summary: entry.summary,
    description: String(op.operation.description ?? ""),
    credits: entry.credits,
    safe: entry.safe,
    destructive: entry.destructive,
    paged: Boolean(entry.list && /** @type {any} */ (entry.list).paged),
    pool: entry.pool,
    fields,
    body,
  };
});

const code = esmStandalone(
  standaloneCode.default(ajv, Object.fromEntries(Object.values(validators).map((n) => [n, n]))),
);
writeFileSync(
  new URL("validators.js", out),
  `// Generated by scripts/generate.mjs from the bundled spec: do not edit.\n${code}\n` +
    `export const validators = {\n${Object.entries(validators)
      .map(([k, n]) => `  ${JSON.stringify(k)}: ${n},`)
      .join("\n")}\n};\n`,
);
writeFileSync(
  new URL("validators.d.ts", out),
  "// Generated by scripts/generate.mjs: do not edit.\n" +
    'import type { ValidateFunction } from "ajv";\n' +
    "export declare const validators: Record<string, ValidateFunction>;\n",
);
const security = document.components?.securitySchemes ?? {};
const header = Object.values(security).find(
  (/** @type {any} */ s) => s.type === "apiKey" && s.in === "header",
);
writeFileSync(
  new URL("forms.json", out),
  `${JSON.stringify(
    {
      title: document.info.title,
      production: document.servers?.[0]?.url ?? "",
      keyHeader: /** @type {any} */ (header)?.name ?? "X-API-Key",
      operations: forms,
    },
    null,
    1,
  )}\n`,
);
console.log(
  `console: ${forms.length} operation forms, ${Object.keys(validators).length} validators (${Math.round(code.length / 1024)} KiB)`,
);
