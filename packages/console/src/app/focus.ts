// Where focus goes when the control that had it disappears (a navigation, a job that ended): the view's heading,
// as a page load would put a screen reader at the top.

/** Focuses the main view's first heading (made focusable for it). */
export function focusHeading(): void {
  const heading = document.querySelector<HTMLElement>("main h2");
  if (!heading) return;
  heading.tabIndex = -1;
  heading.focus();
}
