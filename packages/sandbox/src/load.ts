// What the engine runs on, read from disk by the Node entry: the bundled spec, the generated model, the clip MP4.
// Each call reads fresh copies, so a caller may change its own (tests build engines with a broken model).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { SandboxModel } from "./core/model.js";

const require = createRequire(import.meta.url);

export function loadInputs(): {
  document: object;
  model: SandboxModel;
  media: Uint8Array<ArrayBuffer>;
} {
  const document = JSON.parse(
    readFileSync(require.resolve("@ssemble/spec/openapi.json"), "utf8"),
  ) as object;
  const model = JSON.parse(
    readFileSync(new URL("../generated/model.json", import.meta.url), "utf8"),
  ) as SandboxModel;
  // A 1-second, 108x192 (9:16) H.264 MP4 of 1.7 kB: every clip serves it, so download flows can be tested.
  const media = new Uint8Array(readFileSync(new URL("../media/clip.mp4", import.meta.url)));
  return { document, model, media };
}
