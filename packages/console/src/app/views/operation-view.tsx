// One operation as a form generated from the spec: its parameters, its body (a variant per source, with the
// spec's rules), examples one click away; explained before sending, the API's 400 details shown at their fields.
import type { JSX } from "preact";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { asCommand, asCurl, asTypeScript, keyEnv } from "../copy-as.js";
import { type FieldModel, FORMS, type OperationForm } from "../model.js";
import {
  draftOf,
  type Exchange,
  prepare,
  send,
  type Values,
  valueKey,
  valuesOfBody,
  variantFields,
  variantOf,
} from "../request.js";
import type { ConsoleTarget } from "../target.js";
import { notes, type Problems, validate } from "../validate.js";
import { CopyView } from "./copy-view.js";
import { Prose } from "./prose.js";
import { ResponseView } from "./response-view.js";

export interface OperationViewProps {
  op: OperationForm;
  target: ConsoleTarget;
  apiKey: string;
  /** Values to start from (a deep link, a magic input); else the first example. */
  initial?: Values | undefined;
  onSent?: (exchange: Exchange) => void;
}

function initialValues(op: OperationForm): Values {
  const example = op.body?.examples[0]?.value;
  if (example) return valuesOfBody(example);
  const values: Values = {};
  for (const f of op.fields) {
    if (f.in === "path" && f.example !== undefined) values[valueKey(f)] = String(f.example);
  }
  return values;
}

