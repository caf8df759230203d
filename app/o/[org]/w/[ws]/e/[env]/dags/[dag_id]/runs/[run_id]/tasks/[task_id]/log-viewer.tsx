"use client";
// One try's log, read from the REST log endpoint (followed while the try runs, so new lines
// are appended here without re-rendering the page). Lines are virtualized — only the ones
// in view are in the DOM — so a log at the 10 MB cap scrolls and searches without freezing;
// search runs over the text after a short pause in typing and highlights what is visible.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";

/** Just under the server's 15-minute cap on one follow stream (lib/server/services/runs/get-task-log.ts). */
const FOLLOW_RECONNECT_AFTER_MS = 14.5 * 60_000;
const LINE_PX = 20;
const OVERSCAN = 40;
const SEARCH_DEBOUNCE_MS = 150;
/** Beyond this many matches the count reads "10000+" (stepping still works through these). */
const MAX_MATCHES = 10_000;

type Match = { line: number; start: number };
type Status = "loading" | "live" | "done" | "error";

export function LogViewer({ url, live, label, onEnded }: { url: string; live: boolean; label: string; onEnded?: () => void }) {
  const lines = useRef<string[]>([""]);
  const bytes = useRef(0);
  const [version, setVersion] = useState(0);
  const [status, setStatus] = useState<Status>("loading");
  const [error, setError] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 480 });
  // Follow the end while live, unless the reader scrolled up.
  const stick = useRef(live);
  const [stuck, setStuck] = useState(live);
  const liveAtStart = useRef(live);
  const onEndedRef = useRef(onEnded);
  onEndedRef.current = onEnded;

  // ---- loading / following
  useEffect(() => {
    const controller = new AbortController();
    let frame = 0;
    const bump = () => {
      if (!frame) frame = requestAnimationFrame(() => ((frame = 0), setVersion((v) => v + 1)));
    };
    const append = (text: string) => {
      if (!text) return;
      bytes.current += text.length;
      const parts = text.split("\n");
      const all = lines.current;
      all[all.length - 1] += parts[0];
      for (let i = 1; i < parts.length; i++) all.push(parts[i]);
      bump();
    };
    lines.current = [""];
    bytes.current = 0;
    const following = liveAtStart.current;
    (async () => {
      // The server lets a follower go after 15 minutes (FOLLOW_RECONNECT_AFTER_MS below it):
      // a stream open that long is picked up again, skipping the text already shown (a try's
      // log only grows). A stream that ends sooner ended with its try.
      for (let reconnect = true; reconnect; ) {
        const opened = Date.now();
        const response = await fetch(following ? `${url}?follow=true` : url, { signal: controller.signal, cache: "no-store" });
        if (!response.ok || !response.body) {
          const body = await response.text().catch(() => "");
          throw new Error(readError(body) ?? `The log could not be read (HTTP ${response.status}).`);
        }
        setStatus(following ? "live" : "loading");
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        let skip = bytes.current;
        const take = (text: string) => {
          const dropped = Math.min(skip, text.length);
          skip -= dropped;
          append(text.slice(dropped));
        };
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          take(decoder.decode(value, { stream: true }));
        }
        take(decoder.decode());
        reconnect = following && Date.now() - opened >= FOLLOW_RECONNECT_AFTER_MS;
      }
      bump();
      setStatus("done");
      if (following) onEndedRef.current?.();
    })().catch((e: unknown) => {
      if (controller.signal.aborted) return;
      setError(e instanceof Error ? e.message : String(e));
      setStatus("error");
    });
    return () => {
      controller.abort();
      cancelAnimationFrame(frame);
    };
  }, [url]);

  const lineCount = (() => {
    void version;
    const all = lines.current;
    return all.length > 1 && all[all.length - 1] === "" ? all.length - 1 : all[0] === "" && all.length === 1 ? 0 : all.length;
  })();

  // ---- scrolling
  const onScroll = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    const atEnd = el.scrollTop + el.clientHeight >= el.scrollHeight - LINE_PX * 2;
    stick.current = atEnd;
    setStuck(atEnd);
    setView({ top: el.scrollTop, height: el.clientHeight });
  }, []);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (stick.current) el.scrollTop = el.scrollHeight;
    setView((v) => (v.top === el.scrollTop && v.height === el.clientHeight ? v : { top: el.scrollTop, height: el.clientHeight }));
  }, [version]);
  const jumpToEnd = () => {
    const el = scroller.current;
    if (!el) return;
    stick.current = true;
    setStuck(true);
    el.scrollTop = el.scrollHeight;
  };

  // ---- search
  const [query, setQuery] = useState("");
  const [needle, setNeedle] = useState("");
  const [current, setCurrent] = useState(0);
  useEffect(() => {
    const id = setTimeout(() => setNeedle(query.toLowerCase()), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(id);
  }, [query]);
  const { matches, capped } = useMemo(() => {
    void version;
    const found: Match[] = [];
    if (!needle) return { matches: found, capped: false };
    const all = lines.current;
    for (let line = 0; line < all.length; line++) {
      const text = all[line];
      if (text.length < needle.length) continue;
      const lower = text.toLowerCase();
      for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, at + needle.length)) {
        found.push({ line, start: at });
        if (found.length >= MAX_MATCHES) return { matches: found, capped: true };
      }
    }
    return { matches: found, capped: false };
  }, [needle, version]);
  const active = matches.length ? Math.min(current, matches.length - 1) : -1;
  useEffect(() => setCurrent(0), [needle]);

  const reveal = useCallback((m: Match | undefined) => {
    const el = scroller.current;
    if (!el || !m) return;
    stick.current = false;
    setStuck(false);
    el.scrollTop = Math.max(0, m.line * LINE_PX - el.clientHeight / 2 + LINE_PX / 2);
    const charPx = 7.6;
    const x = m.start * charPx;
    if (x < el.scrollLeft || x > el.scrollLeft + el.clientWidth - 80) el.scrollLeft = Math.max(0, x - el.clientWidth / 3);
  }, []);
  useEffect(() => {
    if (active >= 0) reveal(matches[active]);
    // Only when the chosen match changes (not when live lines arrive): `matches` is left out.
  }, [active, needle, reveal]);
  const step = (by: number) => {
    if (!matches.length) return;
    setCurrent((c) => (Math.min(c, matches.length - 1) + by + matches.length) % matches.length);
  };

  // ---- the visible window
  const first = Math.max(0, Math.floor(view.top / LINE_PX) - OVERSCAN);
  const last = Math.min(lineCount, Math.ceil((view.top + view.height) / LINE_PX) + OVERSCAN);
  const visible: React.ReactNode[] = [];
  let mi = lowerBound(matches, first);
  for (let line = first; line < last; line++) {
    const text = lines.current[line];
    const marks: { start: number; index: number }[] = [];
    while (mi < matches.length && matches[mi].line === line) marks.push({ start: matches[mi].start, index: mi++ });
    visible.push(
      <div key={line} className="flex" style={{ height: LINE_PX }}>
        <span aria-hidden="true" className="sticky left-0 z-10 w-14 flex-none select-none bg-slate-950 pr-3 text-right text-slate-600">
          {line + 1}
        </span>
        <span className="whitespace-pre pr-4">{marks.length ? highlight(text, marks, needle.length, active) : text || " "}</span>
      </div>,
    );
  }

  const countText = !needle ? "" : matches.length ? `${active + 1} of ${matches.length}${capped ? "+" : ""}` : "no matches";
  return (
    <div className="overflow-hidden rounded-xl border border-slate-800 bg-slate-950 shadow-sm">
      <div className="flex flex-wrap items-center gap-2 border-b border-white/10 bg-slate-900 px-3 py-2">
        <div className="relative min-w-48 flex-1 sm:max-w-xs">
          <svg aria-hidden="true" viewBox="0 0 20 20" className="pointer-events-none absolute top-1/2 left-2.5 h-3.5 w-3.5 -translate-y-1/2 fill-slate-500">
            <path d="M8.5 3a5.5 5.5 0 0 1 4.38 8.83l3.65 3.64a.75.75 0 1 1-1.06 1.06l-3.64-3.65A5.5 5.5 0 1 1 8.5 3Zm0 1.5a4 4 0 1 0 0 8 4 4 0 0 0 0-8Z" />
          </svg>
          <input
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                step(e.shiftKey ? -1 : 1);
              } else if (e.key === "Escape" && query) {
                e.preventDefault();
                setQuery("");
              }
            }}
            aria-label={`Search the log of ${label}`}
            placeholder="Search log"
            className="w-full rounded-md border border-white/10 bg-slate-950 py-1 pr-2 pl-8 text-xs text-slate-100 placeholder:text-slate-500 focus:border-brand-400 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500/40"
          />
        </div>
        <span role="status" aria-live="polite" data-testid="log-search-count" className="min-w-16 text-xs tabular-nums text-slate-400">
          {countText}
        </span>
        <div className="flex items-center">
          <button type="button" onClick={() => step(-1)} disabled={!matches.length} aria-label="Previous match (Shift+Enter)" className={iconButton}>
            <svg aria-hidden="true" viewBox="0 0 20 20" className="h-3.5 w-3.5 fill-current">
              <path d="M10 6.5 4.5 12l1.06 1.06L10 8.62l4.44 4.44L15.5 12 10 6.5Z" />
            </svg>
          </button>
          <button type="button" onClick={() => step(1)} disabled={!matches.length} aria-label="Next match (Enter)" className={iconButton}>
            <svg aria-hidden="true" viewBox="0 0 20 20" className="h-3.5 w-3.5 fill-current">
              <path d="M10 13.5 15.5 8l-1.06-1.06L10 11.38 5.56 6.94 4.5 8l5.5 5.5Z" />
            </svg>
          </button>
        </div>
        <span className="ml-auto flex items-center gap-3 text-xs text-slate-400">
          {status === "live" ? (
            <span className="inline-flex items-center gap-1.5 text-sky-300" data-testid="log-live">
              <span className="h-1.5 w-1.5 animate-pulse rounded-full bg-sky-400" aria-hidden="true" /> Following live
            </span>
          ) : null}
          <span className="tabular-nums">
            {lineCount.toLocaleString("en-US")} line{lineCount === 1 ? "" : "s"} · {formatSize(bytes.current)}
          </span>
        </span>
      </div>
      <div className="relative">
        <div
          ref={scroller}
          onScroll={onScroll}
          role="log"
          aria-live="off"
          aria-label={`Log of ${label}`}
          tabIndex={0}
          data-testid="task-log"
          className="h-[30rem] overflow-auto font-mono text-[12.5px] text-slate-200 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-500"
          style={{ lineHeight: `${LINE_PX}px` }}
        >
          {lineCount === 0 ? (
            <p className="p-4 text-sm text-slate-400">{status === "error" ? error : status === "done" ? "(this try wrote nothing)" : status === "live" ? "Waiting for output…" : "Loading the log…"}</p>
          ) : (
            <div className="relative min-w-full py-2" style={{ height: lineCount * LINE_PX + 16 }}>
              <div className="absolute left-0 min-w-full" style={{ top: 8 + first * LINE_PX }}>
                {visible}
              </div>
            </div>
          )}
        </div>
        {status === "live" && !stuck && lineCount > 0 ? (
          <button type="button" onClick={jumpToEnd} className="absolute right-5 bottom-4 rounded-full bg-brand-600 px-3 py-1.5 text-xs font-medium text-white shadow-lg hover:bg-brand-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-300">
            ↓ Follow new lines
          </button>
        ) : null}
      </div>
      {status === "error" && lineCount > 0 ? <p className="border-t border-white/10 px-4 py-2 text-xs text-red-300">{error}</p> : null}
    </div>
  );
}

