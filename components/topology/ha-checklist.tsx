"use client";
import { CheckCircle2, CircleAlert } from "lucide-react";
import { Card, CardTitle } from "@/components/ui/card";
import type { ChecklistItem } from "@/lib/config/types";
import { FieldLink } from "./field-link";

/** What still makes the setup a single point of failure; each item links to the field that fixes it. */
export function HaChecklist({ items }: { items: ChecklistItem[] }) {
  const done = items.filter((i) => i.ok).length;
  return (
    <Card aria-labelledby="ha-checklist-title" data-testid="ha-checklist">
      <CardTitle id="ha-checklist-title">
        High availability{" "}
        <span className="text-sm font-normal text-muted" data-testid="ha-score">
          {done} of {items.length}
        </span>
      </CardTitle>
      <ul className="mt-3 space-y-2 text-sm">
        {items.map((item) => (
          <li key={item.id} className="flex gap-2" data-testid={`ha-${item.id}`} data-ok={item.ok}>
            {item.ok ? (
              <CheckCircle2 className="mt-0.5 size-4 shrink-0 text-success" aria-label="done" />
            ) : (
              <CircleAlert className="mt-0.5 size-4 shrink-0 text-warning" aria-label="not yet" />
            )}
            <div>
              {item.field && !item.ok ? (
                <FieldLink field={item.field} className="font-medium underline-offset-2 hover:underline">
                  {item.label}
                </FieldLink>
              ) : (
                <span className="font-medium">{item.label}</span>
              )}
              <p className="text-xs text-muted">{item.explanation}</p>
            </div>
          </li>
        ))}
      </ul>
    </Card>
  );
}
