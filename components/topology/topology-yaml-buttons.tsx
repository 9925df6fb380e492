"use client";
import { Download, Upload } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { getPath, setPath } from "@/lib/schemas/topology-path";
import type { TTopology } from "@/lib/schemas/topology";

const PLACEHOLDER = /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/;
const MAX_BYTES = 512 * 1024;
/** Problems listed after a failed import: every one a real file has, without building a page of thousands. */
const MAX_DETAILS = 200;

// The YAML library (~30 KiB compressed) comes in on the first export or import, not with the topology page.
const topologyYaml = () => import("@/lib/config/topology-yaml");

function download(text: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/yaml" }));
  const a = Object.assign(document.createElement("a"), { href: url, download: fileName });
  a.click();
  URL.revokeObjectURL(url);
}

/** Topology as code: export the form as a YAML document (secrets as ${ENV} placeholders), or load one into the form. */
export function TopologyYamlButtons({
  instanceName,
  canImport,
  getValues,
  onImport,
}: {
  instanceName: string;
  canImport: boolean;
  getValues: () => TTopology;
  onImport: (t: TTopology) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [note, setNote] = useState<{ tone: "error" | "info"; text: string; details?: string[] }>();
  const noteRef = useRef<HTMLDivElement>(null);
  // An error is shown whole and where the user is: scrolled into view (its start, when taller than the window)
  // and focused, so that a keyboard or screen-reader user is on it too.
  useEffect(() => {
    const el = noteRef.current;
    if (!el || note?.tone !== "error") return;
    el.scrollIntoView({ block: el.offsetHeight > window.innerHeight * 0.8 ? "start" : "nearest" });
    el.focus({ preventScroll: true });
  }, [note]);

  async function load(file: File) {
    setNote(undefined);
    if (file.size > MAX_BYTES)
      return setNote({ tone: "error", text: `${file.name} is ${Math.round(file.size / 1024)} KiB; a topology is at most ${MAX_BYTES / 1024} KiB.` });
    const { parseTopologyYaml, SECRET_PATHS } = await topologyYaml();
    const parsed = parseTopologyYaml(await file.text());
    if (!parsed.ok)
      return setNote({
        tone: "error",
        text: `${file.name} was not loaded; the form is unchanged.`,
        details: parsed.issues.map((i) => `${i.field || "(document)"}: ${i.message}`),
      });
    // ${ENV} placeholders are for pipelines; in the console an empty secret field keeps the stored value.
    let spec = parsed.document.spec;
    const kept: string[] = [];
    for (const path of SECRET_PATHS) {
      const v = getPath(spec, path);
      if (typeof v === "string" && PLACEHOLDER.test(v)) {
        spec = setPath(spec, path, "");
        kept.push(path);
      }
    }
    onImport(spec);
    setNote({
      tone: "info",
      text: `Loaded ${file.name} into the form (not saved yet).${kept.length ? ` Placeholders left these secrets unchanged: ${kept.join(", ")}.` : ""}`,
    });
  }

  async function exportYaml() {
    const values = getValues();
    const { exportTopologyYaml } = await topologyYaml();
    download(exportTopologyYaml(values, { name: instanceName }, { secrets: "placeholders" }), `${instanceName}.topology.yaml`);
  }

  return (
    <div className="space-y-2 border-t border-border pt-3">
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="secondary" size="sm" onClick={() => void exportYaml()}>
          <Download className="size-4" aria-hidden /> Export YAML
        </Button>
        {canImport && (
          <>
            <Button type="button" variant="secondary" size="sm" onClick={() => input.current?.click()}>
              <Upload className="size-4" aria-hidden /> Import YAML
            </Button>
            <input
              ref={input}
              type="file"
              accept=".yaml,.yml,application/yaml,text/yaml"
              className="sr-only"
              aria-label="Topology YAML file"
              data-testid="topology-import"
              onChange={(e) => {
                const f = e.target.files?.[0];
                e.target.value = "";
                if (f) void load(f);
              }}
            />
          </>
        )}
      </div>
      {note && (
        <div
          ref={noteRef}
          tabIndex={-1}
          role={note.tone === "error" ? "alert" : "status"}
          data-testid="topology-import-note"
          className={
            note.tone === "error"
              ? "scroll-mt-4 rounded-md border border-danger/40 bg-danger-soft px-3 py-2 text-xs break-words text-danger outline-none focus-visible:outline-2 focus-visible:outline-ring"
              : "text-xs text-muted"
          }
        >
          <p className={note.tone === "error" ? "font-medium" : undefined}>{note.text}</p>
          {note.details && (
            <ul className="mt-1 list-disc space-y-0.5 pl-4">
              {note.details.slice(0, MAX_DETAILS).map((d, i) => (
                <li key={i}>{d}</li>
              ))}
              {note.details.length > MAX_DETAILS && <li>and {note.details.length - MAX_DETAILS} more</li>}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
