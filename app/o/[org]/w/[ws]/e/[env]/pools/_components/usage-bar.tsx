// A pool's use at a glance: the share of its slots that running tries hold. Over capacity
// (a pool shrunk below what runs) fills red; an unlimited pool has no bar.
export function UsageBar({ slots, running }: { slots: number; running: number }) {
  if (slots < 0) return <span className="text-xs text-slate-500 dark:text-slate-400">no limit</span>;
  const share = slots === 0 ? (running > 0 ? 1 : 0) : Math.min(1, running / slots);
  const over = running > slots;
  const full = !over && slots > 0 && running === slots;
  const fill = over ? "bg-red-500 dark:bg-red-400" : full ? "bg-amber-500 dark:bg-amber-400" : "bg-brand-600 dark:bg-brand-400";
  return (
    <div role="img" aria-label={`${running} of ${slots} slots in use`} title={`${running} of ${slots} slots in use`} className="h-1.5 w-full min-w-12 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700">
      <div className={`h-full rounded-full ${fill}`} style={{ width: `${Math.round(share * 100)}%` }} />
    </div>
  );
}
