import { createSsembleClient } from "@ssemble/client";

const ssemble = createSsembleClient({ apiKey: process.env.SSEMBLE_API_KEY ?? "" });

// One page, with its pagination: one request for up to 100 jobs.
const page = await ssemble.shorts.list({ status: "processing", limit: 100 }).page(1);
console.log(`${page.pagination.totalCount} jobs processing`);

// Or every job, newest first, fetching the pages lazily.
for await (const job of ssemble.shorts.list({ sortBy: "createdAt", sortOrder: "desc" })) {
  console.log(job.requestId, job.status, `${job.progress}%`, job.url);
}
