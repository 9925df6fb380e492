import Link from "next/link";
import { InstanceLive } from "@/components/fleet/instance-live";
import { Notice } from "@/components/ui/notice";
import type { DeployedRevision } from "@/lib/config/deployed-revision";
import type { InstanceLive as TInstanceLive } from "@/lib/queries/fleet";

/** What the instance page reads after its 404 check; null when the instance went away meanwhile. */
export type InstanceHealthData = { live: TInstanceLive; deployed: DeployedRevision } | null;

/** The deployed-revision notice and the live health of an instance, streamed once the page has read them. */
export async function InstanceHealthSection({
  data,
  canRefresh,
  isAdmin,
  everReached,
}: {
  data: Promise<InstanceHealthData>;
  canRefresh: boolean;
  isAdmin: boolean;
  everReached: boolean;
}) {
  const read = await data;
  // The page checked the instance before streaming began; notFound() here would come too late to answer 404.
  if (!read)
    return (
      <Notice tone="warning" className="mb-4" data-testid="instance-removed">
        This instance was removed while the page loaded.{" "}
        <Link href="/" className="font-medium underline">
          Back to the fleet
        </Link>
      </Notice>
    );
  const { live, deployed } = read;
  return (
    <>
      {deployed.kind !== "none" && (
        <Notice tone={deployed.kind === "undeployed" ? "warning" : "info"} className="mb-4" data-testid="deployed-revision" data-kind={deployed.kind}>
          {deployed.text}
        </Notice>
      )}
      <InstanceLive initial={live} canRefresh={canRefresh} isAdmin={isAdmin} everReached={everReached} />
    </>
  );
}