export function OperationView({ op, target, apiKey, initial, onSent }: OperationViewProps) {
  const [values, setValues] = useState<Values>(() => initial ?? initialValues(op));
  const [variant, setVariant] = useState(() =>
    op.body ? variantOf(op, bodyOfValues(initial ?? initialValues(op))) : 0,
  );
  const [attempted, setAttempted] = useState(false);
  const [exchange, setExchange] = useState<Exchange | undefined>();
  const [sending, setSending] = useState(false);

  const current = useRef(op);
  current.current = op;
  useEffect(() => {
    const start = initial ?? initialValues(op);
    setValues(start);
    setVariant(op.body ? variantOf(op, bodyOfValues(start)) : 0);
    setAttempted(false);
    setExchange(undefined);
    setSending(false);
  }, [op, initial]);

  const draft = useMemo(() => draftOf(op, values, variant), [op, values, variant]);
  const problems = useMemo(() => validate(op, draft), [op, draft]);
  const hints = useMemo(() => notes(op, draft), [op, draft]);
  const request = useMemo(() => prepare(op, draft), [op, draft]);
  const answered = exchange && exchange.status === 400 ? detailsOf(exchange.body) : {};
  const shown: Problems = attempted ? { ...answered, ...problems } : answered;

  const submit = async (event: Event) => {
    event.preventDefault();
    setAttempted(true);
    if (Object.keys(problems).length > 0) {
      const first = Object.keys(problems)[0] ?? "";
      const field = [...op.fields, ...(op.body?.fields ?? [])].find((f) => f.name === first);
      if (field) document.getElementById(fieldId(field))?.focus();
      return;
    }
    setSending(true);
    const sentFor = op;
    const result = await send(target, apiKey, request, FORMS.keyHeader);
    // The person may have moved to another operation meanwhile: this answer is not that form's.
    if (current.current !== sentFor) return;
    setSending(false);
    setExchange(result);
    onSent?.(result);
  };

  const follow = exchange && exchange.status < 300 ? requestIdOf(exchange.body) : undefined;
  const set = (f: FieldModel, text: string) => setValues((v) => ({ ...v, [valueKey(f)]: text }));
  const other = Object.entries(shown).filter(
    ([name]) => ![...op.fields, ...variantFields(op, variant)].some((f) => f.name === name),
  );
  const fieldsOf = (where: "path" | "query") => op.fields.filter((f) => f.in === where);

  return (
    <article class="operation" aria-labelledby="op-title">
      <header>
        <h2 id="op-title">{op.summary}</h2>
        <p class="endpoint">
          <span class={`method method-${op.method.toLowerCase()}`}>{op.method}</span>{" "}
          <code>{op.path}</code>
          {op.credits > 0 && (
            <span class="badge">
              {op.credits} credit{op.credits === 1 ? "" : "s"}
            </span>
          )}
          <span class="badge">
            pool “{op.pool.name}”: {op.pool.limit}/{op.pool.windowSeconds} s
          </span>
        </p>
        <details class="about">
          <summary>About this operation</summary>
          <Prose text={op.description} />
        </details>
      </header>

      <form onSubmit={submit} noValidate aria-label={`${op.summary}: request`}>
        {(["path", "query"] as const).map((where) =>
          fieldsOf(where).length === 0 ? null : (
            <fieldset key={where}>
              <legend>{where === "path" ? "Path parameters" : "Query parameters"}</legend>
              {fieldsOf(where).map((f) => (
                <Field
                  key={f.name}
                  f={f}
                  value={values[valueKey(f)] ?? ""}
                  onInput={(t) => set(f, t)}
                  problem={shown[f.name]}
                />
              ))}
            </fieldset>
          ),
        )}
        {op.body && (
          <fieldset>
            <legend>Body</legend>
            {op.body.examples.length > 0 && (
              <fieldset class="examples">
                <legend>Fill with an example</legend>
                {op.body.examples.map((e) => (
                  <button
                    key={e.name}
                    type="button"
                    title={e.summary}
                    onClick={() => {
                      setValues(valuesOfBody(e.value));
                      setVariant(variantOf(op, e.value));
                    }}
                  >
                    Example: {e.name}
                  </button>
                ))}
              </fieldset>
            )}
            {op.body.variants.length > 1 && (
              <fieldset class="variants">
                <legend>Source</legend>
                {op.body.variants.map((v, i) => (
                  <label key={v.title} class="choice">
                    <input
                      type="radio"
                      name={`${op.operationId}-variant`}
                      checked={variant === i}
                      onChange={() => setVariant(i)}
                    />{" "}
                    {v.title}
                  </label>
                ))}
              </fieldset>
            )}
            {variantFields(op, variant).map((f) => (
              <Field
                key={f.name}
                f={f}
                value={values[valueKey(f)] ?? ""}
                onInput={(t) => set(f, t)}
                problem={shown[f.name]}
                note={hints[f.name]}
                required={op.body?.variants[variant]?.required.includes(f.name) ?? false}
              />
            ))}
          </fieldset>
        )}
        {other.length > 0 && (
          <ul class="problems" aria-label="Other problems">
            {other.map(([name, message]) => (
              <li key={name}>
                {name ? <code>{name}</code> : null} {message}
              </li>
            ))}
          </ul>
        )}
        <p class="actions">
          <button type="submit" class="primary" disabled={sending}>
            {sending ? "Sending…" : "Send request"}
          </button>
          {attempted && Object.keys(problems).length > 0 && (
            <span class="problem-count" role="alert">
              {Object.keys(problems).length} field
              {Object.keys(problems).length === 1 ? " needs" : "s need"} attention: nothing was
              sent.
            </span>
          )}
        </p>
      </form>

      {/* Present before any answer, so that screen readers announce each one. */}
      <p class="visually-hidden" role="status">
        {sending
          ? "Sending…"
          : exchange
            ? exchange.status === 0
              ? `No answer: ${exchange.error ?? ""}`
              : `Answered ${exchange.status} in ${Math.round(exchange.ms)} ms`
            : ""}
      </p>
      {exchange && <ResponseView exchange={exchange} />}
      {follow && target.controls && (
        <p class="follow">
          <a href={`#/jobs/${follow}`}>Follow job {follow}</a>
        </p>
      )}

      <CopyView
        snippets={[
          { id: "curl", label: "curl", text: asCurl(target, request, FORMS.keyHeader) },
          { id: "typescript", label: "TypeScript", text: asTypeScript(target, op, draft) },
          { id: "ssemble", label: "ssemble command", text: asCommand(target, op, draft) },
        ]}
        hint={
          keyEnv(target) === "SSEMBLE_API_KEY"
            ? "Each reads the key from $SSEMBLE_API_KEY."
            : `Each reads the key from $SSEMBLE_SANDBOX_KEY, never from $SSEMBLE_API_KEY: a real key is not sent to a sandbox or a mock. ${
                target.copyBase === target.apiBase
                  ? "Set it to this console's key to work in the same workspace."
                  : `They go to ${target.copyBase} (pnpm sandbox), which behaves like the sandbox in this page but keeps its own workspaces.`
              }`
        }
      />
    </article>
  );
}

