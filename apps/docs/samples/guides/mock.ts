import { createSsembleClient } from "@ssemble/client";

// The mock accepts any key; the client only needs a non-empty one.
const ssemble = createSsembleClient({
  apiKey: "sk_ssemble_mock",
  baseUrl: "http://127.0.0.1:4010",
});

// Walk a progress bar through the job states with named examples.
for (const state of ["queued", "processingTranscribing", "completed"]) {
  const job = await ssemble.shorts.status("665a1b2c3d4e5f6a7b8c9d0e", {
    headers: { Prefer: `example=${state}` },
  });
  console.log(job.status, `${job.progress}%`, job.stepMessage);
}

// Force an error status to test your error handling.
await ssemble.shorts
  .get("665a1b2c3d4e5f6a7b8c9d0e", { headers: { Prefer: "code=404" } })
  .catch((error) => {
    console.log("handled:", String(error));
  });
