// The installed @ssemble/sandbox in process, driven by the installed client: the generated model and the spec
// must both be found from the consumer's node_modules.
import { createSsembleClient } from "@ssemble/client";
import { createSandbox } from "@ssemble/sandbox";

const key = "sk_ssemble_consumerSmokeKey0000000000000000";
const sandbox = createSandbox({ clock: { mode: "manual" } });
const client = createSsembleClient({
  apiKey: key,
  baseUrl: "http://sandbox.test",
  fetch: sandbox.fetch,
});
const created = await client.shorts.create({
  url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
  start: 0,
  end: 120,
});
sandbox.workspace(key).clock.advance(60_000);
const result = await client.shorts.get(created.requestId);
console.log(
  JSON.stringify({
    created: created.status,
    completed: result.status,
    clips: result.shorts.length,
  }),
);
