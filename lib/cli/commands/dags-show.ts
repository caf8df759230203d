// windsock dags show FILE — the task graph as text, in dependency order.
import { EXIT, type Command } from "../command";
import { loadOneDag } from "../load-one";
import { defaultsOption, readDefaults } from "../options";
import { topologicalOrder } from "../../domain/dag/graph";
import { describeTimetable } from "../../domain/timetable/describe";

export const dagsShow: Command = {
  path: ["dags", "show"],
  summary: "Print the task graph as text: each task with its operator, what it waits for and what it feeds.",
  usage: "dags show FILE [--dag-id ID] [--defaults airflow3|airflow2]",
  options: { ...defaultsOption, "dag-id": { type: "string" } },
  async run({ positionals, values, io }) {
    const loaded = await loadOneDag(io, positionals, { defaults: readDefaults(values), dagId: values["dag-id"] as string | undefined });
    if (!loaded) return EXIT.failure;
    const spec = loaded.result.spec!;
    const byId = new Map(spec.tasks.map((t) => [t.task_id, t]));
    const order = topologicalOrder(
      spec.tasks.map((t) => t.task_id),
      (id) => byId.get(id)!.upstream,
    );
    // Layer = longest path from a root, so parallel tasks line up.
    const layer = new Map<string, number>();
    for (const id of order) layer.set(id, Math.max(-1, ...byId.get(id)!.upstream.map((u) => layer.get(u) ?? 0)) + 1);
    const out: string[] = [`${spec.dag_id}${spec.description ? ` — ${spec.description}` : ""}`, `schedule: ${describeTimetable(spec.timetable)}`, ""];
    let current = -1;
    for (const id of order) {
      const t = byId.get(id)!;
      const l = layer.get(id)!;
      if (l !== current) {
        out.push(`stage ${l + 1}`);
        current = l;
      }
      const extras = [t.operator, t.trigger_rule !== "all_success" ? `trigger_rule ${t.trigger_rule}` : "", t.retries ? `retries ${t.retries}` : ""].filter(Boolean);
      out.push(`  ${id} (${extras.join(", ")})`);
      if (t.upstream.length) out.push(`    <- ${t.upstream.join(", ")}`);
      if (t.downstream.length) out.push(`    -> ${t.downstream.join(", ")}`);
    }
    io.stdout(out.join("\n") + "\n");
    return EXIT.ok;
  },
};
