// Text from the API (or any server) on its way to a terminal: control characters become visible escapes. A clip
// title like `\e]0;PWNED\a` would otherwise retitle the window, `\e[8m` hide what follows, `\r` or `\n` forge a
// line, a bidi override reorder it. --json never comes here: JSON escapes them itself and stays byte-exact.

// C0, DEL, C1, and the bidirectional overrides and isolates.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this module's job
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const visible = (ch: string): string => {
  const code = ch.charCodeAt(0);
  return code < 0x100
    ? `\\x${code.toString(16).padStart(2, "0")}`
    : `\\u${code.toString(16).padStart(4, "0")}`;
};

/** `text` with every control character shown as `\x1b` or `\u202e` instead of acting on the terminal. */
export function printable(text: string): string {
  return text.replace(UNSAFE, visible);
}
