// @ssemble/console: the console's built files, for a server to serve (the sandbox serves them under
// /_sandbox/console/), and the Content-Security-Policy they are built to run under.
import { readdirSync, readFileSync } from "node:fs";
import { extname } from "node:path";

/**
 * The policy the console's page runs under: its own scripts, styles and icon only, no inline script, no eval,
 * clip media only from the blob: URLs it makes, requests to its own origin and to `connect` (the docs add the
 * sandbox and mock on this machine, and the receivers the in-page sandbox delivers webhooks to).
 */
export function consoleCsp(connect: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "media-src blob:",
    `connect-src ${["'self'", ...connect].join(" ")}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** The policy of the page the sandbox serves: it talks to that sandbox only. */
export const CONSOLE_CSP = consoleCsp();

const escapeHtml = (text: string) =>
  text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");

/**
 * The console's HTML page: the one the sandbox serves (built into dist/site/index.html) and the docs' console.html,
 * which puts the script and style under `assets/` and, served as static files, carries its policy in a <meta>.
 */
export function consolePage(
  options: { title?: string; assets?: string; csp?: string } = {},
): string {
  const { title = "Ssemble console", assets = "", csp } = options;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
${csp ? `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">\n` : ""}<title>${escapeHtml(title)}</title>
<link rel="icon" href="favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="${escapeHtml(assets)}console.css">
<script type="module" src="${escapeHtml(assets)}console.js"></script>
</head>
<body>
<div id="console"><p class="loading">Loading the console…</p></div>
<noscript><p>The console needs JavaScript.</p></noscript>
</body>
</html>
`;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".map": "application/json; charset=utf-8",
};

export interface ConsoleFile {
  /** `index.html`, `console.js`, ... */
  name: string;
  type: string;
  body: Uint8Array;
}

const SITE = new URL("./site/", import.meta.url);

/** The files of the console's page (index.html, its script and style), read once per call. */
export function consoleFiles(): ConsoleFile[] {
  return readdirSync(SITE)
    .filter((name) => TYPES[extname(name)] !== undefined && name !== "app.js")
    .map((name) => ({
      name,
      type: TYPES[extname(name)] ?? "application/octet-stream",
      body: readFileSync(new URL(name, SITE)),
    }));
}
