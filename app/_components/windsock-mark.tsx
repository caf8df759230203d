export function WindsockMark({ className = "h-6 w-6 text-brand-600 dark:text-brand-400" }: { className?: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className={className} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
      <path d="M4 3v18" />
      <path d="M4 5l15 2.5v5L4 15" fill="currentColor" fillOpacity="0.15" />
      <path d="M9 6v8M14 7v6" />
    </svg>
  );
}
