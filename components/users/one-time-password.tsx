"use client";
import { Copy } from "lucide-react";
import { Button } from "@/components/ui/button";

/** A one-time password as the admin sees it, once: after creating a user or resetting their password. */
export function OneTimePassword({
  email,
  password,
  testId,
  onDone,
  children,
}: {
  email: string;
  password: string;
  testId: string;
  onDone: () => void;
  children: React.ReactNode;
}) {
  return (
    <div className="space-y-4">
      <p className="text-sm">
        Give <strong>{email}</strong> this one-time password. {children}
      </p>
      <div className="flex items-center gap-2">
        <code className="flex-1 break-all rounded bg-surface-muted px-3 py-2 font-mono text-sm" data-testid={testId}>
          {password}
        </code>
        <Button variant="secondary" size="sm" aria-label="Copy password" onClick={() => void navigator.clipboard?.writeText(password)}>
          <Copy className="size-4" aria-hidden />
        </Button>
      </div>
      <div className="flex justify-end">
        <Button onClick={onDone}>Done</Button>
      </div>
    </div>
  );
}
