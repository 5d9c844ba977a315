// GET /shorts/{id}
import type { Operation } from "./context.js";
import { findJob, resultOf, stateOf } from "./jobs.js";

export const getShort: Operation<"getShort"> = (ctx) => {
  const job = findJob(ctx);
  return { status: 200, body: { data: resultOf(job, stateOf(job, ctx), ctx) } };
};
