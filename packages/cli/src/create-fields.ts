// create's flags, one per field of the request body: the options commander registers, the body they make and the
// flag an error about a field names all come from this table. It has an entry for every field either create body
// takes (the compiler holds it to `@ssemble/types`), so a field the spec adds cannot be forgotten here.
import type { CreateShortFromFileUrl, CreateShortFromUrl } from "@ssemble/types";
import { layoutValues, preferredLengthValues } from "@ssemble/types";
import { Option } from "commander";

/** Every field of either create body. */
export type CreateField = keyof CreateShortFromUrl | keyof CreateShortFromFileUrl;

/**
 * How a flag becomes its field: `text` as given; `time` seconds or h:mm:ss; `number`; `switch` true when given;
 * `negation` (`--no-x`) true when given; `implied` has no flag and is true when a field that implies it is set.
 */
type Kind = "text" | "time" | "number" | "switch" | "negation" | "implied";

interface Field {
  kind: Kind;
  /** commander's flags (`--music-name <name>`); none for `implied`. */
  flags?: string;
  help?: string;
  /** Fields this one turns on when it is set (`--music-name X` means music on). */
  implies?: readonly CreateField[];
}

/** In the order the API documents the fields, which is the body's order. */
export const CREATE_FIELDS = {
  url: { kind: "text", flags: "--url <url>", help: "a YouTube video URL" },
  fileUrl: { kind: "text", flags: "--file-url <url>", help: "a video file URL" },
  start: {
    kind: "time",
    flags: "--start <time>",
    help: "start of the window to analyse: seconds or m:ss / h:mm:ss",
  },
  end: {
    kind: "time",
    flags: "--end <time>",
    help: "end of the window (at most 20 minutes after --start)",
  },
  preferredLength: {
    kind: "text",
    flags: "--preferred-length <length>",
    help: `${preferredLengthValues.join(", ")} (default under60sec)`,
  },
  language: { kind: "text", flags: "--language <code>", help: "spoken language (default en)" },
  captionLanguage: {
    kind: "text",
    flags: "--caption-language <code>",
    help: "caption language (default: the spoken one)",
  },
  templateId: {
    kind: "text",
    flags: "--template-id <id>",
    help: "caption template (see: ssemble templates)",
  },
  noClipping: {
    kind: "negation",
    flags: "--no-clipping",
    help: "keep the whole window as one clip",
  },
  hookTitle: { kind: "switch", flags: "--hook-title", help: "add an AI hook title" },
  memeHook: { kind: "switch", flags: "--meme-hook", help: "add a meme intro clip" },
  memeHookName: {
    kind: "text",
    flags: "--meme-hook-name <name>",
    help: "which meme hook (see: ssemble meme-hooks); implies --meme-hook",
    implies: ["memeHook"],
  },
  gameVideo: { kind: "switch", flags: "--game-video", help: "add split-screen gameplay" },
  gameVideoName: {
    kind: "text",
    flags: "--game-video-name <name>",
    help: "which game video (see: ssemble game-videos); implies --game-video",
    implies: ["gameVideo"],
  },
  ctaEnabled: { kind: "implied" },
  ctaText: {
    kind: "text",
    flags: "--cta-text <text>",
    help: "a call-to-action text, up to 200 characters",
    implies: ["ctaEnabled"],
  },
  music: { kind: "switch", flags: "--music", help: "add background music" },
  musicName: {
    kind: "text",
    flags: "--music-name <name>",
    help: "which track (see: ssemble music); implies --music",
    implies: ["music"],
  },
  musicVolume: {
    kind: "number",
    flags: "--music-volume <0-100>",
    help: "music volume (default 10); implies --music",
    implies: ["music"],
  },
  layout: {
    kind: "text",
    flags: "--layout <layout>",
    help: `${layoutValues.join(", ").replace(/^auto/, "auto (default)")}`,
  },
  webhookUrl: {
    kind: "text",
    flags: "--webhook-url <url>",
    help: "where Ssemble POSTs shorts.completed or shorts.failed",
  },
} as const satisfies { [F in CreateField]: Field };

interface Entry extends Field {
  field: CreateField;
  /** Where commander stores the flag's value (`fileUrl`; `clipping` for `--no-clipping`). */
  attribute?: string;
  /** The long flag (`--file-url`). */
  long?: string;
}

/** The table in body order, with each flag's attribute and long name. */
export const CREATE_FIELD_LIST: readonly Entry[] = (
  Object.entries(CREATE_FIELDS) as [CreateField, Field][]
).map(([field, f]) => {
  const option = f.flags ? new Option(f.flags) : undefined;
  return { ...f, field, attribute: option?.attributeName(), long: option?.long };
});

/** Fresh commander options for create's fields (one set per program: commander keeps state on them). */
export const createOptions = (): Option[] =>
  CREATE_FIELD_LIST.flatMap((f) => (f.flags ? [new Option(f.flags, f.help)] : []));

/** Each field of create's body and the flag that sets it (an implied field: the flag that implies it). */
export const FLAG_OF: Readonly<Record<string, string>> = Object.fromEntries(
  CREATE_FIELD_LIST.map((f) => [
    f.field,
    f.long ?? CREATE_FIELD_LIST.find((other) => other.implies?.includes(f.field))?.long ?? f.field,
  ]),
);

/** What commander parsed, keyed by each option's attribute name. */
export type CreateFlags = Record<string, unknown>;

/** Whether a field's flag was given (a negated switch is given when it is false). */
export function isGiven(flags: CreateFlags, f: Entry): boolean {
  const raw = f.attribute === undefined ? undefined : flags[f.attribute];
  if (f.kind === "switch") return raw === true;
  if (f.kind === "negation") return raw === false;
  return raw !== undefined;
}

/** A field's raw flag value, as commander stored it. */
export const flagValue = (flags: CreateFlags, f: Entry): unknown =>
  f.attribute === undefined ? undefined : flags[f.attribute];
