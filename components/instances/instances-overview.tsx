import { Plus, Server } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SearchNotices } from "@/components/ui/search-notices";
import { PageLinks } from "@/components/ui/page-links";
import type { InstanceDto, TInstanceListParams } from "@/lib/schemas/instance";
import { InstanceFilters } from "./instance-filters";
import { InstanceTable } from "./instance-table";

/** The Instances page: the registered Harbors (filtered, paged) with how to reach them; admins add and manage them. */
export function InstancesOverview({
  instances,
  total,
  page,
  pageCount,
  params,
  notices,
  isAdmin,
}: {
  instances: InstanceDto[];
  total: number;
  page: number;
  pageCount: number;
  params: TInstanceListParams;
  notices: string[];
  isAdmin: boolean;
}) {
  const filtered = Boolean(params.q || params.environment || params.label);
  const pageLink = (p: number) => {
    const qs = new URLSearchParams(
      Object.entries({ q: params.q, environment: params.environment, label: params.label, page: p > 1 ? String(p) : undefined }).filter(
        (e): e is [string, string] => Boolean(e[1]),
      ),
    );
    return `/instances${qs.size ? `?${qs}` : ""}`;
  };
  return (
    <>
      <PageHeader
        title="Instances"
        description="The Harbor registries this console knows, with how to reach them."
        actions={
          isAdmin && (
            <Button asChild>
              <Link href="/instances/new">
                <Plus className="size-4" aria-hidden /> Add instance
              </Link>
            </Button>
          )
        }
      />
      <SearchNotices notices={notices} />
      {total === 0 && !filtered ? (
        <EmptyState
          icon={<Server className="size-8" aria-hidden />}
          title="No Harbor instances yet"
          action={
            isAdmin && (
              <Button asChild>
                <Link href="/instances/new">Add your first instance</Link>
              </Button>
            )
          }
        >
          {isAdmin
            ? "Register a Harbor with its URL and a robot account, and the console starts keeping track of it."
            : "An admin has to register Harbor instances before they show here."}
        </EmptyState>
      ) : (
        <>
          <InstanceFilters />
          {instances.length === 0 ? (
            <EmptyState title="No instance matches these filters">
              <Link href="/instances" className="text-accent hover:underline">
                Clear the filters
              </Link>
            </EmptyState>
          ) : (
            <InstanceTable
              canManage={isAdmin}
              rows={instances.map(({ id, name, description, environment, labels, baseUrl, deploymentMode, skipTlsVerify }) => ({
                id,
                name,
                description,
                environment,
                labels,
                baseUrl,
                deploymentMode,
                skipTlsVerify,
              }))}
            />
          )}
          <div className="mt-3 flex items-center justify-between text-sm text-muted">
            <span data-testid="instance-count">
              {total} instance{total === 1 ? "" : "s"}
              {filtered ? " match" : ""}
            </span>
            <PageLinks page={page} pageCount={pageCount} href={pageLink} />
          </div>
        </>
      )}
    </>
  );
}
