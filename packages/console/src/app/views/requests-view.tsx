// The request journal, newest first: what reached the sandbox with this key, and how it answered.
import { type Live, useLoad } from "../live.js";
import type { RequestRecord } from "../sandbox-api.js";

/** The newest requests shown: the journal keeps 1,000, each with its body. */
const SHOWN = 100;

export function RequestsView({ live }: { live: Live }) {
  const journal = useLoad(
    () => live.api.get<{ requests: RequestRecord[] }>(`/_sandbox/requests?limit=${SHOWN}`),
    [live.api, live.version],
  );
  return (
    <section aria-labelledby="requests-title">
      <h2 id="requests-title">Requests</h2>
      {journal.state === "error" && <p role="alert">{journal.message}</p>}
      {journal.state === "ready" &&
        (journal.value.requests.length === 0 ? (
          <p>No API request with this key yet.</p>
        ) : (
          <table class="table">
            <thead>
              <tr>
                <th scope="col">At</th>
                <th scope="col">Operation</th>
                <th scope="col">Request</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {[...journal.value.requests].reverse().map((r, i) => (
                <tr key={`${r.at} ${i}`}>
                  <td>{r.at.replace("T", " ").slice(0, 19)}</td>
                  <td>
                    <a href={`#/operations/${r.operationId}`}>{r.operationId}</a>
                  </td>
                  <td>
                    <code>
                      {r.method} {r.path}
                      {r.query ? `?${r.query}` : ""}
                    </code>
                    {r.body ? (
                      <details>
                        <summary>Body</summary>
                        <pre>{r.body}</pre>
                      </details>
                    ) : null}
                  </td>
                  <td class={r.status < 300 ? "ok" : "bad"}>{r.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
