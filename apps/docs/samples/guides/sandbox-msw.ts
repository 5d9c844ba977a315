import { createSsembleClient } from "@ssemble/client";
import { createSandbox } from "@ssemble/sandbox";
import { sandboxHandlers } from "@ssemble/sandbox/msw";
import { setupServer } from "msw/node";

// In your test setup (vitest or jest, with jsdom or happy-dom): the sandbox answers every call to the API.
const baseUrl = "https://aiclipping.ssemble.com/api/v1";
const sandbox = createSandbox({ clock: { mode: "manual" } });
const server = setupServer(...sandboxHandlers(sandbox, { baseUrl }));
server.listen({ onUnhandledRequest: "error" });

// The code behind your screen, unchanged: its own client, its own fetch.
const apiKey = "sk_ssemble_screenTest0000000000000000000000";
const ssemble = createSsembleClient({ apiKey, baseUrl });
async function progressLabel(requestId: string): Promise<string> {
  const job = await ssemble.shorts.status(requestId);
  return `${job.stepMessage} (${job.progress}%)`;
}

// The test: submit, then move the sandbox clock and check what the screen shows at each step.
const { requestId } = await ssemble.shorts.create({
  url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
  start: 0,
  end: 120,
});
const workspace = sandbox.workspace(apiKey);
console.log(await progressLabel(requestId)); // Waiting in queue... (0%)
await workspace.clock.advance(9_000);
console.log(await progressLabel(requestId)); // Transcribing audio... (between 35% and 59%)
await workspace.clock.advance(9_000);
console.log(await progressLabel(requestId)); // Done! Ready to download. (100%)

server.close();
await sandbox.close();
