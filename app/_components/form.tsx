"use client";

import clsx from "clsx";
import { useId, type ComponentProps, type ReactNode } from "react";
import type { FieldError } from "react-hook-form";

/** Label above, help under, the error beside the field and announced to screen readers. */
export function Field({ label, help, error, required, children }: {
  label: string;
  help?: ReactNode;
  error?: FieldError | { message?: string };
  required?: boolean;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}) {
  const id = useId();
  const helpId = help ? `${id}-help` : undefined;
  const errorId = error?.message ? `${id}-error` : undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
        {required ? <span className="ml-0.5 text-red-700" aria-hidden="true">*</span> : null}
        {required ? <span className="sr-only"> (required)</span> : null}
      </label>
      {children({ id, describedBy: [helpId, errorId].filter(Boolean).join(" ") || undefined, invalid: Boolean(error?.message) })}
      {help ? <p id={helpId} className="text-xs text-slate-600">{help}</p> : null}
      {error?.message ? <p id={errorId} className="text-sm font-medium text-red-700">{error.message}</p> : null}
    </div>
  );
}

export const inputClass = (invalid?: boolean) =>
  clsx(
    "block w-full rounded-md border bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-400",
    invalid ? "border-red-600" : "border-slate-300",
  );

export function Input({ invalid, className, ...props }: ComponentProps<"input"> & { invalid?: boolean }) {
  return <input aria-invalid={invalid || undefined} className={clsx(inputClass(invalid), className)} {...props} />;
}

export function Select({ invalid, className, ...props }: ComponentProps<"select"> & { invalid?: boolean }) {
  return <select aria-invalid={invalid || undefined} className={clsx(inputClass(invalid), className)} {...props} />;
}

export function Textarea({ invalid, className, ...props }: ComponentProps<"textarea"> & { invalid?: boolean }) {
  return <textarea aria-invalid={invalid || undefined} className={clsx(inputClass(invalid), className)} {...props} />;
}

export function FormError({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm font-medium text-red-900">
      {message}
    </div>
  );
}

/** For number inputs: an empty field is "no value" (null), not 0, so the schema can say it is missing. */
export const emptyAsNull = { setValueAs: (v: unknown) => (v === "" || v === null || v === undefined ? null : Number(v)) };
