// The one scenario every runtime runs, with the packed client's exports passed in, against the Prism mock:
// templates, create, status, a `for await` over a paginated list, and a 404 caught as NotFoundError.

/** Which runtime this is, by its own account. */
export function runtime() {
  if (globalThis.Bun) return `bun ${globalThis.Bun.version}`;
  if (globalThis.Deno) return `deno ${globalThis.Deno.version.deno}`;
  if (globalThis.navigator?.userAgent === "Cloudflare-Workers") return "workerd";
  if (globalThis.process?.versions?.node) return `node ${globalThis.process.version}`;
  return globalThis.navigator?.userAgent ?? "unknown";
}

/**
 * @param {typeof import("@ssemble/client")} client
 * @param {string} baseUrl
 * @param {Record<string, unknown>} [options] more client options (the browser's dangerouslyAllowBrowser)
 */
export async function scenario(client, baseUrl, options = {}) {
  const { createSsembleClient, NotFoundError, SsembleApiError } = client;
  // The pages the list walk asked for. Prism answers every page with the example's page 1, so a walk that asks
  // for page 2 and then stops on the client's repeated-page guard is the whole of what the mock can show.
  const listPages = [];
  const ssemble = createSsembleClient({
    apiKey: "ecosystem-test-key",
    baseUrl,
    maxRetries: 0,
    onResponse: ({ url }) => {
      const { pathname, searchParams } = new URL(url);
      if (pathname.endsWith("/shorts")) listPages.push(Number(searchParams.get("page") ?? 1));
    },
    ...options,
  });
  const templates = await ssemble.templates.list();
  const created = await ssemble.shorts.create({
    url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    start: 0,
    end: 120,
  });
  const status = await ssemble.shorts.status(created.requestId);
  const listed = [];
  for await (const job of ssemble.shorts.list({ limit: 2 })) listed.push(job.requestId);
  let notFound = null;
  try {
    await ssemble.shorts.status(created.requestId, { headers: { Prefer: "code=404" } });
  } catch (error) {
    notFound = {
      notFoundError: error instanceof NotFoundError,
      apiError: error instanceof SsembleApiError,
      status: error.status,
      code: error.code,
    };
  }
  return {
    runtime: runtime(),
    templates: templates.templates.map((t) => t.templateId),
    created: created.requestId,
    status: status.status,
    listed,
    listPages,
    notFound,
  };
}
