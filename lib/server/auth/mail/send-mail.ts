// Outgoing mail. With SMTP_URL set, mail goes out through nodemailer. Without it (local
// `npm start`, tests), every mail is written as an .eml file to OUTBOX_DIR and its links
// are printed on the server console, so nobody needs a mail server to reset a password.
// The outbox is never served over HTTP: it holds live reset links.
import fs from "node:fs/promises";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { env } from "../../env";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** Links in the mail, printed on the console when there is no SMTP server. */
  links?: string[];
}

type Transport = { sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown> };
let transport: Transport | undefined;

export async function sendMail(mail: Mail): Promise<{ delivered: "smtp" } | { delivered: "outbox"; file: string }> {
  const config = env();
  if (config.SMTP_URL) {
    if (!transport) {
      const nodemailer = await import("nodemailer");
      transport = nodemailer.createTransport(config.SMTP_URL);
    }
    await transport.sendMail({ from: config.MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text });
    return { delivered: "smtp" };
  }
  const file = await writeToOutbox(config.OUTBOX_DIR, config.MAIL_FROM, mail);
  console.log(`[mail] to ${mail.to}: ${mail.subject} (written to ${file})${(mail.links ?? []).map((l) => `\n[mail]   ${l}`).join("")}`);
  return { delivered: "outbox", file };
}

// Deliveries started in the background; tests await them with flushMail().
const pending = new Set<Promise<unknown>>();

/**
 * Sends without making the caller wait, so a request's timing does not depend on the
 * mail server (or on whether a mail was sent at all). Failures are logged.
 */
export function sendMailInBackground(mail: Mail): void {
  const p = sendMail(mail)
    .catch((error) => console.error(`[mail] could not send "${mail.subject}" to ${mail.to}:`, error))
    .finally(() => pending.delete(p));
  pending.add(p);
}

export async function flushMail(): Promise<void> {
  while (pending.size > 0) await Promise.all([...pending]);
}

async function writeToOutbox(dir: string, from: string, mail: Mail): Promise<string> {
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const who = mail.to.replace(/[^A-Za-z0-9@._-]/g, "_").slice(0, 80);
  const file = path.resolve(dir, `${stamp}-${who}-${randomBytes(3).toString("hex")}.eml`);
  const headers = [
    `From: ${from}`,
    `To: ${mail.to}`,
    `Subject: ${mail.subject.replace(/[\r\n]+/g, " ")}`,
    `Date: ${new Date().toUTCString()}`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
  ];
  await fs.writeFile(file, `${headers.join("\r\n")}\r\n\r\n${mail.text.replace(/\r?\n/g, "\r\n")}\r\n`, { mode: 0o600 });
  return file;
}
