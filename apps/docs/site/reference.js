// Starts Redoc on the spec embedded in the page (no fetch, so it also works from file://).
(() => {
  const read = (id) => JSON.parse(document.getElementById(id).textContent);
  const root = document.documentElement;
  root.dataset.redoc = "loading";
  window.Redoc.init(
    read("redoc-spec"),
    read("redoc-options"),
    document.getElementById("redoc"),
    (error) => {
      root.dataset.redoc = error ? "error" : "ready";
      if (error) console.error("Redoc failed to render the spec", error);
    },
  );
})();
