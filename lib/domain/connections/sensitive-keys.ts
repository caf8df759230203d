// Which names mark a value as secret, exactly as Airflow 3.1.8 decides for variable keys and
// connection extra keys (secrets_masker.DEFAULT_SENSITIVE_FIELDS, should_hide_value_for_key):
// the name, stripped and lower-cased, contains one of these words.

export const DEFAULT_SENSITIVE_FIELDS: readonly string[] = Object.freeze([
  "access_key",
  "access_token",
  "api_key",
  "apikey",
  "authorization",
  "connection_string",
  "passphrase",
  "passwd",
  "password",
  "private_key",
  "proxy",
  "proxies",
  "secret",
  "token",
  "keyfile_dict",
  "service_account",
]);

/**
 * True when a value stored under `name` should be hidden. `extraSensitive` is Airflow's
 * `[core] sensitive_var_conn_names` (an environment setting here); unlike Airflow we
 * lower-case those words too, so "MyToken" in the setting works as meant.
 */
export function shouldHideValueForKey(name: unknown, extraSensitive: readonly string[] = []): boolean {
  if (typeof name !== "string") return false;
  const n = name.trim().toLowerCase();
  if (DEFAULT_SENSITIVE_FIELDS.some((s) => n.includes(s))) return true;
  return extraSensitive.some((s) => {
    const word = s.trim().toLowerCase();
    return word !== "" && n.includes(word);
  });
}
