import type { operations, paths } from "@ssemble/types";
import { OPERATION_REGISTRY } from "@ssemble/types/operations";
import type { SsembleClient } from "./client.js";

type Verb = "get" | "post" | "delete";

/** Where an operation lives in `paths`: the path and method whose operation object is exactly `operations[K]`. */
type LocationOf<K extends keyof operations> = {
  [P in keyof paths]: {
    [M in Verb]: [paths[P][M]] extends [operations[K]]
      ? [operations[K]] extends [paths[P][M]]
        ? { path: P; method: Uppercase<M> }
        : never
      : never;
  }[Verb];
}[keyof paths];

/** The operations served under `paths` (the webhooks' operations, which Ssemble calls, are not). */
export type PathOperationId = {
  [K in keyof operations]: [LocationOf<K>] extends [never] ? never : K;
}[keyof operations];

/** Every client method that calls the API, as `resource.method` (e.g. `shorts.create`). */
export type ClientMethod = {
  [R in Exclude<keyof SsembleClient, "raw">]: `${R}.${keyof SsembleClient[R] & string}`;
}[Exclude<keyof SsembleClient, "raw">];

/** One operation of the API: its HTTP method and path (as in the spec) and the client method that calls it. */
export type OperationInfo<K extends keyof operations = keyof operations> = LocationOf<K> & {
  call: ClientMethod;
};

/**
 * The operation ↔ method map: every operation's registry entry (`@ssemble/types/operations`: method, path,
 * parameters, list, statuses, errors, pool, credits, semantics) with the client method that calls it. The compiler
 * checks it against `@ssemble/types` both ways: a missing or extra operation, or a wrong path or method, fails to
 * compile. Tools (the mock's contract tests, the docs' sample checks, the README's Methods table) iterate it rather
 * than keeping their own list.
 */
export const OPERATIONS = {
  createShort: { ...OPERATION_REGISTRY.createShort, call: "shorts.create" },
  getShortStatus: { ...OPERATION_REGISTRY.getShortStatus, call: "shorts.status" },
  getShort: { ...OPERATION_REGISTRY.getShort, call: "shorts.get" },
  deleteShort: { ...OPERATION_REGISTRY.deleteShort, call: "shorts.delete" },
  listShorts: { ...OPERATION_REGISTRY.listShorts, call: "shorts.list" },
  listTemplates: { ...OPERATION_REGISTRY.listTemplates, call: "templates.list" },
  listMusic: { ...OPERATION_REGISTRY.listMusic, call: "music.list" },
  listGameVideos: { ...OPERATION_REGISTRY.listGameVideos, call: "gameVideos.list" },
  listMemeHooks: { ...OPERATION_REGISTRY.listMemeHooks, call: "memeHooks.list" },
} as const satisfies { [K in PathOperationId]: OperationInfo<K> };

export type OperationId = keyof typeof OPERATIONS;
