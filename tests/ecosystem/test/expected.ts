// What the scenario must see, read from the spec's own examples: Prism answers each call with the first one.
import { createRequire } from "node:module";

interface Operation {
  responses: Record<
    string,
    { content: Record<string, { examples: Record<string, { value: unknown }> }> }
  >;
}
const spec = createRequire(import.meta.url)("@ssemble/spec/openapi.dereferenced.json") as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: { JobStatus: { enum: string[] } } };
};

/** The statuses a job can have: `jobStatusValues` of @ssemble/types lists exactly these. */
export const jobStatuses = spec.components.schemas.JobStatus.enum;

/** The spec's operations: `OPERATIONS` of @ssemble/client/operations has one entry per operation. */
export const operationCount = Object.values(spec.paths).flatMap((item) =>
  Object.values(item).filter((op) => typeof op === "object" && op !== null && "responses" in op),
).length;

function firstExample<T>(path: string, method: string, status: string): T {
  const examples =
    spec.paths[path]?.[method]?.responses[status]?.content["application/json"]?.examples;
  const first = Object.values(examples ?? {})[0];
  if (!first) throw new Error(`no example for ${method} ${path} ${status}`);
  return first.value as T;
}

const templates = firstExample<{ data: { templates: { templateId: string }[] } }>(
  "/templates",
  "get",
  "200",
);
const created = firstExample<{ data: { requestId: string } }>("/shorts/create", "post", "200");
const status = firstExample<{ data: { status: string } }>("/shorts/{id}/status", "get", "200");
const list = firstExample<{ data: { requests: { requestId: string }[] } }>("/shorts", "get", "200");
const notFound = firstExample<{ error: { code: string } }>("/shorts/{id}/status", "get", "404");

export const expected = {
  templates: templates.data.templates.map((t) => t.templateId),
  created: created.data.requestId,
  status: status.data.status,
  listed: list.data.requests.map((r) => r.requestId),
  // Page 2 is asked for; Prism answers it with page 1 again, and the walk stops there without repeating an item.
  listPages: [1, 2],
  notFound: {
    notFoundError: true,
    apiError: true,
    status: 404,
    code: notFound.error.code,
  },
};
