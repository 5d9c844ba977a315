// ssemble status | get | delete | list: one module for the jobs resource, as the client has one.
import { createInterface } from "node:readline/promises";
import type { ListShortsQuery, ShortStatus, ShortsResult } from "@ssemble/client";
import type { Context } from "../context.js";
import { UsageError } from "../exit-codes.js";
import { type PageFlags, pageOrAll } from "../pages.js";
import { table } from "../table.js";
import { printable } from "../terminal.js";

const percent = (n: number | undefined) => `${n ?? 0}%`;

export function describeStatus(ctx: Context, id: string, s: ShortStatus): string {
  const c = ctx.out.stdoutColors;
  const status = printable(String(s.status));
  const state =
    s.status === "completed"
      ? c.green(status)
      : s.status === "failed" || s.status === "cancelled"
        ? c.red(status)
        : c.cyan(status);
  const parts = [id, state, percent(s.progress)];
  if (s.step) parts.push(printable(s.step));
  if (s.stepMessage) parts.push(c.dim(printable(s.stepMessage)));
  if (s.failureReason) parts.push(`reason: ${printable(s.failureReason)}`);
  return parts.join("  ");
}

export async function clipTable(result: ShortsResult): Promise<string> {
  const shorts = result.shorts ?? [];
  if (shorts.length === 0) return "no clips";
  return table(
    ["#", "title", "length", "score", "video"],
    shorts.map((s, i) => [
      i + 1,
      s.title ?? "",
      `${Math.round(s.duration ?? 0)} s`,
      s.viral_score ?? "",
      s.video_url ?? "",
    ]),
  );
}

export async function status(ctx: Context, id: string): Promise<void> {
  const s = await (await ctx.client()).shorts.status(id);
  if (ctx.out.options.json) return ctx.out.json(s);
  ctx.out.print(describeStatus(ctx, id, s));
}

export async function get(ctx: Context, id: string): Promise<void> {
  const result = await (await ctx.client()).shorts.get(id);
  if (ctx.out.options.json) return ctx.out.json(result);
  ctx.out.print(
    `${id}  ${printable(String(result.status ?? ""))}  ${(result.shorts ?? []).length} clips`,
  );
  ctx.out.print(await clipTable(result));
}

export async function remove(ctx: Context, id: string, options: { yes?: boolean }): Promise<void> {
  const client = await ctx.client();
  if (!options.yes) {
    // Deleting cannot be undone and the credit is not refunded: ask, or insist on --yes when nobody can answer.
    if (!process.stdin.isTTY || !ctx.out.interactive) {
      throw new UsageError("delete needs --yes when not run from a terminal");
    }
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    const answer = await rl.question(
      `Delete ${id} and its clips? The credit is not refunded. [y/N] `,
    );
    rl.close();
    if (!/^y(es)?$/i.test(answer.trim())) {
      ctx.out.info("not deleted");
      return;
    }
  }
  const result = await client.shorts.delete(id);
  if (ctx.out.options.json) return ctx.out.json(result);
  ctx.out.print(`deleted ${id}`);
}

export interface ListFlags extends PageFlags {
  status?: ListShortsQuery["status"];
  sortBy?: ListShortsQuery["sortBy"];
  sortOrder?: ListShortsQuery["sortOrder"];
}

export async function list(ctx: Context, flags: ListFlags): Promise<void> {
  const client = await ctx.client();
  const query: ListShortsQuery = {
    ...(flags.status ? { status: flags.status } : {}),
    ...(flags.sortBy ? { sortBy: flags.sortBy } : {}),
    ...(flags.sortOrder ? { sortOrder: flags.sortOrder } : {}),
    ...(flags.limit !== undefined ? { limit: flags.limit } : {}),
  };
  const { data, items, footer } = await pageOrAll(client.shorts.list(query), "requests", flags);
  if (ctx.out.options.json) return ctx.out.json(data);
  ctx.out.print(
    await table(
      ["id", "status", "progress", "created", "source"],
      items.map((j) => [
        j.requestId,
        j.status,
        percent(j.progress),
        j.createdAt ?? "",
        j.url ?? "",
      ]),
    ),
  );
  if (footer) ctx.out.info(footer);
}
