/** One label and value of a details list (`<dl>`), the label a third of the width. */
export function DetailRow({ label, children, breakAll = false }: { label: string; children: React.ReactNode; breakAll?: boolean }) {
  return (
    <div className="grid grid-cols-3 gap-2 py-1.5 text-sm">
      <dt className="text-muted">{label}</dt>
      <dd className={breakAll ? "col-span-2 break-all" : "col-span-2"}>{children}</dd>
    </div>
  );
}
