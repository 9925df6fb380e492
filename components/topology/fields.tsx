"use client";
import { useFormContext, type FieldPath } from "react-hook-form";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { cn } from "@/lib/cn";
import type { TTopology } from "@/lib/schemas/topology";
import type { SecretPath } from "@/lib/schemas/topology-secrets";
import { fieldDomId } from "./field-link";
import { useTopologyForm } from "./topology-context";

/** A form field's name: a path of the topology, so that a misspelt name fails to compile. */
type TopologyPath = FieldPath<TTopology>;

interface BaseProps {
  name: TopologyPath;
  label: string;
  hint?: React.ReactNode;
  className?: string;
}

function useFieldMessages(name: TopologyPath, hint?: React.ReactNode) {
  const { issueFor } = useTopologyForm();
  const { error, warning } = issueFor(name);
  const shownHint = warning && !error ? <span className="font-medium text-warning">⚠ {warning}</span> : hint;
  return { error, hint: shownHint };
}

export function TextField({ name, label, hint, className, placeholder }: BaseProps & { placeholder?: string }) {
  const { register } = useFormContext<TTopology>();
  const { readOnly } = useTopologyForm();
  const m = useFieldMessages(name, hint);
  return (
    <Field id={fieldDomId(name)} label={label} hint={m.hint} error={m.error} className={className}>
      <Input autoComplete="off" spellCheck={false} placeholder={placeholder} readOnly={readOnly} data-field={name} {...register(name)} />
    </Field>
  );
}

export function NumberField({ name, label, hint, className, nullable }: BaseProps & { nullable?: boolean }) {
  const { register } = useFormContext<TTopology>();
  const { readOnly } = useTopologyForm();
  const m = useFieldMessages(name, hint);
  return (
    <Field id={fieldDomId(name)} label={label} hint={m.hint} error={m.error} className={className}>
      <Input
        type="number"
        inputMode="numeric"
        readOnly={readOnly}
        data-field={name}
        {...register(name, { setValueAs: (v: unknown) => (v === "" || v === null || v === undefined ? (nullable ? null : Number.NaN) : Number(v)) })}
      />
    </Field>
  );
}

export function SelectField({ name, label, hint, className, options }: BaseProps & { options: readonly (readonly [string, string])[] }) {
  const { register } = useFormContext<TTopology>();
  const { readOnly } = useTopologyForm();
  const m = useFieldMessages(name, hint);
  return (
    <Field id={fieldDomId(name)} label={label} hint={m.hint} error={m.error} className={className}>
      <Select disabled={readOnly} data-field={name} {...register(name)}>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </Select>
    </Field>
  );
}

export function SecretField({ name, label, hint, className }: BaseProps & { name: SecretPath }) {
  const { register } = useFormContext<TTopology>();
  const { secretsSet, cleared, toggleCleared, readOnly } = useTopologyForm();
  const stored = secretsSet.includes(name);
  const removing = cleared.includes(name);
  const m = useFieldMessages(name, removing ? "The stored value is removed when you save." : stored ? "Stored encrypted — leave empty to keep it." : hint);
  return (
    <div className={className}>
      <Field id={fieldDomId(name)} label={label} hint={m.hint} error={m.error}>
        <Input
          type="password"
          autoComplete="new-password"
          placeholder={removing ? "(removed on save)" : stored ? "•••••••• (stored)" : ""}
          readOnly={readOnly}
          data-field={name}
          {...register(name)}
        />
      </Field>
      {stored && !readOnly && (
        <button type="button" className="mt-1 text-xs text-accent underline-offset-2 hover:underline" onClick={() => toggleCleared(name)}>
          {removing ? "Keep the stored value" : "Remove the stored value"}
        </button>
      )}
    </div>
  );
}

export function CheckField({ name, label, hint, className }: BaseProps) {
  const { register } = useFormContext<TTopology>();
  const { readOnly } = useTopologyForm();
  const m = useFieldMessages(name, hint);
  const id = fieldDomId(name);
  const describedBy = [m.hint && `${id}-hint`, m.error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cn("text-sm", className)}>
      <label className="flex items-center gap-2">
        <input
          id={id}
          type="checkbox"
          className="size-4"
          disabled={readOnly}
          data-field={name}
          aria-invalid={m.error ? true : undefined}
          aria-describedby={describedBy}
          {...register(name)}
        />
        {label}
      </label>
      {m.hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-muted">
          {m.hint}
        </p>
      )}
      {m.error && (
        <p id={`${id}-error`} role="alert" className="mt-1 text-xs font-medium text-danger">
          {m.error}
        </p>
      )}
    </div>
  );
}

/** A multi-choice list stored as an array (job loggers, proxy components). */
export function MultiCheckField({ name, label, options, hint, className }: BaseProps & { options: readonly (readonly [string, string])[] }) {
  const { register } = useFormContext<TTopology>();
  const { readOnly } = useTopologyForm();
  const m = useFieldMessages(name, hint);
  return (
    <fieldset id={fieldDomId(name)} className={cn("text-sm", className)} data-field={name}>
      <legend className="mb-1 font-medium">{label}</legend>
      <div className="flex flex-wrap gap-4">
        {options.map(([value, text]) => (
          <label key={value} className="flex items-center gap-2">
            <input type="checkbox" value={value} className="size-4" disabled={readOnly} {...register(name)} />
            {text}
          </label>
        ))}
      </div>
      {m.hint && <p className="mt-1 text-xs text-muted">{m.hint}</p>}
      {m.error && (
        <p role="alert" className="mt-1 text-xs font-medium text-danger">
          {m.error}
        </p>
      )}
    </fieldset>
  );
}
