"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { FormProvider, useForm, useWatch } from "react-hook-form";
import { toast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { useAfterLoad } from "@/components/ui/use-after-load";
import { saveTopologyAction } from "@/lib/actions/topology";
import { featuresFor } from "@/lib/config/features";
import { haChecklist } from "@/lib/config/ha-checklist";
import { SECRET_MASK } from "@/lib/config/types";
import type { checkTopology } from "@/lib/config/validate";
import { markStoredSecrets } from "@/lib/schemas/topology-path";
import type { SecretPath } from "@/lib/schemas/topology-secrets";
import type { ConfigIssue } from "@/lib/schemas/config-issue";
import type { TTopology } from "@/lib/schemas/topology";
import type { TopologyConflict } from "@/lib/schemas/topology-actions";
import { ConflictPanel } from "./conflict-panel";
import { focusField } from "./field-link";
import { HaChecklist } from "./ha-checklist";
import { IssueLinks } from "./issue-links";
import { AccessSection } from "./section-access";
import { ComponentsSection } from "./section-components";
import { DatabaseSection } from "./section-database";
import { DeploymentSection } from "./section-deployment";
import { RedisSection } from "./section-redis";
import { StorageSection } from "./section-storage";
import { indexIssues, TopologyFormProvider } from "./topology-context";
import { TopologyYamlButtons } from "./topology-yaml-buttons";

// The checker (the zod topology schema and every rule set: zod alone is ~31 KiB compressed) is not part of the page's
// first load: the server sends the issues of the initial values (initialIssues), and the form imports the checker
// once the page has loaded (or at the first change) to check every change the user makes.
const loadChecker = () => import("@/lib/config/validate").then((m) => m.checkTopology);

export interface TopologyFormProps {
  instanceId: string;
  instanceName: string;
  initial: TTopology;
  /** the revision the form edits; 0 for an instance without one */
  baseRevision: number;
  secretsSet: SecretPath[];
  canEdit: boolean;
  /** the issues checkTopology finds in `initial` with the stored secrets marked set, as the server computed them */
  initialIssues: ConfigIssue[];
}

function isTouched(state: unknown, field: string): boolean {
  let cur: unknown = state;
  for (const k of field.split(".")) {
    if (cur === null || typeof cur !== "object") return cur === true;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur === true || (cur !== null && typeof cur === "object" && Object.keys(cur as object).length > 0);
}

const PANEL_ID = "topology-panel";

export function TopologyForm({ instanceId, instanceName, initial, baseRevision, secretsSet, canEdit, initialIssues }: TopologyFormProps) {
  const router = useRouter();
  const form = useForm<TTopology>({ defaultValues: initial, mode: "onTouched" });
  const values = useWatch({ control: form.control }) as TTopology;
  const { touchedFields, dirtyFields, isSubmitting } = form.formState;
  const [attempted, setAttempted] = useState(false);
  const [serverIssues, setServerIssues] = useState<ConfigIssue[] | null>(null);
  const [conflict, setConflict] = useState<TopologyConflict | null>(null);
  const [formError, setFormError] = useState<string>();
  const [message, setMessage] = useState("");
  const [cleared, setCleared] = useState<SecretPath[]>([]);
  const stored = useMemo(() => secretsSet.filter((p) => !cleared.includes(p)), [secretsSet, cleared]);
  const toggleCleared = (path: SecretPath) => setCleared((c) => (c.includes(path) ? c.filter((p) => p !== path) : [...c, path]));
  const [base, setBase] = useState(baseRevision);

  // The same check the server runs, on every change: stored secrets count as set. Until the checker has loaded (once
  // the page has loaded and the browser is idle, or at the first change) the server's check of the initial values stands.
  const [checker, setChecker] = useState<typeof checkTopology | null>(null);
  const [changed, setChanged] = useState(false);
  const afterLoad = useAfterLoad();
  useEffect(() => {
    if (!afterLoad && !changed) return;
    let live = true;
    void loadChecker().then((check) => live && setChecker(() => check));
    return () => void (live = false);
  }, [afterLoad, changed]);
  const initialCheck = useMemo((): Partial<ReturnType<typeof checkTopology>> & { issues: ConfigIssue[] } => ({ issues: initialIssues }), [initialIssues]);
  const checked = useMemo(() => (checker ? checker(markStoredSecrets(values, stored, SECRET_MASK)) : initialCheck), [checker, values, stored, initialCheck]);
  // The checklist follows the values (a field that does not parse yet counts as its default), so it does not
  // freeze or flicker while a field is half typed.
  const [checklist, setChecklist] = useState(() => haChecklist(initial));
  const [checklistOf, setChecklistOf] = useState(checked);
  if (checklistOf !== checked) {
    setChecklistOf(checked);
    const current = checked.topology ?? checked.repaired;
    if (current) setChecklist(haChecklist(current));
  }
  const issues = serverIssues ?? checked.issues;
  const errors = issues.filter((i) => i.severity === "error");
  const warnings = issues.filter((i) => i.severity === "warning");
  const features = featuresFor(values.harborVersion ?? initial.harborVersion);

  // A saved revision was complete, so every problem a change causes shows at once; a new topology shows a
  // field's problems once the user has been there (all of them after a save attempt).
  const showAll = attempted || baseRevision > 0;
  const index = useMemo(() => indexIssues(issues), [issues]);
  const issueFor = (field: string) => (showAll || isTouched(touchedFields, field) || isTouched(dirtyFields, field) ? (index.get(field) ?? {}) : {});

  async function save(onRevision: number) {
    setAttempted(true);
    setFormError(undefined);
    setServerIssues(null);
    // a save before the checker arrived checks the values as they are now, not as the server first saw them
    const blocking = checker
      ? errors
      : (await loadChecker())(markStoredSecrets(form.getValues(), stored, SECRET_MASK)).issues.filter((i) => i.severity === "error");
    if (blocking.length) {
      focusField(blocking[0].field);
      return;
    }
    const res = await saveTopologyAction({ instanceId, baseRevision: onRevision, message, topology: form.getValues(), clearSecrets: cleared });
    if ("serverError" in res) {
      // a stale base: the panel names the revision saved meanwhile and what it changed
      if (res.code === "conflict" && res.conflict) return setConflict(res.conflict as TopologyConflict);
      return setFormError(res.serverError);
    }
    if ("validationErrors" in res) return setFormError(res.message ?? "The server refused the form.");
    const result = res.data;
    if (result.ok) {
      setConflict(null);
      toast.success(`Saved revision ${result.revision.revision}`);
      router.refresh();
      return;
    }
    setServerIssues(result.issues);
    const first = result.issues.find((i) => i.severity === "error");
    if (first) focusField(first.field);
  }

  const onSubmit = form.handleSubmit(() => save(base));

  return (
    <FormProvider {...form}>
      <TopologyFormProvider value={{ issueFor, secretsSet, cleared, toggleCleared, readOnly: !canEdit }}>
        <form
          onSubmit={onSubmit}
          noValidate
          aria-label="Topology"
          className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]"
          onChange={() => {
            setChanged(true);
            if (serverIssues) setServerIssues(null);
          }}
        >
          <div className="min-w-0 space-y-6">
            {/* Past every field is a long way for a keyboard, or on a phone (where the panel comes after the form). */}
            <a href={`#${PANEL_ID}`} className="inline-block text-sm text-accent underline-offset-2 hover:underline lg:sr-only lg:focus:not-sr-only">
              Jump to the checklist, problems, save and YAML
            </a>
            {!canEdit && <Notice>You can read this topology; saving needs the operator role.</Notice>}
            {formError && (
              <Notice tone="danger" data-testid="topology-form-error">
                {formError}
                {/* a version change of a running instance is an upgrade: the wizard plans it hop by hop */}
                {formError.includes("this is an upgrade") && (
                  <>
                    {" "}
                    <Link href={`/upgrades/new?instance=${instanceId}`} className="font-medium underline" data-testid="plan-upgrade">
                      Plan this upgrade
                    </Link>
                  </>
                )}
              </Notice>
            )}
            {conflict && (
              <ConflictPanel
                conflict={conflict}
                saving={isSubmitting}
                onSaveOnTop={() => {
                  setBase(conflict.current.revision);
                  void save(conflict.current.revision);
                }}
                onDiscard={() => {
                  setConflict(null);
                  router.refresh();
                }}
              />
            )}
            {attempted && errors.length > 0 && (
              <Notice tone="danger" data-testid="topology-errors">
                <p className="font-medium">Nothing was saved: {errors.length === 1 ? "one field needs" : `${errors.length} fields need`} attention.</p>
                <IssueLinks issues={errors} className="mt-1 list-disc pl-5" />
              </Notice>
            )}
            <DeploymentSection />
            <AccessSection features={features} />
            <DatabaseSection features={features} />
            <RedisSection features={features} />
            <StorageSection />
            <ComponentsSection features={features} />
          </div>
          {/* Sticky beside the form on wide screens, and never taller than the window: what it shows (an import error
              included) can always be scrolled to, without reaching the end of the form first. */}
          <aside
            id={PANEL_ID}
            tabIndex={-1}
            aria-label="Checklist and actions"
            className="space-y-4 outline-none lg:sticky lg:top-4 lg:max-h-[calc(100dvh-2rem)] lg:self-start lg:overflow-y-auto"
          >
            <HaChecklist items={checklist} />
            <Card className="space-y-3">
              <div className="text-sm" data-testid="topology-problems">
                <p>
                  {errors.length === 0 ? (
                    <span className="text-success">No errors</span>
                  ) : (
                    <span className="text-danger">{errors.length === 1 ? "1 error" : `${errors.length} errors`}</span>
                  )}
                  {warnings.length > 0 && <span className="text-warning"> · {warnings.length === 1 ? "1 warning" : `${warnings.length} warnings`}</span>}
                </p>
                {errors.length > 0 && <IssueLinks issues={errors} aria-label="Errors" className="mt-1 list-disc space-y-0.5 pl-5 text-xs text-danger" />}
                {warnings.length > 0 && <IssueLinks issues={warnings} aria-label="Warnings" className="mt-1 list-disc space-y-0.5 pl-5 text-xs text-warning" />}
              </div>
              {canEdit && (
                <>
                  <Field label="What changed (optional)">
                    <Input value={message} maxLength={500} onChange={(e) => setMessage(e.target.value)} placeholder="e.g. move Redis to Sentinel" />
                  </Field>
                  <Button type="submit" className="w-full" disabled={isSubmitting}>
                    {isSubmitting ? "Saving…" : baseRevision === 0 ? "Save first revision" : `Save as revision ${baseRevision + 1}`}
                  </Button>
                </>
              )}
              <TopologyYamlButtons
                instanceName={instanceName}
                canImport={canEdit}
                getValues={() => markStoredSecrets(form.getValues(), stored, "stored")}
                onImport={(t) => form.reset(t, { keepDefaultValues: true })}
              />
            </Card>
          </aside>
        </form>
      </TopologyFormProvider>
    </FormProvider>
  );
}
