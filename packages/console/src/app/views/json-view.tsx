// A JSON value as a tree of <details> elements (collapsible with the keyboard), every string as text.

function summaryOf(value: unknown): string {
  if (Array.isArray(value)) return `[ ${value.length} item${value.length === 1 ? "" : "s"} ]`;
  const n = Object.keys(value as object).length;
  return `{ ${n} field${n === 1 ? "" : "s"} }`;
}

function Leaf({ value }: { value: unknown }) {
  const kind = value === null ? "null" : typeof value;
  return <span class={`json-${kind}`}>{JSON.stringify(value)}</span>;
}

function Node({ name, value, depth }: { name?: string; value: unknown; depth: number }) {
  const label = name === undefined ? null : <span class="json-key">{name}: </span>;
  if (value === null || typeof value !== "object") {
    return (
      <li>
        {label}
        <Leaf value={value} />
      </li>
    );
  }
  const entries = Array.isArray(value)
    ? value.map((v, i) => [String(i), v] as const)
    : Object.entries(value);
  return (
    <li>
      <details open={depth < 3}>
        <summary>
          {label}
          <span class="json-summary">{summaryOf(value)}</span>
        </summary>
        <ul>
          {entries.map(([k, v]) => (
            <Node key={k} name={k} value={v} depth={depth + 1} />
          ))}
        </ul>
      </details>
    </li>
  );
}

export function JsonView({ value, label }: { value: unknown; label: string }) {
  if (typeof value === "string") {
    return (
      <figure class="raw">
        <figcaption>{label} (not JSON)</figcaption>
        <pre>{value}</pre>
      </figure>
    );
  }
  return (
    <ul class="json" aria-label={label}>
      <Node value={value} depth={0} />
    </ul>
  );
}
