import { Card, CardTitle } from "@/components/ui/card";
import { RecheckButton } from "./recheck-button";

/** The version the plan starts from: the last poll's (or detection's), with "Re-check now" for operators. */
export function LiveVersionCard({
  instanceId,
  version,
  at,
  canRecheck,
}: {
  instanceId: string;
  version: string | null;
  at: string | null;
  canRecheck: boolean;
}) {
  return (
    <Card>
      <CardTitle className="mb-2">Running now</CardTitle>
      <p className="text-sm" data-testid="live-version">
        {version ? (
          <>
            Harbor <span className="font-mono font-medium">{version}</span>
            <span className="text-muted">{at ? `, as of ${at.slice(0, 16).replace("T", " ")} UTC` : ""}</span>
          </>
        ) : (
          <span className="text-muted">Not detected yet.</span>
        )}
      </p>
      {canRecheck && (
        <div className="mt-3">
          <RecheckButton instanceId={instanceId} />
        </div>
      )}
    </Card>
  );
}
