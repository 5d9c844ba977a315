// The spec's Markdown descriptions as text: paragraphs, `code` and **bold**, built as elements, never as HTML.
import type { JSX } from "preact";

function inline(text: string): (string | JSX.Element)[] {
  return text
    .split(/(`[^`]+`|\*\*[^*]+\*\*)/)
    .filter((part) => part !== "")
    .map((part, i) => {
      if (part.startsWith("`") && part.endsWith("`"))
        return <code key={i}>{part.slice(1, -1)}</code>;
      if (part.startsWith("**") && part.endsWith("**"))
        return <strong key={i}>{part.slice(2, -2)}</strong>;
      return part;
    });
}

export function Prose({
  text,
  id,
  class: className,
}: {
  text: string;
  id?: string;
  class?: string;
}) {
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.replace(/\s*\n\s*/g, " ").trim());
  return (
    <div class={className ? `prose ${className}` : "prose"} id={id}>
      {paragraphs.filter(Boolean).map((p, i) => (
        <p key={i}>{inline(p)}</p>
      ))}
    </div>
  );
}
