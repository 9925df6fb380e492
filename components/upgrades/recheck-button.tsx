"use client";
import { RefreshCw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { testSavedConnectionAction } from "@/lib/actions/connection";

/** "Re-check now": asks the instance's Harbor for its version (a saved-connection test, audited) and reloads the step. */
export function RecheckButton({ instanceId }: { instanceId: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: "danger" | "success"; text: string }>();
  const [pending, start] = useTransition();
  const run = () =>
    start(async () => {
      setMessage(undefined);
      const res = await testSavedConnectionAction({ instanceId });
      if ("data" in res) {
        setMessage(
          res.data.harborVersion
            ? { tone: "success", text: `Harbor says it runs ${res.data.harborVersion}.` }
            : { tone: "danger", text: res.data.checks.at(-1)?.detail ?? "Harbor did not tell its version." },
        );
        router.refresh();
      } else setMessage({ tone: "danger", text: "serverError" in res ? res.serverError : (res.message ?? "Could not re-check.") });
    });
  return (
    <div className="space-y-2">
      <Button type="button" variant="secondary" size="sm" onClick={run} disabled={pending}>
        <RefreshCw className="size-4" aria-hidden /> {pending ? "Checking…" : "Re-check now"}
      </Button>
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
    </div>
  );
}
