// @ssemble/sandbox/browser: the same sandbox for pages and workers, which can read no file and may forbid
// `new Function` (a strict Content-Security-Policy): the model, the clip and the validators were generated from
// the spec at build time (scripts/build-browser.mjs). Use it with `@ssemble/sandbox/msw` and msw/browser.
import { mediaBase64, model } from "../generated/inputs.js";
import { parameters, pointers } from "../generated/validators.js";
import { createEngine } from "./core/engine.js";
import type { SandboxModel } from "./core/model.js";
import type { Validators } from "./core/validator.js";
import { type CommonOptions, engineOptions, type InProcessSandbox, inProcess } from "./sandbox.js";

export { SpecViolationError } from "./core/errors.js";
export { API_KEY, sandboxKey } from "./core/keys.js";
export { MAGIC_KEYS, MAGIC_SOURCES } from "./core/magic.js";
export type {
  CommonOptions as BrowserSandboxOptions,
  InProcessSandbox,
  WorkspaceControls,
} from "./sandbox.js";

/** The validators generated at build time, behind the interface the engine uses. */
export const generatedValidators: Validators = {
  at(pointer) {
    const fn = pointers[pointer];
    if (!fn) throw new Error(`no generated validator for ${pointer}`);
    return fn;
  },
  parameter(operationId, name) {
    const fn = parameters[`${operationId} ${name}`];
    if (!fn) throw new Error(`no parameter ${name} on ${operationId}`);
    return fn;
  },
};

const decode = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));

export function createBrowserSandbox(options: CommonOptions = {}): InProcessSandbox {
  const engine = createEngine({
    // A fresh copy per sandbox: the engine never changes its model, but callers may.
    model: structuredClone(model) as SandboxModel,
    media: decode(mediaBase64),
    validators: generatedValidators,
    ...engineOptions(options),
  });
  return inProcess(engine, { tickMs: options.tickMs });
}
