// ssemble create: the flags checked against the spec's rules before sending (the error names the flag), the id
// on stdout, and --wait following a job on a running sandbox clock to its clips or its failure.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seconds } from "../src/create-body.js";
import { assertSchema, KEY, ssemble, ssembleInBackground, startSandbox, VIDEO } from "./helpers.js";

let s: Awaited<ReturnType<typeof startSandbox>>;
beforeAll(async () => {
  s = await startSandbox();
});
afterAll(() => s.sandbox.close());

// Every create option at once.
const EVERY_OPTION = [
  "create",
  "--file-url",
  "https://cdn.example.com/talk.mp4",
  "--start",
  "1:30",
  "--end",
  "0:04:10",
  "--preferred-length",
  "under90sec",
  "--language",
  "es",
  "--caption-language",
  "en",
  "--no-clipping",
  "--hook-title",
  "--meme-hook-name",
  "Wait For It",
  "--game-video",
  "--cta-text",
  "Follow for more",
  "--music-name",
  "Chill Lofi",
  "--music-volume",
  "35",
  "--layout",
  "fit",
  "--webhook-url",
  "http://127.0.0.1:9/hooks",
  "--json",
];
const base = ["create", "--url", VIDEO, "--start", "0", "--end", "120"];

describe("create", () => {
  it("prints the request id alone on stdout; --json prints a CreateShortResponse", async () => {
    const r = await ssemble(base, s.env);
    expect(r.code).toBe(0);
    const id = r.stdout.trim();
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    expect(r.stderr).toContain(`ssemble watch ${id}`);
    expect((await s.client.shorts.status(id)).status).toBe("queued");
    const json = await ssemble([...base, "--json"], s.env);
    assertSchema("CreateShortResponse", JSON.parse(json.stdout));
    expect(json.stderr).toBe("");
  });

  it("sends every option as the API names it, times as m:ss included", async () => {
    // A loopback server that keeps what it receives and answers as the API does.
    let received: unknown;
    const server = createServer((req, res) => {
      let text = "";
      req.on("data", (c) => {
        text += c;
      });
      req.on("end", () => {
        received = JSON.parse(text);
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            data: { requestId: "665a1b2c3d4e5f6a7b8c9d0e", status: "processing", creditsUsed: 1 },
          }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const r = await ssemble(EVERY_OPTION, {
      SSEMBLE_API_KEY: KEY,
      SSEMBLE_BASE_URL: `http://127.0.0.1:${port}`,
    });
    server.close();
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(received).toEqual({
      fileUrl: "https://cdn.example.com/talk.mp4",
      start: 90,
      end: 250,
      preferredLength: "under90sec",
      language: "es",
      captionLanguage: "en",
      noClipping: true,
      hookTitle: true,
      memeHook: true,
      memeHookName: "Wait For It",
      gameVideo: true,
      ctaEnabled: true,
      ctaText: "Follow for more",
      music: true,
      musicName: "Chill Lofi",
      musicVolume: 35,
      layout: "fit",
      webhookUrl: "http://127.0.0.1:9/hooks",
    });
    // And the sandbox accepts the same body.
    expect((await ssemble(EVERY_OPTION, s.env)).code).toBe(0);
  });

  it.each([
    [["create", "--start", "0", "--end", "60"], "--url"],
    [[...base, "--file-url", "https://cdn.example.com/a.mp4"], "--url"],
    [["create", "--url", VIDEO, "--end", "60"], "--start"],
    [["create", "--url", VIDEO, "--start", "-5", "--end", "60"], "--start"],
    [["create", "--url", VIDEO, "--start", "1:5x", "--end", "60"], "--start"],
    [["create", "--url", VIDEO, "--start", "60", "--end", "30"], "--end"],
    [["create", "--url", VIDEO, "--start", "0", "--end", "1201"], "--end"],
    [["create", "--url", "youtube.com/watch?v=x", "--start", "0", "--end", "60"], "--url"],
    [[...base, "--layout", "wide"], "--layout"],
    [[...base, "--preferred-length", "short"], "--preferred-length"],
    [[...base, "--language", "xx"], "--language"],
    [[...base, "--template-id", "abc"], "--template-id"],
    [[...base, "--music-volume", "101"], "--music-volume"],
    [[...base, "--music-volume", "loud"], "--music-volume"],
    [[...base, "--cta-text", "x".repeat(201)], "--cta-text"],
    [[...base, "--cta-text", ""], "--cta-text"],
    [[...base, "--webhook-url", "not a url"], "--webhook-url"],
    [[...base, "--poll-interval", "0"], "--poll-interval"],
  ])("%j is a usage error naming %s, and nothing is sent", async (args, flag) => {
    const before = await s.requests();
    const r = await ssemble(args, s.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: /);
    expect(r.stderr).toContain(flag);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stdout).toBe("");
    expect(await s.requests()).toBe(before);
  });

  it("an enum's error lists the values the spec allows", async () => {
    const r = await ssemble([...base, "--layout", "wide"], s.env);
    expect(r.stderr).toContain("auto, fill, fit, square");
  });

  it("a rule only the API knows (an unknown music name) comes back as its 400 code, exit 1", async () => {
    const r = await ssemble([...base, "--music-name", "No Such Track"], s.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error: invalid_request: .*--music-name: no such musicName.*Chill Lofi/,
    );
  });

  it("reads seconds and times", () => {
    expect(seconds("90", "--start")).toBe(90);
    expect(seconds("90.5", "--start")).toBe(90.5);
    expect(seconds("1:30", "--start")).toBe(90);
    expect(seconds("1:02:03", "--start")).toBe(3723);
    expect(() => seconds("1:2:3:4", "--start")).toThrow(/--start/);
    expect(() => seconds("", "--end")).toThrow(/--end/);
  });
});

describe("create --wait", () => {
  // Its own workspace, whose clock runs 200 times faster than real time: a job ends in about 0.1 s.
  const FAST = "sk_ssemble_cliWaitWorkspace0000000000000001";
  const env = () => ({ ...s.env, SSEMBLE_API_KEY: FAST });
  beforeAll(() => {
    s.sandbox.workspace(FAST).clock.set({ mode: "running", speed: 200 });
  });

  it("in a pipe: plain progress lines on stderr up to completed, then the id and the clip table on stdout", async () => {
    const r = await ssemble([...base, "--wait", "--poll-interval", "0.05"], env());
    expect(r.code).toBe(0);
    const [id, ...table] = r.stdout.trim().split("\n");
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    expect(table.join("\n")).toMatch(/https?:\/\/\S+\.mp4/);
    expect(r.stderr).toMatch(new RegExp(`${id}  completed`));
    expect(r.stdout + r.stderr).not.toContain("\u001b[");
  });

  it("--json: one ShortsResult on stdout, nothing else", async () => {
    const r = await ssemble(
      [...base, "--wait", "--poll-interval", "0.05", "--json", "--quiet"],
      env(),
    );
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    assertSchema("ShortsResult", result);
    expect(result.shorts.length).toBeGreaterThan(0);
    expect(r.stderr).toBe("");
  });

  it("a job that fails is exit 3 with its reason", async () => {
    const failing = "https://www.youtube.com/watch?v=sandbox-fail-transcribing_audio";
    const r = await ssemble(
      [
        "create",
        "--url",
        failing,
        "--start",
        "0",
        "--end",
        "60",
        "--wait",
        "--poll-interval",
        "0.05",
      ],
      env(),
    );
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^error: .*failed/m);
    // The reason the API gave, word for word, on the error line.
    expect(r.stderr).toMatch(/^error: .*Sandbox: this source fails at transcribing_audio/m);
  });
});

describe("create --wait, interrupted", () => {
  it("Ctrl-C stops watching with exit 130, says how to look again, and leaves the job running", async () => {
    // A manual clock: the job stays queued, so the wait is still going when the signal comes.
    const run = ssembleInBackground([...base, "--wait", "--poll-interval", "0.05"], s.env);
    await expect.poll(run.stderr, { timeout: 10_000 }).toMatch(/queued/);
    run.child.kill("SIGINT");
    expect(await run.exit).toBe(130);
    const id = run.stdout().trim();
    expect(run.stderr()).toContain(`ssemble watch ${id}`);
    expect((await s.client.shorts.status(id)).status).toBe("queued");
  });
});
