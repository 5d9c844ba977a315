// POSIX shell quoting and curl command lines, for generated docs (MOCK.md, the reference's code samples).

/** Quotes a string for a POSIX shell: single quotes, with each inner `'` closed, escaped and reopened. */
export const shellQuote = (value: string): string => `'${value.replaceAll("'", `'\\''`)}'`;

/** A header value, or the name of an environment variable the shell expands (e.g. `$SSEMBLE_API_KEY`). */
export type HeaderValue = string | { env: string };

export interface CurlOptions {
  method: string;
  url: string;
  headers?: ReadonlyArray<readonly [name: string, value: HeaderValue]>;
  /** Sent as `-d` with `Content-Type: application/json`; already serialised, so the caller picks the layout. */
  body?: string | undefined;
  /** `-s`: no progress meter. */
  silent?: boolean;
  /** Leave `-X GET` out (curl's default). */
  omitGet?: boolean;
  /** One flag per line, joined with ` \` continuations, as docs show them. */
  multiline?: boolean;
}

/** A curl command line that a POSIX shell runs as written. */
export function curlCommand(options: CurlOptions): string {
  const method = options.method.toUpperCase();
  const head = ["curl"];
  if (options.silent) head.push("-s");
  if (!(options.omitGet && method === "GET")) head.push(`-X ${method}`);
  head.push(shellQuote(options.url));
  const flags = (options.headers ?? []).map(([name, value]) =>
    typeof value === "string"
      ? `-H ${shellQuote(`${name}: ${value}`)}`
      : `-H "${name}: $${assertEnvName(value.env)}"`,
  );
  if (options.body !== undefined) {
    flags.push("-H 'Content-Type: application/json'", `-d ${shellQuote(options.body)}`);
  }
  if (!options.multiline) return [...head, ...flags].join(" ");
  return [head.join(" "), ...flags.map((flag) => `  ${flag}`)].join(" \\\n");
}

function assertEnvName(name: string): string {
  // Inside double quotes the shell expands more than `$NAME`: refuse anything but a plain variable name.
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not a variable name: ${name}`);
  return name;
}
