import * as Label from "@radix-ui/react-label";
import { cloneElement, isValidElement, useId } from "react";

interface FieldProps {
  label: string;
  hint?: React.ReactNode;
  error?: string;
  children: React.ReactElement<Record<string, unknown>>;
  className?: string;
  /** the control's id, when something links to it (e.g. an error summary); generated otherwise */
  id?: string;
}

/** Label, control, hint and error, wired together with ids so screen readers announce the error with the control. */
export function Field({ label, hint, error, children, className, id: fixedId }: FieldProps) {
  const generated = useId();
  const id = fixedId ?? generated;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const control = isValidElement(children)
    ? cloneElement(children, {
        id,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": [hintId, errorId].filter(Boolean).join(" ") || undefined,
      })
    : children;
  return (
    <div className={className}>
      <Label.Root htmlFor={id} className="mb-1 block text-sm font-medium">
        {label}
      </Label.Root>
      {control}
      {hint && (
        <p id={hintId} className="mt-1 text-xs text-muted">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} role="alert" className="mt-1 text-xs font-medium text-danger">
          {error}
        </p>
      )}
    </div>
  );
}
