import Link from "next/link";

/** Instance › Projects › project › (page), under the instance's tabs. */
export function ProjectBreadcrumb({
  instanceId,
  project,
  current,
}: {
  instanceId: string;
  project: string;
  current?: { label: string; href?: string; page?: string };
}) {
  const base = `/instances/${instanceId}/projects`;
  return (
    <nav aria-label="Breadcrumb" className="mb-4 text-sm text-muted">
      <ol className="flex flex-wrap items-center gap-1">
        <li>
          <Link className="text-accent hover:underline" href={base}>
            Projects
          </Link>
        </li>
        <li aria-hidden>›</li>
        <li>
          {current ? (
            <Link className="text-accent hover:underline" href={`${base}/${encodeURIComponent(project)}/webhooks`}>
              {project} webhooks
            </Link>
          ) : (
            <span aria-current="page">{project} webhooks</span>
          )}
        </li>
        {current && (
          <>
            <li aria-hidden>›</li>
            <li aria-current="page">{current.label}</li>
          </>
        )}
      </ol>
    </nav>
  );
}
