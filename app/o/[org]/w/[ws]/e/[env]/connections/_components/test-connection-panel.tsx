"use client";
// "Test connection": a worker probes the saved connection (through the same outbound
// policy as tasks) and the answer is shown here: ok with the latency, or what failed and
// how to fix it. Slack webhooks are only checked for shape unless the user asks to post.
import { useState, useTransition } from "react";
import { Button } from "@/app/_components/button";
import type { ConnectionTestResult } from "@/lib/server/services/connections/probe-connection";
import { testConnectionAction, type EnvScope } from "../actions";

export function TestConnectionPanel({ scope, connectionId, connType }: { scope: EnvScope; connectionId: string; connType: string }) {
  const [result, setResult] = useState<ConnectionTestResult | { status: "error"; message: string } | null>(null);
  const [pending, start] = useTransition();
  const [post, setPost] = useState(false);
  const run = () =>
    start(async () => {
      setResult(null);
      const answer = await testConnectionAction(scope, connectionId, { postToSlack: post });
      setResult(answer.ok ? answer.data : { status: "error", message: answer.error.message });
    });
  return (
    <div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" variant="secondary" onClick={run} disabled={pending} aria-describedby="test-connection-help">
          {pending ? <Spinner /> : <PlugIcon />}
          {pending ? "Testing…" : "Test connection"}
        </Button>
        {connType === "slack" ? (
          <label className="inline-flex items-center gap-2 text-sm text-slate-600 dark:text-slate-400">
            <input type="checkbox" checked={post} onChange={(e) => setPost(e.target.checked)} className="h-4 w-4 rounded border-slate-300 text-brand-600 dark:border-slate-600" />
            Post a test message to the channel
          </label>
        ) : null}
      </div>
      <p id="test-connection-help" className="mt-2 text-xs text-slate-500 dark:text-slate-400">
        Runs on a Windsock worker with a 10-second limit, from where your tasks run. The saved values are tested; save your changes first.
      </p>
      <div role="status" aria-live="polite" className="mt-3">
        {result ? <ResultCard result={result} /> : null}
      </div>
    </div>
  );
}

function ResultCard({ result }: { result: ConnectionTestResult | { status: "error"; message: string } }) {
  const tone =
    result.status === "ok"
      ? "border-emerald-200 bg-emerald-50 text-emerald-900 dark:border-emerald-900/60 dark:bg-emerald-950/40 dark:text-emerald-100"
      : result.status === "unsupported"
        ? "border-slate-200 bg-slate-50 text-slate-800 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200"
        : "border-red-200 bg-red-50 text-red-900 dark:border-red-900/60 dark:bg-red-950/40 dark:text-red-100";
  const title = result.status === "ok" ? "Connection works" : result.status === "unsupported" ? "Not tested" : "Connection failed";
  const latency = "latency_ms" in result && result.latency_ms !== null && result.status === "ok" ? `${result.latency_ms} ms` : null;
  return (
    <div className={`rounded-lg border px-4 py-3 text-sm ${tone}`} data-test-status={result.status}>
      <div className="flex items-center gap-2 font-semibold">
        {result.status === "ok" ? <CheckIcon /> : <CrossIcon />}
        <span>{title}</span>
        {latency ? <span className="ml-auto rounded-full bg-white/70 px-2 py-0.5 text-xs font-medium tabular-nums dark:bg-black/20">{latency}</span> : null}
      </div>
      <p className="mt-1.5 break-words">{capitalize(result.message)}</p>
      {"hint" in result && result.hint ? (
        <p className="mt-1.5 break-words">
          <span className="font-medium">How to fix: </span>
          {result.hint}
        </p>
      ) : null}
    </div>
  );
}

const capitalize = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);

function PlugIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" className="h-4 w-4">
      <path d="M7 2v4M13 2v4M5 6h10v3a5 5 0 0 1-10 0V6ZM10 14v4" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
function Spinner() {
  return (
    <svg aria-hidden="true" className="h-4 w-4 animate-spin" viewBox="0 0 24 24" fill="none">
      <circle cx="12" cy="12" r="9" stroke="currentColor" strokeOpacity="0.3" strokeWidth="3" />
      <path d="M21 12a9 9 0 0 0-9-9" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
}
function CheckIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4 text-emerald-600 dark:text-emerald-400">
      <path fillRule="evenodd" d="M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm3.857-9.809a.75.75 0 0 0-1.214-.882l-3.483 4.79-1.88-1.88a.75.75 0 1 0-1.06 1.061l2.5 2.5a.75.75 0 0 0 1.137-.089l4-5.5Z" clipRule="evenodd" />
    </svg>
  );
}
function CrossIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4 text-red-600 dark:text-red-400">
      <path fillRule="evenodd" d="M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16ZM8.28 7.22a.75.75 0 0 0-1.06 1.06L8.94 10l-1.72 1.72a.75.75 0 1 0 1.06 1.06L10 11.06l1.72 1.72a.75.75 0 1 0 1.06-1.06L11.06 10l1.72-1.72a.75.75 0 0 0-1.06-1.06L10 8.94 8.28 7.22Z" clipRule="evenodd" />
    </svg>
  );
}
