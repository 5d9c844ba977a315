// Ajv's standalone code as an ES module that browsers and bundlers load: pages with a strict Content-Security-Policy
// forbid `new Function`, so validators they run are compiled at build time (the sandbox's browser entry, the console).

/**
 * `standaloneCode(ajv, exports)` output (with `code: { source: true, esm: true }`) made importable everywhere.
 * Ajv's ESM output still require()s its small CommonJS runtime helpers, always as `require(x).name`. Node, vite
 * and esbuild disagree on what importing CommonJS gives (Node: `module.exports` as the default; the bundlers:
 * `exports.default`, as the module sets __esModule), so each becomes a namespace import and `__pick` finds `name`
 * (a function, for `default`) in either shape. Throws on a require() of any other shape.
 */
export function esmStandalone(code: string): string {
  const imports: string[] = [];
  let body = code.replace(/^"use strict";/, "");
  body = body.replace(/require\("([^"]+)"\)\.(\w+)/g, (_, specifier: string, name: string) => {
    const id = `__runtime${imports.length}`;
    imports.push(`import * as ${id} from "${specifier}.js";`);
    return `__pick(${id}, ${JSON.stringify(name)})`;
  });
  if (/\brequire\(/.test(body))
    throw new Error("esmStandalone: a require() of a shape it does not know is left");
  if (imports.length > 0) {
    imports.push(
      "const __pick = (ns, name) => {",
      "  const direct = ns[name];",
      '  if (name === "default") return typeof direct === "function" ? direct : direct.default;',
      "  return direct ?? ns.default[name];",
      "};",
    );
  }
  return `${imports.join("\n")}\n${body}`;
}
