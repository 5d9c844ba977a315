// A browser page: the client refuses to start without dangerouslyAllowBrowser, then runs the scenario with it.
// The mock's URL arrives in the page's fragment; the result (or the error) goes on <body> for the test to read.
import * as client from "@ssemble/client";
import { scenario } from "./scenario.mjs";

const baseUrl = decodeURIComponent(location.hash.slice(1));
let refused = null;
try {
  client.createSsembleClient({ apiKey: "ecosystem-test-key", baseUrl });
} catch (error) {
  refused = { name: error.name, message: error.message };
}
scenario(client, baseUrl, { dangerouslyAllowBrowser: true }).then(
  (result) => document.body.setAttribute("data-result", JSON.stringify({ refused, ...result })),
  (error) => document.body.setAttribute("data-error", String(error?.stack ?? error)),
);
