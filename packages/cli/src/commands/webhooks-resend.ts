// ssemble webhooks resend: asks a sandbox to send a job's webhook event again, now, as `stripe events resend` does:
// to the job's webhookUrl, or to --url. The sandbox journals it like any attempt; the line says what the receiver
// answered. The real API has no such control, so this command needs --sandbox or the --base-url of a sandbox.
import { isRequestId } from "@ssemble/client";
import type { Delivery } from "@ssemble/sandbox";
import type { Context } from "../context.js";
import { CommandError, EXIT, UsageError } from "../exit-codes.js";
import { printable } from "../terminal.js";
import { checkForwardTo } from "./webhooks.js";

export interface ResendFlags {
  url?: string;
}

const TIMEOUT_MS = 15_000;

export async function resend(ctx: Context, id: string, flags: ResendFlags): Promise<void> {
  if (!ctx.flags.sandbox && !ctx.baseUrl) {
    throw new UsageError(
      "webhooks resend is a sandbox control: pass --sandbox (or the --base-url of a sandbox)",
    );
  }
  if (!isRequestId(id))
    throw new UsageError("<id> must be a request id (24 hexadecimal characters)");
  const url = checkForwardTo(flags.url);
  if (!ctx.apiKey) throw new UsageError("no API key: pass --api-key (or use --sandbox)");
  // The controls live at the sandbox's root, beside /api/v1.
  const origin = new URL(ctx.baseUrl ?? "").origin;
  let res: Response;
  try {
    res = await fetch(`${origin}/_sandbox/webhooks/${id}/resend`, {
      method: "POST",
      headers: { "X-API-Key": ctx.apiKey, "content-type": "application/json" },
      body: JSON.stringify(url ? { url: url.href } : {}),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    throw new CommandError(
      `could not reach the sandbox at ${origin}: is it running? (ssemble sandbox)`,
      EXIT.api,
    );
  }
  const body = (await res.json().catch(() => undefined)) as
    | { data?: Delivery; error?: { code?: string; message?: string; details?: unknown } }
    | undefined;
  if (!res.ok || !body?.data) {
    const error = body?.error;
    const details =
      error?.details && typeof error.details === "object"
        ? `: ${Object.values(error.details as Record<string, unknown>)
            .map(String)
            .join("; ")}`
        : "";
    const what =
      res.status === 404 && error?.code === "resource_not_found"
        ? `no job ${id} in this sandbox workspace`
        : `${res.status} ${error?.code ?? "error"}${details || (error?.message ? `: ${error.message}` : "")}`;
    throw new CommandError(`webhooks resend: ${printable(what)}`, EXIT.api);
  }
  const d = body.data;
  if (ctx.out.options.json) ctx.out.json(d);
  const outcome =
    d.status !== undefined
      ? `the receiver answered ${d.status}`
      : `not delivered: ${d.error ?? "no answer"}`;
  const line = `resent ${d.event} for ${d.requestId} to ${d.url} (attempt ${d.attempt}): ${outcome}`;
  const delivered = d.status !== undefined && d.status >= 200 && d.status < 300;
  // The receiver's answer decides the exit code, so a script can tell a fixed receiver from a broken one.
  if (!delivered) throw new CommandError(printable(line), EXIT.api);
  if (!ctx.out.options.json) ctx.out.print(printable(line));
}
