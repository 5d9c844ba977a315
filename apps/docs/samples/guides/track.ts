import { createSsembleClient } from "@ssemble/client";

const ssemble = createSsembleClient({ apiKey: process.env.SSEMBLE_API_KEY ?? "" });

const ids = ["665a1b2c3d4e5f6a7b8c9d0e", "665a1b2c3d4e5f6a7b8c9d0f", "665a1b2c3d4e5f6a7b8c9d10"];

// One GET /shorts per round for all of them, waiting 10 s growing to 60 s between rounds.
const tracker = ssemble.shorts.track(ids);
for await (const event of tracker) {
  if (event.type === "update") console.log(event.id, event.job.status, `${event.job.progress}%`);
  if (event.type === "completed") console.log(event.id, "done");
  if (event.type === "failed" || event.type === "missing") console.error(event.id, event.type);
}

const results = await tracker.done;
const completed = results.filter((r) => r.status === "completed");
for (const { id } of completed)
  console.log((await ssemble.shorts.get(id)).shorts.length, "shorts in", id);
