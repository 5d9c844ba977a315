// Matches a request path against the spec's path templates (`/shorts/{id}/status`) segment by segment: no regular
// expression per route, and a path that exists under another method is told apart from one that does not (405/404).

export interface RouteMatch<T> {
  value: T;
  /** Path parameters, percent-decoded (a malformed escape is kept as sent, for validation to refuse). */
  params: Record<string, string>;
}

export type RouteResult<T> =
  | { kind: "found"; match: RouteMatch<T> }
  | { kind: "method-not-allowed" }
  | { kind: "not-found" };

interface Compiled<T> {
  method: string;
  /** Literal segments as they are; a parameter's segment as its name, flagged in `params`. */
  segments: string[];
  params: boolean[];
  value: T;
}

export function createRouter<T>(
  entries: readonly { method: string; path: string; value: T }[],
): (method: string, path: string) => RouteResult<T> {
  const bySize = new Map<number, Compiled<T>[]>();
  for (const { method, path, value } of entries) {
    const parts = path.split("/");
    const params = parts.map((s) => /^\{[^}]+\}$/.test(s));
    const segments = parts.map((s, i) => (params[i] ? s.slice(1, -1) : s));
    const list = bySize.get(parts.length) ?? [];
    list.push({ method: method.toUpperCase(), segments, params, value });
    bySize.set(parts.length, list);
  }
  return (method, path) => {
    const parts = path.split("/");
    let known = false;
    for (const route of bySize.get(parts.length) ?? []) {
      if (!fits(route, parts)) continue;
      known = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      for (let i = 0; i < parts.length; i++) {
        if (route.params[i]) params[route.segments[i] as string] = decode(parts[i] as string);
      }
      return { kind: "found", match: { value: route.value, params } };
    }
    return { kind: known ? "method-not-allowed" : "not-found" };
  };
}

function fits(route: Compiled<unknown>, parts: string[]): boolean {
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (route.params[i] ? part === "" : part !== route.segments[i]) return false;
  }
  return true;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
