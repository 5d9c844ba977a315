import { createSsembleClient, ShortFailedError } from "@ssemble/client";
import { createSandbox } from "@ssemble/sandbox";

// In process: no port, and a clock that moves only when you move it.
const sandbox = createSandbox({ clock: { mode: "manual" } });
const apiKey = "sk_ssemble_docsSandboxExample00000000000000";
const ssemble = createSsembleClient({
  apiKey,
  baseUrl: "http://sandbox.test",
  fetch: sandbox.fetch,
});
const workspace = sandbox.workspace(apiKey);

const { requestId } = await ssemble.shorts.create({
  url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
  start: 0,
  end: 120,
});

// A job takes 18 s of sandbox time; walk it through its steps 3 s at a time.
for (let i = 0; i < 6; i++) {
  await workspace.clock.advance(3_000);
  const job = await ssemble.shorts.status(requestId);
  console.log(job.status, job.step, `${job.progress}%`, job.stepMessage);
}

const result = await ssemble.shorts.get(requestId);
console.log(`${result.shorts.length} clips, the first at ${result.shorts[0]?.video_url}`);

// A magic source fails on purpose at the step it names; waitForCompletion sees it.
const failing = await ssemble.shorts.create({
  url: "https://www.youtube.com/watch?v=sandbox-fail-transcribing_audio",
  start: 0,
  end: 60,
});
await workspace.clock.advance(18_000);
await ssemble.shorts.waitForCompletion(failing.requestId).catch((error: unknown) => {
  if (error instanceof ShortFailedError) console.log("failed as asked:", error.failureReason);
});
console.log("credits left:", workspace.settings().credits); // the failed job's credit came back

await sandbox.close();
