import { Server } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { countInstancesByEnvironment } from "@/lib/fleet/instances";
import { ENVIRONMENTS } from "@/lib/schemas/instance";
import { hasRole } from "@/lib/schemas/user";

export const metadata: Metadata = { title: "Fleet" };

export default async function FleetPage() {
  const user = await requireUser();
  const counts = await countInstancesByEnvironment();
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return (
    <>
      <PageHeader title="Fleet" description="Every Harbor registry you run, at a glance." />
      {total === 0 ? (
        <EmptyState
          icon={<Server className="size-8" aria-hidden />}
          title="Your fleet is empty"
          action={
            hasRole(user, "admin") ? (
              <Button asChild>
                <Link href="/instances/new">Add your first Harbor instance</Link>
              </Button>
            ) : undefined
          }
        >
          {hasRole(user, "admin") ? "Register the Harbor instances you run; the console will keep them in one view." : "Ask an admin to register your Harbor instances."}
        </EmptyState>
      ) : (
        <>
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
            <Card>
              <p className="text-sm text-muted">Instances</p>
              <p className="mt-1 text-3xl font-semibold" data-testid="fleet-total">
                {total}
              </p>
            </Card>
            {ENVIRONMENTS.map((e) => (
              <Link key={e} href={`/instances?environment=${e}`}>
                <Card className="h-full transition hover:border-accent">
                  <p className="text-sm capitalize text-muted">{e}</p>
                  <p className="mt-1 text-3xl font-semibold">{counts[e] ?? 0}</p>
                </Card>
              </Link>
            ))}
          </div>
          <p className="mt-6 text-sm text-muted">
            Live health, versions and usage of each instance arrive with the fleet collector. Until then, see the{" "}
            <Link href="/instances" className="text-accent hover:underline">
              instance registry
            </Link>
            .
          </p>
        </>
      )}
    </>
  );
}
