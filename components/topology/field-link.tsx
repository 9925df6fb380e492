"use client";

/** The DOM id of a topology field's control (or fieldset), so that summaries can link to it: `#tf-access-hostname`. */
export const fieldDomId = (field: string) => `tf-${field.replace(/[^A-Za-z0-9_-]/g, "-")}`;

/** Scrolls a field into view and focuses its control (the first one of a group). */
export function focusField(field: string): void {
  const el = document.querySelector<HTMLElement>(`[data-field="${CSS.escape(field)}"]`);
  if (!el) return;
  el.scrollIntoView({ block: "center", behavior: "smooth" });
  (el.matches("input,select,textarea") ? el : el.querySelector<HTMLElement>("input,select,textarea"))?.focus({ preventScroll: true });
}

/**
 * A link to a field: a real `#id` link (copyable, announced as a link), whose click focuses the control rather than
 * only scrolling to it.
 */
export function FieldLink({ field, className, children }: { field: string; className?: string; children: React.ReactNode }) {
  return (
    <a
      href={`#${fieldDomId(field)}`}
      className={className ?? "underline underline-offset-2 hover:no-underline"}
      onClick={(e) => {
        e.preventDefault();
        focusField(field);
      }}
    >
      {children}
    </a>
  );
}
