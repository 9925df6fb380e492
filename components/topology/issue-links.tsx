import type { ConfigIssue } from "@/lib/schemas/config-issue";
import { FieldLink } from "./field-link";

/** Each issue as a link to its field. */
export function IssueLinks({ issues, className, ...aria }: { issues: ConfigIssue[]; className: string; "aria-label"?: string }) {
  return (
    <ul className={className} {...aria}>
      {issues.map((i) => (
        <li key={`${i.field}:${i.message}`}>
          <FieldLink field={i.field} className="underline-offset-2 hover:underline">
            {i.message}
          </FieldLink>
        </li>
      ))}
    </ul>
  );
}
