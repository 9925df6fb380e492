import Link from "next/link";

/** "← Previous · Page n of m · Next →" under a paged list; nothing when there is one page. */
export function PageLinks({ page, pageCount, href }: { page: number; pageCount: number; href: (page: number) => string }) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label="Pages" className="flex items-center gap-3">
      {page > 1 && <Link href={href(page - 1)}>← Previous</Link>}
      <span>
        Page {page} of {pageCount}
      </span>
      {page < pageCount && <Link href={href(page + 1)}>Next →</Link>}
    </nav>
  );
}
