import Link from "next/link";
import type { ComponentProps } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import type { TopologyRevisionSummary } from "@/lib/schemas/topology-actions";
import { ConfigViewer } from "./config-viewer";

/** The Config tab's way to describe a topology when there is none to generate files from. */
export function NoTopologyYet({ instanceId }: { instanceId: string }) {
  return (
    <EmptyState
      title="No topology yet"
      action={
        <Link className="text-accent hover:underline" href={`/instances/${instanceId}/topology`}>
          Describe the topology
        </Link>
      }
    >
      Config files are generated from a saved topology.
    </EmptyState>
  );
}

/** The generated files of one revision, streamed once the page has generated them. */
export async function ConfigPreviewSection({
  instanceId,
  preview: pending,
  revisions,
  canDownload,
}: {
  instanceId: string;
  preview: Promise<ComponentProps<typeof ConfigViewer>["preview"] | null>;
  revisions: TopologyRevisionSummary[];
  canDownload: boolean;
}) {
  const preview = await pending;
  if (!preview) return <NoTopologyYet instanceId={instanceId} />;
  return <ConfigViewer key={preview.revision.revision} instanceId={instanceId} preview={preview} revisions={revisions} canDownload={canDownload} />;
}
