/** What the two allow-list settings (Outbound connections, Test deliveries) show alike. */

export interface AllowListSettingsProps {
  allow: string[];
  /** entries the server's environment adds */
  fromEnv: string[];
  updatedAt: string | null;
  updatedByEmail: string | null;
}

/** The entries the server's configuration adds, if any. */
export function FromEnv({ entries, envVar, testId }: { entries: string[]; envVar: string; testId: string }) {
  if (entries.length === 0) return null;
  return (
    <p className="text-sm" data-testid={testId}>
      Also allowed by the server&apos;s configuration (<code className="font-mono text-xs">{envVar}</code>):{" "}
      <span className="font-mono text-xs">{entries.join(", ")}</span>
    </p>
  );
}

/** "Last changed <UTC minute> by <email>.", or nothing before the first change. */
export function lastChanged(updatedAt: string | null, updatedByEmail: string | null): string {
  return updatedAt
    ? `Last changed ${new Date(updatedAt).toISOString().slice(0, 16).replace("T", " ")} UTC${updatedByEmail ? ` by ${updatedByEmail}` : ""}.`
    : "";
}
