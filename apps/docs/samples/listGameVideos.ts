import { createSsembleClient } from "@ssemble/client";

const ssemble = createSsembleClient({ apiKey: process.env.SSEMBLE_API_KEY ?? "" });

// Pass a video's exact `name` as `gameVideoName` (with `gameVideo: true`) when creating shorts.
for await (const video of ssemble.gameVideos.list({ limit: 100 })) {
  console.log(video.name, `${video.video_duration}s`, video.preview);
}
