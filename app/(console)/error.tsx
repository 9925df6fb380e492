"use client";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function ConsoleError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <EmptyState title="This page could not be loaded" action={<Button onClick={reset}>Try again</Button>}>
      Something failed on the server{error.digest ? ` (reference ${error.digest})` : ""}. If it keeps happening, the console&apos;s log has the details.
    </EmptyState>
  );
}
