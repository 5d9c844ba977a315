import { describe, expect, it } from "vitest";
import { parseChangeset, unreleasedMarkdown } from "../src/changelog.mjs";
import { tempTree } from "./helpers.js";

describe("changelog", () => {
  it("parses a changeset's packages, bumps and summary", () => {
    expect(
      parseChangeset(
        "---\n\"@ssemble/spec\": minor\n'@ssemble/client': patch\n---\n\nAdded a thing.\n",
      ),
    ).toEqual({
      releases: [
        { name: "@ssemble/spec", bump: "minor" },
        { name: "@ssemble/client", bump: "patch" },
      ],
      summary: "Added a thing.",
    });
    expect(parseChangeset("no front matter")).toBeUndefined();
  });

  it("lists pending changesets of public packages as Unreleased, skipping the README and private ones", () => {
    const dir = tempTree({
      "README.md": "# Changesets\n",
      "a.md":
        '---\n"@ssemble/spec": minor\n---\n\nFirst release of the description.\nSecond line.\n',
      "b.md": '---\n"@ssemble/docs": patch\n---\n\nPrivate app change.\n',
      "c.md": '---\n"@ssemble/types": major\n"@ssemble/client": major\n---\n\nRenamed things.\n',
      "config.json": "{}",
    });
    expect(unreleasedMarkdown(dir)).toBe(
      "### Unreleased\n\n" +
        "- `@ssemble/spec` (minor): First release of the description.\n  Second line.\n" +
        "- `@ssemble/types` (major), `@ssemble/client` (major): Renamed things.",
    );
  });

  it("is empty without pending changesets", () => {
    expect(unreleasedMarkdown(undefined)).toBe("");
    expect(unreleasedMarkdown(tempTree({ "README.md": "x" }))).toBe("");
  });
});
