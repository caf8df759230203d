// A labelled native select (keyboard and screen readers for free), styled like TextField.
import type { ReactNode, SelectHTMLAttributes } from "react";

export function SelectField({
  name,
  label,
  error,
  hint,
  children,
  className,
  ...rest
}: Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "name"> & { name: string; label: string; error?: string; hint?: ReactNode }) {
  const id = `field-${name}`;
  const describedBy = [error ? `${id}-error` : null, hint && !error ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
        {label}
      </label>
      <select
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={`mt-1.5 block w-full rounded-lg border bg-white px-3 py-2.5 text-sm text-slate-900 shadow-sm focus:outline-none focus:ring-2 dark:bg-slate-900 dark:text-slate-100 ${
          error ? "border-red-500 focus:ring-red-500/30" : "border-slate-300 focus:border-brand-500 focus:ring-brand-500/30 dark:border-slate-700"
        }`}
        {...rest}
      >
        {children}
      </select>
      {error ? (
        <p id={`${id}-error`} className="mt-1.5 text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="mt-1.5 text-xs text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