const iconButton = "rounded p-1.5 text-slate-300 hover:bg-white/10 disabled:opacity-40 disabled:hover:bg-transparent focus-visible:outline-2 focus-visible:outline-brand-500";

function highlight(text: string, marks: { start: number; index: number }[], length: number, active: number): React.ReactNode[] {
  const out: React.ReactNode[] = [];
  let at = 0;
  for (const m of marks) {
    if (m.start > at) out.push(text.slice(at, m.start));
    out.push(
      <mark key={m.index} data-current={m.index === active ? "true" : undefined} className={m.index === active ? "rounded-sm bg-amber-400 text-slate-950 ring-1 ring-amber-200" : "rounded-sm bg-amber-500/35 text-amber-50"}>
        {text.slice(m.start, m.start + length)}
      </mark>,
    );
    at = m.start + length;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

/** First index whose line is >= `line` (matches are in line order). */
function lowerBound(matches: Match[], line: number): number {
  let lo = 0;
  let hi = matches.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (matches[mid].line < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function formatSize(chars: number): string {
  if (chars < 1024) return `${chars} B`;
  if (chars < 1024 * 1024) return `${(chars / 1024).toFixed(1)} KiB`;
  return `${(chars / (1024 * 1024)).toFixed(1)} MiB`;
}

function readError(body: string): string | null {
  try {
    return (JSON.parse(body) as { error?: { message?: string } }).error?.message ?? null;
  } catch {
    return null;
  }
}
