import Link from "next/link";

const features = [
  { title: "DAGs as code", body: "YAML or TypeScript, validated with file, line and column. Change a schedule without renaming the DAG." },
  { title: "Airflow semantics", body: "Data intervals, catchup and backfill, trigger rules, retries with backoff, sensors, XCom, pools." },
  { title: "Durable by design", body: "Every DagRun is a Temporal workflow: a crashed worker loses nothing, and steps take milliseconds." },
  { title: "Built for teams", body: "Organizations, workspaces, dev/stg/prd environments, group-based access, encrypted connections, audit." },
];

export default function LandingPage() {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="mx-auto flex w-full max-w-6xl items-center justify-between px-6 py-5">
        <Link href="/" className="flex items-center gap-2 text-lg font-semibold tracking-tight">
          <WindsockMark />
          Windsock
        </Link>
        <nav className="flex items-center gap-2 text-sm">
          <Link href="/login" className="rounded-md px-3 py-2 font-medium text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800">
            Log in
          </Link>
          <Link href="/signup" className="rounded-md bg-brand-600 px-3 py-2 font-medium text-white shadow-sm hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600">
            Sign up
          </Link>
        </nav>
      </header>
      <main className="mx-auto w-full max-w-6xl flex-1 px-6">
        <section className="py-20 sm:py-28">
          <p className="text-sm font-semibold uppercase tracking-wider text-brand-600 dark:text-brand-400">Workflow orchestration for data teams</p>
          <h1 className="mt-3 max-w-3xl text-4xl font-bold tracking-tight sm:text-6xl">
            The Airflow you know, without the parts that hurt.
          </h1>
          <p className="mt-6 max-w-2xl text-lg text-slate-600 dark:text-slate-400">
            Windsock runs your pipelines with Airflow&rsquo;s semantics on Temporal&rsquo;s durable execution: fast scheduling, no fragile scheduler,
            credentials kept encrypted, and real multi-tenancy from day one.
          </p>
          <div className="mt-10 flex flex-wrap gap-3">
            <Link href="/signup" className="rounded-lg bg-brand-600 px-5 py-3 text-sm font-semibold text-white shadow-sm hover:bg-brand-700">
              Create your workspace
            </Link>
            <Link href="/login" className="rounded-lg border border-slate-300 px-5 py-3 text-sm font-semibold hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-900">
              Log in
            </Link>
          </div>
        </section>
        <section aria-labelledby="features" className="grid gap-6 pb-24 sm:grid-cols-2 lg:grid-cols-4">
          <h2 id="features" className="sr-only">Features</h2>
          {features.map((f) => (
            <div key={f.title} className="rounded-xl border border-slate-200 p-5 dark:border-slate-800">
              <h3 className="font-semibold">{f.title}</h3>
              <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{f.body}</p>
            </div>
          ))}
        </section>
      </main>
      <footer className="border-t border-slate-200 py-6 text-center text-xs text-slate-500 dark:border-slate-800">Windsock</footer>
    </div>
  );
}

function WindsockMark() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6 text-brand-600 dark:text-brand-400" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
      <path d="M4 3v18" />
      <path d="M4 5l15 2.5v5L4 15" fill="currentColor" fillOpacity="0.15" />
      <path d="M9 6v8M14 7v6" />
    </svg>
  );
}
