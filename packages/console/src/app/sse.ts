// The sandbox's event stream (GET /_sandbox/events) read with fetch, so that it carries the key header (an
// EventSource cannot) and works through an in-page sandbox's fetch too. Reconnects after a break, backing off.
import { createParser } from "eventsource-parser";
import type { ConsoleTarget } from "./target.js";

export interface StreamEvent {
  event: string;
  data: unknown;
}

export interface StreamHandlers {
  onEvent(event: StreamEvent): void;
  /** Connected (true) or lost (false): the page says which. */
  onState?(connected: boolean): void;
}

/** Follows the stream until the returned function is called. */
export function follow(
  target: ConsoleTarget,
  key: string,
  keyHeader: string,
  handlers: StreamHandlers,
): () => void {
  let stopped = false;
  let controller: AbortController | undefined;
  // Cancelled on stop too: an in-page sandbox's fetch has answered already and no longer hears the abort, but
  // cancelling the body reaches its stream (and ends its timers).
  let reader: ReadableStreamDefaultReader<string> | undefined;
  let retry = 500;
  const run = async () => {
    while (!stopped) {
      controller = new AbortController();
      try {
        const response = await target.fetch(`${target.apiBase}/_sandbox/events`, {
          headers: { [keyHeader]: key, accept: "text/event-stream" },
          signal: controller.signal,
        });
        if (!response.ok || !response.body) throw new Error(`events: ${response.status}`);
        if (stopped) {
          void response.body.cancel().catch(() => {});
          return;
        }
        handlers.onState?.(true);
        retry = 500;
        const parser = createParser({
          onEvent: (e) => {
            if (stopped) return;
            let data: unknown = e.data;
            try {
              data = JSON.parse(e.data);
            } catch {
              // not JSON: passed on as text
            }
            handlers.onEvent({ event: e.event ?? "message", data });
          },
        });
        reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        if (stopped) void reader.cancel().catch(() => {});
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          parser.feed(value);
        }
      } catch {
        // a break (or the stop): reconnect below, unless stopped
      }
      if (stopped) return;
      handlers.onState?.(false);
      await new Promise((resolve) => setTimeout(resolve, retry));
      retry = Math.min(retry * 2, 10_000);
    }
  };
  void run();
  return () => {
    stopped = true;
    controller?.abort();
    void reader?.cancel().catch(() => {});
  };
}
