import { createSsembleClient } from "@ssemble/client";

const ssemble = createSsembleClient({ apiKey: process.env.SSEMBLE_API_KEY ?? "" });

// Pass a hook's exact `name` as `memeHookName` (with `memeHook: true`) when creating shorts.
for await (const hook of ssemble.memeHooks.list({ limit: 100 })) {
  console.log(hook.name, `${hook.video_duration}s`, hook.preview);
}
