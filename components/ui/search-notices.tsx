import { Notice } from "./notice";

/** The notices parseSearchParams returns for URL parameters it ignored, one warning each. */
export function SearchNotices({ notices }: { notices: string[] }) {
  return notices.map((n) => (
    <Notice key={n} tone="warning" className="mb-3">
      {n}
    </Notice>
  ));
}
