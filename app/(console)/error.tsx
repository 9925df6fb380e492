"use client";
import { useEffect, useState } from "react";
import { DatabaseUnreachable } from "@/components/layout/database-unreachable";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

/**
 * A console page that failed on the server. In production the browser never learns why (Next.js hides server error
 * messages), so the page asks /api/health: with the database unreachable (503) it says so, instead of a generic
 * failure, and keeps asking until the database is back.
 */
export default function ConsoleError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const [database, setDatabase] = useState<"checking" | "up" | "down">("checking");
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = async () => {
      const down = await fetch("/api/health", { cache: "no-store" }).then(
        (r) => r.status === 503,
        () => false,
      );
      if (stopped) return;
      setDatabase((was) => {
        if (was === "down" && !down) queueMicrotask(reset); // it is back: render the page again
        return down ? "down" : "up";
      });
      if (down) timer = setTimeout(check, 5_000);
    };
    void check();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [error, reset]);
  if (database === "down") return <DatabaseUnreachable onRetry={reset} reference={error.digest} />;
  return (
    <EmptyState title={database === "checking" ? "Loading failed…" : "This page could not be loaded"} action={<Button onClick={reset}>Try again</Button>}>
      Something failed on the server{error.digest ? ` (reference ${error.digest})` : ""}. If it keeps happening, the console&apos;s log has the details.
    </EmptyState>
  );
}
