// ssemble webhooks resend against a real sandbox on loopback and real receivers: the event goes out again to the
// job's webhookUrl or --url, the line (or --json) says what the receiver answered, and the exit code follows it.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KEY, ssemble, startSandbox, VIDEO } from "./helpers.js";

let s: Awaited<ReturnType<typeof startSandbox>>;
const servers: Server[] = [];
beforeAll(async () => {
  s = await startSandbox();
});
afterAll(async () => {
  for (const server of servers) await new Promise((r) => server.close(r));
  await s.sandbox.close();
});

/** A receiver on loopback answering `status`; its bodies. */
async function receiver(status: number) {
  const bodies: string[] = [];
  const server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    bodies.push(body);
    res.writeHead(status).end();
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies };
}

/** A job sent to `webhookUrl` that has completed, and its deliveries made. */
async function ended(webhookUrl: string) {
  const { requestId } = await s.client.shorts.create({ url: VIDEO, start: 0, end: 60, webhookUrl });
  await s.ws.clock.advance(3_600_000);
  return requestId;
}

const resend = (args: string[]) =>
  ssemble(["--base-url", s.url, "--api-key", KEY, "webhooks", "resend", ...args]);

describe("ssemble webhooks resend", () => {
  it("sends the event again to the job's webhookUrl and says what the receiver answered", async () => {
    const hook = await receiver(200);
    const id = await ended(hook.url);
    expect(hook.bodies).toHaveLength(1);
    const run = await resend([id]);
    expect([run.code, run.stderr]).toEqual([0, ""]);
    expect(run.stdout).toBe(
      `resent shorts.completed for ${id} to ${hook.url} (attempt 2): the receiver answered 200\n`,
    );
    expect(hook.bodies).toEqual([hook.bodies[0], hook.bodies[0]]);
  });

  it("sends it to --url instead, and prints the journal entry with --json", async () => {
    const hook = await receiver(200);
    const other = await receiver(202);
    const id = await ended(hook.url);
    const run = await resend([id, "--url", other.url, "--json"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      requestId: id,
      url: other.url,
      status: 202,
      resent: true,
    });
    expect(other.bodies).toHaveLength(1);
  });

  it("exits 1 when the receiver fails, or the job has no event yet, or does not exist", async () => {
    const failing = await receiver(500);
    const id = await ended(failing.url);
    const run = await resend([id]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("(attempt 4): the receiver answered 500");
    const { requestId: running } = await s.client.shorts.create({ url: VIDEO, start: 0, end: 60 });
    const early = await resend([running]);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain("only a completed or failed job has an event to send");
    const missing = await resend(["ffffffffffffffffffffffff"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("no job ffffffffffffffffffffffff in this sandbox workspace");
  });

  it("refuses, before sending anything, a bad id or url, and use without a sandbox", async () => {
    expect((await resend(["not-an-id"])).code).toBe(2);
    expect((await resend(["ffffffffffffffffffffffff", "--url", "ftp://x"])).code).toBe(2);
    const nowhere = await ssemble(["webhooks", "resend", "ffffffffffffffffffffffff"], {
      SSEMBLE_API_KEY: KEY,
    });
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toContain("webhooks resend is a sandbox control");
  });

  it("says where it looked when no sandbox answers", async () => {
    const run = await ssemble(["--sandbox", "webhooks", "resend", "ffffffffffffffffffffffff"], {
      SANDBOX_PORT: "9",
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("could not reach the sandbox at http://127.0.0.1:9");
  });
});
