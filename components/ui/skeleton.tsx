import { cn } from "@/lib/cn";

/** A grey block where content is on its way; invisible to assistive technology (the surrounding status says it). */
export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden className={cn("animate-pulse rounded-md bg-border/60 motion-reduce:animate-none", className)} />;
}

/**
 * A page's shape while its data is read on the server: a title, a row of tiles and a table. Shown by a Suspense
 * boundary inside the page (not a loading.tsx, which would answer an unknown id's notFound() with 200), so a
 * navigation shows the shell and this at once instead of the previous page.
 */
export function PageSkeleton({ label = "Loading the page…" }: { label?: string }) {
  return (
    <div role="status" aria-live="polite" aria-busy="true" data-testid="page-skeleton">
      <span className="sr-only">{label}</span>
      <div className="mb-6 space-y-2">
        <Skeleton className="h-8 w-64 max-w-full" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      <div className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-4">
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} className="h-20" />
        ))}
      </div>
      <div className="space-y-2 rounded-lg border border-border bg-surface p-5">
        {[0, 1, 2, 3, 4, 5].map((i) => (
          <Skeleton key={i} className="h-6" />
        ))}
      </div>
    </div>
  );
}

/** One panel's shape while its data is read, below a header and tabs that are already shown. */
export function SectionSkeleton({ label, rows = 4, testId = "section-skeleton" }: { label: string; rows?: number; testId?: string }) {
  return (
    <div role="status" aria-live="polite" aria-busy="true" data-testid={testId} className="mb-6 space-y-2 rounded-lg border border-border bg-surface p-5">
      <span className="sr-only">{label}</span>
      <Skeleton className="h-6 w-48 max-w-full" />
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} className="h-6" />
      ))}
    </div>
  );
}
