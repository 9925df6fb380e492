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
      <PageHeader title="Webhooks" description="Project webhook policies across the fleet: each instance's are on its Projects tab; this fleet-wide view comes next." />
      <Card className="space-y-3 text-sm" data-testid="webhooks-coming">
        <CardTitle>Built</CardTitle>
        <p>
          Every instance has a <strong>Projects</strong> tab: its projects (paged and searchable, with their webhook counts), and for each project its webhook
          policies — targets, events, payload format, state, creator and last delivery — with each policy&apos;s delivery history. Operators create, edit, enable,
          disable and delete policies there; the form offers only what that Harbor version supports (1.9 to 2.15), and every change is audited.
        </p>
        <CardTitle className="pt-2">Coming next</CardTitle>
        <ul className="list-disc space-y-1 pl-5">
          <li>This page: every policy in the fleet in one searchable table, kept by a webhook inventory.</li>
          <li>Test deliveries from the console, guarded against requests to internal addresses.</li>
          <li>One policy applied to many projects (templates), and one inbox of failed deliveries.</li>
        </ul>
        <CardTitle className="pt-2">Until then</CardTitle>
        <p>
          Open an instance from the{" "}
          <Link href="/instances" className="text-accent underline underline-offset-2">
            instance registry
          </Link>{" "}
          and choose its Projects tab. Managing webhooks needs a Harbor account with the rights to (a system administrator, a project admin, or on 2.10+ a
          robot with notification-policy permissions): <strong>Test connection</strong> on the instance&apos;s page tells what the console&apos;s account may do.
        </p>
      </Card>
    </>
  );
}
