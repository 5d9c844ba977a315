// The workspace clock: what time it is for the sandbox, run or pause it, its speed, and advance it by hand.
import { useState } from "preact/hooks";
import type { Live } from "../live.js";
import type { ClockState } from "../sandbox-api.js";

const STEPS: [string, number][] = [
  ["1 second", 1_000],
  ["5 seconds", 5_000],
  ["18 seconds (a whole job)", 18_000],
  ["1 minute", 60_000],
  ["10 minutes", 600_000],
  ["1 hour", 3_600_000],
];
const SPEEDS = [1, 10, 100, 1000];

export function ClockBar({ live }: { live: Live }) {
  const [amount, setAmount] = useState(String(STEPS[1]?.[1]));
  const [problem, setProblem] = useState("");
  const [busy, setBusy] = useState(false);
  const clock = live.clock;
  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setProblem("");
    try {
      await work();
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  const set = (change: Partial<Pick<ClockState, "mode" | "speed">>) =>
    act(() => live.api.send("POST", "/_sandbox/clock", change));
  return (
    <section class="clock" aria-label="Sandbox clock">
      <p class="clock-now">
        <span class={live.connected ? "live on" : "live"}>
          {live.connected ? "Live" : "Connecting…"}
        </span>{" "}
        {clock ? (
          <>
            <time dateTime={new Date(clock.now).toISOString()} data-testid="clock-now">
              {new Date(clock.now).toISOString().replace("T", " ").slice(0, 19)}
            </time>{" "}
            <span>
              {clock.mode === "running" ? `running ×${clock.speed}` : "paused (manual clock)"}
            </span>
          </>
        ) : null}
      </p>
      <div class="clock-controls">
        <button
          type="button"
          disabled={busy || !clock}
          onClick={() => void set({ mode: clock?.mode === "running" ? "manual" : "running" })}
        >
          {clock?.mode === "running" ? "Pause clock" : "Run clock"}
        </button>
        <label>
          Speed{" "}
          <select
            value={String(clock?.speed ?? 1)}
            disabled={busy || !clock}
            onChange={(e) => void set({ speed: Number((e.target as HTMLSelectElement).value) })}
          >
            {SPEEDS.map((s) => (
              <option key={s} value={String(s)}>
                ×{s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Advance by{" "}
          <select value={amount} onChange={(e) => setAmount((e.target as HTMLSelectElement).value)}>
            {STEPS.map(([label, ms]) => (
              <option key={ms} value={String(ms)}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void act(() => live.api.send("POST", "/_sandbox/clock/advance", { ms: Number(amount) }))
          }
        >
          Advance clock
        </button>
      </div>
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
