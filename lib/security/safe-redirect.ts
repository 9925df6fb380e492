/**
 * The path to go to after sign-in: only a path on this site. Anything that a browser would resolve to
 * another origin ("//evil.com", "/\\evil.com", "/%09/evil.com", "https://evil.com") becomes "/".
 */
export function safeCallbackPath(raw: string | undefined | null): string {
  if (!raw) return "/";
  const base = "http://console.invalid";
  try {
    const u = new URL(raw, base);
    return u.origin === base ? `${u.pathname}${u.search}${u.hash}` : "/";
  } catch {
    return "/";
  }
}
