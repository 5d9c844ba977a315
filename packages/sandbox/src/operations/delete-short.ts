// DELETE /shorts/{id}: removes the job (a running one stops with it); the credit is not refunded.
import type { Operation } from "./context.js";
import { findJob } from "./jobs.js";

export const deleteShort: Operation<"deleteShort"> = (ctx) => {
  const job = findJob(ctx);
  ctx.workspace.jobs.remove(job, ctx.now);
  return { status: 200, body: { data: { ...ctx.model.deleted } } };
};
