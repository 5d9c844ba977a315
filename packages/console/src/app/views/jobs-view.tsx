// The workspace's jobs, newest first, live: status, step and a progress bar each.
import { type Live, useLoad } from "../live.js";
import type { JobView } from "../sandbox-api.js";

export function StatusBadge({ status }: { status: string }) {
  return <span class={`badge status-badge status-${status}`}>{status}</span>;
}

export function JobsView({ live }: { live: Live }) {
  const jobs = useLoad(
    () => live.api.get<{ jobs: JobView[] }>("/_sandbox/jobs"),
    [live.api, live.version],
  );
  return (
    <section aria-labelledby="jobs-title">
      <h2 id="jobs-title">Jobs</h2>
      {jobs.state === "error" && <p role="alert">Could not load the jobs: {jobs.message}</p>}
      {jobs.state === "ready" && jobs.value.jobs.length === 0 && (
        <p>
          No jobs in this workspace yet: <a href="#/operations/createShort">create one</a>.
        </p>
      )}
      {jobs.state === "ready" && jobs.value.jobs.length > 0 && (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Job</th>
              <th scope="col">Source</th>
              <th scope="col">Status</th>
              <th scope="col">Step</th>
              <th scope="col">Progress</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {jobs.value.jobs.map((j) => (
              <tr key={j.requestId}>
                <td>
                  <a href={`#/jobs/${j.requestId}`}>
                    <code>{j.requestId}</code>
                  </a>
                </td>
                <td class="source">{j.source}</td>
                <td>
                  <StatusBadge status={j.status} />
                </td>
                <td>{j.step}</td>
                <td>
                  <progress
                    max={100}
                    value={j.progress}
                    aria-label={`Progress of job ${j.requestId}`}
                  />{" "}
                  {j.progress}%
                </td>
                <td>{j.createdAt.replace("T", " ").slice(0, 19)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
