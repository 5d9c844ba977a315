// The terminal experience under a real pseudo-terminal (util-linux `script`): the bar redraws in place, the last
// frame shows 100% and the clips follow; the same command in a pipe has no escape codes (commands.test.ts).
import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSsembleClient } from "@ssemble/client";
import { afterAll, beforeAll, expect, it } from "vitest";
import { BIN, startProxy, startSandbox, VIDEO } from "./helpers.js";

let s: Awaited<ReturnType<typeof startSandbox>>;
// Escape sequences, built from the ESC character rather than written into regular expressions.
const ESC = String.fromCharCode(27);
const SGR = new RegExp(`${ESC}\\[\\d+m`);
const REDRAW = new RegExp(`\\r|${ESC}\\[\\d*G`);
const FAST = "sk_ssemble_cliTtyWorkspace00000000000000001";
beforeAll(async () => {
  s = await startSandbox();
  // Slow enough for several frames (about 2 s), fast enough for a test.
  s.sandbox.workspace(FAST).clock.set({ mode: "running", speed: 10 });
});
afterAll(() => s.sandbox.close());

/** Runs the command in a pseudo-terminal; resolves with everything the terminal received. */
function inTerminal(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; screen: string }> {
  const quote = (a: string) => `'${a.replaceAll("'", "'\\''")}'`;
  const command = [process.execPath, BIN, ...args].map(quote).join(" ");
  return new Promise((resolve) => {
    execFile(
      "script",
      ["--quiet", "--return", "--command", command, "/dev/null"],
      {
        env: { PATH: process.env.PATH ?? "", TERM: "xterm-256color", COLUMNS: "120", ...env },
        timeout: 30_000,
      },
      (error, stdout) => resolve({ code: error ? Number(error.code) : 0, screen: stdout }),
    );
  });
}

it("create --wait draws a bar in place, ends at 100% and prints the clip table", async () => {
  const { code, screen } = await inTerminal(
    ["create", "--url", VIDEO, "--start", "0", "--end", "120", "--wait", "--poll-interval", "0.2"],
    { SSEMBLE_API_KEY: FAST, SSEMBLE_BASE_URL: s.url },
  );
  expect(code).toBe(0);
  // Redrawn in place: carriage returns or cursor moves between frames, not one line per frame.
  const frames = screen.split(REDRAW).filter((f) => f.includes("%"));
  expect(frames.length).toBeGreaterThan(2);
  const percents = [...screen.matchAll(/(\d{1,3})%/g)].map((m) => Number(m[1]));
  expect(percents.at(-1)).toBe(100);
  expect(percents).toEqual([...percents].sort((a, b) => a - b));
  expect(screen).toMatch(/completed/);
  expect(screen).toMatch(/https?:\/\/\S+\.mp4/);
  // Colour on a terminal.
  expect(screen).toContain("\u001b[36m");
}, 30_000);

it("status is coloured on a terminal, and NO_COLOR or --no-color turn colour off", async () => {
  const id = await s.create();
  const env = { SSEMBLE_API_KEY: s.env.SSEMBLE_API_KEY, SSEMBLE_BASE_URL: s.url };
  const coloured = await inTerminal(["status", id], env);
  expect(coloured.screen).toContain(id);
  expect(coloured.screen).toMatch(SGR);
  for (const [args, extra] of [
    [["status", id], { NO_COLOR: "1" }],
    [["status", id, "--no-color"], {}],
  ] as const) {
    const { screen } = await inTerminal([...args], { ...env, ...extra });
    expect(screen).toContain(id);
    expect(screen).not.toMatch(SGR);
  }
});

