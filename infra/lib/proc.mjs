// Child processes with prefixed output, plus build stamps that let a second start
// skip work whose inputs have not changed.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const colors = { web: 36, worker: 35, temporal: 33, postgres: 34 };

export function prefixLines(stream, name, out) {
  const color = colors[name] ?? 37;
  const tag = process.stdout.isTTY ? `\x1b[${color}m${name.padEnd(8)}\x1b[0m│ ` : `${name.padEnd(8)}│ `;
  let buffer = "";
  stream.on("data", (chunk) => {
    buffer += chunk.toString();
    const lines = buffer.split("\n");
    buffer = lines.pop();
    for (const line of lines) out.write(tag + line + "\n");
  });
  stream.on("end", () => buffer && out.write(tag + buffer + "\n"));
}

export function spawnService(name, command, args, { cwd, env, quiet = false }) {
  const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  if (!quiet) {
    prefixLines(child.stdout, name, process.stdout);
    prefixLines(child.stderr, name, process.stderr);
  } else {
    child.stdout.resume();
    child.stderr.resume();
  }
  child.serviceName = name;
  return child;
}

export function stopChild(child, timeoutMs = 8000) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.exitCode === null && child.kill("SIGKILL"), timeoutMs).unref();
  });
}

/** A content hash over files and folders (folders walked recursively). */
export function hashInputs(root, entries) {
  const hash = crypto.createHash("sha256");
  const visit = (rel) => {
    const abs = path.join(root, rel);
    if (!fs.existsSync(abs)) return;
    const stat = fs.statSync(abs);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(abs).sort()) {
        if (name === "node_modules" || name.startsWith(".")) continue;
        visit(path.join(rel, name));
      }
    } else {
      hash.update(rel).update("\0").update(fs.readFileSync(abs)).update("\0");
    }
  };
  for (const entry of entries) visit(entry);
  return hash.digest("hex");
}

export function readStamp(file) {
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim() : null;
}

export function writeStamp(file, value) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, value + "\n");
}
