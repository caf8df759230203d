// What one task try uses to read connections and variables: every value it hands out is
// registered with the try's masker first, so it is masked in the try's log, its rendered
// fields and its XCom views from then on. Reads are cached for the try (one audit event
// per object and try, and the same value for every use in the try).
import { secretEntries, shouldHideValueForKey, toAirflowFields, toTaskConnection } from "../../domain/connections";
import type { SecretMasker } from "./secret-masker";
import { VariableNotFoundError, type SecretReader, type SecretsPorts, type StoredVariable } from "./secrets-ports";

export class TaskSecrets {
  readonly #connections = new Map<string, Promise<Record<string, unknown>>>();
  readonly #variables = new Map<string, Promise<StoredVariable | undefined>>();

  constructor(
    private readonly ports: SecretsPorts,
    private readonly masker: SecretMasker,
    private readonly reader: SecretReader,
  ) {}

  /** `conn.<id>` in templates, `await ctx.conn(id)` in scripts: Airflow's attributes plus the typed fields. */
  connection(connection_id: string): Promise<Record<string, unknown>> {
    let pending = this.#connections.get(connection_id);
    if (!pending) {
      pending = this.ports.connections.getConnection(connection_id, this.reader).then((c) => {
        // Airflow masks the password and the extra text; we also mask every typed secret field
        // and every value under an extra key that looks secret, in all their encodings.
        for (const [, value] of secretEntries(c, this.masker.sensitiveNames)) this.masker.addAll(value);
        const extra = toAirflowFields(c).extra;
        if (extra) this.masker.add(extra);
        return toTaskConnection(c);
      });
      pending.catch(() => this.#connections.delete(connection_id));
      this.#connections.set(connection_id, pending);
    }
    return pending;
  }

  /** `var.value.<key>`, `await ctx.var(key)`. Without a default, a missing variable is an error (as in Airflow). */
  async variable(key: string, options: { default?: string } = {}): Promise<string> {
    const stored = await this.#variable(key);
    if (stored) return stored.value;
    if ("default" in options && options.default !== undefined) return options.default;
    throw new VariableNotFoundError(key);
  }

  /** `var.json.<key>`: the value parsed as JSON. */
  async jsonVariable(key: string, options: { default?: unknown } = {}): Promise<unknown> {
    const stored = await this.#variable(key);
    if (!stored) {
      if ("default" in options && options.default !== undefined) return options.default;
      throw new VariableNotFoundError(key);
    }
    try {
      return JSON.parse(stored.value);
    } catch {
      throw new Error(`the variable '${key}' is not valid JSON, so var.json.${key} cannot read it (use var.value.${key} for text)`);
    }
  }

  #variable(key: string): Promise<StoredVariable | undefined> {
    let pending = this.#variables.get(key);
    if (!pending) {
      pending = this.ports.variables.getVariable(key, this.reader).then((v) => {
        if (v && (v.secret || shouldHideValueForKey(key, this.masker.sensitiveNames))) {
          this.masker.add(v.value);
          try {
            this.masker.addAll(JSON.parse(v.value));
          } catch {
            // Plain text: registered above.
          }
        }
        return v;
      });
      pending.catch(() => this.#variables.delete(key));
      this.#variables.set(key, pending);
    }
    return pending;
  }
}
