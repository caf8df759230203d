// The line a list page shows after a delete redirected back to it (`?deleted=<name>`).
export function DeletedNotice({ name }: { name: string | undefined }) {
  if (!name) return null;
  return (
    <p role="status" className="mt-6 rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-700 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-300">
      Deleted <span className="font-mono">{name}</span>.
    </p>
  );
}
