// Node, Bun and Deno: run the scenario and print its result as one JSON line.
import * as client from "@ssemble/client";
import { scenario } from "./scenario.mjs";

const baseUrl = globalThis.Deno
  ? globalThis.Deno.env.get("SSEMBLE_BASE_URL")
  : process.env.SSEMBLE_BASE_URL;
console.log(JSON.stringify(await scenario(client, baseUrl)));
