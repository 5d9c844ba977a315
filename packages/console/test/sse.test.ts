// The event stream follower: events parsed as they come, and a stop that really stops, even with a fetch that no
// longer hears its abort signal (an in-page sandbox's, which has answered already).
import { describe, expect, it } from "vitest";
import { follow, type StreamEvent } from "../src/app/sse.js";
import { pageSandbox } from "../src/app/target.js";

function streamTarget() {
  let cancelled = 0;
  let push: (text: string) => void = () => {};
  const fetch = async (_input: string, _init?: RequestInit) => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        push = (text) => {
          try {
            controller.enqueue(new TextEncoder().encode(text));
          } catch {
            // cancelled: nothing reads it any more
          }
        };
      },
      cancel() {
        cancelled += 1;
      },
    });
    // The signal is ignored, as an in-page sandbox's fetch does once it has answered.
    return new Response(body, { headers: { "content-type": "text/event-stream" } });
  };
  return { target: pageSandbox(fetch), push: (t: string) => push(t), cancelled: () => cancelled };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

describe("follow", () => {
  it("parses events, then stops hearing them and cancels the stream when stopped", async () => {
    const { target, push, cancelled } = streamTarget();
    const seen: StreamEvent[] = [];
    const states: boolean[] = [];
    const stop = follow(target, "k", "X-API-Key", {
      onEvent: (e) => seen.push(e),
      onState: (c) => states.push(c),
    });
    await tick();
    push('event: hello\ndata: {"version":1}\n\n');
    push("event: change\ndata: ");
    push('{"version":2}\n\n');
    await tick();
    expect(seen).toEqual([
      { event: "hello", data: { version: 1 } },
      { event: "change", data: { version: 2 } },
    ]);
    expect(states).toEqual([true]);
    stop();
    await tick();
    expect(cancelled()).toBe(1);
    push('event: change\ndata: {"version":3}\n\n');
    await tick();
    expect(seen).toHaveLength(2);
    // No reconnection after a stop.
    expect(states).toEqual([true]);
  });
});
