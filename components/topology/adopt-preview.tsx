"use client";
import { Notice } from "@/components/ui/notice";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { Table, Td, Th } from "@/components/ui/table";
import type { AdoptPreview } from "@/lib/schemas/adopt";

type Ok = Extract<AdoptPreview, { ok: true }>;

/** What saving the adoption would record: the diff against the current revision, node differences, what is not held. */
export function AdoptPreviewView({ preview }: { preview: Ok }) {
  const errors = preview.issues.filter((i) => i.severity === "error");
  const warnings = [...preview.warnings, ...preview.issues.filter((i) => i.severity === "warning").map((i) => `${i.field}: ${i.message}`)];
  return (
    <div className="space-y-4" data-testid="adopt-preview">
      <p className="text-sm">
        {preview.source} → Harbor {preview.harborVersion}.{" "}
        {preview.baseRevision === 0 ? "The instance has no revision yet: this becomes its first." : `Compared with revision ${preview.baseRevision}:`}
      </p>
      {errors.length > 0 && (
        <Notice tone="danger" data-testid="adopt-issues">
          <p className="font-medium">The adopted topology does not pass the save&apos;s check; fix the files (or the form, after saving nothing):</p>
          <ul className="mt-1 list-disc pl-5 text-xs">
            {errors.map((i) => (
              <li key={`${i.field}-${i.message}`}>
                {i.field}: {i.message}
              </li>
            ))}
          </ul>
        </Notice>
      )}
      {warnings.length > 0 && (
        <Notice tone="warning">
          <ul className="list-disc pl-5 text-xs">
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </Notice>
      )}
      {preview.baseRevision > 0 && (
        <section aria-labelledby="adopt-diff-title">
          <h3 id="adopt-diff-title" className="text-sm font-semibold">
            Changes against revision {preview.baseRevision} ({preview.changes.length})
          </h3>
          {preview.changes.length === 0 ? (
            <p className="text-sm text-muted">The files say what revision {preview.baseRevision} says.</p>
          ) : (
            <ScrollRegion label="Changes against the current revision" className="max-h-72">
              <Table label="Changes against the current revision" data-testid="adopt-diff">
                <thead>
                  <tr>
                    <Th>Field</Th>
                    <Th>Revision {preview.baseRevision}</Th>
                    <Th>Files</Th>
                  </tr>
                </thead>
                <tbody>
                  {preview.changes.map((c) => (
                    <tr key={c.field}>
                      <Td className="font-mono text-xs">{c.field}</Td>
                      <Td className="font-mono text-xs">{c.before || "∅"}</Td>
                      <Td className="font-mono text-xs">{c.after || "∅"}</Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            </ScrollRegion>
          )}
        </section>
      )}
      {preview.nodeDifferences.length > 0 && (
        <section aria-labelledby="adopt-nodes-title" data-testid="adopt-node-differences">
          <h3 id="adopt-nodes-title" className="text-sm font-semibold">
            Where the nodes&apos; files differ (the topology takes the first node&apos;s value; every node then gets the same file)
          </h3>
          <ul className="mt-1 space-y-1 font-mono text-xs">
            {preview.nodeDifferences.map((d) => (
              <li key={d.path}>
                {d.path}: {d.values.map((v) => `${v.node} ${v.value}`).join(" · ")}
              </li>
            ))}
          </ul>
        </section>
      )}
      <NotRepresentedList items={preview.notRepresented} />
    </div>
  );
}

export function NotRepresentedList({ items, title = "Not represented" }: { items: Ok["notRepresented"]; title?: string }) {
  return (
    <section aria-label={title} data-testid="not-represented">
      <h3 className="text-sm font-semibold">
        {title} ({items.length})
      </h3>
      {items.length === 0 ? (
        <p className="text-sm text-muted">Everything the files say is in the topology.</p>
      ) : (
        <>
          <p className="text-xs text-muted">
            Keys of the files the topology does not hold: files generated from it drop or change them. Carry them over by hand when you deploy.
          </p>
          <ul className="mt-1 space-y-1 text-xs">
            {items.map((n) => (
              <li key={n.path}>
                <code className="font-mono">{n.path}</code> — {n.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
