// GET /shorts: the caller's jobs, filtered by status, sorted, paginated, over their state now. Only the page's rows
// are built; the default (newest first, no filter) reads the page straight off the creation-ordered index.
import { type Job, type JobState, stateAt } from "../core/jobs.js";
import { iso, type Operation } from "./context.js";
import { pageParams, pagination } from "./paginate.js";

interface Row {
  job: Job;
  state: JobState;
}

const view = ({ job, state }: Row) => ({
  requestId: job.id,
  status: state.status,
  progress: state.progress,
  createdAt: iso(job.createdAt),
  updatedAt: iso(state.updatedAt),
  url: job.source,
  duration: job.end - job.start,
});

export const listShorts: Operation<"listShorts"> = ({ model, workspace, now, params }) => {
  const { page: p, limit } = pageParams(params);
  const status = params.status as string | undefined;
  const byUpdate = params.sortBy === "updatedAt";
  const ascending = params.sortOrder === "asc";
  const jobs = workspace.jobs.ordered;
  const from = (p - 1) * limit;
  let total: number;
  let rows: Row[];
  if (status === undefined && !byUpdate) {
    total = jobs.length;
    rows = [];
    for (let i = from; i < Math.min(from + limit, total); i++) {
      const job = jobs[ascending ? i : total - 1 - i] as Job;
      rows.push({ job, state: stateAt(job, now, model) });
    }
  } else {
    let all: Row[] = jobs.map((job) => ({ job, state: stateAt(job, now, model) }));
    if (status !== undefined) all = all.filter((r) => r.state.status === status);
    if (!ascending) all.reverse();
    // A stable sort: ties (jobs changed the same millisecond) keep the creation order of the direction asked for,
    // so pages never shuffle between calls.
    if (byUpdate) {
      all.sort((a, b) =>
        ascending ? a.state.updatedAt - b.state.updatedAt : b.state.updatedAt - a.state.updatedAt,
      );
    }
    total = all.length;
    rows = all.slice(from, from + limit);
  }
  return {
    status: 200,
    body: {
      data: {
        requests: rows.map(view),
        pagination: pagination(p, limit, total),
      },
    },
  };
};
