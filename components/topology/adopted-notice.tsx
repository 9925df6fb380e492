import { Card } from "@/components/ui/card";
import type { TopologyRevisionDto } from "@/lib/schemas/topology-actions";
import { NotRepresentedList } from "./adopt-preview";

/** The current revision was adopted from files: where from, and what of them it does not hold. */
export function AdoptedNotice({ revision, adoption }: { revision: number; adoption: NonNullable<TopologyRevisionDto["adoption"]> }) {
  return (
    <Card className="mb-6 space-y-2" data-testid="adopted-revision">
      <p className="text-sm">
        Revision {revision} was adopted from the {adoption.source}.
      </p>
      <NotRepresentedList items={adoption.notRepresented} title={`Not represented in revision ${revision}`} />
    </Card>
  );
}
