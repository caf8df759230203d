// The frame of the public auth pages: a brand panel on wide screens, the form on the right.
import Link from "next/link";
import type { Metadata } from "next";
import { WindsockMark } from "./_components/windsock-mark";

// Reset links carry their token in the URL: never leak it through the Referer header.
export const metadata: Metadata = { referrer: "no-referrer", robots: { index: false } };

const points = [
  "Airflow semantics: data intervals, catchup, trigger rules, retries",
  "Every run durable on Temporal: a crashed worker loses nothing",
  "dev, stg and prd per workspace, with group-based access",
];

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen bg-white dark:bg-slate-950">
      <aside className="relative hidden w-[42%] max-w-xl flex-col justify-between overflow-hidden bg-slate-950 p-12 text-white lg:flex dark:border-r dark:border-slate-800">
        <div aria-hidden="true" className="pointer-events-none absolute inset-0 bg-[radial-gradient(ellipse_at_top_left,var(--color-brand-700)_0%,transparent_60%)] opacity-60" />
        <div aria-hidden="true" className="pointer-events-none absolute -bottom-32 -right-32 h-96 w-96 rounded-full bg-brand-500/20 blur-3xl" />
        <Link href="/" className="relative flex items-center gap-2 text-lg font-semibold tracking-tight">
          <WindsockMark className="h-6 w-6 text-brand-300" />
          Windsock
        </Link>
        <div className="relative">
          <p className="text-3xl font-semibold leading-tight tracking-tight">The Airflow you know, without the parts that hurt.</p>
          <ul className="mt-8 space-y-3 text-sm text-slate-300">
            {points.map((p) => (
              <li key={p} className="flex gap-3">
                <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="mt-0.5 h-4 w-4 flex-none text-brand-300">
                  <path fillRule="evenodd" d="M16.704 4.153a.75.75 0 0 1 .143 1.052l-8 10.5a.75.75 0 0 1-1.127.075l-4.5-4.5a.75.75 0 0 1 1.06-1.06l3.894 3.893 7.48-9.817a.75.75 0 0 1 1.05-.143Z" clipRule="evenodd" />
                </svg>
                {p}
              </li>
            ))}
          </ul>
        </div>
        <p className="relative text-xs text-slate-500">Windsock · workflow orchestration for data teams</p>
      </aside>
      <div className="flex flex-1 flex-col">
        <header className="flex items-center px-6 py-5 lg:hidden">
          <Link href="/" className="flex items-center gap-2 text-lg font-semibold tracking-tight">
            <WindsockMark />
            Windsock
          </Link>
        </header>
        <main className="flex flex-1 items-center justify-center px-6 py-10 sm:py-16">
          <div className="w-full max-w-sm">{children}</div>
        </main>
      </div>
    </div>
  );
}
