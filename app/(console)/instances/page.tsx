import { Plus, Server } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { InstanceFilters } from "@/components/instances/instance-filters";
import { InstanceTable } from "@/components/instances/instance-table";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { listInstances } from "@/lib/fleet/instances";
import { ZInstanceListParams } from "@/lib/schemas/instance";
import { parseSearchParams, type RawSearchParams } from "@/lib/schemas/search-params";
import { hasRole } from "@/lib/schemas/user";

export const metadata: Metadata = { title: "Instances" };

export default async function InstancesPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const user = await requireUser();
  const { params, notices } = parseSearchParams(ZInstanceListParams, await searchParams);
  const { instances, total, page, pageCount } = await listInstances(params);
  const isAdmin = hasRole(user, "admin");
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
      {notices.map((n) => (
        <Notice key={n} tone="warning" className="mb-3">
          {n}
        </Notice>
      ))}
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
            {pageCount > 1 && (
              <nav aria-label="Pages" className="flex items-center gap-3">
                {page > 1 && <Link href={pageLink(page - 1)}>← Previous</Link>}
                <span>
                  Page {page} of {pageCount}
                </span>
                {page < pageCount && <Link href={pageLink(page + 1)}>Next →</Link>}
              </nav>
            )}
          </div>
        </>
      )}
    </>
  );
}
