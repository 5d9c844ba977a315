import { createSsembleClient } from "@ssemble/client";

const ssemble = createSsembleClient({ apiKey: process.env.SSEMBLE_API_KEY ?? "" });

const result = await ssemble.shorts.createAndWait(
  { url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ", start: 0, end: 600 },
  {
    // Keep the id: if this process stops, resume with ssemble.shorts.waitForCompletion(requestId).
    onCreated: (job) => console.log(`created ${job.requestId}`),
    onProgress: (job) => console.log(`${job.status} ${job.progress}% ${job.stepMessage}`),
  },
);

for (const short of result.shorts) {
  console.log(`${short.title} (score ${short.viral_score}): ${short.video_url}`);
}
