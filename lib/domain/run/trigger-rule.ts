// Trigger rule names live with the DagSpec (lib/domain/dag/spec.ts); re-exported here so run
// code has one import for them.
import { TRIGGER_RULES, type TriggerRule } from "../dag/spec";

export { TRIGGER_RULES, type TriggerRule };

export function isTriggerRule(value: unknown): value is TriggerRule {
  return typeof value === "string" && (TRIGGER_RULES as readonly string[]).includes(value);
}
