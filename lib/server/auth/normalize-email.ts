/** Emails are stored and compared trimmed and lower-cased (User.email is unique on that). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
