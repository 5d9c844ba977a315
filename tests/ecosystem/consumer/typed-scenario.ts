// The scenario, typed: what a TypeScript consumer writes. It takes the client module so that the static-import
// entry (typed.ts) and the dynamic-import one (typed-dynamic.ts) share it. The expect-error lines fail the
// compile if the published types degrade to `any`. The module's type is imported with `resolution-mode: import`:
// a CommonJS file under node16 may name an ES module's types only so (TS1541), and every other mode accepts it.
type Client = typeof import("@ssemble/client", { with: { "resolution-mode": "import" }});
type SsembleClient = ReturnType<Client["createSsembleClient"]>;
type CreateShortRequest = Parameters<SsembleClient["shorts"]["create"]>[0];
type ShortStatus = Awaited<ReturnType<SsembleClient["shorts"]["status"]>>;
type JobStatus = ShortStatus["status"];

export interface TypedResult {
  templates: string[];
  created: string;
  status: JobStatus;
  listed: string[];
  listPages: number[];
  notFound: boolean;
}

export async function typedScenario(client: Client, baseUrl: string): Promise<TypedResult> {
  // The pages the list walk asked for (see consumer/scenario.mjs).
  const listPages: number[] = [];
  const ssemble = client.createSsembleClient({
    apiKey: "ecosystem-test-key",
    baseUrl,
    maxRetries: 0,
    // Parsed without URL, which a `lib` without DOM does not declare.
    onResponse: ({ url }) => {
      if (/\/shorts(\?|$)/.test(url)) listPages.push(Number(/[?&]page=(\d+)/.exec(url)?.[1] ?? 1));
    },
  });
  const body: CreateShortRequest = {
    url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    start: 0,
    end: 120,
  };
  // @ts-expect-error a body with both sources does not compile
  const both: CreateShortRequest = { ...body, fileUrl: "https://example.com/video.mp4" };
  // @ts-expect-error nor does a status the API does not have
  const unknownStatus: JobStatus = "paused";
  void [both, unknownStatus];

  const templates = await ssemble.templates.list();
  const created = await ssemble.shorts.create(body);
  const status: ShortStatus = await ssemble.shorts.status(created.requestId);
  const listed: string[] = [];
  for await (const job of ssemble.shorts.list({ limit: 2 })) listed.push(job.requestId);
  let notFound = false;
  try {
    await ssemble.shorts.status(created.requestId, { headers: { Prefer: "code=404" } });
  } catch (error) {
    if (!(error instanceof client.NotFoundError)) throw error;
    notFound = error.status === 404;
  }
  return {
    templates: templates.templates.map((t) => t.templateId),
    created: created.requestId,
    status: status.status,
    listed,
    listPages,
    notFound,
  };
}

// The globals used here, typed here: some configurations of the matrix load neither DOM's nor Node's types, and
// their only errors must be the published declarations' own.
const { process: proc, console: log } = globalThis as {
  process?: { env: Record<string, string | undefined>; exitCode?: number };
  console?: { log(line: string): void; error(error: unknown): void };
};

/** The mock's URL. */
export function baseUrlFromEnv(): string {
  const url = proc?.env.SSEMBLE_BASE_URL;
  if (!url) throw new Error("SSEMBLE_BASE_URL is not set");
  return url;
}

/** Prints the result as one JSON line, or the error with exit code 1. */
export function print(result: Promise<object>): void {
  result.then(
    (value) => log?.log(JSON.stringify(value)),
    (error: unknown) => {
      log?.error(error);
      if (proc) proc.exitCode = 1;
    },
  );
}
