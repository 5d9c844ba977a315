import type {
  CreateShortRequest,
  CreateShortResponse,
  ListShortsQuery,
  ShortDeletion,
  ShortStatus,
  ShortsRequestList,
  ShortsRequestSummary,
  ShortsResult,
} from "@ssemble/types";
import type { OperationId } from "@ssemble/types/operations";
import type { ApiPromise } from "../api-promise.js";
import { SsembleValidationError } from "../errors.js";
import { assertRequestId } from "../ids.js";
import type { PageIterator } from "../pagination.js";
import { perRequestOptions, type WaitOptions, waitForCompletion } from "../polling.js";
import { guarded, type SuccessData } from "../request.js";
import { type Tracker, type TrackOptions, track } from "../track.js";
import type { RequestOptions } from "../transport.js";
import { pages, type ResourceDeps, send } from "./shared.js";

export interface CreateAndWaitOptions extends WaitOptions {
  /** Called once the job exists, before waiting: persist `requestId` here so a failed wait can be resumed. */
  onCreated?: ((created: CreateShortResponse) => void) | undefined;
}

export interface ShortsResource {
  /** POST /shorts/create: submits a job (costs one credit). Retried only when it provably did not run. */
  create(body: CreateShortRequest, options?: RequestOptions): ApiPromise<CreateShortResponse>;
  /** GET /shorts/{id}/status: status, step and progress of one job. */
  status(id: string, options?: RequestOptions): ApiPromise<ShortStatus>;
  /** GET /shorts/{id}: the job with its transcript and generated clips. */
  get(id: string, options?: RequestOptions): ApiPromise<ShortsResult>;
  /** DELETE /shorts/{id}: deletes the job and its clips (cancelling it if running); the credit is not refunded. */
  delete(id: string, options?: RequestOptions): ApiPromise<ShortDeletion>;
  /** GET /shorts: iterate every job across pages, or `.page(n)` for one page. */
  list(
    query?: ListShortsQuery,
    options?: RequestOptions,
  ): PageIterator<ShortsRequestSummary, ShortsRequestList>;
  /** Polls the status (backing off from 10 s to 60 s) until the job ends; resolves to `get(id)`. */
  waitForCompletion(id: string, options?: WaitOptions): Promise<ShortsResult>;
  /** `create` then `waitForCompletion`. */
  createAndWait(body: CreateShortRequest, options?: CreateAndWaitOptions): Promise<ShortsResult>;
  /** Watches many jobs with about one GET /shorts request per interval, whatever their number. */
  track(ids: readonly string[], options?: TrackOptions): Tracker;
}

const DELETED = { message: "Request successfully deleted" };

export function createShortsResource(deps: ResourceDeps): ShortsResource {
  const { ctx, clock } = deps;
  /** Operation `id` on job `id`, checked locally first. */
  const byId = <K extends OperationId>(
    op: K,
    id: string,
    options: RequestOptions | undefined,
    empty?: () => SuccessData<K>,
  ) => send(deps, op, { params: { path: { id: assertRequestId(id) } } }, options, empty);
  const status: ShortsResource["status"] = guarded((id, options) =>
    byId("getShortStatus", id, options),
  );
  const get: ShortsResource["get"] = guarded((id, options) => byId("getShort", id, options));

  const shorts: ShortsResource = {
    create: guarded((body: CreateShortRequest, options?: RequestOptions) => {
      const b = body as { url?: unknown; fileUrl?: unknown } | null;
      if (!b || typeof b !== "object" || (b.url === undefined) === (b.fileUrl === undefined)) {
        throw new SsembleValidationError(
          "create() needs exactly one of `url` or `fileUrl`",
          "body",
        );
      }
      return send(deps, "createShort", { body }, options);
    }),
    status,
    get,
    // 204 has no body: report it like the documented 200.
    delete: guarded((id: string, options?: RequestOptions) =>
      byId("deleteShort", id, options, () => ({ ...DELETED })),
    ),
    list: (query, options) => pages(deps, "listShorts", query, options),
    async waitForCompletion(id, options) {
      const rid = assertRequestId(id);
      return waitForCompletion(rid, options, { clock, status, result: get, redact: ctx.redact });
    },
    async createAndWait(body, options) {
      const created = await shorts.create(body, perRequestOptions(options ?? {}, options?.signal));
      options?.onCreated?.(created);
      return shorts.waitForCompletion(created.requestId, options);
    },
    track(ids, options) {
      return track(ids, options, {
        clock,
        listPage: (query, opts) => send(deps, "listShorts", { params: { query } }, opts),
      });
    },
  };
  return shorts;
}
