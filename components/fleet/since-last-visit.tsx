"use client";
import Link from "next/link";
import { useEffect, useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { fleetVisitAction, markFleetSeenAction } from "@/lib/actions/fleet";
import type { FleetChanges, InstanceChange } from "@/lib/queries/fleet";
import { formatRelative, formatUtc } from "./format";
import { HealthBadge } from "./status-badges";
import { useNow } from "./use-now";

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
function listed(items: { name: string; by: string }[]): string {
  const shown = items.slice(0, SHOWN).map((a) => `${a.name} (by ${a.by})`).join(", ");
  return items.length > SHOWN ? `${shown} and ${items.length - SHOWN} more` : shown;
}

/**
 * "Since your last visit": on load, records this view and shows what changed since the user's previous visit (views
 * less than 30 minutes apart are one visit), until they mark it as seen. Nothing on a first visit.
 */
export function SinceLastVisit() {
  const [changes, setChanges] = useState<FleetChanges | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const asked = useRef(false);
  const now = useNow();
  useEffect(() => {
    if (asked.current) return;
    asked.current = true;
    void fleetVisitAction().then(
      (res) => {
        if ("data" in res) setChanges(res.data);
        else setFailed("serverError" in res ? res.serverError : (res.message ?? "unknown error"));
      },
      () => setFailed("the console did not answer"),
    );
  }, []);

  if (failed) return <Notice tone="warning">Could not tell what changed since your last visit: {failed}</Notice>;
  if (!changes) return null;
  const { worse, better, versions, credentials, flapped, added, removed } = changes;
  const nothing = !worse.length && !better.length && !versions.length && !credentials.length && !flapped.length && !added.length && !removed.length;
  const markSeen = () =>
    start(async () => {
      const res = await markFleetSeenAction();
      if ("data" in res) setChanges({ lastVisit: res.data.since, since: res.data.since, worse: [], better: [], versions: [], credentials: [], flapped: [], added: [], removed: [] });
      else setFailed("serverError" in res ? res.serverError : (res.message ?? "unknown error"));
    });
  const transition = (c: InstanceChange) => (
    <span className="inline-flex items-center gap-1 text-xs text-muted">
      {c.healthBefore && <HealthBadge health={c.healthBefore} />}→<HealthBadge health={c.health} />
    </span>
  );
  return (
    <Card data-testid="since-last-visit" data-nothing={nothing ? "true" : "false"} className="text-sm">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <CardTitle>Since your last visit</CardTitle>
          <p className="text-xs text-muted">
            <time dateTime={changes.lastVisit} title={formatUtc(changes.lastVisit)}>
              {now ? formatRelative(changes.lastVisit, now) : formatUtc(changes.lastVisit)}
            </time>
            {changes.since !== changes.lastVisit && ` · compared with ${formatUtc(changes.since)}, the oldest history kept`}
          </p>
        </div>
        {!nothing && (
          <Button variant="secondary" size="sm" onClick={markSeen} disabled={pending} data-testid="mark-seen">
            {pending ? "Marking…" : "Mark as seen"}
          </Button>
        )}
      </div>
      {nothing ? (
        <p className="mt-2 text-muted">Nothing changed: same health, versions and credentials, no instance added or removed.</p>
      ) : (
        <ul className="mt-3 space-y-2">
          <Group id="worse" title={worse.length === 1 ? "instance got worse" : "instances got worse"} items={worse} render={transition} />
          <Group id="better" title={better.length === 1 ? "instance recovered" : "instances recovered"} items={better} render={transition} />
          <Group
            id="flapped"
            title={flapped.length === 1 ? "instance had problems meanwhile, healthy again" : "instances had problems meanwhile, healthy again"}
            items={flapped}
            render={() => null}
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
            id="credentials"
            title={credentials.length === 1 ? "credential changed" : "credentials changed"}
            items={credentials}
            render={(c) => <span className="text-xs text-muted">{CREDENTIAL_PROBLEM.has(c.credential) ? "now rejected or lacking rights" : "accepted again"}</span>}
          />
          {(added.length > 0 || removed.length > 0) && (
            <li data-testid="since-registry">
              {added.length > 0 && (
                <p>
                  <span className="font-medium">Added:</span> {listed(added)}
                </p>
              )}
              {removed.length > 0 && (
                <p>
                  <span className="font-medium">Removed:</span> {listed(removed)}
                </p>
              )}
            </li>
          )}
        </ul>
      )}
    </Card>
  );
}
