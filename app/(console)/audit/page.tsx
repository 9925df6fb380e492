import { ScrollText } from "lucide-react";
import type { Metadata } from "next";
import { Suspense } from "react";
import Link from "next/link";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { listAuditActions, listAuditEvents } from "@/lib/fleet/audit";
import { ZAuditListParams } from "@/lib/schemas/audit";
import { parseSearchParams, type RawSearchParams } from "@/lib/schemas/search-params";
import { PageSkeleton } from "@/components/ui/skeleton";

export const metadata: Metadata = { title: "Audit" };

/** The shell shows at once; the page's shape while its data is read (a Suspense boundary inside the page, so a 404 elsewhere keeps its status). */
export default function AuditPage(props: { searchParams: Promise<RawSearchParams> }) {
  return (
    <Suspense fallback={<PageSkeleton label="Loading the audit trail…" />}>
      <AuditPageContent {...props} />
    </Suspense>
  );
}

async function AuditPageContent({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requireUser();
  const raw = await searchParams;
  const { params, notices } = parseSearchParams(ZAuditListParams, raw);
  const [{ events, nextBefore }, actions] = await Promise.all([listAuditEvents(params), listAuditActions()]);
  const nextLink = () => {
    const qs = new URLSearchParams(
      Object.entries({ ...params, before: nextBefore ?? undefined })
        .filter((e) => e[1] !== undefined)
        .map(([k, v]) => [k, String(v)]),
    );
    return `/audit?${qs}`;
  };
  return (
    <>
      <PageHeader title="Audit" description="Who changed what, newest first. Entries are append-only: nobody can edit or delete them." />
      {notices.map((n) => (
        <Notice key={n} tone="warning" className="mb-3">
          {n}
        </Notice>
      ))}
      <AuditFilters actions={actions} />
      {events.length === 0 ? (
        <EmptyState icon={<ScrollText className="size-8" aria-hidden />} title="No matching audit events">
          {Object.keys(raw).length ? (
            <Link href="/audit" className="text-accent hover:underline">
              Clear the filters
            </Link>
          ) : (
            "Changes to instances and users will be recorded here."
          )}
        </EmptyState>
      ) : (
        <AuditTable events={events} />
      )}
      <div className="mt-3 flex justify-end gap-4 text-sm">
        {params.before && <Link href="/audit">Newest</Link>}
        {nextBefore && <Link href={nextLink()}>Older →</Link>}
      </div>
    </>
  );
}
