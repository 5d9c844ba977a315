import { createSsembleClient } from "@ssemble/client";

const ssemble = createSsembleClient({ apiKey: process.env.SSEMBLE_API_KEY ?? "" });

const job = await ssemble.shorts.status("665a1b2c3d4e5f6a7b8c9d0e");

console.log(`${job.status} ${job.progress}% — ${job.stepMessage}`);
if (job.status === "failed") console.error(job.failureReason);
