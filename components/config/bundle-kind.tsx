"use client";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";
import { Confirm } from "@/components/ui/dialog";
import { Notice } from "@/components/ui/notice";
import { setInstanceLifecycleAction } from "@/lib/actions/instances";
import { bundleKindLine } from "@/lib/config/lifecycle";
import type { InstanceLifecycle } from "@/lib/schemas/instance";

/**
 * The Config tab's one line: which kind of bundle this is and why (lib/config/lifecycle.ts). Operators may mark an
 * instance running, or planned while the collector never reached it (the server checks that again).
 */
export function BundleKind({
  instanceId,
  name,
  lifecycle,
  reachedAt,
  canChange,
}: {
  instanceId: string;
  name: string;
  lifecycle: InstanceLifecycle;
  reachedAt: string | null;
  canChange: boolean;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const mark = (to: InstanceLifecycle) =>
    start(async () => {
      const res = await setInstanceLifecycleAction({ id: instanceId, lifecycle: to });
      if ("data" in res) {
        toast.success(to === "running" ? `${name} is running: its bundles reconfigure it` : `${name} is planned: its bundles install it`);
        router.refresh();
      } else toast.error("serverError" in res ? res.serverError : (res.message ?? "Could not change it"));
    });
  const button = !canChange ? null : lifecycle === "planned" ? (
    <Button variant="secondary" size="sm" disabled={pending} onClick={() => mark("running")}>
      It already runs
    </Button>
  ) : reachedAt ? null : (
    <Confirm
      trigger={
        <Button variant="secondary" size="sm" disabled={pending}>
          Not deployed yet
        </Button>
      }
      title={`Mark ${name} as planned?`}
      description={
        <p>
          Its bundles then install Harbor with new shared keys. Run one only on hosts where no Harbor runs: on a running Harbor, a new secret key makes every
          credential it stored unreadable. The collector has never reached this instance; once it does, the instance is running again.
        </p>
      }
      confirmLabel="Mark as planned"
      pending={pending}
      onConfirm={() => mark("planned")}
    />
  );
  return (
    <Notice tone={lifecycle === "running" ? "info" : "warning"} className="mb-4 flex flex-wrap items-center justify-between gap-2" data-testid="bundle-kind">
      <span>{bundleKindLine(lifecycle)}</span>
      {button}
    </Notice>
  );
}
