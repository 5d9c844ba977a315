// ssemble download against a real sandbox behind a loopback proxy: the bytes on disk are the bytes served, files
// already complete are not fetched again, and a download broken mid-file resumes with a Range request.
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSsembleClient } from "@ssemble/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileName } from "../src/commands/download.js";
import { KEY, ssemble, ssembleInBackground, startProxy, startSandbox, VIDEO } from "./helpers.js";

let s: Awaited<ReturnType<typeof startSandbox>>;
let proxy: Awaited<ReturnType<typeof startProxy>>;
let env: Record<string, string>;
let dir: string;

beforeAll(async () => {
  s = await startSandbox();
  proxy = await startProxy(s.url);
  env = { SSEMBLE_API_KEY: KEY, SSEMBLE_BASE_URL: proxy.url };
  dir = await mkdtemp(join(tmpdir(), "ssemble-download-"));
});
afterAll(async () => {
  await proxy.close();
  await s.sandbox.close();
  await rm(dir, { recursive: true, force: true });
});

/** A completed job created through the proxy, so that its clip URLs are on the proxy too. */
async function completedJob(end = 600) {
  const client = createSsembleClient({ apiKey: KEY, baseUrl: proxy.url, maxRetries: 0 });
  const { requestId } = await client.shorts.create({ url: VIDEO, start: 0, end });
  s.ws.clock.advance(3_600_000);
  const result = await client.shorts.get(requestId);
  expect(result.status).toBe("completed");
  return { id: requestId, clips: result.shorts };
}

const served = async (url: string) => new Uint8Array(await (await fetch(url)).arrayBuffer());
const mediaGets = (id: string) =>
  proxy.log.filter((r) => r.method === "GET" && r.path.startsWith(`/_sandbox/media/${id}/`));

