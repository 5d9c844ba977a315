import type { TemplateList } from "@ssemble/types";
import type { ApiPromise } from "../api-promise.js";
import type { RequestOptions } from "../transport.js";
import { type ResourceDeps, send } from "./shared.js";

export interface TemplatesResource {
  /** GET /templates: every caption template and the account default (not paginated). */
  list(options?: RequestOptions): ApiPromise<TemplateList>;
}

export function createTemplatesResource(deps: ResourceDeps): TemplatesResource {
  return { list: (options) => send(deps, "listTemplates", {}, options) };
}
