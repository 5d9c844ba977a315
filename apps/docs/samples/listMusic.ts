import { createSsembleClient } from "@ssemble/client";

const ssemble = createSsembleClient({ apiKey: process.env.SSEMBLE_API_KEY ?? "" });

// Pass a track's exact `name` as `musicName` (with `music: true`) when creating shorts.
for await (const track of ssemble.music.list({ limit: 100 })) {
  console.log(track.name, `${Math.round(track.duration)}s`);
}
