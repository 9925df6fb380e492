"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Modal } from "@/components/ui/dialog";
import type { UpgradePlanDto } from "@/lib/schemas/upgrade";
import { ScheduleForm } from "./schedule-form";

/** Moves a booked window that has not started: the schedule form in a dialog, filled with the current window. */
export function RescheduleButton({ plan }: { plan: Pick<UpgradePlanDto, "id" | "version" | "instanceName" | "window" | "approval"> }) {
  const [open, setOpen] = useState(false);
  if (!plan.window) return null;
  return (
    <>
      <Button type="button" variant="secondary" size="sm" onClick={() => setOpen(true)}>
        Reschedule<span className="sr-only"> {plan.instanceName}</span>
      </Button>
      <Modal
        open={open}
        onOpenChange={setOpen}
        title={`Move the window of ${plan.instanceName}`}
        description="Overlapping another window of this instance is refused, as when booking."
      >
        <ScheduleForm
          planId={plan.id}
          version={plan.version}
          current={{ start: plan.window.start, end: plan.window.end, requiresApproval: plan.approval.required }}
          onDone={() => setOpen(false)}
        />
      </Modal>
    </>
  );
}
