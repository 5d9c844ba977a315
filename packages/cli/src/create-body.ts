// create's flags → the request body, checked against the spec's own schema before anything is sent, so that a
// bad value is a usage error naming its flag. Ajv and the spec are loaded here only (create), not at start-up.
import { createRequire } from "node:module";
import type { CreateShortRequest } from "@ssemble/client";
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { UsageError } from "./exit-codes.js";
import { FLAG_OF } from "./flags.js";

export interface CreateFlags {
  url?: string;
  fileUrl?: string;
  start?: string;
  end?: string;
  preferredLength?: string;
  language?: string;
  captionLanguage?: string;
  templateId?: string;
  /** commander's negation of --no-clipping. */
  clipping?: boolean;
  hookTitle?: boolean;
  memeHook?: boolean;
  memeHookName?: string;
  gameVideo?: boolean;
  gameVideoName?: string;
  ctaText?: string;
  music?: boolean;
  musicName?: string;
  musicVolume?: string;
  layout?: string;
  webhookUrl?: string;
}

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

/** The body the flags describe, in the order the API documents its fields. */
export function bodyOf(f: CreateFlags): Record<string, unknown> {
  if ((f.url === undefined) === (f.fileUrl === undefined)) {
    throw new UsageError("give exactly one source: --url (YouTube) or --file-url");
  }
  if (f.start === undefined || f.end === undefined)
    throw new UsageError("--start and --end are required");
  const body: Record<string, unknown> = {
    ...(f.url !== undefined ? { url: f.url } : { fileUrl: f.fileUrl }),
    start: seconds(f.start, "--start"),
    end: seconds(f.end, "--end"),
  };
  const set = (key: string, value: unknown) => {
    if (value !== undefined) body[key] = value;
  };
  set("preferredLength", f.preferredLength);
  set("language", f.language);
  set("captionLanguage", f.captionLanguage);
  set("templateId", f.templateId);
  if (f.clipping === false) body.noClipping = true;
  if (f.hookTitle) body.hookTitle = true;
  // A name implies its switch: --music-name X means music on.
  if (f.memeHook || f.memeHookName !== undefined) body.memeHook = true;
  set("memeHookName", f.memeHookName);
  if (f.gameVideo || f.gameVideoName !== undefined) body.gameVideo = true;
  set("gameVideoName", f.gameVideoName);
  if (f.ctaText !== undefined) {
    body.ctaEnabled = true;
    body.ctaText = f.ctaText;
  }
  if (f.music || f.musicName !== undefined || f.musicVolume !== undefined) body.music = true;
  set("musicName", f.musicName);
  if (f.musicVolume !== undefined) body.musicVolume = number(f.musicVolume, "--music-volume");
  set("layout", f.layout);
  set("webhookUrl", f.webhookUrl);
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
