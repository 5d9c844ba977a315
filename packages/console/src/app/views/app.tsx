// The console: a target and a key, then a section per hash route (`#/operations/createShort`, deep-linkable).
import { useEffect, useState } from "preact/hooks";
import { FORMS, OPERATIONS, operation } from "../model.js";
import type { ConsoleTarget } from "../target.js";
import { OperationView } from "./operation-view.js";

/** The workspace a console opens on: any well-formed key is a sandbox workspace of its own. */
export const CONSOLE_KEY = `sk_ssemble_${"console".padEnd(32, "0")}`;

interface Route {
  section: "operations";
  id: string;
}

function routeOf(hash: string): Route {
  const [, section = "", id = ""] = hash.replace(/^#/, "").split("/");
  if (section === "operations" && operation(decodeURIComponent(id))) {
    return { section, id: decodeURIComponent(id) };
  }
  return { section: "operations", id: OPERATIONS[0]?.operationId ?? "" };
}

function useRoute(): Route {
  const [route, setRoute] = useState(() => routeOf(location.hash));
  useEffect(() => {
    const listen = () => setRoute(routeOf(location.hash));
    addEventListener("hashchange", listen);
    return () => removeEventListener("hashchange", listen);
  }, []);
  return route;
}

export interface AppProps {
  targets: ConsoleTarget[];
}

export function App({ targets }: AppProps) {
  const route = useRoute();
  const [targetId, setTargetId] = useState(targets[0]?.id ?? "");
  const [apiKey, setApiKey] = useState(CONSOLE_KEY);
  const target = targets.find((t) => t.id === targetId) ?? targets[0];
  const op = operation(route.id);
  useEffect(() => {
    document.title = `${op ? `${op.summary} · ` : ""}${FORMS.title} console`;
  }, [op]);
  if (!target) return <p role="alert">No target to send requests to.</p>;
  return (
    <div class="console">
      <header class="topbar">
        <h1>
          <a class="brand" href="#/operations">
            Ssemble console
          </a>
        </h1>
        <div class="settings">
          {targets.length > 1 && (
            <label>
              Send to{" "}
              <select
                value={target.id}
                onChange={(e) => setTargetId((e.target as HTMLSelectElement).value)}
              >
                {targets.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.label}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            API key{" "}
            <input
              class="key"
              value={apiKey}
              autoComplete="off"
              spellcheck={false}
              size={46}
              onInput={(e) => setApiKey((e.target as HTMLInputElement).value.trim())}
            />
          </label>
        </div>
      </header>
      <div class="layout">
        <nav aria-label="Operations" class="sidebar">
          <ul>
            {OPERATIONS.map((o) => (
              <li key={o.operationId}>
                <a
                  href={`#/operations/${o.operationId}`}
                  aria-current={o.operationId === op?.operationId ? "page" : undefined}
                >
                  <span class={`method method-${o.method.toLowerCase()}`}>{o.method}</span>{" "}
                  {o.summary}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main>{op && <OperationView op={op} target={target} apiKey={apiKey} />}</main>
      </div>
    </div>
  );
}
