// XCom kept in memory for one process: what `dags test` and unit tests use.
import type { XComKey, XComStore } from "../ports";

export class MemoryXComStore implements XComStore {
  private readonly values = new Map<string, string>();

  private static id(k: XComKey): string {
    return JSON.stringify([k.dag_id, k.run_id, k.task_id, k.key]);
  }

  async set(key: XComKey, json: string): Promise<void> {
    this.values.set(MemoryXComStore.id(key), json);
  }

  async get(key: XComKey): Promise<string | undefined> {
    return this.values.get(MemoryXComStore.id(key));
  }

  async clearTask(dag_id: string, run_id: string, task_id: string): Promise<void> {
    const prefix = JSON.stringify([dag_id, run_id, task_id]).slice(0, -1) + ",";
    for (const id of [...this.values.keys()]) if (id.startsWith(prefix)) this.values.delete(id);
  }

  /** Every entry of one task, key -> parsed value (for `dags test` output and tests). */
  entriesOf(dag_id: string, run_id: string, task_id: string): Record<string, unknown> {
    const prefix = JSON.stringify([dag_id, run_id, task_id]).slice(0, -1) + ",";
    const out: Record<string, unknown> = {};
    for (const [id, json] of this.values) {
      if (id.startsWith(prefix)) out[(JSON.parse(id) as string[])[3]] = JSON.parse(json);
    }
    return out;
  }
}
