/** A connection string safe to print: the password replaced by ****. */
export function maskDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "****";
    return u.toString();
  } catch {
    // Up to the last "@", since a password may itself hold one.
    return url.replace(/\/\/([^:/@]+):.*@/, "//$1:****@");
  }
}
