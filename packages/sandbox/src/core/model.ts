// The shape of generated/model.json (scripts/build-model.mjs writes it from the bundled spec).

export interface ParameterModel {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  /** Inlined JSON Schema. */
  schema: object;
}

export interface OperationModel {
  operationId: string;
  method: string;
  path: string;
  parameters: ParameterModel[];
  body: { required: boolean; pointer: string } | null;
  /** Status → what the spec declares for that answer. */
  responses: Record<string, ResponseSpec>;
}

export interface ResponseSpec {
  /** JSON pointer of the body schema in the bundle (null: no body). */
  body: string | null;
  /**
   * Declared headers: lower-case name, whether required, JSON pointer of the schema, and the schema's `type` (a
   * header's value is text: an `integer` one is read as a number before it is validated).
   */
  headers: { name: string; required: boolean; pointer: string; type?: string }[];
}

export interface StepModel {
  status: string;
  step: string;
  stepMessage: string;
  progress: number;
}

export interface SandboxModel {
  /** The path production serves the API under (`/api/v1`); the sandbox answers there and at its root. */
  basePath: string;
  /** The create body's window rule, from the spec's `x-window`: `end - start` in [minSeconds, maxSeconds]. */
  window: { start: string; end: string; minSeconds: number; maxSeconds: number };
  operations: OperationModel[];
  webhooks: { event: string; pointer: string | undefined }[];
  /** The spec's error messages, keyed by example name (`invalidApiKey`, `videoTooLong`, ...). */
  messages: Record<string, string>;
  steps: StepModel[];
  failed: { step: string; stepMessage: string; failureReason: string };
  catalogs: {
    templates: {
      templates: { templateId: string; name: string }[];
      defaultTemplateId: string;
      defaultTemplateName: string;
    };
    music: { name: string }[];
    gameVideos: { name: string }[];
    memeHooks: { name: string }[];
  };
  /** The spec's completed job, the template of a result. */
  result: Record<string, unknown> & { shorts: Record<string, unknown>[]; sentences: unknown[] };
  /** The `data` of a delete's 200 answer. */
  deleted: { message: string };
}
