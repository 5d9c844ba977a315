// The command tree. Commander parses; each action imports its module when it runs.
import { readFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import type { CreateCommandFlags } from "./commands/create.js";
import type { DownloadFlags } from "./commands/download.js";
import type { ListFlags } from "./commands/shorts.js";
import type { WatchFlags } from "./commands/watch.js";
import type { ListenFlags } from "./commands/webhooks.js";
import type { ResendFlags } from "./commands/webhooks-resend.js";
import type { Context, GlobalFlags } from "./context.js";
import { createOptions } from "./create-fields.js";
import { EXIT } from "./exit-codes.js";
import { integer, JOB_STATUSES, pollSeconds, SORT_BY, SORT_ORDER } from "./flags.js";
import type { PageFlags } from "./pages.js";

const EXIT_HELP = `
Environment:
  SSEMBLE_API_KEY    the API key, when --api-key is not given (never printed)
  SSEMBLE_BASE_URL   the API's base URL, when --base-url is not given
  NO_COLOR           no colours

Exit codes:
  0    success
  1    the API answered with an error, or could not be reached
  2    a bad flag or argument (nothing was sent)
  3    the job failed or was cancelled
  130  interrupted (Ctrl-C)`;

function program(done: (code: number) => void): Command {
  const root = new Command("ssemble")
    .description("The Ssemble API from a terminal: long videos in, short vertical clips out.")
    .version(version(), "-v, --version")
    .option("--api-key <key>", "API key (default: $SSEMBLE_API_KEY)")
    .option("--base-url <url>", "API base URL (default: $SSEMBLE_BASE_URL, else the Ssemble API)")
    .option(
      "--sandbox",
      "use the local sandbox (http://127.0.0.1:4020, or $SANDBOX_HOST/$SANDBOX_PORT) with a sandbox key unless --api-key gives one",
    )
    .option("--json", "print exactly the API's data as JSON on stdout, nothing else")
    .option("-q, --quiet", "no progress or messages on stderr")
    .option("--no-color", "no colours")
    .option("--debug", "print stack traces of errors")
    .addHelpText("after", EXIT_HELP)
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) });

  /**
   * Runs a command's body with its context, and turns whatever it throws into one line and an exit code. The
   * context, colours and error reporting load here, not at start-up, so that --help stays light.
   */
  const action =
    <A extends unknown[]>(body: (ctx: Context, ...args: A) => Promise<void>) =>
    async (...args: unknown[]) => {
      const command = args[args.length - 1] as Command;
      const flags = command.optsWithGlobals<GlobalFlags>();
      const [{ createContext }, { report }] = await Promise.all([
        import("./context.js"),
        import("./errors.js"),
      ]);
      const ctx = createContext(flags);
      try {
        await body(ctx, ...(args.slice(0, -1) as A));
        done(EXIT.ok);
      } catch (err) {
        const r = report(err, [ctx.apiKey]);
        const local = flags.sandbox && r.line.startsWith("connection_error");
        ctx.out.error(
          local ? `${r.line} (is the sandbox running? start it with: ssemble sandbox)` : r.line,
        );
        if (flags.debug && r.stack) process.stderr.write(`${r.stack}\n`);
        done(r.exitCode);
      }
    };
  const shorts = () => import("./commands/shorts.js");
  const catalogs = () => import("./commands/catalogs.js");

  const create = root
    .command("create")
    .description(
      "submit a video (one credit); prints the request id, or follows the job with --wait",
    );
  // One flag per field of the body, from the field table.
  for (const option of createOptions()) create.addOption(option);
  create
    .option("--wait", "follow the job with a progress bar until it ends, then list its clips")
    .option(
      "--poll-interval <seconds>",
      "with --wait: first interval between polls (default 10; backs off to 60)",
      pollSeconds,
    )
    .action(
      action(async (ctx, o: CreateCommandFlags) =>
        (await import("./commands/create.js")).create(ctx, o),
      ),
    );
  root
    .command("status")
    .description("status, step and progress of a job")
    .argument("<id>", "the job's request id")
    .action(action(async (ctx, id: string) => (await shorts()).status(ctx, id)));
  root
    .command("get")
    .description("a finished job with its clips")
    .argument("<id>", "the job's request id")
    .action(action(async (ctx, id: string) => (await shorts()).get(ctx, id)));
  root
    .command("delete")
    .description(
      "delete a job and its clips (a running job is cancelled; the credit is not refunded)",
    )
    .argument("<id>", "the job's request id")
    .option("-y, --yes", "do not ask for confirmation")
    .action(
      action(async (ctx, id: string, o: { yes?: boolean }) => (await shorts()).remove(ctx, id, o)),
    );
  root
    .command("watch")
    .description(
      "follow jobs until they end, a bar each, with about one request per interval however many",
    )
    .argument("<ids...>", "the jobs' request ids")
    .option(
      "--poll-interval <seconds>",
      "first interval between polls (default 10; backs off to 60)",
      pollSeconds,
    )
    .action(
      action(async (ctx, ids: string[], o: WatchFlags) =>
        (await import("./commands/watch.js")).watch(ctx, ids, o),
      ),
    );
  const webhooks = root
    .command("webhooks")
    .description(
      "webhook deliveries: receive them locally (listen), or have the sandbox send one again (resend)",
    );
  webhooks
    .command("listen")
    .description(
      "a local receiver: checks each delivery with the client's parser, prints it, answers 2xx or forwards it",
    )
    .option("--port <n>", "port to listen on (default 4030; 0 picks a free one)", integer(0, 65535))
    .option("--host <host>", "address to listen on (default 127.0.0.1)")
    .option(
      "--forward-to <url>",
      "send each valid delivery on to this URL and answer with its status and body",
    )
    .option(
      "--allow-host <names>",
      "host names (comma-separated) also accepted in Host, e.g. a tunnel's abc.ngrok.app; loopback always is",
    )
    .action(
      action(async (ctx, o: ListenFlags) =>
        (await import("./commands/webhooks.js")).listen(ctx, o),
      ),
    );
  webhooks
    .command("resend")
    .description(
      "sandbox: send a job's webhook event again, now, to its webhookUrl or --url (as stripe events resend)",
    )
    .argument("<id>", "the job's request id (the job must have completed or failed)")
    .option("--url <url>", "send it here instead of the job's webhookUrl")
    .action(
      action(async (ctx, id: string, o: ResendFlags) =>
        (await import("./commands/webhooks-resend.js")).resend(ctx, id, o),
      ),
    );
  root
    .command("download")
    .description(
      "save every clip of a completed job; complete files are skipped, partial ones resumed",
    )
    .argument("<id>", "the job's request id")
    .option("-o, --out <dir>", "where to save the clips (default: a directory named after the id)")
    .option(
      "--max-size <bytes>",
      "the most bytes written for a file whose server declares no length (default 2147483648, 2 GiB)",
      integer(1),
    )
    .action(
      action(async (ctx, id: string, o: DownloadFlags) =>
        (await import("./commands/download.js")).download(ctx, id, o),
      ),
    );
  root
    .command("list")
    .description("your jobs, newest first")
    .addOption(new Option("--status <status>", "only jobs in this state").choices(JOB_STATUSES))
    .addOption(new Option("--sort-by <field>", "sort field").choices(SORT_BY))
    .addOption(new Option("--sort-order <order>", "sort direction").choices(SORT_ORDER))
    .option("--page <n>", "page number", integer(1))
    .option("--limit <n>", "page size, 1 to 100", integer(1, 100))
    .option("--all", "every page")
    .action(action(async (ctx, o: ListFlags) => (await shorts()).list(ctx, o)));

  root
    .command("sandbox")
    .description(
      "run the local sandbox (its flags: --host, --port, --speed, --manual, --limits, --data; --help)",
    )
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument("[flags...]", "passed to ssemble-sandbox")
    .action(async (flags: string[]) => {
      const { sandbox } = await import("./commands/sandbox.js");
      done(await sandbox(flags));
    });
  root
    .command("templates")
    .description("caption templates (their ids go to create --template-id)")
    .action(action(async (ctx) => (await catalogs()).templates(ctx)));
  for (const [name, what] of [
    ["music", "background music tracks (create --music-name)"],
    ["game-videos", "gameplay videos for split screen (create --game-video-name)"],
    ["meme-hooks", "meme intro clips (create --meme-hook-name)"],
  ] as const) {
    root
      .command(name)
      .description(what)
      .option("--page <n>", "page number", integer(1))
      .option("--limit <n>", "page size", integer(1, 100))
      .option("--all", "every page")
      .action(action(async (ctx, o: PageFlags) => (await catalogs()).paged(ctx, name, o)));
  }
  return root;
}

/** This package's version (package.json sits beside dist/). */
function version(): string {
  return (
    JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      version: string;
    }
  ).version;
}

/** Runs `ssemble` with `argv` (without node and the script); resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let code: number = EXIT.ok;
  const root = program((c) => {
    code = c;
  });
  if (argv.length === 0) {
    root.outputHelp();
    return EXIT.ok;
  }
  try {
    await root.parseAsync([...argv], { from: "user" });
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and --version are successes; anything else commander refuses is a usage error.
      return err.code === "commander.helpDisplayed" ||
        err.code === "commander.version" ||
        err.code === "commander.help"
        ? EXIT.ok
        : EXIT.usage;
    }
    throw err;
  }
  return code;
}
