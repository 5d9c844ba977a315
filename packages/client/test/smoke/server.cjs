// @ts-check
// A loopback stand-in for the Ssemble API, shared by the ESM and CommonJS smoke scripts.
const http = require("node:http");

const ID = "665a1b2c3d4e5f6a7b8c9d0e";
const KEY = "sk_ssemble_smoke_test_key_0000000000000";

/** @typedef {{ method: string | undefined, url: string | undefined, key: unknown }} Seen */

/** @returns {Promise<{ url: string, seen: Seen[], close: () => void }>} */
function start() {
  /** @type {Seen[]} */
  const seen = [];
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method, url: req.url, key: req.headers["x-api-key"] });
    /**
     * @param {number} status
     * @param {unknown} body
     */
    const send = (status, body) => {
      res.writeHead(status, {
        "content-type": "application/json",
        "x-ratelimit-remaining-hour": "99",
      });
      res.end(JSON.stringify(body));
    };
    if (req.url === `/shorts/${ID}/status`) {
      return send(200, {
        data: {
          _id: ID,
          status: "processing",
          step: "transcribing_audio",
          stepMessage: "",
          progress: 30,
          userEmail: "u@example.com",
          isDemo: false,
        },
      });
    }
    if (req.url === `/shorts/${"0".repeat(24)}`) {
      return send(404, {
        error: { code: "resource_not_found", message: "Request not found", details: null },
      });
    }
    send(500, { error: { code: "internal_error", message: "unexpected", details: null } });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        url: `http://127.0.0.1:${/** @type {import("node:net").AddressInfo} */ (server.address()).port}`,
        seen,
        close: () => server.close(),
      }),
    ),
  );
}

/**
 * Exercises the built package the way a user would, and throws if anything is off.
 * @param {typeof import("@ssemble/client")} sdk
 * @param {typeof import("@ssemble/client/webhooks")} webhooks
 * @param {string} label
 */
async function exercise(sdk, webhooks, label) {
  const srv = await start();
  try {
    const client = sdk.createSsembleClient({ apiKey: KEY, baseUrl: srv.url, maxRetries: 0 });
    const { data, rateLimit } = await client.shorts.status(ID).withResponse();
    if (data.progress !== 30 || rateLimit.remainingHour !== 99)
      throw new Error(`${label}: unexpected status ${JSON.stringify(data)}`);
    /** @type {unknown} */
    let notFound;
    try {
      await client.shorts.get("0".repeat(24));
    } catch (err) {
      notFound = err;
    }
    if (
      !(notFound instanceof sdk.NotFoundError) ||
      !(notFound instanceof sdk.SsembleApiError) ||
      notFound.status !== 404
    ) {
      throw new Error(`${label}: expected NotFoundError, got ${notFound}`);
    }
    const event = webhooks.parseWebhookEvent(
      JSON.stringify({
        event: "shorts.failed",
        requestId: ID,
        status: "failed",
        timestamp: "2026-03-30T12:05:00.000Z",
        data: { failureReason: "x" },
      }),
    );
    if (event.event !== "shorts.failed") throw new Error(`${label}: webhook`);
    // The webhook entry throws the main entry's error classes (one shared module, not a copy).
    /** @type {unknown} */
    let invalid;
    try {
      webhooks.parseWebhookEvent("{}");
    } catch (err) {
      invalid = err;
    }
    if (!(invalid instanceof sdk.SsembleValidationError))
      throw new Error(`${label}: webhook error class ${invalid}`);
    if (srv.seen.length !== 2 || srv.seen.some((r) => r.key !== KEY))
      throw new Error(`${label}: requests ${JSON.stringify(srv.seen.length)}`);
    console.log(`${label}: ok (${srv.seen.length} requests to ${srv.url})`);
  } finally {
    srv.close();
  }
}

module.exports = { exercise };
