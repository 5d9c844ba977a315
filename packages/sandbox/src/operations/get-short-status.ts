// GET /shorts/{id}/status
import type { Operation } from "./context.js";
import { findJob, stateOf, USER_EMAIL } from "./jobs.js";

export const getShortStatus: Operation<"getShortStatus"> = (ctx) => {
  const job = findJob(ctx);
  const s = stateOf(job, ctx);
  return {
    status: 200,
    body: {
      data: {
        _id: job.id,
        status: s.status,
        step: s.step,
        stepMessage: s.stepMessage,
        progress: s.progress,
        userEmail: USER_EMAIL,
        ...(s.failureReason !== undefined ? { failureReason: s.failureReason } : {}),
        isDemo: false,
      },
    },
  };
};
