// The API key format, one place: what the engine accepts, how it says why it refuses, and a maker of valid keys.

/**
 * `sk_ssemble_` and 32 letters, digits or underscores: 43 characters, the length Ssemble's own client states and
 * its server checks (spec/README.md, "API key format"). The real API also checks that the key exists; the sandbox
 * accepts any well-formed key, each its own workspace.
 */
export const API_KEY = /^sk_ssemble_[A-Za-z0-9_]{32}$/;

const PREFIX = "sk_ssemble_";
const KEY_LENGTH = 43;

/** Which rule a malformed key breaks, in words that never repeat the key; undefined for a well-formed one. */
export function keyProblem(key: string): string | undefined {
  if (API_KEY.test(key)) return undefined;
  if (!key.startsWith(PREFIX)) return `an API key starts with ${PREFIX}`;
  if (key.length !== KEY_LENGTH) {
    return `an API key is ${KEY_LENGTH} characters (${PREFIX} and 32 more); this one has ${key.length}`;
  }
  return `after ${PREFIX}, an API key has only letters, digits and _`;
}

/**
 * A well-formed sandbox key named `name` (letters, digits or _, at most 32), padded with zeros to the API's 43
 * characters: `sandboxKey("nosubscription")` is a magic key, `sandboxKey("alice")` an ordinary workspace.
 */
export function sandboxKey(name: string): string {
  if (!/^[A-Za-z0-9_]{0,32}$/.test(name)) {
    throw new TypeError("sandboxKey: a name is at most 32 letters, digits or _");
  }
  return `${PREFIX}${name.padEnd(32, "0")}`;
}
