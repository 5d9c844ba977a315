import { createSsembleClient } from "@ssemble/client";

const ssemble = createSsembleClient({ apiKey: process.env.SSEMBLE_API_KEY ?? "" });

// Costs one credit. Give exactly one source: `url` (YouTube) or `fileUrl` (a public video file).
const job = await ssemble.shorts.create({
  url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
  start: 0,
  end: 600,
  preferredLength: "under60sec",
  language: "en",
  layout: "auto",
  // Optional: get a POST when the job ends instead of polling.
  webhookUrl: "https://example.com/webhooks/ssemble",
});

console.log(job.requestId, job.status, job.estimatedCompletionTime);
if (job.timeAdjustment) console.log(job.timeAdjustment.message);