/** The job an answer names (create's `requestId`), so the page can link to it. */
function requestIdOf(body: unknown): string | undefined {
  const id = (body as { data?: { requestId?: unknown } } | null)?.data?.requestId;
  return typeof id === "string" && /^[0-9a-f]{24}$/i.test(id) ? id : undefined;
}

function bodyOfValues(values: Values): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values)
      .filter(([k]) => k.startsWith("body."))
      .map(([k, v]) => [k.slice(5), v]),
  );
}

/** A 400's `details`, when it is a map of field → message (what the sandbox and the API send). */
function detailsOf(body: unknown): Problems {
  const details = (body as { error?: { details?: unknown } } | null)?.error?.details;
  if (!details || typeof details !== "object" || Array.isArray(details)) return {};
  return Object.fromEntries(
    Object.entries(details).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
  );
}

const fieldId = (f: FieldModel) => `field-${f.in}-${f.name}`;

function Field(props: {
  f: FieldModel;
  value: string;
  onInput: (text: string) => void;
  problem?: string | undefined;
  note?: string | undefined;
  required?: boolean;
}) {
  const { f, value, onInput, problem, note } = props;
  const required = props.required ?? f.required;
  const id = fieldId(f);
  const described = [`${id}-help`, problem ? `${id}-problem` : "", note ? `${id}-note` : ""]
    .filter(Boolean)
    .join(" ");
  const common = {
    id,
    "aria-describedby": described,
    "aria-invalid": problem ? ("true" as const) : undefined,
    "aria-required": required ? ("true" as const) : undefined,
  };
  const unset = f.default === undefined ? "(not set)" : `(not set: ${String(f.default)})`;
  let control: JSX.Element;
  if (f.type === "boolean" || f.enum) {
    const choices = f.type === "boolean" ? ["true", "false"] : (f.enum ?? []).map(String);
    control = (
      <select
        {...common}
        value={value}
        onChange={(e) => onInput((e.target as HTMLSelectElement).value)}
      >
        <option value="">{unset}</option>
        {choices.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    );
  } else {
    control = (
      <input
        {...common}
        type="text"
        inputMode={f.type === "string" ? (f.format === "uri" ? "url" : "text") : "decimal"}
        autoComplete="off"
        spellcheck={false}
        value={value}
        placeholder={f.example === undefined ? "" : `e.g. ${String(f.example)}`}
        onInput={(e) => onInput((e.target as HTMLInputElement).value)}
      />
    );
  }
  return (
    <div class={problem ? "field invalid" : "field"}>
      <label for={id}>
        <code>{f.name}</code>
        {required ? <span class="required"> (required)</span> : null}
        <span class="type"> {f.type}</span>
      </label>
      {control}
      {problem && (
        <p class="problem" id={`${id}-problem`}>
          {f.name} {problem}
        </p>
      )}
      {note && (
        <p class="note" id={`${id}-note`}>
          {f.name} is {note}
        </p>
      )}
      <Prose text={f.description} id={`${id}-help`} class="help" />
    </div>
  );
}
