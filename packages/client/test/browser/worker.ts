// A dedicated worker: no window, no document, but importScripts. Posts its attempt to the page.
import { attempt } from "./attempt.js";

attempt(self.location.origin).then(
  (result) => self.postMessage(result),
  (err: unknown) => self.postMessage({ error: String(err) }),
);
