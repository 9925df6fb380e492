import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  await requireUser();
  return (
    <>
      <PageHeader title="Webhooks" description="Project webhook policies across the fleet: the pages are not here yet; the Harbor client they need is." />
      <Card className="space-y-3 text-sm" data-testid="webhooks-coming">
        <CardTitle>Built</CardTitle>
        <p>
          The console&apos;s Harbor client (<code className="font-mono text-xs">lib/harbor</code>) reads, creates, updates and deletes project webhook policies
          and reads their delivery history, on every Harbor from 1.9 to 2.15, with each version&apos;s event types, payload formats and quirks.
        </p>
        <CardTitle className="pt-2">Coming next</CardTitle>
        <ul className="list-disc space-y-1 pl-5">
          <li>A Projects page for each instance, listing its projects.</li>
          <li>A Webhooks page for each project: its policies, their recent deliveries, and editing them (operators).</li>
          <li>Then this page: every policy in the fleet, failing deliveries, and one policy applied to many projects.</li>
        </ul>
        <CardTitle className="pt-2">Until then</CardTitle>
        <p>
          Keep the{" "}
          <Link href="/instances" className="text-accent underline underline-offset-2">
            instance registry
          </Link>{" "}
          complete: the projects listed will be theirs. On each instance&apos;s page, <strong>Test connection</strong> tells what its account may do (system
          administrator or not, user or robot account): managing webhooks will need a system administrator, or admin rights on the projects.
        </p>
      </Card>
    </>
  );
}
