// The workspace: credits, subscription and caps (changed with PUT /_sandbox/workspace), a reset, and the magic
// inputs as a table that puts a key in use or a source in the create form.
import { useEffect, useState } from "preact/hooks";
import { type Live, useLoad } from "../live.js";
import { ControlError, type MagicInputs, type WorkspaceView } from "../sandbox-api.js";

/** A well-formed key whose name is `name`: the sandbox's magic keys are names. */
export const keyNamed = (name: string) => `sk_ssemble_${name.padEnd(32, "0")}`;

export function WorkspacePage({ live, onKey }: { live: Live; onKey: (key: string) => void }) {
  const ws = useLoad(
    () => live.api.get<WorkspaceView>("/_sandbox/workspace"),
    [live.api, live.version],
  );
  const magic = useLoad(() => live.api.get<MagicInputs>("/_sandbox/magic"), [live.api]);
  return (
    <section aria-labelledby="workspace-title">
      <h2 id="workspace-title">Workspace</h2>
      {ws.state === "error" && <p role="alert">{ws.message}</p>}
      {ws.state === "ready" && <Settings live={live} ws={ws.value} />}
      <h3>Magic keys</h3>
      <p class="muted">
        Each key is a workspace that answers with one error, for an app's error screens.
      </p>
      {magic.state === "ready" && (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Key name</th>
              <th scope="col">What it does</th>
              <th scope="col">Use</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(magic.value.keys).map(([name, effect]) => (
              <tr key={name}>
                <td>
                  <code>{name}</code>
                </td>
                <td>{effect}</td>
                <td>
                  <button
                    type="button"
                    onClick={() => onKey(keyNamed(name))}
                    aria-label={`Use the ${name} key`}
                  >
                    Use key
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Magic sources</h3>
      <p class="muted">A source URL containing one of these asks for that behaviour.</p>
      {magic.state === "ready" && (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Marker</th>
              <th scope="col">What it does</th>
              <th scope="col">Try it</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(magic.value.sources).map(([marker, effect]) => (
              <tr key={marker}>
                <td>
                  <code>{marker}</code>
                </td>
                <td>{effect}</td>
                <td>
                  <a
                    href={`#/operations/createShort?${new URLSearchParams({
                      "body.url": `https://www.youtube.com/watch?v=${marker}`,
                      "body.start": "0",
                      "body.end": "600",
                    })}`}
                    aria-label={`Create a job from ${marker}`}
                  >
                    Fill the create form
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Settings({ live, ws }: { live: Live; ws: WorkspaceView }) {
  const [credits, setCredits] = useState(String(ws.credits));
  const [subscription, setSubscription] = useState(ws.subscription);
  const [hour, setHour] = useState(String(ws.limits.hour));
  const [day, setDay] = useState(String(ws.limits.day));
  // While the person edits, the workspace's own changes (a job spending a credit) do not overwrite the form.
  const [dirty, setDirty] = useState(false);
  const [said, setSaid] = useState("");
  const [problems, setProblems] = useState<Record<string, string>>({});
  useEffect(() => {
    if (dirty) return;
    setCredits(String(ws.credits));
    setSubscription(ws.subscription);
    setHour(String(ws.limits.hour));
    setDay(String(ws.limits.day));
  }, [dirty, ws.credits, ws.subscription, ws.limits.hour, ws.limits.day]);
  const edit = (set: (value: string) => void) => (value: string) => {
    setDirty(true);
    set(value);
  };
  const act = async (work: () => Promise<unknown>, done: string) => {
    setSaid("");
    setProblems({});
    try {
      await work();
      setDirty(false);
      setSaid(done);
    } catch (error) {
      if (error instanceof ControlError) setProblems(error.details);
      setSaid(error instanceof Error ? error.message : String(error));
    }
  };
  const save = (event: Event) => {
    event.preventDefault();
    void act(
      () =>
        live.api.send("PUT", "/_sandbox/workspace", {
          credits: Number(credits),
          subscription,
          limits: { hour: Number(hour), day: Number(day) },
        }),
      "Saved.",
    );
  };
  const field = (
    id: string,
    label: string,
    value: string,
    set: (v: string) => void,
    problem?: string,
  ) => (
    <div class={problem ? "field invalid" : "field"}>
      <label for={id}>{label}</label>
      <input
        id={id}
        inputMode="numeric"
        value={value}
        aria-invalid={problem ? "true" : undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onInput={(e) => edit(set)((e.target as HTMLInputElement).value)}
      />
      {problem && (
        <p class="problem" id={`${id}-problem`}>
          {problem}
        </p>
      )}
    </div>
  );
  return (
    <form onSubmit={save} aria-label="Workspace settings" noValidate>
      <p>
        {ws.jobs} job{ws.jobs === 1 ? "" : "s"} in this workspace.
      </p>
      {field("ws-credits", "Credits", credits, setCredits, problems.credits)}
      <div class="field">
        <label class="choice">
          <input
            type="checkbox"
            checked={subscription}
            onChange={(e) => {
              setDirty(true);
              setSubscription((e.target as HTMLInputElement).checked);
            }}
          />{" "}
          Active subscription
        </label>
      </div>
      {/* The sandbox judges the two caps together (`limits`), so its refusal is said once, for both. */}
      <fieldset
        class={problems.limits ? "invalid" : undefined}
        aria-describedby={problems.limits ? "ws-limits-problem" : undefined}
      >
        <legend>Account caps</legend>
        {field("ws-hour", "Requests per hour", hour, setHour)}
        {field("ws-day", "Requests per day", day, setDay)}
        {problems.limits && (
          <p class="problem" id="ws-limits-problem">
            limits {problems.limits}
          </p>
        )}
      </fieldset>
      <p class="actions">
        <button type="submit" class="primary">
          Save workspace
        </button>
        <button
          type="button"
          onClick={() =>
            void act(
              () => live.api.send("POST", "/_sandbox/reset"),
              "The workspace is empty again.",
            )
          }
        >
          Reset workspace
        </button>
        <span role="status">{said}</span>
      </p>
    </form>
  );
}
