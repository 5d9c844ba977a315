// Production's base URL against the sandbox: switching a project from production to the sandbox is a change of
// host only, through sandbox.fetch and over HTTP, and the clip URLs the answers hand out keep the base.
import { createSsembleClient } from "@ssemble/client";
import { afterEach, describe, expect, it } from "vitest";
import { TOTAL_MS } from "../src/core/jobs.js";
import { createSandbox, type Sandbox } from "../src/index.js";
import { KEY, VIDEO } from "./helpers.js";

const PRODUCTION = "https://aiclipping.ssemble.com/api/v1";

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function completedClips(on: Sandbox, baseUrl: string, fetch?: Sandbox["fetch"]) {
  const client = createSsembleClient({
    apiKey: KEY,
    baseUrl,
    maxRetries: 0,
    ...(fetch ? { fetch } : {}),
  });
  const { requestId } = await client.shorts.create({ url: VIDEO, start: 0, end: 60 });
  await on.workspace(KEY).clock.advance(TOTAL_MS);
  const job = await client.shorts.get(requestId);
  expect(job.status).toBe("completed");
  return { client, requestId, urls: job.shorts.map((s) => s.video_url) };
}

describe("production's base path, /api/v1", () => {
  it("through sandbox.fetch: the client on production's base URL works, and its clips are under that base", async () => {
    sandbox = createSandbox({ clock: { mode: "manual" } });
    const { client, urls } = await completedClips(sandbox, PRODUCTION, sandbox.fetch);
    expect((await client.templates.list()).templates.length).toBeGreaterThan(0);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url.startsWith(`${PRODUCTION}/_sandbox/media/`), url).toBe(true);
    const media = await sandbox.fetch(urls[0] ?? "");
    expect(media.status).toBe(200);
    expect(media.headers.get("content-type")).toBe("video/mp4");
  });

  it("over HTTP: the root and /api/v1 are the same API, each handing out clip URLs on its own base", async () => {
    sandbox = createSandbox({ clock: { mode: "manual" } });
    const root = await sandbox.listen({ port: 0 });
    const templates = await fetch(`${root}/api/v1/templates`, { headers: { "X-API-Key": KEY } });
    expect(templates.status).toBe(200);
    const viaBase = await completedClips(sandbox, `${root}/api/v1`);
    for (const url of viaBase.urls) {
      expect(url.startsWith(`${root}/api/v1/_sandbox/media/`), url).toBe(true);
    }
    const media = await fetch(viaBase.urls[0] ?? "");
    expect(media.status).toBe(200);
    expect((await media.arrayBuffer()).byteLength).toBeGreaterThan(1_000);
    // The same job from the root: the same workspace, clip URLs on the root.
    const fromRoot = await createSsembleClient({ apiKey: KEY, baseUrl: root }).shorts.get(
      viaBase.requestId,
    );
    for (const s of fromRoot.shorts) {
      expect(s.video_url.startsWith(`${root}/_sandbox/media/`), s.video_url).toBe(true);
    }
    // Only the exact base path: /api/v10 or /api/v1templates is no route.
    for (const path of ["/api/v10/templates", "/api/v1templates"]) {
      const miss = await fetch(`${root}${path}`, { headers: { "X-API-Key": KEY } });
      expect(miss.status, path).toBe(404);
    }
  });
});
