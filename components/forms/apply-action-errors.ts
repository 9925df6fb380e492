import type { FieldValues, Path, UseFormReturn } from "react-hook-form";

type FailedResult = { validationErrors: Record<string, string[] | undefined>; message?: string } | { serverError: string };

/** Puts a server action's field errors on their fields; returns the message for the form-level notice. */
export function applyActionErrors<T extends FieldValues>(form: UseFormReturn<T, unknown, unknown>, res: FailedResult): string | undefined {
  if ("serverError" in res) return res.serverError;
  let first = true;
  for (const [field, messages] of Object.entries(res.validationErrors)) {
    if (!messages?.length) continue;
    form.setError(field as Path<T>, { type: "server", message: messages[0] }, { shouldFocus: first });
    first = false;
  }
  return res.message;
}
