// Cloudflare workerd: a module worker that runs the scenario per request and answers with its result.
import * as client from "@ssemble/client";
import { scenario } from "./scenario.mjs";

export default {
  async fetch(_request, env) {
    try {
      return Response.json(await scenario(client, env.SSEMBLE_BASE_URL));
    } catch (error) {
      return Response.json({ error: String(error?.stack ?? error) }, { status: 500 });
    }
  },
};