it("watch draws a bar per job, each ending at 100% completed, then the table", async () => {
  const client = createSsembleClient({ apiKey: FAST, baseUrl: s.url, fetch: s.sandbox.fetch });
  const ids = [
    (await client.shorts.create({ url: VIDEO, start: 0, end: 120 })).requestId,
    (await client.shorts.create({ url: VIDEO, start: 0, end: 300 })).requestId,
  ];
  const { code, screen } = await inTerminal(["watch", ...ids, "--poll-interval", "0.2"], {
    SSEMBLE_API_KEY: FAST,
    SSEMBLE_BASE_URL: s.url,
  });
  expect(code).toBe(0);
  for (const id of ids) {
    // The last frame of each job's bar.
    const frames = [...screen.matchAll(new RegExp(`${id}  \\S+ (\\d{1,3})%  (\\S*\\w+)`, "g"))];
    expect(frames.length).toBeGreaterThan(1);
    expect(frames.at(-1)?.[1]).toBe("100");
    expect(frames.at(-1)?.[2]).toContain("completed");
  }
  // The bars are redrawn in place (the cursor moves up over them), not printed again below.
  expect(screen).toContain(`${ESC}[`);
  expect(screen).toMatch(new RegExp(`${ids[1]}\\s.*completed.*100%`));
}, 30_000);

it("download draws a bar per file that ends at 100%, and prints the paths", async () => {
  const id = await s.create();
  s.ws.clock.advance(3_600_000);
  const out = await mkdtemp(join(tmpdir(), "ssemble-tty-"));
  try {
    const { code, screen } = await inTerminal(["download", id, "--out", out], {
      SSEMBLE_API_KEY: s.env.SSEMBLE_API_KEY,
      SSEMBLE_BASE_URL: s.url,
    });
    expect(code).toBe(0);
    const files = (await readdir(out)).sort();
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      expect(screen).toMatch(new RegExp(`${f}  \\S+ 100%`));
      expect(screen).toContain(`${join(out, f)}\r\n`);
    }
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});

it("a retry notice is printed above the bars, on a line of its own, and the bars carry on", async () => {
  const proxy = await startProxy(s.url);
  try {
    const client = createSsembleClient({ apiKey: FAST, baseUrl: s.url, fetch: s.sandbox.fetch });
    const id = (await client.shorts.create({ url: VIDEO, start: 0, end: 120 })).requestId;
    proxy.rateLimitNext(1, 1);
    const { code, screen } = await inTerminal(["watch", id, "--poll-interval", "0.2"], {
      SSEMBLE_API_KEY: FAST,
      SSEMBLE_BASE_URL: proxy.url,
    });
    expect(code).toBe(0);
    // The bar's line is cleared first and the notice ends its own line; the bars are drawn again below it.
    expect(screen).toMatch(
      new RegExp(
        `${ESC}\\[2K${ESC}\\[33mretrying:${ESC}\\[39m rate-limited \\(429\\); trying again in 1 s \\(retry 1 of 2\\)\\r\n`,
      ),
    );
    const after = screen.slice(screen.indexOf("retry 1 of 2"));
    const percents = [...after.matchAll(new RegExp(`${id}  \\S+ (\\d{1,3})%`, "g"))].map(
      (m) => m[1],
    );
    expect(percents.length).toBeGreaterThan(1);
    expect(percents.at(-1)).toBe("100");
  } finally {
    await proxy.close();
  }
}, 30_000);

it("create --wait: the notice takes the bar's line, and the bar is drawn again below it to 100%", async () => {
  const proxy = await startProxy(s.url);
  try {
    // The create goes through; the first status poll is rate-limited.
    proxy.rateLimitNext(1, 1, 1);
    const { code, screen } = await inTerminal(
      [
        "create",
        "--url",
        VIDEO,
        "--start",
        "0",
        "--end",
        "120",
        "--wait",
        "--poll-interval",
        "0.2",
      ],
      { SSEMBLE_API_KEY: FAST, SSEMBLE_BASE_URL: proxy.url },
    );
    expect(code).toBe(0);
    expect(screen).toMatch(
      new RegExp(
        `\\r${ESC}\\[2K${ESC}\\[33mretrying:${ESC}\\[39m rate-limited \\(429\\); trying again in 1 s \\(retry 1 of 2\\)\\r\\n`,
      ),
    );
    const after = screen.slice(screen.indexOf("retry 1 of 2"));
    const percents = [...after.matchAll(/(\d{1,3})%/g)].map((m) => Number(m[1]));
    expect(percents.length).toBeGreaterThan(1);
    expect(percents.at(-1)).toBe(100);
    expect(proxy.log.filter((l) => l.method === "POST")).toHaveLength(1);
  } finally {
    await proxy.close();
  }
}, 30_000);
