import { EVENT_TYPE_LABEL } from "@/lib/harbor/event-types";
import { addressForViewer } from "@/lib/schemas/webhook";
import type { TemplateDto } from "@/lib/schemas/webhook-template";

/** "staging · label suite=ci · instances harbor-* · projects team-*" */
export function selectorText(t: Pick<TemplateDto, "environments" | "labels" | "instancePattern" | "projectPattern">): string {
  return [
    t.environments.length ? t.environments.join(" or ") : "every environment",
    ...t.labels.map((l) => `label ${l}`),
    `instances ${t.instancePattern}`,
    `projects ${t.projectPattern}`,
  ].join(" · ");
}

/** The template read-only, as everyone may see it: target addresses reduced to their origin, auth headers as "stored". */
export function TemplateSummary({ template: t }: { template: TemplateDto }) {
  return (
    <dl className="mb-6 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]" data-testid="template-summary">
      <dt className="text-muted">Policy name in Harbor</dt>
      <dd className="font-mono">fleet-tpl-{t.name}</dd>
      <dt className="text-muted">Events</dt>
      <dd>{t.eventTypes.map((e) => EVENT_TYPE_LABEL[e] ?? e).join(", ")}</dd>
      <dt className="text-muted">Targets</dt>
      <dd>
        <ul>
          {t.targets.map((x, i) => (
            <li key={i}>
              <span className="font-mono">{addressForViewer(x.address)}</span> {x.type}
              {x.type === "http" ? ` · ${x.payloadFormat}` : ""}
              {x.authHeaderSet ? " · auth header stored" : ""}
              {x.skipCertVerify ? " · TLS not verified" : ""}
            </li>
          ))}
        </ul>
      </dd>
      <dt className="text-muted">Selects</dt>
      <dd>{selectorText(t)}</dd>
      <dt className="text-muted">State</dt>
      <dd>{t.enabled ? "Policies enabled" : "Policies disabled"}</dd>
      <dt className="text-muted">New projects</dt>
      <dd>{t.autoApply ? "Get the policy from the reconcile job" : "Only when someone applies the template"}</dd>
    </dl>
  );
}
