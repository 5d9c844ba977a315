// Explains a request before it is sent: the spec's schemas (compiled at build time) and the body rules beside
// them (`x-window`, `x-used-with`), as one message per field.
import { validators } from "../generated/validators.js";
import type { OperationForm } from "./model.js";
import type { Draft } from "./request.js";

/** Field name (or "" for the request as a whole) → what is wrong with it. */
export type Problems = Record<string, string>;

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

function explain(error: AjvError): [string, string] {
  const field = error.instancePath.split("/")[1] ?? "";
  if (error.keyword === "required") return [String(error.params.missingProperty), "is required"];
  if (error.keyword === "additionalProperties") {
    return [String(error.params.additionalProperty), "is not a field of this body"];
  }
  if (error.keyword === "enum") {
    const allowed = (error.params.allowedValues as unknown[]) ?? [];
    return [field, `must be one of ${allowed.map((v) => JSON.stringify(v)).join(", ")}`];
  }
  if (error.keyword === "not") return [field, "must be left out here"];
  return [field, error.message ?? `fails ${error.keyword}`];
}

export function validate(op: OperationForm, draft: Draft): Problems {
  const problems: Problems = {};
  const add = (field: string, message: string) => {
    problems[field] ??= message;
  };
  for (const f of op.fields) {
    const value = f.in === "path" ? draft.path[f.name] : draft.query[f.name];
    if (value === undefined) {
      if (f.required) add(f.name, "is required");
      continue;
    }
    const check = validators[`${op.operationId} ${f.in} ${f.name}`];
    if (check && !check(value)) {
      for (const e of (check.errors ?? []) as AjvError[]) add(f.name, explain(e)[1]);
    }
  }
  for (const [name, message] of Object.entries(draft.unreadable)) add(name, message);
  if (op.body && draft.body) {
    const check = validators[`${op.operationId} body ${draft.variant}`];
    if (check && !check(draft.body)) {
      // `if`/`then` reports its own failure beside the field's: the field's is the one that explains.
      for (const e of (check.errors ?? []) as AjvError[]) {
        if (e.keyword !== "if") add(...explain(e));
      }
    }
    const window = op.body.window;
    const start = draft.body[window?.start ?? ""];
    const end = draft.body[window?.end ?? ""];
    if (window && typeof start === "number" && typeof end === "number") {
      const length = end - start;
      if (length <= 0) add(window.end, `must be greater than ${window.start}`);
      else if (length < window.minSeconds || length > window.maxSeconds) {
        add(
          window.end,
          `the window ${window.end} − ${window.start} must be ${window.minSeconds} to ${window.maxSeconds.toLocaleString("en")} seconds (it is ${length})`,
        );
      }
    }
  }
  return problems;
}

/** Notes that do not stop a request: a field set whose switch is off does nothing. */
export function notes(op: OperationForm, draft: Draft): Problems {
  const out: Problems = {};
  if (!op.body || !draft.body) return out;
  for (const f of op.body.fields) {
    if (f.usedWith && draft.body[f.name] !== undefined && draft.body[f.usedWith] !== true) {
      out[f.name] = `only used when ${f.usedWith} is true`;
    }
  }
  return out;
}
