import Link from "next/link";
import type { FleetChanges, InstanceChange } from "@/lib/queries/fleet";
import { HealthBadge } from "./status-badges";

const SHOWN = 5;

function Names({ items, render }: { items: InstanceChange[]; render: (c: InstanceChange) => React.ReactNode }) {
  return (
    <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
      {items.slice(0, SHOWN).map((c) => (
        <li key={c.id} className="inline-flex items-center gap-1.5" data-instance={c.name}>
          <Link href={`/instances/${c.id}`} prefetch={false} className="font-medium text-accent hover:underline">
            {c.name}
          </Link>
          {render(c)}
        </li>
      ))}
      {items.length > SHOWN && <li className="text-muted">and {items.length - SHOWN} more</li>}
    </ul>
  );
}

function Group({ id, title, items, render }: { id: string; title: string; items: InstanceChange[]; render: (c: InstanceChange) => React.ReactNode }) {
  if (!items.length) return null;
  return (
    <li data-testid={`since-${id}`} data-count={items.length}>
      <span className="font-medium">
        {items.length} {title}
      </span>
      <Names items={items} render={render} />
    </li>
  );
}

const CREDENTIAL_PROBLEM = new Set(["invalid", "forbidden"]);

/** "a (by x), b (by y) and 12 more" */
function listed(items: { name: string; by: string }[], total: number): string {
  const shown = items
    .slice(0, SHOWN)
    .map((a) => `${a.name} (by ${a.by})`)
    .join(", ");
  return total > SHOWN ? `${shown} and ${total - SHOWN} more` : shown;
}

/** The lists behind "Since your last visit"'s counts: each group's first names, linked, with what changed. */
export function SinceLastVisitList({ id, changes }: { id: string; changes: FleetChanges }) {
  const { worse, better, unknown, firstPolled, versions, versionBack, credentials, flapped, added, removed } = changes;
  const transition = (c: InstanceChange) => (
    <span className="inline-flex items-center gap-1 text-xs text-muted">
      {c.healthBefore && <HealthBadge health={c.healthBefore} />}→<HealthBadge health={c.health} />
    </span>
  );
  return (
    <ul id={id} className="mt-2 space-y-2 border-t border-border pt-2">
      <Group id="worse" title={worse.length === 1 ? "instance got worse" : "instances got worse"} items={worse} render={transition} />
      <Group id="better" title={better.length === 1 ? "instance recovered" : "instances recovered"} items={better} render={transition} />
      <Group
        id="unknown"
        title={unknown.length === 1 ? "instance can no longer be assessed" : "instances can no longer be assessed"}
        items={unknown}
        render={transition}
      />
      <Group
        id="first-polled"
        title={firstPolled.length === 1 ? "instance was polled for the first time" : "instances were polled for the first time"}
        items={firstPolled}
        render={(c) => <HealthBadge health={c.health} />}
      />
      <Group
        id="flapped"
        title={flapped.length === 1 ? "instance was worse meanwhile and is back" : "instances were worse meanwhile and are back"}
        items={flapped}
        render={(c) => <HealthBadge health={c.health} />}
      />
      <Group
        id="versions"
        title={versions.length === 1 ? "instance changed version" : "instances changed version"}
        items={versions}
        render={(c) => (
          <span className="font-mono text-xs text-muted">
            {c.versionBefore} → {c.version}
          </span>
        )}
      />
      <Group
        id="version-back"
        title={versionBack.length === 1 ? "instance ran another version meanwhile and is back" : "instances ran another version meanwhile and are back"}
        items={versionBack}
        render={(c) => <span className="font-mono text-xs text-muted">{c.version}</span>}
      />
      <Group
        id="credentials"
        title={credentials.length === 1 ? "credential changed" : "credentials changed"}
        items={credentials}
        render={(c) => <span className="text-xs text-muted">{CREDENTIAL_PROBLEM.has(c.credential) ? "now rejected or lacking rights" : "accepted again"}</span>}
      />
      {(added.length > 0 || removed.length > 0) && (
        <li data-testid="since-registry">
          {added.length > 0 && (
            <p>
              <span className="font-medium">Added:</span> {listed(added, changes.addedTotal)}
            </p>
          )}
          {removed.length > 0 && (
            <p>
              <span className="font-medium">Removed:</span> {listed(removed, changes.removedTotal)}
            </p>
          )}
        </li>
      )}
    </ul>
  );
}
