"use client";
import Link from "next/link";
import { useHydrated } from "@/components/ui/use-hydrated";
import { cn } from "@/lib/cn";
import type { UpgradePlanDto } from "@/lib/schemas/upgrade";
import { CALENDAR_DAYS, calendarDays } from "@/lib/upgrade";
import { PlanActions } from "./plan-actions";
import { PlanStateBadge } from "./plan-state-badge";

const utc = (iso: string) => `${iso.slice(5, 16).replace("T", " ")}`;

function dayLabel(key: string): string {
  const [y, m, d] = key.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(undefined, { timeZone: "UTC", weekday: "short", day: "numeric", month: "short" });
}

/**
 * The next four weeks of maintenance windows, a day per cell, in the reader's time zone (UTC until the page knows it)
 * with each window's UTC times beside. Days without a window are left out on a phone.
 */
export function WindowCalendar({ plans, from, canAct }: { plans: UpgradePlanDto[]; from: string; canAct: boolean }) {
  const hydrated = useHydrated();
  const zone = hydrated ? Intl.DateTimeFormat().resolvedOptions().timeZone : "UTC";
  const windows = plans.filter((p) => p.window).map((p) => ({ ...p, start: p.window!.start, end: p.window!.end }));
  const days = calendarDays({ windows, from: new Date(from), days: CALENDAR_DAYS, timeZone: zone });
  const busy = days.filter((d) => d.windows.length).length;
  // a window over several days carries its buttons on its first day shown only
  const firstDay = new Map<string, string>();
  for (const d of days) for (const x of d.windows) if (!firstDay.has(x.window.id)) firstDay.set(x.window.id, d.key);
  return (
    <div className="space-y-3" data-testid="window-calendar">
      <p className="text-sm text-muted">
        Next 4 weeks in <span data-testid="calendar-zone">{zone}</span>; UTC times in brackets.{" "}
        {busy === 0 ? "No window booked in these weeks." : `${busy} ${busy === 1 ? "day" : "days"} with a window.`}
      </p>
      <ol className="grid grid-cols-1 gap-2 sm:grid-cols-4 lg:grid-cols-7" aria-label="Maintenance windows by day">
        {days.map((d) => (
          <li
            key={d.key}
            className={cn("min-h-20 rounded-md border border-border p-2 text-xs", d.windows.length ? "bg-surface" : "hidden bg-surface-muted sm:block")}
            data-testid={`day-${d.key}`}
          >
            <h3 className="mb-1 font-semibold">{dayLabel(d.key)}</h3>
            {d.windows.length > 0 && (
              <ul className="space-y-2">
                {d.windows.map(({ window: p, span }) => (
                  <li key={p.id} className="space-y-1" data-testid={`calendar-window-${p.instanceName}`}>
                    <Link href={`/upgrades/${p.id}`} className="block font-medium text-accent underline underline-offset-2">
                      {p.instanceName} → {p.targetVersion}
                    </Link>
                    <span className="block">
                      {span}{" "}
                      <span className="text-muted">
                        ({utc(p.start)}–{utc(p.end)} UTC)
                      </span>
                    </span>
                    <PlanStateBadge state={p.state} />
                    {p.approval.required && (
                      <span className="block text-muted">{p.approval.at ? `approved by ${p.approval.by}` : "awaiting an admin's approval"}</span>
                    )}
                    {canAct && firstDay.get(p.id) === d.key && <PlanActions plan={p} />}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
