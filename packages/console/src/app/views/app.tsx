// The console: a target and a key, the sandbox's clock, then a section per hash route (deep-linkable):
// #/operations/<operationId>[?example=<name>&body.<field>=<value>...], #/jobs, #/jobs/<id>, #/webhooks,
// #/requests, #/workspace.
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { focusHeading } from "../focus.js";
import { useLive } from "../live.js";
import { FORMS, OPERATIONS, type OperationForm, operation } from "../model.js";
import { type Values, valuesOfBody } from "../request.js";
import type { ConsoleTarget } from "../target.js";
import { ClockBar } from "./clock-bar.js";
import { JobPage } from "./job-view.js";
import { JobsView } from "./jobs-view.js";
import { OperationView } from "./operation-view.js";
import { RequestsView } from "./requests-view.js";
import { WebhooksView } from "./webhooks-view.js";
import { keyNamed, WorkspacePage } from "./workspace-view.js";

/** The workspace a console opens on: any well-formed key is a sandbox workspace of its own. */
export const CONSOLE_KEY = keyNamed("console");

type Section = "operations" | "jobs" | "webhooks" | "requests" | "workspace";

interface Route {
  section: Section;
  id: string;
  query: URLSearchParams;
}

const SECTIONS: { id: Section; label: string; controls: boolean }[] = [
  { id: "operations", label: "Operations", controls: false },
  { id: "jobs", label: "Jobs", controls: true },
  { id: "webhooks", label: "Webhooks", controls: true },
  { id: "requests", label: "Requests", controls: true },
  { id: "workspace", label: "Workspace", controls: true },
];

/** A hand-typed hash may hold a bad escape (`%E0`): read as written rather than failing the page. */
function decodeSafely(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function routeOf(hash: string): Route {
  const raw = hash.replace(/^#\/?/, "");
  const q = raw.indexOf("?");
  const path = q === -1 ? raw : raw.slice(0, q);
  const query = new URLSearchParams(q === -1 ? "" : raw.slice(q + 1));
  const [section = "", id = ""] = path.split("/").map(decodeSafely);
  if (SECTIONS.some((s) => s.id === section) && section !== "operations") {
    return { section: section as Section, id, query };
  }
  return {
    section: "operations",
    id: operation(id) ? id : (OPERATIONS[0]?.operationId ?? ""),
    query,
  };
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

/**
 * After a navigation inside the page (not the first load), focus moves to the new view's heading, as a page load
 * would put a screen reader at the top: otherwise it stays on a link that is gone.
 */
function useFocusOnNavigation(route: Route): void {
  const first = useRef(true);
  const key = `${route.section}/${route.id}`;
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const frame = requestAnimationFrame(() => focusHeading());
    return () => cancelAnimationFrame(frame);
  }, [key]);
}

/** A deep link's values: an example by name, then any `body.x`, `path.x` or `query.x` on top. */
function linkedValues(op: OperationForm, query: URLSearchParams): Values | undefined {
  const example = op.body?.examples.find((e) => e.name === query.get("example"));
  const given = [...query].filter(([k]) => /^(body|path|query)\./.test(k));
  if (!example && given.length === 0) return undefined;
  return { ...(example ? valuesOfBody(example.value) : {}), ...Object.fromEntries(given) };
}

export interface AppProps {
  targets: ConsoleTarget[];
  home?: { label: string; href: string } | undefined;
}

export function App({ targets, home }: AppProps) {
  const route = useRoute();
  useFocusOnNavigation(route);
  const [targetId, setTargetId] = useState(targets[0]?.id ?? "");
  const [apiKey, setApiKey] = useState(CONSOLE_KEY);
  const target = targets.find((t) => t.id === targetId) ?? targets[0];
  if (!target) throw new Error("the console needs a target");
  const live = useLive(target, apiKey);
  const op = route.section === "operations" ? operation(route.id) : undefined;
  const queryKey = route.query.toString();
  const initial = useMemo(() => (op ? linkedValues(op, route.query) : undefined), [op, queryKey]);
  const sections = SECTIONS.filter((s) => target.controls || !s.controls);
  const title = op ? op.summary : (SECTIONS.find((s) => s.id === route.section)?.label ?? "");
  useEffect(() => {
    document.title = `${title} · ${FORMS.title} console`;
  }, [title]);

  let main = null;
  if (route.section === "operations" && op) {
    main = <OperationView op={op} target={target} apiKey={apiKey} initial={initial} />;
  } else if (!target.controls) {
    main = (
      <p role="alert">{target.label} has no sandbox controls: only the operations work here.</p>
    );
  } else if (route.section === "jobs") {
    main = route.id ? <JobPage live={live} id={route.id} /> : <JobsView live={live} />;
  } else if (route.section === "webhooks") main = <WebhooksView live={live} />;
  else if (route.section === "requests") main = <RequestsView live={live} />;
  else if (route.section === "workspace") main = <WorkspacePage live={live} onKey={setApiKey} />;

  return (
    <div class="console">
      <header class="topbar">
        <h1>
          <a class="brand" href="#/operations">
            Ssemble console
          </a>
        </h1>
        <div class="settings">
          {home && <a href={home.href}>{home.label}</a>}
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
      <nav aria-label="Sections" class="sections">
        {sections.map((s) => (
          <a
            key={s.id}
            href={`#/${s.id}`}
            aria-current={route.section === s.id ? "page" : undefined}
          >
            {s.label}
          </a>
        ))}
      </nav>
      {target.controls && <ClockBar live={live} />}
      <div class={route.section === "operations" ? "layout" : "layout single"}>
        {route.section === "operations" && (
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
        )}
        <main>{main}</main>
      </div>
    </div>
  );
}
