// One API key's world: its jobs, credits, subscription and clock. Created on the key's first request.
import { type ClockMode, VirtualClock } from "./clock.js";
import type { Job } from "./jobs.js";

export interface WorkspaceSettings {
  credits: number;
  subscription: boolean;
}

export const DEFAULT_SETTINGS: WorkspaceSettings = { credits: 100, subscription: true };

export class Workspace {
  readonly jobs = new Map<string, Job>();
  readonly clock: VirtualClock;
  settings: WorkspaceSettings;
  #counter = 0;
  readonly #tag: string;

  constructor(
    readonly key: string,
    realNow: () => number,
    clock: { mode?: ClockMode; speed?: number },
  ) {
    this.clock = new VirtualClock(realNow, clock);
    this.settings = { ...DEFAULT_SETTINGS };
    this.#tag = hash8(key);
  }

  /** A 24-hex id like a MongoDB ObjectId: creation second, workspace tag, counter. Unique per workspace. */
  nextId(now: number): string {
    this.#counter += 1;
    const seconds = Math.floor(now / 1000) >>> 0;
    return `${hex8(seconds)}${this.#tag}${hex8(this.#counter)}`;
  }

  reset(): void {
    this.jobs.clear();
    this.settings = { ...DEFAULT_SETTINGS };
  }
}

const hex8 = (n: number) => (n >>> 0).toString(16).padStart(8, "0");

/** FNV-1a, 32 bits: a stable, cheap digest (not a secret; the key itself never leaves the process). */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const hash8 = (text: string) => hex8(hash32(text));
