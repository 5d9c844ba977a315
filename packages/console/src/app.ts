// @ssemble/console/app: the console as a function that renders it into an element, for pages that bring their
// own target (the docs bring a sandbox living in the page).
import { h, render } from "preact";
import type { ConsoleTarget } from "./app/target.js";
import { App } from "./app/views/app.js";

export { httpMock, httpSandbox, pageSandbox } from "./app/target.js";
export type { ConsoleTarget };

export interface MountOptions {
  /** Where requests can go, the first one chosen; more than one shows a picker. */
  targets: ConsoleTarget[];
  /** A link back to the page's home (the docs), shown in the header. */
  home?: { label: string; href: string };
}

/** Renders the console into `element`; returns a function that removes it. */
export function mount(element: Element, options: MountOptions): () => void {
  // The page's "Loading…" placeholder goes: Preact 11 renders beside what it did not create.
  element.replaceChildren();
  render(h(App, { targets: options.targets, home: options.home }), element);
  return () => render(null, element);
}
