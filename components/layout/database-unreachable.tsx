"use client";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { Button } from "@/components/ui/button";

/**
 * What a console page says while PostgreSQL cannot be reached: the cause in plain words, what keeps working, and a way
 * to try again. role="alert": a screen reader announces it.
 */
export function DatabaseUnreachable({ onRetry, reference }: { onRetry?: () => void; reference?: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const retry = () =>
    start(() => {
      if (onRetry) onRetry();
      else router.refresh();
    });
  return (
    <div
      role="alert"
      data-testid="database-unreachable"
      className="mx-auto mt-16 max-w-lg rounded-lg border border-danger/40 bg-danger-soft px-6 py-8 text-center text-sm text-danger"
    >
      <h1 className="text-base font-semibold">The console&apos;s database is unreachable</h1>
      <p className="mt-2 text-foreground">
        The console cannot read or store anything until its PostgreSQL answers again: no page can be shown, sign-in waits, and the fleet is not polled. Your
        Harbor registries are not affected. Check the database (and the console&apos;s log); this page recovers by itself once it is back.
      </p>
      {reference && <p className="mt-2 text-xs text-muted">Reference {reference}</p>}
      <div className="mt-5">
        <Button onClick={retry} disabled={pending}>
          {pending ? "Trying…" : "Try again"}
        </Button>
      </div>
    </div>
  );
}
