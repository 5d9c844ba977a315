// @ts-check
// The two pages of the site. Both forbid every origin but their own through a Content-Security-Policy,
// so a stray remote URL fails visibly (a console error the browser tests catch) instead of leaking.
import { SAMPLE_ID } from "@ssemble/openapi-model";

/** @param {unknown} value */
export function escapeHtml(value) {
  return String(value)
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/**
 * JSON safe to place inside a <script type="application/json"> element.
 * @param {unknown} value
 */
export function scriptJson(value) {
  return JSON.stringify(value).replaceAll("<", "\\u003c");
}

// Redoc injects <style> elements (styled-components) and runs its search index in a blob: worker.
const REFERENCE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "font-src 'self'; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'none'";
const LANDING_CSP =
  "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'";

export const TOPBAR_HEIGHT = 48;

/** System font stacks: Redoc's defaults name Montserrat/Roboto, which a offline site cannot load. */
const SANS = 'system-ui, -apple-system, "Segoe UI", "DejaVu Sans", "Liberation Sans", sans-serif';
const MONO = 'ui-monospace, "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace';

export const REDOC_OPTIONS = {
  scrollYOffset: TOPBAR_HEIGHT,
  hideDownloadButton: true, // its download would be the docs copy; the real contract is linked instead
  expandResponses: "200",
  requiredPropsFirst: true,
  jsonSampleExpandLevel: 3,
  menuToggle: true,
  theme: {
    colors: { primary: { main: "#5b3cc4" } },
    typography: {
      fontFamily: SANS,
      headings: { fontFamily: SANS },
      code: { fontFamily: MONO },
    },
    sidebar: { width: "280px" },
  },
};

/**
 * @param {{ title: string; spec: unknown }} input
 */
export function referencePage({ title, spec }) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${REFERENCE_CSP}">
<title>${escapeHtml(title)} — reference</title>
<link rel="icon" href="favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="assets/reference.css">
</head>
<body>
<header class="topbar">
  <a class="brand" href="index.html">${escapeHtml(title)} docs</a>
  <nav>
    <a href="index.html">Home</a>
    <a href="openapi.yaml" download>openapi.yaml</a>
    <a href="openapi.json" download>openapi.json</a>
  </nav>
</header>
<div id="redoc"></div>
<script id="redoc-spec" type="application/json">${scriptJson(spec)}</script>
<script id="redoc-options" type="application/json">${scriptJson(REDOC_OPTIONS)}</script>
<script src="assets/redoc.standalone.js"></script>
<script src="assets/reference.js"></script>
</body>
</html>
`;
}

/**
 * @param {{
 *   spec: Record<string, any>;
 *   guides: { title: string; anchor: string }[];
 *   operations: { method: string; path: string; summary: string; anchor: string }[];
 *   webhooks: { name: string; summary: string; anchor: string }[];
 *   downloads: { file: string; bytes: number }[];
 *   redocVersion: string;
 * }} input
 */
export function landingPage({ spec, guides, operations, webhooks, downloads, redocVersion }) {
  const assistantGuide = guides.find((g) => /\bAI assistant\b/.test(g.title));
  const title = String(spec.info?.title ?? "API");
  const version = String(spec.info?.version ?? "");
  const mock = String(
    (spec.servers ?? []).find((/** @type {any} */ s) => /127\.0\.0\.1|localhost/.test(s.url))
      ?.url ?? "http://127.0.0.1:4010",
  );
  const production = String(spec.servers?.[0]?.url ?? "");
  const sandboxGuide = guides.find((g) => g.title === "Sandbox");
  const kb = (/** @type {number} */ bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${LANDING_CSP}">
<title>${escapeHtml(title)} docs</title>
<link rel="icon" href="favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="assets/site.css">
</head>
<body>
<main>
<header>
  <h1>${escapeHtml(title)} docs</h1>
  <p class="lead">The contract, reference and guides for the ${escapeHtml(title)}: it turns long videos (a YouTube
  URL or a public file URL) into short vertical clips with captions, music and overlays. Jobs are asynchronous —
  create one, wait for it (webhook, batch polling or the client's <code>track</code>), then fetch the clips.</p>
  <p class="meta">API description version <strong>${escapeHtml(version)}</strong> · production base URL
  <code>${escapeHtml(production)}</code> · rendered with Redoc ${escapeHtml(redocVersion)}, entirely offline.</p>
</header>

<section class="cards">
  <a class="card" id="card-reference" href="reference.html">
    <h2>API reference</h2>
    <p>Every operation and webhook with schemas, examples, and curl and TypeScript samples.</p>
  </a>
  <a class="card" id="card-console" href="console.html">
    <h2>The console</h2>
    <p>Run any operation from your browser against a sandbox living in the page: forms from the spec, jobs you
    watch and fast-forward, clips, webhooks. No key, no credits, nothing leaves the page.</p>
  </a>
  <a class="card" id="card-quickstart" href="reference.html#${escapeHtml(guides[0]?.anchor ?? "")}">
    <h2>Quickstart</h2>
    <p>Your first short with <code>@ssemble/client</code> in a dozen lines.</p>
  </a>
  <a class="card" id="card-mock" href="${escapeHtml(mock)}">
    <h2>The mock</h2>
    <p>Prism on <code>${escapeHtml(mock)}</code>, answering from this contract — start it with <code>pnpm dev</code>.</p>
  </a>${
    sandboxGuide
      ? `
  <a class="card" id="card-sandbox" href="reference.html#${escapeHtml(sandboxGuide.anchor)}">
    <h2>The sandbox</h2>
    <p>A stateful API on <code>http://127.0.0.1:4020</code>: jobs that progress on a clock you control, webhooks,
    rate limits — <code>pnpm dev</code> starts it too.</p>
  </a>`
      : ""
  }
</section>

<section>
  <h2>Guides</h2>
  <ul class="guides">
${guides.map((g) => `    <li><a href="reference.html#${escapeHtml(g.anchor)}">${escapeHtml(g.title)}</a></li>`).join("\n")}
  </ul>
</section>

<section>
  <h2>Operations</h2>
  <table class="ops">
    <thead><tr><th>Method</th><th>Path</th><th>What it does</th></tr></thead>
    <tbody>
${operations
  .map(
    (op) =>
      `      <tr><td><span class="method ${escapeHtml(op.method)}">${escapeHtml(op.method.toUpperCase())}</span></td>` +
      `<td><code>${escapeHtml(op.path)}</code></td>` +
      `<td><a href="reference.html#${escapeHtml(op.anchor)}">${escapeHtml(op.summary)}</a></td></tr>`,
  )
  .join("\n")}
${webhooks
  .map(
    (w) =>
      `      <tr><td><span class="method webhook">WEBHOOK</span></td><td><code>${escapeHtml(w.name)}</code></td>` +
      `<td><a href="reference.html#${escapeHtml(w.anchor)}">${escapeHtml(w.summary)}</a></td></tr>`,
  )
  .join("\n")}
    </tbody>
  </table>
</section>

<section>
  <h2>Downloads</h2>
  <p>The bundled OpenAPI 3.1 description, exactly as <code>@ssemble/spec</code> publishes it:</p>
  <ul class="downloads">
${downloads.map((d) => `    <li><a href="${escapeHtml(d.file)}" download>${escapeHtml(d.file)}</a> <span>(${kb(d.bytes)})</span></li>`).join("\n")}
  </ul>
</section>

<section>
  <h2>For AI assistants</h2>
  <p>${assistantGuide ? `<a href="reference.html#${escapeHtml(assistantGuide.anchor)}">${escapeHtml(assistantGuide.title)}</a>: the Ssemble MCP server (<code>@ssemble/mcp-server</code>) for Claude, Cursor, VS Code and other MCP clients. ` : ""}For agents that read docs: <a href="llms.txt">llms.txt</a> indexes every guide and operation as Markdown, and <a href="llms-full.txt">llms-full.txt</a> holds them all in one file.</p>
</section>

<section>
  <h2>Try it against the mock</h2>
  <pre><code>pnpm dev   # the mock on ${escapeHtml(mock)}, these docs on http://127.0.0.1:8080

curl -H "X-API-Key: sk_ssemble_mock" -H "Prefer: example=completed" \\
  ${escapeHtml(mock)}/shorts/${SAMPLE_ID}/status</code></pre>
</section>
</main>
</body>
</html>
`;
}
