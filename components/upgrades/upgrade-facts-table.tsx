import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import { planUpgradePath, supportStatus, type SupportStatus } from "@/lib/upgrade";
import { formatRelease, LATEST } from "@/lib/releases";

export interface UpgradeFactsRow {
  id: string;
  name: string;
  environment: string;
  /** as last detected (connection test or collector); null: never reached */
  harborVersion: string | null;
}

const TONE: Record<SupportStatus, BadgeTone> = { latest: "success", maintained: "accent", outdated: "warning", unsupported: "danger" };

/** What the upgrade planner (lib/upgrade) says about each instance today: support status and the path to the newest release. */
export function UpgradeFactsTable({ rows }: { rows: UpgradeFactsRow[] }) {
  const latest = formatRelease(LATEST);
  return (
    <Table data-testid="upgrade-facts" label="Upgrade paths">
      <thead>
        <tr>
          <Th>Instance</Th>
          <Th>Version</Th>
          <Th>Status</Th>
          <Th>Path to {latest}</Th>
          <Th>Files</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const support = r.harborVersion ? supportStatus(r.harborVersion) : null;
          const plan = r.harborVersion ? planUpgradePath(r.harborVersion) : null;
          return (
            <tr key={r.id} data-testid={`upgrade-row-${r.name}`}>
              <Td>
                <Link href={`/instances/${r.id}`} className="font-medium text-accent hover:underline">
                  {r.name}
                </Link>
                <p className="text-xs text-muted">{r.environment}</p>
              </Td>
              <Td className="whitespace-nowrap font-mono text-xs">{r.harborVersion ?? <span className="font-sans text-muted">not detected yet</span>}</Td>
              <Td className="min-w-48 text-xs">
                {support ? (
                  <>
                    <Badge tone={TONE[support.status]}>{support.status}</Badge>
                    <p className="mt-1 text-muted">{support.explanation}</p>
                  </>
                ) : (
                  <span className="text-muted">Run Test connection on its page, or wait for the next poll.</span>
                )}
              </Td>
              <Td className="min-w-56 text-xs" data-testid="upgrade-path">
                {!plan ? (
                  <span className="text-muted">—</span>
                ) : !plan.ok ? (
                  <span className="text-danger">{plan.error}</span>
                ) : plan.hops.length === 0 ? (
                  <span className="text-success">Up to date</span>
                ) : (
                  <>
                    <p className="font-mono">{[formatRelease(plan.from), ...plan.hops.map((h) => formatRelease(h.to))].join(" → ")}</p>
                    <Link
                      href={`/upgrades/new?instance=${r.id}`}
                      className="text-accent underline underline-offset-2"
                      aria-label={`Plan an upgrade of ${r.name}`}
                    >
                      Plan an upgrade
                    </Link>
                    <details className="mt-0.5 text-muted">
                      <summary className="cursor-pointer">
                        {plan.hops.length} hop{plan.hops.length === 1 ? "" : "s"}: what each one needs
                      </summary>
                      <ol className="mt-1 list-decimal space-y-1 pl-4">
                        {plan.hops.map((h) => (
                          <li key={formatRelease(h.to)}>
                            <span className="font-mono text-foreground">
                              {formatRelease(h.from)} → {formatRelease(h.to)}
                            </span>
                            : {h.reason}
                            {h.notes.length > 0 && (
                              <ul className="list-disc pl-4">
                                {h.notes.map((n) => (
                                  <li key={n}>{n}</li>
                                ))}
                              </ul>
                            )}
                          </li>
                        ))}
                      </ol>
                    </details>
                  </>
                )}
              </Td>
              <Td className="whitespace-nowrap text-xs">
                <Link href={`/instances/${r.id}/config`} className="text-accent underline underline-offset-2" aria-label={`Config tab of ${r.name}`}>
                  Config
                </Link>
                {" · "}
                <Link
                  href={`/instances/${r.id}/config?file=README.md`}
                  className="text-accent underline underline-offset-2"
                  aria-label={`README of ${r.name}'s files`}
                >
                  README
                </Link>
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
