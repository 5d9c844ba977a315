import type { paths } from "@ssemble/types";
import type { Client } from "openapi-fetch";
import type { Clock } from "../clock.js";
import type { RequestContext } from "../request.js";

/** What each resource module gets from the client. */
export interface ResourceDeps {
  ctx: RequestContext;
  raw: Client<paths>;
  clock: Clock;
}
