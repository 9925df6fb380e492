/**
 * What must not come back from a receiver: the auth header a test delivery sent, whole, its credential part (after
 * "Bearer " / "Basic "), and for Basic the decoded "user:password" and the password. A receiver that echoes the
 * request would otherwise hand the stored secret to whoever pressed "Test delivery". Pure.
 */
const MASK = "[redacted]";
/** Parts shorter than this are not searched for (a 1-character password would blank every such letter). */
const MIN_LENGTH = 4;

export function secretForms(authHeader: string | null | undefined): string[] {
  const h = authHeader?.trim();
  if (!h) return [];
  const forms = new Set([h]);
  const m = /^(\S+)\s+(.+)$/.exec(h);
  if (m) {
    const credential = m[2].trim();
    forms.add(credential);
    if (/^basic$/i.test(m[1])) {
      const decoded = Buffer.from(credential, "base64").toString("utf8");
      if (decoded.includes(":") && Buffer.from(decoded, "utf8").toString("base64").replace(/=+$/, "") === credential.replace(/=+$/, "")) {
        forms.add(decoded);
        forms.add(decoded.slice(decoded.indexOf(":") + 1));
      }
    }
  }
  // As a JSON string would write them (an echo of the request as JSON escapes quotes and backslashes).
  for (const f of [...forms]) forms.add(JSON.stringify(f).slice(1, -1));
  // Longest first, so a whole header is masked as one piece.
  return [...forms].filter((f) => f.length >= MIN_LENGTH).sort((a, b) => b.length - a.length);
}

/** Every occurrence masked; `cut`: the text was cut off (a size cap), so an end that starts a secret is masked too. */
export function redactSecret(text: string, forms: string[], cut = false): string {
  let out = text;
  for (const f of forms) out = out.split(f).join(MASK);
  if (!cut) return out;
  for (const f of forms) {
    for (let k = Math.min(f.length - 1, out.length); k >= MIN_LENGTH; k--) {
      if (out.endsWith(f.slice(0, k))) {
        out = out.slice(0, out.length - k) + MASK;
        break;
      }
    }
  }
  return out;
}
