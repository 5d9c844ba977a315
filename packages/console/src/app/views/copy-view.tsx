// The request as curl, TypeScript and an `ssemble` command, each with a copy button.
import { useState } from "preact/hooks";

export interface Snippet {
  id: string;
  label: string;
  text: string;
}

export function CopyView({ snippets, hint }: { snippets: Snippet[]; hint: string }) {
  const [shown, setShown] = useState(snippets[0]?.id ?? "");
  const [said, setSaid] = useState("");
  const current = snippets.find((s) => s.id === shown) ?? snippets[0];
  const copy = async (s: Snippet) => {
    try {
      await navigator.clipboard.writeText(s.text);
      setSaid(`${s.label} copied`);
    } catch {
      setSaid(`Could not copy: select the text of ${s.label} instead`);
    }
  };
  return (
    <section class="copy" aria-labelledby="copy-title">
      <h3 id="copy-title">Copy this request</h3>
      <fieldset class="copy-choices">
        <legend>Format</legend>
        {snippets.map((s) => (
          <button
            key={s.id}
            type="button"
            aria-pressed={s.id === current?.id}
            onClick={() => setShown(s.id)}
          >
            {s.label}
          </button>
        ))}
      </fieldset>
      {current && (
        <div class="snippet">
          <pre data-testid={`snippet-${current.id}`}>{current.text}</pre>
          <button type="button" onClick={() => void copy(current)}>
            Copy {current.label}
          </button>
        </div>
      )}
      <p class="hint">{hint}</p>
      <p class="visually-hidden" role="status">
        {said}
      </p>
    </section>
  );
}
