// An answer as it came: status, time, the rate-limit headers, the body.
import type { Exchange } from "../request.js";
import { JsonView } from "./json-view.js";

const RATE_HEADERS = /^(x-ratelimit-|retry-after$)/i;

export function ResponseView({ exchange }: { exchange: Exchange }) {
  const ms = `${exchange.ms < 10 ? exchange.ms.toFixed(1) : Math.round(exchange.ms)} ms`;
  if (exchange.status === 0) {
    return (
      <section class="response" aria-labelledby="response-title">
        <h3 id="response-title">Response</h3>
        <p class="status status-error" role="alert">
          No answer after {ms}: {exchange.error}
        </p>
      </section>
    );
  }
  const rate = exchange.headers.filter(([name]) => RATE_HEADERS.test(name));
  const tone = exchange.status < 300 ? "ok" : exchange.status < 500 ? "warn" : "error";
  return (
    <section class="response" aria-labelledby="response-title">
      <h3 id="response-title">Response</h3>
      <p class={`status status-${tone}`} data-testid="response-status">
        <strong>{exchange.status}</strong> <span>{statusText(exchange.status)}</span> ·{" "}
        <span>{ms}</span>
      </p>
      {rate.length > 0 && (
        <dl class="headers" aria-label="Rate-limit headers">
          {rate.map(([name, value]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>{readable(name, value)}</dd>
            </div>
          ))}
        </dl>
      )}
      <JsonView value={exchange.body} label="Response body" />
    </section>
  );
}

/** Reset headers carry epoch seconds: shown with the time they mean. */
function readable(name: string, value: string): string {
  if (/reset/i.test(name) && /^\d{9,11}$/.test(value)) {
    return `${value} (${new Date(Number(value) * 1000).toLocaleTimeString()})`;
  }
  return value;
}

const TEXTS: Record<number, string> = {
  200: "OK",
  201: "Created",
  204: "No Content",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  413: "Payload Too Large",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};
const statusText = (status: number) => TEXTS[status] ?? "";
