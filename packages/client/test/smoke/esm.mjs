// @ts-check
// Imports the built package by its name (package self-reference → exports map → dist) from ESM.
import * as sdk from "@ssemble/client";
import * as webhooks from "@ssemble/client/webhooks";
import helpers from "./server.cjs";

await helpers.exercise(sdk, webhooks, "esm import");
