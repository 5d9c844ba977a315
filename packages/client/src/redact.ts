const MASK = "[redacted]";
/** What stands in for anything nested deeper than MAX_DEPTH: never the original, which could hold the key. */
export const TOO_DEEP = "[too deep]";
const MAX_DEPTH = 32;

export type Redactor = <T>(value: T) => T;

/**
 * Builds a scrubber that removes the API key from anything the server or an underlying library might echo
 * back (an error message quoting the header, a `details` object, a `cause` chain), before it can reach an error
 * or a log. It returns copies (plain objects with own properties only, errors as new Errors) with a marker
 * beyond MAX_DEPTH levels, so that the result is always safe to `JSON.stringify`.
 */
export function createRedactor(secret: string): Redactor {
  // fetch percent-encodes some characters when a key ends up in a URL.
  const forms = [...new Set([secret, encodeURIComponent(secret)])];
  const text = (s: string): string => {
    let out = s;
    for (const f of forms) if (out.includes(f)) out = out.split(f).join(MASK);
    return out;
  };
  const scrub = (value: unknown, depth: number): unknown => {
    if (typeof value === "string") return text(value);
    if (value === null || typeof value !== "object") return value;
    if (depth >= MAX_DEPTH) return TOO_DEEP;
    if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
    const isError = value instanceof Error;
    const out = isError ? new Error() : {};
    // An error's message, stack, name, cause and (AggregateError) errors are not enumerable, or inherited.
    const keys = isError ? [...ERROR_FIELDS, ...Object.keys(value)] : Object.keys(value);
    for (const k of keys) {
      if (!(k in value)) continue;
      // Defined, not assigned: a `__proto__` key must stay a key, not become the copy's prototype.
      Object.defineProperty(out, text(k), {
        value: scrub((value as Record<string, unknown>)[k], depth + 1),
        enumerable: Object.prototype.propertyIsEnumerable.call(value, k),
        writable: true,
        configurable: true,
      });
    }
    return out;
  };
  return <T>(value: T) => scrub(value, 0) as T;
}

const ERROR_FIELDS = ["name", "message", "stack", "cause", "errors"];
