const MASK = "[redacted]";

/**
 * Builds a scrubber that removes the API key from anything the server or an underlying library might echo
 * back (an error message quoting the header, a `details` object), before it can reach an error or a log.
 */
export function createRedactor(secret: string): <T>(value: T) => T {
  const scrub = (value: unknown, depth: number): unknown => {
    if (typeof value === "string")
      return value.includes(secret) ? value.split(secret).join(MASK) : value;
    if (depth > 8 || value === null || typeof value !== "object") return value;
    if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[scrub(k, depth + 1) as string] = scrub(v, depth + 1);
    return out;
  };
  return <T>(value: T) => scrub(value, 0) as T;
}
