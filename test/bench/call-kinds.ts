/** Harbor calls by kind: method and path with project names and ids as placeholders. */
export function callKinds(exchanges: { method: string; path: string }[]): [string, number][] {
  const kinds = new Map<string, number>();
  for (const x of exchanges) {
    const k = `${x.method} ${x.path
      .replace(/\/api(\/v2\.0)?/, "")
      .replace(/\/projects\/[^/]+/, "/projects/{p}")
      .replace(/\/\d+/g, "/{id}")}`;
    kinds.set(k, (kinds.get(k) ?? 0) + 1);
  }
  return [...kinds.entries()].sort((a, b) => b[1] - a[1]);
}
