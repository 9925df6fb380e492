"use client";
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import { Pencil, ShieldAlert } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DeleteInstanceButton } from "./delete-instance-button";
import { Table, Td, Th } from "@/components/ui/table";
import { DEPLOYMENT_MODE_LABEL } from "@/lib/schemas/instance-constants";

export interface InstanceRow {
  id: string;
  name: string;
  description: string;
  environment: string;
  labels: string[];
  baseUrl: string;
  deploymentMode: "docker_compose" | "helm";
  skipTlsVerify: boolean;
}

const ENV_TONE: Record<string, "danger" | "warning" | "accent" | "neutral"> = {
  production: "danger",
  staging: "warning",
  development: "accent",
  other: "neutral",
};
const col = createColumnHelper<InstanceRow>();

export function InstanceTable({ rows, canManage }: { rows: InstanceRow[]; canManage: boolean }) {
  const columns = [
    col.accessor("name", {
      header: "Name",
      cell: (c) => (
        <div>
          <Link href={`/instances/${c.row.original.id}`} className="font-medium text-accent hover:underline">
            {c.getValue()}
          </Link>
          {c.row.original.description && <p className="text-xs text-muted">{c.row.original.description}</p>}
        </div>
      ),
    }),
    col.accessor("environment", { header: "Environment", cell: (c) => <Badge tone={ENV_TONE[c.getValue()]}>{c.getValue()}</Badge> }),
    col.accessor("labels", {
      header: "Labels",
      cell: (c) => (
        <div className="flex max-w-64 flex-wrap gap-1">
          {c.getValue().map((l) => (
            <Link key={l} href={`/instances?label=${encodeURIComponent(l)}`}>
              <Badge>{l}</Badge>
            </Link>
          ))}
        </div>
      ),
    }),
    col.accessor("baseUrl", {
      header: "URL",
      cell: (c) => (
        <span className="inline-flex items-center gap-1 font-mono text-xs">
          {c.getValue()}
          {c.row.original.skipTlsVerify && <ShieldAlert className="size-3.5 text-danger" aria-label="TLS verification skipped" />}
        </span>
      ),
    }),
    col.accessor("deploymentMode", { header: "Mode", cell: (c) => DEPLOYMENT_MODE_LABEL[c.getValue()] }),
    ...(canManage
      ? [
          col.display({
            id: "actions",
            header: () => <span className="sr-only">Actions</span>,
            cell: (c) => (
              <div className="flex justify-end gap-2">
                <Button asChild variant="secondary" size="sm">
                  <Link href={`/instances/${c.row.original.id}/edit`} aria-label={`Edit ${c.row.original.name}`}>
                    <Pencil className="size-4" aria-hidden /> Edit
                  </Link>
                </Button>
                <DeleteInstanceButton id={c.row.original.id} name={c.row.original.name} />
              </div>
            ),
          }),
        ]
      : []),
  ];
  const table = useReactTable({ data: rows, columns, getCoreRowModel: getCoreRowModel() });
  return (
    <Table data-testid="instances-table" label="Instances">
      <thead>
        {table.getHeaderGroups().map((hg) => (
          <tr key={hg.id}>
            {hg.headers.map((h) => (
              <Th key={h.id}>{flexRender(h.column.columnDef.header, h.getContext())}</Th>
            ))}
          </tr>
        ))}
      </thead>
      <tbody>
        {table.getRowModel().rows.map((r) => (
          <tr key={r.id} data-testid={`instance-row-${r.original.name}`}>
            {r.getVisibleCells().map((c) => (
              <Td key={c.id}>{flexRender(c.column.columnDef.cell, c.getContext())}</Td>
            ))}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
