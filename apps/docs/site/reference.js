// @ts-check
// Starts Redoc on the spec embedded in the page (no fetch, so it also works from file://).
(() => {
  /** @param {string} id */
  const read = (id) => JSON.parse(document.getElementById(id)?.textContent ?? "null");
  const root = document.documentElement;
  root.dataset.redoc = "loading";
  /** @type {{ init(spec: unknown, options: unknown, element: HTMLElement | null, done: (error?: unknown) => void): void }} */
  const Redoc = /** @type {any} */ (window).Redoc;
  Redoc.init(
    read("redoc-spec"),
    read("redoc-options"),
    document.getElementById("redoc"),
    (error) => {
      root.dataset.redoc = error ? "error" : "ready";
      if (error) console.error("Redoc failed to render the spec", error);
    },
  );
})();
