// Debian's Chromium (`apt install chromium`, never a downloaded browser), launched the same way by every browser
// test: headless, no sandbox (CI runs as root), nothing that phones home.
import { type Browser, type BrowserContext, chromium } from "playwright-core";

export const CHROMIUM_PATH = "/usr/bin/chromium";

export const CHROMIUM_ARGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A headless Chromium; `args` are added to the common ones (e.g. `--host-resolver-rules=...`). */
export function launchChromium(args: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...args] });
}

/** A headless Chromium with a profile of its own in `profileDir` (service workers, storage across pages). */
export function launchChromiumContext(
  profileDir: string,
  options: { viewport?: { width: number; height: number }; args?: readonly string[] } = {},
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
    ...(options.viewport ? { viewport: options.viewport } : {}),
  });
}
