// The webhook delivery journal, newest first: event, job, attempt, where, and what the receiver said.
import { type Live, useLoad } from "../live.js";
import type { Delivery } from "../sandbox-api.js";
import { JsonView } from "./json-view.js";

export function DeliveriesTable({ deliveries, live }: { deliveries: Delivery[]; live: Live }) {
  return (
    <table class="table">
      <thead>
        <tr>
          <th scope="col">At</th>
          <th scope="col">Event</th>
          <th scope="col">Job</th>
          <th scope="col">Attempt</th>
          <th scope="col">Receiver</th>
          <th scope="col">Answer</th>
          <th scope="col">Payload</th>
        </tr>
      </thead>
      <tbody>
        {deliveries.map((d, i) => (
          // A resend numbers itself after the attempts so far, so (job, attempt) can repeat: the index cannot.
          <tr key={`${i} ${d.requestId} ${d.attempt}`}>
            <td>{d.at.replace("T", " ").slice(0, 19)}</td>
            <td>
              <code>{d.event}</code>
            </td>
            <td>
              <a href={`#/jobs/${d.requestId}`}>
                <code>{d.requestId}</code>
              </a>
            </td>
            <td>
              {d.attempt}
              {d.resent ? " (resent)" : ""}
            </td>
            <td class="source">{d.url}</td>
            <td class={d.status !== undefined && d.status < 300 ? "ok" : "bad"}>
              {d.status !== undefined ? `HTTP ${d.status}` : d.error}
            </td>
            <td>
              <Payload live={live} id={d.requestId} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function WebhooksView({ live }: { live: Live }) {
  const journal = useLoad(
    () => live.api.get<{ deliveries: Delivery[] }>("/_sandbox/webhooks"),
    [live.api, live.version],
  );
  return (
    <section aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">Webhook deliveries</h2>
      <p class="muted">
        Every attempt to call a job's <code>webhookUrl</code> (retried at +1 s and +3 s of the
        sandbox clock until a 2xx). A job's page sends its event again.
      </p>
      {journal.state === "error" && <p role="alert">{journal.message}</p>}
      {journal.state === "ready" &&
        (journal.value.deliveries.length === 0 ? (
          <p>No deliveries yet: create a job with a webhookUrl and let it end.</p>
        ) : (
          <DeliveriesTable deliveries={[...journal.value.deliveries].reverse()} live={live} />
        ))}
    </section>
  );
}

export function Payload({ live, id }: { live: Live; id: string }) {
  const payload = useLoad(
    () => live.api.get<unknown>(`/_sandbox/webhooks/${encodeURIComponent(id)}/payload`),
    [live.api, id],
  );
  return (
    <details class="payload">
      <summary>Event payload</summary>
      {payload.state === "ready" && <JsonView value={payload.value} label="Event payload" />}
      {payload.state === "error" && <p role="alert">{payload.message}</p>}
    </details>
  );
}
