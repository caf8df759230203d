// The 404 and 403 pages: they say what happened and offer a way on, in the product's look.
import Link from "next/link";
import { ThemeSync } from "./theme-toggle";
import { WindsockMark } from "./windsock-mark";

export function StatusPage({
  code,
  title,
  body,
  standalone = false,
}: {
  code: "404" | "403";
  title: string;
  body: React.ReactNode;
  /** Outside the app shell (no top bar): show the logo. */
  standalone?: boolean;
}) {
  return (
    <main className={`flex flex-1 items-center justify-center px-6 py-20 ${standalone ? "min-h-screen bg-slate-50 dark:bg-slate-950" : ""}`}>
      <ThemeSync />
      <div className="w-full max-w-md text-center">
        {standalone ? (
          <Link href="/" className="mb-10 inline-flex items-center gap-2 text-lg font-semibold tracking-tight text-slate-900 dark:text-white">
            <WindsockMark /> Windsock
          </Link>
        ) : null}
        <p className="font-mono text-sm font-semibold text-brand-600 dark:text-brand-400">{code}</p>
        <h1 className="mt-2 text-3xl font-semibold tracking-tight text-slate-900 dark:text-white">{title}</h1>
        <div className="mt-3 text-sm leading-6 text-slate-600 dark:text-slate-400">{body}</div>
        <div className="mt-8 flex justify-center gap-3">
          <Link
            href="/app"
            className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 dark:bg-brand-500 dark:hover:bg-brand-400"
          >
            Go to your workspace
          </Link>
          <Link
            href="/"
            className="rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800"
          >
            Home
          </Link>
        </div>
      </div>
    </main>
  );
}
