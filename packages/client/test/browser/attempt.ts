// What the page and the workers of browser.test.ts each do: create a client without the flag (it must refuse),
// then with it, and list the templates from the test server (same origin, so CSP's connect-src 'self' holds).
import { createSsembleClient } from "../../src/index.js";

export interface Attempt {
  refused: string;
  templates: number;
}

export async function attempt(origin: string): Promise<Attempt> {
  let refused = "";
  try {
    createSsembleClient({
      apiKey: "sk_ssemble_browserTest000000000000000000001",
      baseUrl: `${origin}/api/v1`,
    });
  } catch (err) {
    refused = err instanceof Error ? err.message : String(err);
  }
  const client = createSsembleClient({
    apiKey: "sk_ssemble_browserTest000000000000000000001",
    baseUrl: `${origin}/api/v1`,
    dangerouslyAllowBrowser: true,
  });
  const { templates } = await client.templates.list();
  return { refused, templates: templates.length };
}
