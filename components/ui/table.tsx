import { cn } from "@/lib/cn";

/** A data table; its header and body cells are styled by the `data-table` rules in globals.css (utilities on a cell win). */
export function Table({ className, ...props }: React.TableHTMLAttributes<HTMLTableElement>) {
  return (
    <div className="overflow-x-auto rounded-lg border border-border bg-surface">
      <table className={cn("data-table w-full text-left text-sm", className)} {...props} />
    </div>
  );
}
export const Th = (p: React.ThHTMLAttributes<HTMLTableCellElement>) => <th scope="col" {...p} />;
export const Td = (p: React.TdHTMLAttributes<HTMLTableCellElement>) => <td {...p} />;
