// The two workflows 1.1.0 offers as prompts, written against this server's tools (including the waiting ones).
import type { GetPromptResult, Prompt } from "@modelcontextprotocol/sdk/types.js";

const STYLES = ["engaging", "educational", "funny", "dramatic"] as const;

export const PROMPTS: Prompt[] = [
  {
    name: "create-viral-short",
    title: "Create a viral short",
    description:
      "Turn one video into short vertical clips, choosing a template and music that fit a style.",
    arguments: [
      {
        name: "url",
        description: "A YouTube video URL, or a public video file URL.",
        required: true,
      },
      {
        name: "style",
        description: `One of ${STYLES.join(", ")} (default engaging).`,
        required: false,
      },
    ],
  },
  {
    name: "batch-process-videos",
    title: "Batch process videos",
    description:
      "Create shorts from several videos and follow every job to the end with one waiting call.",
    arguments: [
      {
        name: "urls",
        description: "The videos' URLs, one per line (or separated by commas or spaces).",
        required: true,
      },
      {
        name: "style",
        description: `One of ${STYLES.join(", ")} (default engaging).`,
        required: false,
      },
    ],
  },
];

export class PromptArgumentError extends Error {}

function style(value: string | undefined): string {
  if (value === undefined || value === "") return "engaging";
  if (!(STYLES as readonly string[]).includes(value)) {
    throw new PromptArgumentError(`style must be one of ${STYLES.join(", ")}`);
  }
  return value;
}

function required(args: Record<string, string>, name: string): string {
  const value = args[name]?.trim();
  if (!value) throw new PromptArgumentError(`the argument ${name} is required`);
  return value;
}

const source = (url: string) =>
  /^https?:\/\/(www\.|m\.)?(youtube\.com|youtu\.be)\//i.test(url)
    ? `url: ${url}`
    : `fileUrl: ${url}`;

export function getPrompt(name: string, args: Record<string, string> = {}): GetPromptResult {
  if (name === "create-viral-short") {
    const url = required(args, "url");
    const s = style(args.style);
    return {
      description: `A ${s} short from ${url}`,
      messages: [
        {
          role: "user",
          content: {
            type: "text",
            text: [
              `Create ${s} short clips from this video with the Ssemble tools: ${url}`,
              "",
              "1. Call list_templates and pick the caption template that suits the style best.",
              `2. Optionally call list_music and pick a track whose mood is ${s}.`,
              `3. Call create_short with ${source(url)}, start: 0 and end at most 1200 seconds later, the templateId,`,
              "   and music: true with musicName if you chose a track. This spends one credit.",
              "4. Call wait_for_short with the requestId. If it answers done: false, call it again until done.",
              "5. Present each clip: its title, viral score and video_url, best first.",
            ].join("\n"),
          },
        },
      ],
    };
  }
  if (name === "batch-process-videos") {
    const urls = required(args, "urls")
      .split(/[\s,]+/)
      .filter(Boolean);
    const s = style(args.style);
    return {
      description: `Shorts from ${urls.length} video${urls.length === 1 ? "" : "s"}`,
      messages: [
        {
          role: "user",
          content: {
            type: "text",
            text: [
              `Create ${s} shorts from each of these ${urls.length} videos with the Ssemble tools (one credit each):`,
              ...urls.map((u) => `- ${u}`),
              "",
              "1. Call create_short once per video (start: 0, end at most 1200) and note every requestId.",
              "   If a call fails, report it and go on with the others.",
              "2. Call wait_for_shorts with all the requestIds; call it again while it answers done: false.",
              "3. Call get_shorts for each completed job and list its clips (title, viral score, video_url).",
              "4. Summarise: how many jobs completed, failed or are still running.",
            ].join("\n"),
          },
        },
      ],
    };
  }
  throw new PromptArgumentError(`no prompt named ${name.slice(0, 64)}`);
}
