import { Badge, type BadgeTone } from "@/components/ui/badge";
import { UPGRADE_STATE_LABEL, type UpgradePlanState } from "@/lib/schemas/upgrade-constants";

const TONE: Record<UpgradePlanState, BadgeTone> = {
  draft: "neutral",
  ready: "success",
  blocked: "danger",
  scheduled: "accent",
  in_progress: "accent",
  needs_attention: "warning",
  completed: "success",
  cancelled: "neutral",
};

export function PlanStateBadge({ state }: { state: UpgradePlanState }) {
  return (
    <Badge tone={TONE[state]} data-testid="plan-state">
      {UPGRADE_STATE_LABEL[state]}
    </Badge>
  );
}
