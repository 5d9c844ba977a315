// The page: the attempt in the page itself, then in a classic and a module dedicated worker; results go to
// `document.body.dataset.result` as JSON for the test to read (or `dataset.error` if a step failed).
import { attempt } from "./attempt.js";

const inWorker = (url: string, type: WorkerType) =>
  new Promise<unknown>((resolve, reject) => {
    const worker = new Worker(url, { type });
    worker.onmessage = (e) => resolve(e.data);
    worker.onerror = (e) => reject(new Error(`${url}: ${e.message || "failed to start"}`));
  });

try {
  const result = {
    page: await attempt(location.origin),
    classicWorker: await inWorker("/worker-classic.js", "classic"),
    moduleWorker: await inWorker("/worker-module.js", "module"),
  };
  document.body.dataset.result = JSON.stringify(result);
} catch (err) {
  document.body.dataset.error = String(err);
}