describe("ssemble download", () => {
  it("saves every clip with the bytes served, prints the paths, and sends no key to the media URLs", async () => {
    const { id, clips } = await completedJob();
    expect(clips.length).toBeGreaterThan(1);
    const out = join(dir, "all");
    const r = await ssemble(["download", id, "--out", out], env);
    expect(r.code).toBe(0);
    const paths = r.stdout.trim().split("\n");
    expect(paths).toEqual(clips.map((c, i) => join(out, fileName(i, c.title))));
    for (const [i, clip] of clips.entries()) {
      expect(new Uint8Array(await readFile(paths[i] as string))).toEqual(
        await served(clip.video_url),
      );
    }
    expect((await readdir(out)).filter((f) => f.endsWith(".part") || f.endsWith(".etag"))).toEqual(
      [],
    );
    // Under a pipe: one plain line per file on stderr, no escape codes.
    expect(r.stderr.trim().split("\n")).toHaveLength(clips.length);
    expect(r.stderr).not.toContain(String.fromCharCode(27));
    const media = proxy.log.filter((l) => l.path.startsWith(`/_sandbox/media/${id}/`));
    expect(media.length).toBeGreaterThanOrEqual(clips.length);
    for (const l of media) expect(l.headers["x-api-key"]).toBeUndefined();
    expect(JSON.stringify(media)).not.toContain(KEY);
  });

  it("--json lists each file; a second run skips complete files and fetches none again", async () => {
    const { id, clips } = await completedJob();
    const out = join(dir, "again");
    const first = await ssemble(["download", id, "--out", out, "--json"], env);
    expect(first.code).toBe(0);
    const files = JSON.parse(first.stdout) as { path: string; bytes: number; outcome: string }[];
    expect(files.map((f) => f.outcome)).toEqual(clips.map(() => "downloaded"));
    for (const f of files) expect((await stat(f.path)).size).toBe(f.bytes);
    const before = mediaGets(id).length;
    const second = await ssemble(["download", id, "--out", out, "--json"], env);
    expect(second.code).toBe(0);
    expect((JSON.parse(second.stdout) as { outcome: string }[]).map((f) => f.outcome)).toEqual(
      clips.map(() => "skipped"),
    );
    expect(mediaGets(id).length).toBe(before);
    // A file of the wrong size under a final name (not ours, or truncated by hand) is fetched again.
    await writeFile(files[0]?.path as string, "not a video");
    const third = await ssemble(["download", id, "--out", out, "--json"], env);
    expect((JSON.parse(third.stdout) as { outcome: string }[])[0]?.outcome).toBe("downloaded");
    expect(new Uint8Array(await readFile(files[0]?.path as string))).toEqual(
      await served(clips[0]?.video_url as string),
    );
  });

  it("a connection broken mid-file leaves only a .part, and the next run resumes it with Range", async () => {
    const { id, clips } = await completedJob(45);
    expect(clips).toHaveLength(1);
    const out = join(dir, "broken");
    const bytes = await served(clips[0]?.video_url as string);
    const cut = 700;
    proxy.cutNextMedia(cut);
    const broken = await ssemble(["download", id, "--out", out], env);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^error: download_failed: .*broke after \d+ bytes.*run again/m);
    const final = join(out, fileName(0, clips[0]?.title));
    await expect(stat(final)).rejects.toThrow();
    const part = await readFile(`${final}.part`);
    expect(part.byteLength).toBe(cut);
    expect(new Uint8Array(part)).toEqual(bytes.subarray(0, cut));

    const resumed = await ssemble(["download", id, "--out", out, "--json"], env);
    expect(resumed.code).toBe(0);
    const last = mediaGets(id).at(-1);
    expect(last?.headers.range).toBe(`bytes=${cut}-`);
    expect(last?.headers["if-range"]).toMatch(/^"/);
    expect(new Uint8Array(await readFile(final))).toEqual(bytes);
    expect((await readdir(out)).sort()).toEqual([fileName(0, clips[0]?.title)]);
    expect(JSON.parse(resumed.stdout)).toEqual([
      expect.objectContaining({ path: final, bytes: bytes.byteLength, outcome: "downloaded" }),
    ]);
  });

  it("Ctrl-C during a stalled download exits 130, keeps the part and says how to resume", async () => {
    const { id, clips } = await completedJob(45);
    const out = join(dir, "stalled");
    const final = join(out, fileName(0, clips[0]?.title));
    proxy.cutNextMedia(500, true);
    const run = ssembleInBackground(["download", id, "--out", out], env);
    // Interrupt once the first bytes are on disk.
    for (
      let i = 0;
      i < 200 && ((await stat(`${final}.part`).catch(() => undefined))?.size ?? 0) < 500;
      i++
    ) {
      await new Promise((ok) => setTimeout(ok, 25));
    }
    run.child.kill("SIGINT");
    expect(await run.exit).toBe(130);
    expect(run.stderr()).toContain(`Resume: ssemble download ${id} --out ${JSON.stringify(out)}`);
    expect((await stat(`${final}.part`)).size).toBe(500);
    await expect(stat(final)).rejects.toThrow();
    const resumed = await ssemble(["download", id, "--out", out], env);
    expect(resumed.code).toBe(0);
    expect(mediaGets(id).at(-1)?.headers.range).toBe("bytes=500-");
    expect(new Uint8Array(await readFile(final))).toEqual(
      await served(clips[0]?.video_url as string),
    );
  });

  it("a part without its validator is not spliced: the file starts again", async () => {
    const { id, clips } = await completedJob(45);
    const out = join(dir, "untagged");
    const final = join(out, fileName(0, clips[0]?.title));
    await ssemble(["download", id, "--out", out], env);
    await rm(final);
    await writeFile(`${final}.part`, "garbage from somewhere else");
    const r = await ssemble(["download", id, "--out", out], env);
    expect(r.code).toBe(0);
    expect(mediaGets(id).at(-1)?.headers.range).toBeUndefined();
    expect(new Uint8Array(await readFile(final))).toEqual(
      await served(clips[0]?.video_url as string),
    );
  });

  it("a running job is exit 1 with the command to wait; a failed one exit 3; an unknown one the API's 404", async () => {
    const client = createSsembleClient({ apiKey: KEY, baseUrl: proxy.url, maxRetries: 0 });
    const running = await client.shorts.create({ url: VIDEO, start: 0, end: 120 });
    const r = await ssemble(["download", running.requestId, "--out", join(dir, "x")], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`job_not_ready: ${running.requestId} is`);
    expect(r.stderr).toContain(`ssemble watch ${running.requestId}`);
    const failing = await client.shorts.create({
      url: "https://www.youtube.com/watch?v=sandbox-fail-transcribing_audio",
      start: 0,
      end: 120,
    });
    s.ws.clock.advance(3_600_000);
    const f = await ssemble(["download", failing.requestId, "--out", join(dir, "x")], env);
    expect(f.code).toBe(3);
    expect(f.stderr).toContain("job_failed:");
    const missing = await ssemble(["download", "0123456789abcdef01234567"], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: resource_not_found: /m);
  });
});

describe("file names", () => {
  it("rank first, then the title made portable", () => {
    expect(fileName(0, "Clip 1 of 3")).toBe("01-clip-1-of-3.mp4");
    expect(fileName(11, "Ça, c'est «génial»!  ")).toBe("12-ca-c-est-genial.mp4");
    expect(fileName(2, "../../etc/passwd")).toBe("03-etc-passwd.mp4");
    expect(fileName(0, "")).toBe("01.mp4");
    expect(fileName(0, "🎬🎬")).toBe("01.mp4");
    expect(fileName(0, `${"a".repeat(59)} b`)).toBe(`01-${"a".repeat(59)}.mp4`);
  });
});
