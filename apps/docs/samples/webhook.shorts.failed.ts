import { createServer } from "node:http";
import { createSsembleClient } from "@ssemble/client";
import { parseWebhookEvent } from "@ssemble/client/webhooks";

const ssemble = createSsembleClient({ apiKey: process.env.SSEMBLE_API_KEY ?? "" });

// Receives `shorts.failed` at the `webhookUrl` given to shorts.create. The credit is refunded automatically.
createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let event: ReturnType<typeof parseWebhookEvent>;
  try {
    event = parseWebhookEvent(Buffer.concat(chunks));
  } catch {
    res.writeHead(400).end();
    return;
  }
  res.writeHead(204).end(); // acknowledge within 10 s; work afterwards

  if (event.event === "shorts.failed") {
    // Webhooks are not signed: confirm with the API before acting on the payload.
    const job = await ssemble.shorts.status(event.requestId);
    if (job.status === "failed") console.error(event.requestId, job.failureReason);
  }
}).listen(3000, "127.0.0.1");
