import { createServer } from "node:http";
import { createSsembleClient } from "@ssemble/client";
import { parseWebhookEvent } from "@ssemble/client/webhooks";

const ssemble = createSsembleClient({ apiKey: process.env.SSEMBLE_API_KEY ?? "" });
const seen = new Set<string>(); // use your database in production

// Listen where your public webhookUrl (e.g. https://example.com/webhooks/ssemble-<random token>) is routed.
createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let event: ReturnType<typeof parseWebhookEvent>;
  try {
    event = parseWebhookEvent(Buffer.concat(chunks));
  } catch {
    res.writeHead(400).end(); // not a Ssemble event
    return;
  }
  res.writeHead(204).end(); // answer within 10 s, then do the work

  const key = `${event.requestId}:${event.event}`;
  if (seen.has(key)) return; // a retried delivery
  seen.add(key);

  // Deliveries are not signed: ask the API before acting.
  const job = await ssemble.shorts.status(event.requestId);
  if (job.status === "completed") {
    const result = await ssemble.shorts.get(event.requestId);
    console.log(`${result.shorts.length} shorts ready for ${event.requestId}`);
  } else if (job.status === "failed") {
    console.error(`${event.requestId} failed: ${job.failureReason}`);
  }
}).listen(3000);
