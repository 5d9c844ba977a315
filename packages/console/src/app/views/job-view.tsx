// One job: its timeline, controls to end it now, its clips playing from the sandbox, its webhook deliveries.
import { useEffect, useState } from "preact/hooks";
import { focusHeading } from "../focus.js";
import { type Live, useLoad } from "../live.js";
import type { Delivery, JobView } from "../sandbox-api.js";
import { StatusBadge } from "./jobs-view.js";
import { DeliveriesTable, Payload } from "./webhooks-view.js";

interface Clip {
  id: string;
  title: string;
  duration: number;
  viral_score: number;
  video_url: string;
  description?: string;
}

export function JobPage({ live, id }: { live: Live; id: string }) {
  const job = useLoad(
    () => live.api.get<JobView>(`/_sandbox/jobs/${encodeURIComponent(id)}`),
    [live.api, live.version, id],
  );
  if (job.state === "loading") return <p>Loading the job…</p>;
  if (job.state === "error") {
    return (
      <section aria-labelledby="job-title">
        <h2 id="job-title">Job {id}</h2>
        <p role="alert">Could not load this job: {job.message}</p>
        <p>
          <a href="#/jobs">All jobs</a>
        </p>
      </section>
    );
  }
  const j = job.value;
  return (
    <article aria-labelledby="job-title" class="job">
      <p>
        <a href="#/jobs">All jobs</a>
      </p>
      <h2 id="job-title">
        Job <code>{j.requestId}</code> <StatusBadge status={j.status} />
      </h2>
      <p class="job-source">
        {j.source} · window {j.start}–{j.end} s
        {j.webhookUrl ? (
          <>
            {" "}
            · webhook <code>{j.webhookUrl}</code>
          </>
        ) : null}
      </p>
      <p>
        <progress max={100} value={j.progress} aria-label="Progress" /> {j.progress}% ·{" "}
        {j.stepMessage}
        {j.failureReason ? ` · ${j.failureReason}` : ""}
      </p>
      <Timeline job={j} />
      <EndJob live={live} job={j} />
      {j.status === "completed" && <Clips live={live} id={j.requestId} />}
      <Deliveries live={live} job={j} />
    </article>
  );
}

function Timeline({ job }: { job: JobView }) {
  return (
    <section aria-labelledby="timeline-title">
      <h3 id="timeline-title">Timeline</h3>
      <ol class="timeline">
        <li class="done">
          <span class="at">{job.createdAt.slice(11, 19)}</span> created
        </li>
        {job.timeline.map((s) => (
          <li key={s.step} class={s.state}>
            <span class="at">{s.at.slice(11, 19)}</span> {s.step}{" "}
            <span class="state">({s.state === "current" ? "now" : s.state})</span>
          </li>
        ))}
        {job.ended && job.ended.kind !== "completed" && (
          <li class={`ended ${job.ended.kind}`}>
            <span class="at">{job.ended.at.slice(11, 19)}</span> {job.ended.kind}
            {job.ended.reason ? `: ${job.ended.reason}` : ""}
          </li>
        )}
      </ol>
    </section>
  );
}

function EndJob({ live, job }: { live: Live; job: JobView }) {
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState("");
  if (job.ended) return null;
  const end = async (action: "complete" | "fail" | "cancel") => {
    setProblem("");
    try {
      await live.api.send(
        "POST",
        `/_sandbox/jobs/${job.requestId}/${action}`,
        action === "fail" && reason ? { failureReason: reason } : {},
      );
      // These buttons go with the job's end: focus moves to the job's heading, which says how it ended.
      focusHeading();
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <section aria-labelledby="end-title" class="end-job">
      <h3 id="end-title">End it now</h3>
      <div class="row">
        <button type="button" onClick={() => void end("complete")}>
          Complete job
        </button>
        <label>
          Failure reason{" "}
          <input
            value={reason}
            placeholder="Video download failed"
            onInput={(e) => setReason((e.target as HTMLInputElement).value)}
          />
        </label>
        <button type="button" onClick={() => void end("fail")}>
          Fail job
        </button>
        <button type="button" onClick={() => void end("cancel")}>
          Cancel job
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

function Clips({ live, id }: { live: Live; id: string }) {
  const result = useLoad(
    () => live.api.get<{ shorts: Clip[] }>(`/shorts/${encodeURIComponent(id)}`),
    [live.api, id],
  );
  return (
    <section aria-labelledby="clips-title">
      <h3 id="clips-title">Clips</h3>
      {result.state === "error" && <p role="alert">Could not load the clips: {result.message}</p>}
      {result.state === "ready" && (
        <ul class="clips">
          {result.value.shorts.map((c) => (
            <li key={c.id}>
              <ClipPlayer live={live} clip={c} />
              <div>
                <strong>{c.title}</strong>
                <p>
                  {c.duration} s · viral score {c.viral_score}
                </p>
                {c.description ? <p class="muted">{c.description}</p> : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ClipPlayer({ live, clip }: { live: Live; clip: Clip }) {
  const [src, setSrc] = useState<string | undefined>();
  const [problem, setProblem] = useState("");
  useEffect(() => {
    let url: string | undefined;
    let current = true;
    live.api.blob(clip.video_url).then(
      (blob) => {
        if (!current) return;
        url = URL.createObjectURL(blob);
        setSrc(url);
      },
      (error: unknown) =>
        current && setProblem(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      current = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [live.api, clip.video_url]);
  if (problem) return <p role="alert">Clip unavailable: {problem}</p>;
  // biome-ignore lint/a11y/useMediaCaption: the sandbox's clips are a silent 1-second test picture.
  return <video controls preload="metadata" src={src} aria-label={`Clip: ${clip.title}`} />;
}

function Deliveries({ live, job }: { live: Live; job: JobView }) {
  const deliveries = useLoad(
    () => live.api.get<{ deliveries: Delivery[] }>("/_sandbox/webhooks"),
    [live.api, live.version],
  );
  const [url, setUrl] = useState("");
  const [said, setSaid] = useState("");
  const mine =
    deliveries.state === "ready"
      ? deliveries.value.deliveries.filter((d) => d.requestId === job.requestId).reverse()
      : [];
  const canSend = job.ended && job.ended.kind !== "cancelled";
  const resend = async () => {
    setSaid("");
    try {
      const d = await live.api.send<Delivery>(
        "POST",
        `/_sandbox/webhooks/${job.requestId}/resend`,
        url ? { url } : {},
      );
      setSaid(`Sent again: attempt ${d.attempt}, ${d.status ?? d.error}`);
    } catch (error) {
      setSaid(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <section aria-labelledby="deliveries-title">
      <h3 id="deliveries-title">Webhook deliveries</h3>
      {mine.length === 0 ? (
        <p>
          {job.webhookUrl
            ? "None yet: the event is sent when the job ends."
            : "This job has no webhookUrl."}
        </p>
      ) : (
        <DeliveriesTable deliveries={mine} live={live} />
      )}
      {canSend && (
        <div class="row">
          <label>
            Send to{" "}
            <input
              value={url}
              placeholder={job.webhookUrl ?? "http://127.0.0.1:4030/webhooks"}
              onInput={(e) => setUrl((e.target as HTMLInputElement).value)}
            />
          </label>
          <button type="button" onClick={() => void resend()}>
            Resend event
          </button>
        </div>
      )}
      <p role="status" class="said">
        {said}
      </p>
      {canSend && <Payload live={live} id={job.requestId} />}
    </section>
  );
}
