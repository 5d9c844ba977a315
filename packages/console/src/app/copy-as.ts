// A request as something to paste: curl, TypeScript with @ssemble/client, or an `ssemble` command. The key is
// never in them: each reads it from the environment, and from a variable of its own for anything but production
// ($SSEMBLE_SANDBOX_KEY), so that a real key kept in $SSEMBLE_API_KEY is never sent to a sandbox or a mock.
import { curlCommand, shellQuote } from "@ssemble/openapi-model/shell";
import type { OperationId } from "@ssemble/types/operations";
import { FORMS, type OperationForm } from "./model.js";
import type { Draft, PreparedRequest } from "./request.js";
import type { ConsoleTarget } from "./target.js";

/** Where each copy reads its key: the real one for production, a sandbox key for everything else. */
export const keyEnv = (target: ConsoleTarget) =>
  isProduction(target) ? "SSEMBLE_API_KEY" : "SSEMBLE_SANDBOX_KEY";
const isProduction = (target: ConsoleTarget) => target.copyBase === FORMS.production;
/** Named apart so that the repository's import checks do not read the sample as this module's import. */
const CLIENT_PACKAGE = "@ssemble/client";

export function asCurl(target: ConsoleTarget, request: PreparedRequest, keyHeader: string): string {
  return curlCommand({
    method: request.method,
    url: `${target.copyBase}${request.target}`,
    headers: [[keyHeader, { env: keyEnv(target) }]],
    body: request.body,
    omitGet: true,
    multiline: true,
  });
}

/** A JavaScript literal for a JSON value: keys unquoted where they can be. */
function literal(value: unknown, indent = ""): string {
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, indent)).join(", ")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value);
    if (entries.length === 0) return "{}";
    const inner = `${indent}  `;
    const lines = entries.map(
      ([k, v]) =>
        `${inner}${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${literal(v, inner)},`,
    );
    return `{\n${lines.join("\n")}\n${indent}}`;
  }
  return JSON.stringify(value);
}

interface CallInput {
  draft: Draft;
  id: string;
  query: string;
  /** Field → the switch it is used with (`x-used-with`). */
  usedWith: Record<string, string>;
}

/** Per operation, the client call and the `ssemble` command: an operation the spec adds must be given both. */
const CALLS: {
  [K in OperationId]: { ts: (a: CallInput) => string; cli: (a: CallInput) => string[] };
} = {
  createShort: {
    ts: (a) => `await ssemble.shorts.create(${literal(a.draft.body ?? {})})`,
    cli: (a) => ["create", ...createFlags(a.draft.body ?? {}, a.usedWith)],
  },
  getShortStatus: {
    ts: (a) => `await ssemble.shorts.status(${a.id})`,
    cli: (a) => ["status", a.draft.path.id ?? ""],
  },
  getShort: {
    ts: (a) => `await ssemble.shorts.get(${a.id})`,
    cli: (a) => ["get", a.draft.path.id ?? ""],
  },
  deleteShort: {
    ts: (a) => `await ssemble.shorts.delete(${a.id})`,
    cli: (a) => ["delete", a.draft.path.id ?? "", "--yes"],
  },
  listShorts: {
    ts: (a) => `await ssemble.shorts.list(${a.query}).page(${pageOf(a.draft)})`,
    cli: (a) => ["list", ...queryFlags(a.draft)],
  },
  listTemplates: {
    ts: () => "await ssemble.templates.list()",
    cli: () => ["templates"],
  },
  listMusic: {
    ts: (a) => `await ssemble.music.list(${a.query}).page(${pageOf(a.draft)})`,
    cli: (a) => ["music", ...queryFlags(a.draft)],
  },
  listGameVideos: {
    ts: (a) => `await ssemble.gameVideos.list(${a.query}).page(${pageOf(a.draft)})`,
    cli: (a) => ["game-videos", ...queryFlags(a.draft)],
  },
  listMemeHooks: {
    ts: (a) => `await ssemble.memeHooks.list(${a.query}).page(${pageOf(a.draft)})`,
    cli: (a) => ["meme-hooks", ...queryFlags(a.draft)],
  },
};

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const pageOf = (draft: Draft) => Number(draft.query.page ?? 1);

function queryFlags(draft: Draft): string[] {
  return Object.entries(draft.query).map(([k, v]) => `--${kebab(k)}=${String(v)}`);
}

/**
 * The CLI's create flags: `--kebab-name=value` (a value starting with `-` stays a value); a switch is its flag
 * alone when true, nothing when false; a switch that a set field is used with (`x-used-with`) is implied by the
 * CLI and left out (`--cta-text` turns on the CTA). A field whose switch is explicitly off is left out too: the API
 * ignores it, and the CLI would read its flag as the switch on.
 */
function createFlags(body: Record<string, unknown>, usedWith: Record<string, string>): string[] {
  const implied = new Set(
    Object.keys(body)
      .map((k) => usedWith[k])
      .filter(Boolean),
  );
  return Object.entries(body).flatMap(([k, v]) => {
    if (typeof v === "boolean") return v && !implied.has(k) ? [`--${kebab(k)}`] : [];
    const off = usedWith[k] !== undefined && body[usedWith[k] ?? ""] === false;
    return off ? [] : [`--${kebab(k)}=${String(v)}`];
  });
}

const usedWithOf = (op: OperationForm): Record<string, string> =>
  Object.fromEntries(
    (op.body?.fields ?? []).flatMap((f) => (f.usedWith ? [[f.name, f.usedWith]] : [])),
  );

export function asTypeScript(target: ConsoleTarget, op: OperationForm, draft: Draft): string {
  const query = Object.fromEntries(Object.entries(draft.query).filter(([k]) => k !== "page"));
  const call = CALLS[op.operationId].ts({
    draft,
    id: JSON.stringify(draft.path.id ?? ""),
    query: Object.keys(query).length ? literal(query) : "",
    usedWith: usedWithOf(op),
  });
  const production = isProduction(target);
  return [
    `import { createSsembleClient } from "${CLIENT_PACKAGE}";`,
    "",
    "const ssemble = createSsembleClient({",
    `  apiKey: process.env.${keyEnv(target)}!,`,
    ...(production ? [] : [`  baseUrl: ${JSON.stringify(target.copyBase)},`]),
    "});",
    "",
    `const result = ${call};`,
    "console.log(result);",
  ].join("\n");
}

export function asCommand(target: ConsoleTarget, op: OperationForm, draft: Draft): string {
  const args = CALLS[op.operationId].cli({ draft, id: "", query: "", usedWith: usedWithOf(op) });
  // The key always by flag: `--sandbox` alone would use the CLI's own workspace, and `--base-url` alone the real
  // key of $SSEMBLE_API_KEY, which must not go to a sandbox or a mock.
  const global = isProduction(target) ? [] : [...target.cliFlags, "--api-key"];
  const key = isProduction(target) ? [] : [`"$${keyEnv(target)}"`];
  return ["ssemble", ...global.map(quote), ...key, ...args.map(quote)].join(" ");
}

/** Quoted for a POSIX shell only when it needs to be (a word starting with `=` is expanded by zsh). */
const quote = (word: string) =>
  /^[\w@%+:,./-][\w@%+=:,./-]*$/.test(word) ? word : shellQuote(word);
