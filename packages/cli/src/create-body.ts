// create's flags → the request body, checked against the spec's own schema before anything is sent, so that a
// bad value is a usage error naming its flag. Ajv and the spec are loaded here only (create), not at start-up.
import { createRequire } from "node:module";
import type { CreateShortRequest } from "@ssemble/client";
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import {
  CREATE_FIELD_LIST,
  type CreateField,
  type CreateFlags,
  FLAG_OF,
  flagValue,
  isGiven,
} from "./create-fields.js";
import { UsageError } from "./exit-codes.js";

export type { CreateFlags };

/** Seconds from `90`, `90.5`, `1:30` or `1:02:03`. */
export function seconds(raw: string, flag: string): number {
  const parts = raw.trim().split(":");
  const ok =
    parts.length <= 3 &&
    parts.every((p, i) => (i === parts.length - 1 ? /^\d+(\.\d+)?$/ : /^\d+$/).test(p));
  if (!ok)
    throw new UsageError(
      `${flag} must be seconds (90) or a time (1:30, 1:02:03), not ${JSON.stringify(raw)}`,
    );
  return parts.reduce((total, p) => total * 60 + Number(p), 0);
}

function number(raw: string, flag: string): number {
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(n))
    throw new UsageError(`${flag} must be a number, not ${JSON.stringify(raw)}`);
  return n;
}

/** The body the flags describe, in the order the API documents its fields (the table's order). */
export function bodyOf(flags: CreateFlags): Record<string, unknown> {
  const given = (field: CreateField) => {
    const f = CREATE_FIELD_LIST.find((e) => e.field === field);
    return f !== undefined && isGiven(flags, f);
  };
  if (given("url") === given("fileUrl")) {
    throw new UsageError("give exactly one source: --url (YouTube) or --file-url");
  }
  if (!given("start") || !given("end")) throw new UsageError("--start and --end are required");
  const body: Record<string, unknown> = {};
  for (const f of CREATE_FIELD_LIST) {
    const raw = flagValue(flags, f);
    const flag = FLAG_OF[f.field] ?? f.field;
    let value: unknown;
    if (isGiven(flags, f)) {
      if (f.kind === "time") value = seconds(String(raw), flag);
      else if (f.kind === "number") value = number(String(raw), flag);
      else if (f.kind === "text") value = raw;
      else value = true;
    }
    // A name implies its switch: --music-name X means music on.
    const implied = CREATE_FIELD_LIST.some(
      (other) => other.implies?.includes(f.field) && isGiven(flags, other),
    );
    if (value === undefined && implied) value = true;
    if (value !== undefined) body[f.field] = value;
  }
  return body;
}

type Validate = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
/** The spec's schema for the body's source, compiled on demand: a process sends one create, so one is enough. */
function validatorFor(name: "CreateShortFromUrl" | "CreateShortFromFileUrl"): Validate {
  const require = createRequire(import.meta.url);
  const document = require("@ssemble/spec/openapi.dereferenced.json") as {
    components: { schemas: Record<string, object> };
  };
  const schema = document.components.schemas[name];
  if (!schema) throw new Error(`the spec has no ${name}`);
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  return ajv.compile(schema) as Validate;
}

function describe(e: ErrorObject): string {
  const field =
    e.keyword === "required"
      ? (e.params as { missingProperty: string }).missingProperty
      : (e.instancePath.split("/")[1] ?? "");
  const flag = FLAG_OF[field] ?? field;
  switch (e.keyword) {
    case "enum":
      return `${flag} must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(", ")}`;
    case "required":
      return `${flag} is required`;
    case "format":
      return `${flag} must be a full URL`;
    default:
      return `${flag} ${e.message ?? "is invalid"}`;
  }
}

/** The body for `POST /shorts/create`, or a UsageError naming the first wrong flag. */
export function createBody(flags: CreateFlags): CreateShortRequest {
  const body = bodyOf(flags);
  const validate = validatorFor(
    body.url !== undefined ? "CreateShortFromUrl" : "CreateShortFromFileUrl",
  );
  if (!validate(body)) {
    // `if`/`then` adds a summary error beside the real one: report the specific ones.
    const errors = (validate.errors ?? []).filter((e) => e.keyword !== "if");
    const first = errors[0] ?? validate.errors?.[0];
    throw new UsageError(first ? describe(first) : "the create flags do not make a valid request");
  }
  // What JSON Schema cannot say, as the API documents it.
  const start = body.start as number;
  const end = body.end as number;
  if (end <= start) throw new UsageError("--end must be after --start");
  if (end - start < 1) throw new UsageError("--end: the window from --start is at least 1 s");
  if (end - start > 1200)
    throw new UsageError("--end: the window from --start is at most 1,200 s (20 minutes)");
  return body as unknown as CreateShortRequest;
}
