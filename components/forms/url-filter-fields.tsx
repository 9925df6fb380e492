"use client";
/** Filter fields held in the URL (useUrlFilters): a choice of one value, and the label filter. */
import { useSearchParams } from "next/navigation";
import type { ReactNode } from "react";
import { Input, Select } from "@/components/ui/input";
import { useUrlFilters } from "./use-url-filters";

type Options = readonly (readonly [value: string, label: ReactNode])[];

/** A select over the URL's `param`: its first option (empty) is "any", each change applies at once. */
export function UrlSelect({
  param,
  label,
  anyLabel,
  options,
  className,
}: {
  param: string;
  label: string;
  anyLabel: string;
  options: Options;
  className?: string;
}) {
  const sp = useSearchParams();
  const apply = useUrlFilters();
  return (
    <Select aria-label={label} className={className} value={sp.get(param) ?? ""} onChange={(e) => apply({ [param]: e.target.value })}>
      <option value="">{anyLabel}</option>
      {options.map(([value, text]) => (
        <option key={value} value={value}>
          {text}
        </option>
      ))}
    </Select>
  );
}

/** `values` as options labelled by themselves. */
export const selfLabelled = (values: readonly string[]): Options => values.map((v) => [v, v] as const);

/**
 * The URL's `label` filter (key=value, or a key for any value): applied on Enter, or on leaving the field when it
 * changed. The text is the caller's state, so that "Clear filters" can empty it.
 */
export function LabelFilter({ value, onChange, className, srLabel }: { value: string; onChange: (v: string) => void; className?: string; srLabel?: boolean }) {
  const sp = useSearchParams();
  const apply = useUrlFilters();
  const input = (
    <Input
      aria-label="Label filter"
      className={className}
      placeholder="label, e.g. region=eu"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onBlur={() => value.trim() !== (sp.get("label") ?? "") && apply({ label: value.trim() })}
    />
  );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        apply({ label: value.trim() });
      }}
    >
      {srLabel ? (
        <label>
          <span className="sr-only">Label</span>
          {input}
        </label>
      ) : (
        input
      )}
    </form>
  );
}
