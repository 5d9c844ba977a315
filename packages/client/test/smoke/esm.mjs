// Imports the built package by its name (package self-reference → exports map → dist) from ESM.
import * as sdk from "@ssemble/client";
import helpers from "./server.cjs";

await helpers.exercise(sdk, "esm import");
