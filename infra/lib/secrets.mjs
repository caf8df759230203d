// Secrets `npm start` needs, generated once into .data/secrets.json (mode 0600) when
// not given in the environment. Never printed.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const GENERATORS = {
  AUTH_SECRET: () => crypto.randomBytes(32).toString("base64url"),
  WINDSOCK_MASTER_KEY: () => crypto.randomBytes(32).toString("base64"),
};

export function loadOrCreateSecrets(dataDir) {
  const file = path.join(dataDir, "secrets.json");
  let stored = {};
  if (fs.existsSync(file)) stored = JSON.parse(fs.readFileSync(file, "utf8"));
  let changed = false;
  for (const [name, make] of Object.entries(GENERATORS)) {
    if (!stored[name]) {
      stored[name] = make();
      changed = true;
    }
  }
  if (changed) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(stored, null, 2) + "\n", { mode: 0o600 });
  }
  const result = {};
  for (const name of Object.keys(GENERATORS)) result[name] = process.env[name] || stored[name];
  return result;
}

export function ephemeralSecrets() {
  return Object.fromEntries(Object.entries(GENERATORS).map(([name, make]) => [name, make()]));
}
