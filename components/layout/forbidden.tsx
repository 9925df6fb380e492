import { Lock } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";

export function Forbidden({ need }: { need: string }) {
  return (
    <EmptyState icon={<Lock className="size-8" aria-hidden />} title="You do not have access to this page">
      It needs the {need} role. Ask an admin if you need it.
    </EmptyState>
  );
}
