import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { UpgradePlanDetail } from "@/components/upgrades/upgrade-plan-detail";
import { requireUser } from "@/lib/auth";
import { getUpgradePlanView } from "@/lib/fleet/upgrade-view";
import { ZPlanIdParam } from "@/lib/schemas/upgrade";
import { hasRole } from "@/lib/schemas/user";

export const metadata: Metadata = { title: "Upgrade plan" };

export default async function UpgradePlanPage({ params }: { params: Promise<{ planId: string }> }) {
  const user = await requireUser();
  const id = ZPlanIdParam.safeParse((await params).planId);
  if (!id.success) notFound();
  const view = await getUpgradePlanView(id.data);
  if (!view) notFound();
  return <UpgradePlanDetail {...view} canEdit={hasRole(user, "operator")} canApprove={hasRole(user, "admin")} />;
}
