// windsock dags next-runs FILE — the next N results of Airflow's next_dagrun_info, each
// computed from the previous one (ignoring pause, max_active_runs and existing runs).
import { EXIT, UsageError, type Command } from "../command";
import { loadOneDag } from "../load-one";
import { defaultsOption, readDefaults } from "../options";
import { formatInstant } from "../../domain/dag/spec";
import { describeTimetable } from "../../domain/timetable/describe";
import { generateRunId } from "../../domain/timetable/run-id";
import { nextRuns, type DataInterval } from "../../domain/timetable/timetables";
import { formatInZone, parseInstant } from "../../domain/timetable/zone";

export const dagsNextRuns: Command = {
  path: ["dags", "next-runs"],
  summary:
    "Preview the next scheduled runs with Airflow's data intervals. --now replaces the wall clock inside the formulas (it is not a filter); --after gives the data interval of the last automated run.",
  usage: "dags next-runs FILE [--now ISO] [--after START/END] [-n N] [--json] [--defaults airflow3|airflow2] [--dag-id ID]",
  options: {
    ...defaultsOption,
    now: { type: "string" },
    after: { type: "string" },
    n: { type: "string", short: "n" },
    json: { type: "boolean" },
    "dag-id": { type: "string" },
  },
  async run({ positionals, values, io }) {
    const defaults = readDefaults(values);
    const count = values.n === undefined ? 10 : Number(values.n);
    if (!Number.isInteger(count) || count < 1 || count > 10_000) throw new UsageError(`-n must be a whole number from 1 to 10000, not "${String(values.n)}"`);
    const loaded = await loadOneDag(io, positionals, { defaults, dagId: values["dag-id"] as string | undefined });
    if (!loaded) return EXIT.failure;
    const spec = loaded.result.spec!;
    const tz = spec.timezone;

    let now = io.now();
    if (typeof values.now === "string") {
      const parsed = parseInstant(values.now, tz);
      if (parsed === null) throw new UsageError(`--now "${values.now}" is not an ISO-8601 date-time (e.g. 2024-03-31T12:00:00Z)`);
      now = parsed;
    }
    let after: DataInterval | null = null;
    if (typeof values.after === "string") {
      const parts = values.after.split("/");
      const start = parts.length === 2 ? parseInstant(parts[0], tz) : null;
      const end = parts.length === 2 ? parseInstant(parts[1], tz) : null;
      if (start === null || end === null) throw new UsageError(`--after must be START/END, two ISO-8601 instants (e.g. 2024-01-01T00:00:00Z/2024-01-02T00:00:00Z)`);
      if (end < start) throw new UsageError("--after: END is before START");
      after = { start, end };
    }
    const restriction = {
      earliest: spec.start_date ? Date.parse(spec.start_date) : null,
      latest: spec.end_date ? Date.parse(spec.end_date) : null,
      catchup: spec.catchup,
    };
    const runs = nextRuns(spec.timetable, after, restriction, now, count).map((r) => ({
      run_id: generateRunId("scheduled", r.data_interval.start),
      logical_date: formatInstant(r.data_interval.start),
      data_interval_start: formatInstant(r.data_interval.start),
      data_interval_end: formatInstant(r.data_interval.end),
      run_after: formatInstant(r.run_after),
    }));
    if (values.json) {
      io.stdout(JSON.stringify(runs, null, 2) + "\n");
      return EXIT.ok;
    }
    const lines = [
      `${spec.dag_id}: ${describeTimetable(spec.timetable)}`,
      `catchup ${spec.catchup ? "on" : "off"}, start_date ${spec.start_date ?? "none"}, end_date ${spec.end_date ?? "none"}, now ${formatInstant(now)}, ${defaults} defaults`,
      "",
    ];
    if (!runs.length) {
      lines.push("No run will be scheduled.");
    } else {
      const local = (iso: string) => formatInZone(Date.parse(iso), tz);
      const header = ["#", "run_after", "data_interval_start", "data_interval_end", `run_after (${tz})`];
      const rows = runs.map((r, i) => [String(i + 1), r.run_after, r.data_interval_start, r.data_interval_end, local(r.run_after)]);
      const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
      const fmt = (row: string[]) => row.map((cell, c) => cell.padEnd(widths[c])).join("  ").trimEnd();
      lines.push(fmt(header), fmt(widths.map((w) => "-".repeat(w))), ...rows.map(fmt));
      lines.push("", "logical_date = data_interval_start; run_id = scheduled__<logical_date>");
    }
    io.stdout(lines.join("\n") + "\n");
    return EXIT.ok;
  },
};
