import { cn } from "@/lib/cn";

const TONES = {
  info: "border-accent/40 bg-accent/10",
  warning: "border-warning/40 bg-warning-soft text-warning",
  danger: "border-danger/40 bg-danger-soft text-danger",
  success: "border-success/40 bg-success-soft text-success",
} as const;

export function Notice({ tone = "info", className, ...props }: React.HTMLAttributes<HTMLDivElement> & { tone?: keyof typeof TONES }) {
  return <div role={tone === "danger" ? "alert" : "status"} className={cn("rounded-md border px-3 py-2 text-sm", TONES[tone], className)} {...props} />;
}
