// GET /shorts: the caller's jobs, filtered by status, sorted, paginated, over their state now.
import { stateAt } from "../core/jobs.js";
import { iso, type Operation } from "./context.js";
import { page } from "./paginate.js";

export const listShorts: Operation = ({ model, workspace, now, params }) => {
  const rows = [...workspace.jobs.values()].map((job) => ({
    job,
    state: stateAt(job, now, model),
  }));
  const status = params.status as string | undefined;
  const filtered = status === undefined ? rows : rows.filter((r) => r.state.status === status);
  const key = (params.sortBy as string | undefined) ?? "createdAt";
  const order = (params.sortOrder as string | undefined) === "asc" ? 1 : -1;
  const value = (r: (typeof rows)[number]) =>
    key === "updatedAt" ? r.state.updatedAt : r.job.createdAt;
  // Ties (jobs created in the same millisecond) keep creation order, so pages never shuffle between calls.
  const sorted = filtered
    .map((r, i) => ({ r, i }))
    .sort((a, b) => {
      const x = value(a.r);
      const y = value(b.r);
      return (x < y ? -1 : x > y ? 1 : 0) * order || (a.i - b.i) * order;
    })
    .map(({ r }) => ({
      requestId: r.job.id,
      status: r.state.status,
      progress: r.state.progress,
      createdAt: iso(r.job.createdAt),
      updatedAt: iso(r.state.updatedAt),
      url: r.job.source,
      duration: r.job.end - r.job.start,
    }));
  return { status: 200, body: { data: page("requests", sorted, params) } };
};
