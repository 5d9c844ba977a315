// The page of browser.test.ts, bundled with esbuild: the sandbox in the page, MSW's service worker in front of
// it, the client making ordinary requests, and the job's progress rendered until it completes.
import { createSsembleClient } from "@ssemble/client";
import { createBrowserSandbox } from "@ssemble/sandbox/browser";
import { sandboxHandlers } from "@ssemble/sandbox/msw";
import { setupWorker } from "msw/browser";

// The policy is in force for this page's own code (a test's evaluate() would be exempt): no eval of any kind.
try {
  new Function("return 1")();
  document.body.dataset.eval = "allowed";
} catch {
  document.body.dataset.eval = "blocked";
}

const apiKey = "sk_ssemble_browserPage000000000000000000000";
// Same origin as the page, so the CSP's `connect-src 'self'` holds for the requests MSW answers.
const baseUrl = `${location.origin}/api/v1`;
const sandbox = createBrowserSandbox({ clock: { mode: "manual" } });
const worker = setupWorker(...sandboxHandlers(sandbox, { baseUrl }));
await worker.start({
  serviceWorker: { url: "/mockServiceWorker.js" },
  onUnhandledRequest: "error",
  quiet: true,
});

const ssemble = createSsembleClient({ apiKey, baseUrl, dangerouslyAllowBrowser: true });
const steps = document.getElementById("steps") as HTMLOListElement;
const bar = document.getElementById("bar") as HTMLProgressElement;
const show = (text: string) => {
  const item = document.createElement("li");
  item.textContent = text;
  steps.append(item);
};

const { requestId } = await ssemble.shorts.create({
  url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
  start: 0,
  end: 120,
});
const workspace = sandbox.workspace(apiKey);
for (;;) {
  const job = await ssemble.shorts.status(requestId);
  bar.value = job.progress;
  show(`${job.status} ${job.step ?? ""} ${job.progress}%`);
  if (job.status === "completed") break;
  await workspace.clock.advance(3_000);
}
const result = await ssemble.shorts.get(requestId);
show(`${result.shorts.length} clips`);
document.body.dataset.done = "true";
