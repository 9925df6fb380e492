export type BadgeTone = "neutral" | "accent" | "success" | "warning" | "danger";

/** A small label; its look is the `badge` classes in globals.css (a caller's utilities override them). */
export function Badge({ tone = "neutral", className, ...props }: React.HTMLAttributes<HTMLSpanElement> & { tone?: BadgeTone }) {
  return <span className={className ? `badge badge-${tone} ${className}` : `badge badge-${tone}`} {...props} />;
}
