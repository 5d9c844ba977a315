// @ts-check
// require() of the ESM-only package: supported without flags from Node 20.19.
const sdk = require("@ssemble/client");
const webhooks = require("@ssemble/client/webhooks");
const { exercise } = require("./server.cjs");

exercise(sdk, webhooks, "cjs require").catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
