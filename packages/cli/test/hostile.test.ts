// The `ssemble` bin against a hostile API on loopback: strings the server writes (a clip title, a step message,
// an error message and its details, a webhook's fields) reach the terminal with their control characters shown,
// never acting; --json stays byte-exact.

import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, request, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileName } from "../src/commands/download.js";
import { KEY, ssemble, ssembleInBackground } from "./helpers.js";

const require = createRequire(import.meta.url);
const document = require("@ssemble/spec/openapi.dereferenced.json") as {
  components: { examples: Record<string, { value: { data: Record<string, unknown> } }> };
};
const example = (name: string) =>
  structuredClone(document.components.examples[name]?.value.data) as Record<string, unknown>;

// Retitles the window, rings the bell, turns the text red, hides what follows, and reverses it.
const HOSTILE = "\u001b]0;PWNED\u0007\u001b[31mred\u001b[8mhidden\r\nforged line\u202eesrever";
const SHOWN = "\\x1b]0;PWNED\\x07\\x1b[31mred\\x1b[8mhidden\\x0d\\x0aforged line\\u202eesrever";
const ID = "665a1b2c3d4e5f6a7b8c9d0e";
/** Anything that acts on a terminal, from the server: ESC, BEL, CR, the bidi override. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for exactly these
const ACTING = /[\u0007\u001b\r\u202e]/;

let api: Server;
let env: Record<string, string>;
beforeAll(async () => {
  const result = example("ShortsResultCompleted");
  const shorts = result.shorts as Record<string, unknown>[];
  if (shorts[0]) shorts[0].title = HOSTILE;
  const status = { ...example("ShortStatusFailed"), stepMessage: HOSTILE, failureReason: HOSTILE };
  api = createServer((req, res) => {
    const send = (code: number, body: unknown) =>
      res.writeHead(code, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (req.url === `/shorts/${ID}`) return send(200, { data: { ...result, requestId: ID } });
    if (req.url === "/shorts/create") return send(200, { data: example("CreateShortAccepted") });
    if (req.url === `/shorts/${ID}/status`)
      return send(200, { data: { ...status, requestId: ID } });
    send(400, { error: { code: "invalid_request", message: HOSTILE, details: { url: HOSTILE } } });
  });
  await new Promise<void>((r) => api.listen(0, "127.0.0.1", r));
  env = {
    SSEMBLE_API_KEY: KEY,
    SSEMBLE_BASE_URL: `http://127.0.0.1:${(api.address() as AddressInfo).port}`,
  };
});
afterAll(() => new Promise((r) => api.close(r)));

describe("strings from a hostile API", () => {
  it("get: the clip table shows the title's control characters instead of obeying them", async () => {
    const r = await ssemble(["get", ID], env);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(ACTING);
    expect(r.stdout).toContain(SHOWN.slice(0, 40));
  });

  it("get --json stays byte-exact: the title comes back as the server sent it", async () => {
    const r = await ssemble(["get", ID, "--json"], env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).shorts[0].title).toBe(HOSTILE);
    // JSON escapes the C0 characters itself (a bidi override is text to it, and stays as sent).
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for exactly these
    expect(r.stdout).not.toMatch(/[\u0007\u001b\r]/);
  });

  it("status: the step message and the failure reason are shown, not obeyed", async () => {
    const r = await ssemble(["status", ID], env);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(ACTING);
    expect(r.stdout).toContain(`reason: ${SHOWN}`);
  });

  it("create --wait: the progress lines and the failure line show the server's strings, not obey them", async () => {
    const r = await ssemble(
      [
        "create",
        "--url",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "--start",
        "0",
        "--end",
        "60",
      ].concat(["--wait", "--poll-interval", "0.05"]),
      env,
    );
    expect(r.code).toBe(3);
    expect(r.stderr).not.toMatch(ACTING);
    // The step message in the progress line (a pipe: a line per change), then the reason in the error line.
    expect(r.stderr).toContain(SHOWN.slice(0, 40));
    expect(r.stderr.split("\n").find((l) => l.startsWith("error: "))).toContain(SHOWN);
  });

  it("an error line quotes the server's message and details without obeying them", async () => {
    const r = await ssemble(["templates"], env);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(ACTING);
    expect(r.stderr).toContain(`invalid_request: ${SHOWN}`);
  });

  it("webhooks listen prints a posted event's fields shown, not obeyed", async () => {
    const { run, url, stop } = await listener([], { NO_COLOR: "1" });
    try {
      const answer = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: failedEvent(HOSTILE),
      });
      expect(answer.status).toBe(200);
      await expect.poll(run.stdout, { timeout: 5_000 }).toContain("reason:");
      expect(run.stdout()).not.toMatch(ACTING);
      expect(run.stdout()).toContain(`reason: ${SHOWN}`);
    } finally {
      await stop();
    }
  });
});

/** A raw POST, with the Host and headers a browser or a rebinding page would send (fetch cannot set Host). */
function post(url: string, headers: Record<string, string>, body: string) {
  const { hostname, port } = new URL(url);
  return new Promise<number>((resolve, reject) => {
    const req = request({ hostname, port, path: "/", method: "POST", headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** A `shorts.failed` delivery with this reason, as Ssemble would post it. */
const failedEvent = (failureReason: string) =>
  JSON.stringify({
    event: "shorts.failed",
    requestId: ID,
    status: "failed",
    timestamp: "2026-01-15T10:00:00.000Z",
    data: { failureReason },
  });

/** `ssemble webhooks listen --port 0 ...args`, once it says where it listens. */
async function listener(args: string[] = [], env: Record<string, string> = {}) {
  const run = ssembleInBackground(["webhooks", "listen", "--port", "0", ...args], env);
  await expect.poll(run.stderr, { timeout: 10_000 }).toMatch(/listening on http:\/\/\S+\//);
  const url = /listening on (http:\/\/[^\s,]+\/)/.exec(run.stderr())?.[1] as string;
  const stop = async () => {
    run.child.kill("SIGINT");
    await run.exit;
  };
  return { run, url, stop };
}

describe("webhooks listen and foreign web pages", () => {
  const event = failedEvent("source went private");

  it("refuses a request for another Host (DNS rebinding) or from a page (Origin), and takes a real one", async () => {
    const got: IncomingMessage["headers"][] = [];
    const app = createServer((req, res) => {
      got.push(req.headers);
      req.resume();
      req.on("end", () => res.writeHead(200).end("ok"));
    });
    await new Promise<void>((r) => app.listen(0, "127.0.0.1", r));
    const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/hooks`;
    const { run, url, stop } = await listener(["--forward-to", appUrl]);
    try {
      const port = new URL(url).port;
      const json = { "content-type": "text/plain" };
      // What any web page can send without a preflight, to its own name that resolves to 127.0.0.1...
      expect(await post(url, { ...json, host: `attacker.example:${port}` }, event)).toBe(403);
      // ...or straight to the listener, from the page's origin.
      expect(
        await post(
          url,
          { ...json, host: `127.0.0.1:${port}`, origin: "http://attacker.example" },
          event,
        ),
      ).toBe(403);
      expect(got).toHaveLength(0);
      expect(run.stdout()).not.toContain("source went private");
      await expect.poll(run.stderr, { timeout: 5_000 }).toMatch(/refused .*another host/);
      // A delivery as a sender makes it, with extra headers that must not reach the app.
      const status = await post(
        url,
        {
          "content-type": "application/json",
          "user-agent": "ssemble-webhooks",
          host: `localhost:${port}`,
          cookie: "session=secret",
          authorization: "Bearer secret",
          "x-forwarded-for": "10.0.0.1",
        },
        event,
      );
      expect(status).toBe(200);
      expect(got).toHaveLength(1);
      // A tunnel's public name is not this listener's unless named with --allow-host.
      expect(await post(url, { ...json, host: "abc.ngrok.app" }, event)).toBe(403);
      expect(got[0]?.["content-type"]).toBe("application/json");
      expect(got[0]?.["user-agent"]).toBe("ssemble-webhooks");
      for (const name of ["cookie", "authorization", "x-forwarded-for"]) {
        expect(got[0]?.[name], name).toBeUndefined();
      }
    } finally {
      await stop();
      await new Promise((r) => app.close(r));
    }
  });
});

describe("download from a hostile server into a shared folder", () => {
  // One clip whose media the test decides, served by a server that lies as it is told to.
  let media: (
    req: import("node:http").IncomingMessage,
    res: import("node:http").ServerResponse,
  ) => void;
  let server: Server;
  let env: Record<string, string>;
  const CLIP = "665a1b2c3d4e5f6a7b8c9d0f";
  let file = "";

  beforeAll(async () => {
    const result = example("ShortsResultCompleted");
    server = createServer((req, res) => {
      if (req.url?.startsWith("/media/")) return media(req, res);
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const shorts = [{ ...(result.shorts as object[])[0], video_url: `${base}/media/clip.mp4` }];
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ data: { ...result, requestId: CLIP, shorts } }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    env = {
      SSEMBLE_API_KEY: KEY,
      SSEMBLE_BASE_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    };
    file = fileName(0, ((result.shorts as { title: string }[])[0] as { title: string }).title);
  });
  afterAll(() => new Promise((r) => server.close(r)));

  const folder = () => mkdtempSync(join(tmpdir(), "ssemble-hostile-"));
  const download = (out: string, ...extra: string[]) =>
    ssemble(["download", CLIP, "--out", out, ...extra], env);

  it("never writes through a link planted at the part, its validator or the final name", async () => {
    media = (_req, res) => res.writeHead(200, { "content-length": "5", etag: '"a"' }).end("bytes");
    for (const planted of [`${file}.part`, `${file}.part.etag`, file]) {
      const out = folder();
      const victim = join(out, "victim.txt");
      writeFileSync(victim, "precious");
      symlinkSync(victim, join(out, planted));
      const r = await download(out);
      expect(r.code, planted).toBe(1);
      expect(r.stderr, planted).toContain("symbolic link: refusing to write through it");
      expect(readFileSync(victim, "utf8"), planted).toBe("precious");
    }
  });

  it("bounds a body with no declared length by --max-size, and keeps nothing of it", async () => {
    media = (_req, res) => {
      res.writeHead(200, { "content-type": "video/mp4" }); // chunked: no length
      const chunk = Buffer.alloc(64 * 1024);
      let sent = 0;
      const pump = () => {
        while (sent < 2 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      pump();
    };
    const out = folder();
    const r = await download(out, "--max-size", "1000000");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("passed --max-size (1000000 bytes)");
    expect(existsSync(join(out, file))).toBe(false);
    expect(existsSync(join(out, `${file}.part`))).toBe(false);
  });

  it("refuses up front a file whose declared size is over --max-size", async () => {
    let sent = 0;
    media = (_req, res) => {
      // Headers and a first chunk; the rest would follow if the command read on (it must not).
      res.writeHead(200, { "content-length": "5000000" });
      res.write(Buffer.alloc(1000));
      sent += 1000;
      const stall = setTimeout(() => res.destroy(), 10_000);
      res.on("close", () => clearTimeout(stall));
    };
    const out = folder();
    const r = await download(out, "--max-size", "100000");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("is 5000000 bytes, over --max-size (100000 bytes)");
    expect(sent).toBe(1000);
    expect(existsSync(join(out, `${file}.part`))).toBe(false);
  });

  it("counts the decoded bytes of a body the server compressed anyway (a gzip bomb)", async () => {
    const bomb = gzipSync(Buffer.alloc(4 * 1024 * 1024));
    const asked: (string | undefined)[] = [];
    media = (req, res) => {
      asked.push(req.headers["accept-encoding"]);
      res
        .writeHead(200, { "content-encoding": "gzip", "content-length": String(bomb.length) })
        .end(bomb);
    };
    const out = folder();
    const r = await download(out, "--max-size", "1000000");
    expect(asked).toEqual(["identity"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("passed --max-size");
    expect(existsSync(join(out, `${file}.part`))).toBe(false);
  });

  it("a resumed part that the server overfills past the size it declared is refused and removed", async () => {
    media = (req, res) => {
      if (!req.headers.range) return void res.writeHead(500).end();
      // It declares a 20-byte file, and sends 500 bytes from offset 10.
      res
        .writeHead(206, { "content-range": "bytes 10-19/20", "content-length": "500", etag: '"a"' })
        .end(Buffer.alloc(500, 120));
    };
    const out = folder();
    writeFileSync(join(out, `${file}.part`), "0123456789");
    writeFileSync(join(out, `${file}.part.etag`), '"a"');
    const r = await download(out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("sent more than the 20 bytes it declared");
    expect(existsSync(join(out, `${file}.part`))).toBe(false);
  });

  it("says so when it replaces a file of the same name and another size", async () => {
    media = (_req, res) => res.writeHead(200, { "content-length": "5", etag: '"a"' }).end("bytes");
    const out = folder();
    writeFileSync(join(out, file), "an older, longer file");
    const r = await download(out);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      `replacing ${join(out, file)}: 21 bytes here, 5 bytes on the server`,
    );
    expect(readFileSync(join(out, file), "utf8")).toBe("bytes");
  });
});

describe("webhooks listen behind a tunnel", () => {
  it("--allow-host lets in a tunnel's public name", async () => {
    const { run, url, stop } = await listener(["--allow-host", "abc.ngrok.app"]);
    try {
      const event = failedEvent("through the tunnel");
      const headers = { "content-type": "application/json" };
      expect(await post(url, { ...headers, host: "abc.ngrok.app" }, event)).toBe(200);
      expect(await post(url, { ...headers, host: "other.ngrok.app" }, event)).toBe(403);
      await expect.poll(run.stdout, { timeout: 5_000 }).toContain("through the tunnel");
    } finally {
      await stop();
    }
  });
});
