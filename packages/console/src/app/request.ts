// A form's values → the request they make, and sending it to a target with what came back.
import type { FieldModel, OperationForm } from "./model.js";
import type { ConsoleTarget } from "./target.js";

/** What a person typed, per field: `path.id`, `query.page`, `body.start`; booleans as "true" / "false". */
export type Values = Record<string, string>;

export interface Draft {
  path: Record<string, string>;
  query: Record<string, string | number | boolean>;
  body: Record<string, unknown> | undefined;
  /** Index of the body's variant (its source). */
  variant: number;
  /** Fields whose text is not a value of their type. */
  unreadable: Record<string, string>;
}

export const valueKey = (f: Pick<FieldModel, "in" | "name">) => `${f.in}.${f.name}`;

function read(f: FieldModel, text: string): { value?: unknown; problem?: string } {
  if (f.type === "boolean") return { value: text === "true" };
  if (f.type === "number" || f.type === "integer") {
    const n = Number(text.trim());
    if (text.trim() === "" || !Number.isFinite(n)) return { problem: "must be a number" };
    if (f.type === "integer" && !Number.isInteger(n)) return { problem: "must be a whole number" };
    return { value: n };
  }
  return { value: text };
}

/** The fields a body variant shows: its own, in the body's order. */
export function variantFields(op: OperationForm, variant: number): FieldModel[] {
  const v = op.body?.variants[variant];
  return op.body?.fields.filter((f) => v?.fields.includes(f.name)) ?? [];
}

export function draftOf(op: OperationForm, values: Values, variant: number): Draft {
  const draft: Draft = { path: {}, query: {}, body: undefined, variant, unreadable: {} };
  const take = (f: FieldModel, into: Record<string, unknown>) => {
    const text = values[valueKey(f)];
    if (text === undefined || text === "") return;
    const { value, problem } = read(f, text);
    if (problem) draft.unreadable[f.name] = problem;
    else into[f.name] = value;
  };
  for (const f of op.fields) take(f, f.in === "path" ? draft.path : draft.query);
  if (op.body) {
    draft.body = {};
    for (const f of variantFields(op, variant)) take(f, draft.body);
  }
  return draft;
}

/** Values that fill a form from a body (an example, a magic input). */
export function valuesOfBody(body: Record<string, unknown>): Values {
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [`body.${k}`, String(v)]));
}

/** The variant whose source the body has (the first one when it has none). */
export function variantOf(op: OperationForm, body: Record<string, unknown>): number {
  const i = op.body?.variants.findIndex((v) => v.source !== null && v.source in body) ?? -1;
  return Math.max(i, 0);
}

export interface PreparedRequest {
  method: string;
  /** Path and query, relative to the API's base URL. */
  target: string;
  /** JSON text, for a body. */
  body: string | undefined;
}

export function prepare(op: OperationForm, draft: Draft): PreparedRequest {
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(draft.path[name] ?? ""),
  );
  const query = new URLSearchParams(
    Object.entries(draft.query).map(([k, v]) => [k, String(v)] as [string, string]),
  ).toString();
  return {
    method: op.method,
    target: query ? `${path}?${query}` : path,
    body: draft.body === undefined ? undefined : JSON.stringify(draft.body, null, 2),
  };
}

export interface Exchange {
  request: PreparedRequest;
  /** 0 when no answer came. */
  status: number;
  headers: [string, string][];
  /** Parsed JSON, or the text as received. */
  body: unknown;
  /** Milliseconds from sending to the whole body read. */
  ms: number;
  /** Why there is no answer (a network error). */
  error?: string;
}

export async function send(
  target: ConsoleTarget,
  key: string,
  request: PreparedRequest,
  keyHeader: string,
): Promise<Exchange> {
  const started = performance.now();
  const headers: Record<string, string> = { [keyHeader]: key, accept: "application/json" };
  if (request.body !== undefined) headers["content-type"] = "application/json";
  try {
    const response = await target.fetch(`${target.apiBase}${request.target}`, {
      method: request.method,
      headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text === "" ? "" : JSON.parse(text);
    } catch {
      // not JSON: shown as the text it is
    }
    return {
      request,
      status: response.status,
      headers: [...response.headers],
      body,
      ms: performance.now() - started,
    };
  } catch (error) {
    return {
      request,
      status: 0,
      headers: [],
      body: undefined,
      ms: performance.now() - started,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}
