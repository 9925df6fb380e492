"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { adoptTopologyAction, previewAdoptionAction } from "@/lib/actions/adopt";
import type { TopologyConflict } from "@/lib/schemas/topology-actions";
import type { AdoptError } from "@/lib/config/adopt-types";
import type { AdoptPreview, TAdoptFiles } from "@/lib/schemas/adopt";
import type { TTopologyNode } from "@/lib/schemas/topology";
import { AdoptPreviewView } from "./adopt-preview";

type NodeFile = { file: string; text: string; name: string; address: string };
type Ok = Extract<AdoptPreview, { ok: true }>;

/**
 * "Adopt from files": the harbor.yml of each node (or `helm get values` and the chart version) → a preview of the
 * revision it would make → save. The files stay in the panel whatever the server says, so nothing has to be chosen
 * again after a correction.
 */
export function AdoptPanel({ instanceId, nodes }: { instanceId: string; nodes: TTopologyNode[] }) {
  const router = useRouter();
  const [mode, setMode] = useState<"harbor-yml" | "helm">("harbor-yml");
  const [files, setFiles] = useState<NodeFile[]>([]);
  const [helm, setHelm] = useState<{ file: string; text: string } | null>(null);
  const [chartVersion, setChartVersion] = useState("");
  const [message, setMessage] = useState("");
  const [preview, setPreview] = useState<Ok | null>(null);
  const [errors, setErrors] = useState<AdoptError[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const reset = () => {
    setPreview(null);
    setErrors([]);
    setFormError(null);
  };
  const upload = (): TAdoptFiles =>
    mode === "helm"
      ? { kind: "helm", file: helm?.file ?? "values.yaml", text: helm?.text ?? "", chartVersion }
      : { kind: "harbor-yml", files: files.map((f) => ({ file: f.file, text: f.text, ...(f.name ? { node: { name: f.name, address: f.address } } : {}) })) };

  async function chooseNodeFiles(list: FileList | null) {
    reset();
    const chosen = Array.from(list ?? []);
    setFiles(
      await Promise.all(chosen.map(async (f, i) => ({ file: f.name, text: await f.text(), name: nodes[i]?.name ?? "", address: nodes[i]?.address ?? "" }))),
    );
  }

  function refusal(res: Awaited<ReturnType<typeof previewAdoptionAction>>): boolean {
    if ("serverError" in res) return (setFormError(res.serverError), true);
    if ("validationErrors" in res) return (setFormError([res.message, ...Object.values(res.validationErrors).flat()].filter(Boolean).join(" ")), true);
    return false;
  }

  async function runPreview() {
    reset();
    setBusy(true);
    try {
      const res = await previewAdoptionAction({ instanceId, upload: upload() });
      if (refusal(res) || !("data" in res)) return;
      if (res.data.ok) setPreview(res.data);
      else setErrors(res.data.errors);
    } finally {
      setBusy(false);
    }
  }

  async function save() {
    if (!preview) return;
    setBusy(true);
    setFormError(null);
    try {
      const res = await adoptTopologyAction({ instanceId, baseRevision: preview.baseRevision, message, upload: upload() });
      if ("serverError" in res && res.code === "conflict" && res.conflict) {
        const { current } = res.conflict as TopologyConflict;
        return setFormError(`Revision ${current.revision} was saved by ${current.createdBy} since this preview: preview again to see the changes against it.`);
      }
      if ("serverError" in res || "validationErrors" in res) return void refusal(res);
      const r = res.data;
      if (r.ok) {
        toast.success(`Saved revision ${r.revision.revision}, adopted from the files`);
        setPreview(null);
        setFiles([]);
        setHelm(null);
        router.refresh();
      } else if (r.reason === "refused") setErrors(r.errors);
      else
        setFormError(
          `Nothing was saved: ${r.issues
            .filter((i) => i.severity === "error")
            .map((i) => `${i.field}: ${i.message}`)
            .join("; ")}`,
        );
    } finally {
      setBusy(false);
    }
  }

  const errorFor = (file: string) =>
    errors
      .filter((e) => e.file === file)
      .map((e) => e.message)
      .join(" ");
  const general = errors.filter((e) => !(mode === "helm" ? [helm?.file, "chart version"] : files.map((f) => f.file)).includes(e.file));
  const blocking = !!preview?.issues.some((i) => i.severity === "error");
  const ready = mode === "helm" ? !!helm && chartVersion.trim() !== "" : files.length > 0;

  return (
    <Card className="mb-6 space-y-4" aria-labelledby="adopt-title" data-testid="adopt-panel">
      <CardTitle id="adopt-title">Adopt from files</CardTitle>
      <p className="text-sm text-muted">
        Read the topology of a running Harbor from the files it runs on: the harbor.yml of each node, or <code>helm get values &lt;release&gt; -o yaml</code>{" "}
        with the chart version. You review the result before it becomes a revision; the instance is then running, and its bundles reconfigure it with the keys
        on its hosts.
      </p>
      <fieldset className="flex flex-wrap gap-4 text-sm">
        <legend className="sr-only">Deployment of the files</legend>
        {(["harbor-yml", "helm"] as const).map((m) => (
          <label key={m} className="flex items-center gap-2">
            <input type="radio" name="adopt-mode" checked={mode === m} onChange={() => (setMode(m), reset())} />
            {m === "helm" ? "Helm values" : "harbor.yml (docker-compose)"}
          </label>
        ))}
      </fieldset>

      {mode === "harbor-yml" ? (
        <div className="space-y-3">
          <Field label="harbor.yml of each node" hint="Choose one file per node, in node order (several files at once).">
            <input type="file" multiple accept=".yml,.yaml,text/yaml" className="text-sm" onChange={(e) => void chooseNodeFiles(e.target.files)} />
          </Field>
          {files.length > 0 && (
            <ol className="space-y-2" aria-label="Files by node">
              {files.map((f, i) => (
                <li
                  key={`${f.file}-${i}`}
                  className="grid gap-2 rounded border border-border p-2 sm:grid-cols-[minmax(0,1fr)_10rem_12rem]"
                  data-testid="adopt-file"
                >
                  <div className="min-w-0 text-sm">
                    <span className="font-mono">{f.file}</span>
                    {errorFor(f.file) && (
                      <p role="alert" className="mt-1 text-xs font-medium text-danger" data-testid="adopt-file-error">
                        {errorFor(f.file)}
                      </p>
                    )}
                  </div>
                  <Input
                    aria-label={`Node name for ${f.file}`}
                    placeholder="from the file name"
                    value={f.name}
                    onChange={(e) => setFiles(files.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))}
                  />
                  <Input
                    aria-label={`Node address for ${f.file}`}
                    placeholder="host name or IP"
                    value={f.address}
                    onChange={(e) => setFiles(files.map((x, j) => (j === i ? { ...x, address: e.target.value } : x)))}
                  />
                </li>
              ))}
            </ol>
          )}
        </div>
      ) : (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Helm values" hint="The output of helm get values <release> -o yaml." error={helm ? errorFor(helm.file) || undefined : undefined}>
            <input
              type="file"
              accept=".yml,.yaml,.txt,text/yaml"
              className="text-sm"
              onChange={async (e) => (reset(), setHelm(e.target.files?.[0] ? { file: e.target.files[0].name, text: await e.target.files[0].text() } : null))}
            />
          </Field>
          <Field label="Chart version" hint="helm list shows it (harbor-1.15.2 → 1.15.2)." error={errorFor("chart version") || undefined}>
            <Input value={chartVersion} maxLength={32} onChange={(e) => (setChartVersion(e.target.value), setPreview(null))} placeholder="1.15.2" />
          </Field>
        </div>
      )}

      {general.length > 0 && (
        <Notice tone="danger">
          {general.map((e) => (
            <p key={e.message}>{e.message}</p>
          ))}
        </Notice>
      )}
      {formError && <Notice tone="danger">{formError}</Notice>}
      <Button type="button" variant="secondary" disabled={busy || !ready} onClick={() => void runPreview()}>
        {busy && !preview ? "Reading…" : "Preview"}
      </Button>

      {preview && (
        <>
          <AdoptPreviewView preview={preview} />
          <div className="flex flex-wrap items-end gap-3">
            <Field label="What this revision is (optional)" className="min-w-64 flex-1">
              <Input value={message} maxLength={500} onChange={(e) => setMessage(e.target.value)} placeholder={`Adopted from ${preview.source}`} />
            </Field>
            <Button type="button" disabled={busy || blocking} onClick={() => void save()}>
              {preview.baseRevision === 0 ? "Save as first revision" : `Save as revision ${preview.baseRevision + 1}`}
            </Button>
          </div>
        </>
      )}
    </Card>
  );
}
