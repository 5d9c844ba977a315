import type { TemplateList } from "@ssemble/types";
import type { ApiPromise } from "../api-promise.js";
import { listOf } from "../request.js";
import type { RequestOptions } from "../transport.js";
import type { ResourceDeps } from "./shared.js";

export interface TemplatesResource {
  /** GET /templates: every caption template and the account default (not paginated). */
  list(options?: RequestOptions): ApiPromise<TemplateList>;
}

export function createTemplatesResource({ ctx, raw }: ResourceDeps): TemplatesResource {
  return {
    list: (options) =>
      ctx.request(
        options,
        (init) => raw.GET("/templates", { ...init }),
        (body) => listOf<"listTemplates">(body, "templates", "templateId", false),
      ),
  };
}
