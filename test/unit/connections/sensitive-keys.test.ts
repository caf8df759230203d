import { describe, expect, it } from "vitest";
import { shouldHideValueForKey } from "../../../lib/domain/connections";

// Answers of Airflow 3.1.8's should_hide_value_for_key with default settings (dumped from the venv).
const AIRFLOW: Record<string, boolean> = {
  password: true, PASSWORD: true, my_password: true, db_passwd: true, " Api_Key ": true, apikey: true,
  "x-api-key": false, "api-key": false, access_token: true, ACCESS_KEY_ID: true, aws_secret_access_key: true,
  private_key: true, Authorization: true, connection_string: true, http_proxy: true, proxies: true,
  keyfile_dict: true, service_account_json: true, passphrase: true, token: true, tokens: true, mytokenvalue: true,
  auth: false, user: false, login: false, key: false, host: false, schema: false, sekret: false, pass: false,
  pwd: false, bearer: false, credential: false, session_token: true, "": false,
  extra__google_cloud_platform__keyfile_dict: true,
};

describe("a key looks secret exactly when Airflow says so", () => {
  it.each(Object.entries(AIRFLOW))("%j → %s", (name, hidden) => {
    expect(shouldHideValueForKey(name)).toBe(hidden);
  });

  it("non-string names are never sensitive", () => {
    expect(shouldHideValueForKey(undefined)).toBe(false);
    expect(shouldHideValueForKey(42)).toBe(false);
  });

  it("extra words (Airflow's sensitive_var_conn_names) add to the defaults, case-insensitively", () => {
    expect(shouldHideValueForKey("x-api-key")).toBe(false);
    expect(shouldHideValueForKey("x-api-key", ["API-KEY", " "])).toBe(true);
    expect(shouldHideValueForKey("host", ["API-KEY", " "])).toBe(false);
  });
});
