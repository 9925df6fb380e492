import { cn } from "@/lib/cn";
import { ScrollRegion } from "./scroll-region";

/**
 * A data table; its header and body cells are styled by the `data-table` rules in globals.css (utilities on a cell win).
 * Wider than the page (a phone), it scrolls sideways in its own box, named by `label` for keyboard and screen readers.
 */
export function Table({ className, label = "Table", ...props }: React.TableHTMLAttributes<HTMLTableElement> & { label?: string }) {
  return (
    // relative: the box is the containing block of what the cells position absolutely (sr-only labels), so that it
    // clips them too; otherwise they stretch the page sideways.
    <ScrollRegion
      label={label}
      className="relative overflow-x-auto rounded-lg border border-border bg-surface focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
    >
      <table className={cn("data-table w-full text-left text-sm", className)} {...props} />
    </ScrollRegion>
  );
}
export const Th = (p: React.ThHTMLAttributes<HTMLTableCellElement>) => <th scope="col" {...p} />;
export const Td = (p: React.TdHTMLAttributes<HTMLTableCellElement>) => <td {...p} />;
