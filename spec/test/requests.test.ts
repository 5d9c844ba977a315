// The request rules the spec promises, checked with a real JSON Schema 2020-12 validator: Prism enforces the
// same schemas, and the generated types mirror them.
import { describe, expect, it } from "vitest";
import { pagedOperations, parameterValidator, requestBodyValidator } from "./bundle.js";

const PAGED = pagedOperations();

const create = requestBodyValidator("createShort");
const youtube = { url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ", start: 0, end: 600 };
const file = { fileUrl: "https://cdn.example.com/videos/keynote.mp4", start: 120, end: 180 };

describe("POST /shorts/create body", () => {
  it.each([
    ["minimal YouTube source", youtube],
    ["minimal file source", file],
    [
      "every option",
      {
        ...youtube,
        preferredLength: "under90sec",
        language: "es",
        captionLanguage: "en",
        templateId: "660b8531aedb346bbe26eb43",
        noClipping: false,
        layout: "fill",
        hookTitle: true,
        memeHook: true,
        memeHookName: "Wait For It",
        gameVideo: true,
        gameVideoName: "Minecraft Parkour",
        ctaEnabled: true,
        ctaText: "Subscribe for more!",
        music: true,
        musicName: "Energetic Beat",
        musicVolume: 100,
        webhookUrl: "https://hooks.example.com/ssemble",
      },
    ],
    ["a fractional window", { ...youtube, start: 12.5, end: 55.3 }],
    [
      "ctaText of exactly 200 characters",
      { ...youtube, ctaEnabled: true, ctaText: "x".repeat(200) },
    ],
    ["ctaText without ctaEnabled", { ...youtube, ctaText: "Follow us" }],
    ["musicVolume 0", { ...youtube, music: true, musicVolume: 0 }],
    ["every documented language", { ...youtube, language: "uk", captionLanguage: "vi" }],
  ])("accepts %s", (_name, body) => {
    expect(create(body), JSON.stringify(create.errors)).toBe(true);
  });

  it.each([
    ["both url and fileUrl", { ...youtube, fileUrl: file.fileUrl }],
    ["neither url nor fileUrl", { start: 0, end: 600 }],
    ["a missing start", { url: youtube.url, end: 600 }],
    ["a missing end", { url: youtube.url, start: 0 }],
    ["a negative start", { ...youtube, start: -1 }],
    ["musicVolume 101", { ...youtube, music: true, musicVolume: 101 }],
    ["musicVolume -1", { ...youtube, music: true, musicVolume: -1 }],
    ["ctaText of 201 characters", { ...youtube, ctaEnabled: true, ctaText: "x".repeat(201) }],
    ["ctaEnabled without ctaText", { ...youtube, ctaEnabled: true }],
    ["a malformed templateId", { ...youtube, templateId: "karaoke" }],
    ["a 25-character templateId", { ...youtube, templateId: "660b8531aedb346bbe26eb43a" }],
    ["an unknown layout", { ...youtube, layout: "wide" }],
    ["an unknown preferredLength", { ...youtube, preferredLength: "under2min" }],
    ["an unknown language", { ...youtube, language: "xx" }],
    ["an unknown captionLanguage", { ...youtube, captionLanguage: "klingon" }],
    ["an undocumented field", { ...youtube, template: "karaoke" }],
    ["a string start", { ...youtube, start: "0" }],
    ["a non-boolean flag", { ...youtube, music: "yes" }],
    ["a fileUrl that is not http(s)", { ...file, fileUrl: "ftp://example.com/a.mp4" }],
    ["a webhookUrl that is not a URL", { ...youtube, webhookUrl: "not a url" }],
    ["an array body", [youtube]],
    ["a null body", null],
  ])("rejects %s", (_name, body) => {
    expect(create(body)).toBe(false);
  });
});

describe("path and query parameters", () => {
  it.each([
    ["getShortStatus", "id"],
    ["getShort", "id"],
    ["deleteShort", "id"],
  ])("%s accepts a 24-hex id and rejects malformed ones", (operationId, name) => {
    const id = parameterValidator(operationId, name);
    expect(id("665a1b2c3d4e5f6a7b8c9d0e")).toBe(true);
    expect(id("665A1B2C3D4E5F6A7B8C9D0E")).toBe(true);
    for (const bad of [
      "665a1b2c3d4e5f6a7b8c9d0",
      "665a1b2c3d4e5f6a7b8c9d0e0",
      "zzza1b2c3d4e5f6a7b8c9d0e",
      "",
      "../etc",
    ]) {
      expect(id(bad), bad).toBe(false);
    }
  });

  it("some operations are paged (the loop below checks each)", () => {
    expect(PAGED.length).toBeGreaterThan(0);
  });

  it.each(PAGED)("%s paginates with page >= 1 and limit 1..100", (operationId) => {
    const page = parameterValidator(operationId, "page");
    const limit = parameterValidator(operationId, "limit");
    expect(page(1)).toBe(true);
    expect(page(5000)).toBe(true);
    expect(page(0)).toBe(false);
    expect(page(-1)).toBe(false);
    expect(page(1.5)).toBe(false);
    expect(limit(1)).toBe(true);
    expect(limit(100)).toBe(true);
    expect(limit(0)).toBe(false);
    expect(limit(101)).toBe(false);
    expect(limit(200)).toBe(false);
  });

  it("listShorts filters by the five job states and sorts by two fields", () => {
    const status = parameterValidator("listShorts", "status");
    for (const s of ["queued", "processing", "completed", "failed", "cancelled"])
      expect(status(s)).toBe(true);
    expect(status("done")).toBe(false);
    const sortBy = parameterValidator("listShorts", "sortBy");
    expect(sortBy("createdAt")).toBe(true);
    expect(sortBy("updatedAt")).toBe(true);
    expect(sortBy("title")).toBe(false);
    const sortOrder = parameterValidator("listShorts", "sortOrder");
    expect(sortOrder("asc")).toBe(true);
    expect(sortOrder("desc")).toBe(true);
    expect(sortOrder("ascending")).toBe(false);
  });
});
