import { createSsembleClient } from "@ssemble/client";

const ssemble = createSsembleClient({ apiKey: process.env.SSEMBLE_API_KEY ?? "" });

const result = await ssemble.shorts.get("665a1b2c3d4e5f6a7b8c9d0e");

console.log(result.title, result.status);
for (const short of result.shorts) {
  console.log(
    `${short.title} (score ${short.viral_score}, ${short.duration}s): ${short.video_url}`,
  );
}
