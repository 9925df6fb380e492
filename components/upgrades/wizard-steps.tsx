import { cn } from "@/lib/cn";

const STEPS = [
  { id: "target", label: "Target" },
  { id: "path", label: "Path and impact" },
  { id: "preflight", label: "Pre-flight" },
  { id: "schedule", label: "Schedule" },
  { id: "runbook", label: "Runbook" },
  { id: "run", label: "Run and verify" },
] as const;

/** The wizard's steps; before a draft exists only Target is open, then each step is a section of the plan page. */
export function WizardSteps({ current, planned }: { current: (typeof STEPS)[number]["id"]; planned: boolean }) {
  return (
    <nav aria-label="Upgrade steps" className="mb-6">
      <ol className="flex flex-wrap gap-2 text-sm">
        {STEPS.map((s, i) => {
          const open = planned || s.id === "target";
          const body = (
            <>
              <span className="mr-1 font-mono">{i + 1}.</span>
              {s.label}
            </>
          );
          return (
            <li key={s.id}>
              {open ? (
                <a
                  href={planned ? `#${s.id}` : undefined}
                  aria-current={s.id === current ? "step" : undefined}
                  className={cn(
                    "inline-flex rounded-full border px-3 py-1",
                    s.id === current ? "border-accent bg-accent/10 font-medium" : "border-border hover:bg-surface-muted",
                  )}
                >
                  {body}
                </a>
              ) : (
                <span className="inline-flex rounded-full border border-dashed border-border px-3 py-1 text-muted">{body}</span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
