// @ts-check
// The docs' console page: the console with a sandbox living in this page (nothing leaves the browser), or the
// sandbox and the mock `pnpm dev` starts on this machine. Bundled by the docs build (esbuild) into
// assets/console.js; the page's CSP allows no inline script and no eval, which the in-page sandbox never needs.
import { httpMock, httpSandbox, mount, pageSandbox } from "@ssemble/console/app";
import { createBrowserSandbox } from "@ssemble/sandbox/browser";

const sandbox = createBrowserSandbox({ clock: { mode: "running", speed: 1 } });
const root = document.getElementById("console");
if (root) {
  mount(root, {
    targets: [
      pageSandbox(sandbox.fetch, "A sandbox in this page"),
      httpSandbox("http://127.0.0.1:4020", "The sandbox on this machine (127.0.0.1:4020)"),
      httpMock("http://127.0.0.1:4010", "The mock on this machine (127.0.0.1:4010)"),
    ],
    home: { label: "Docs", href: "index.html" },
  });
}
