/** Jinja drops one trailing newline (keep_trailing_newline=False, Airflow's setting). */
export function stripTrailingNewline(s: string): string {
  return s.endsWith("\r\n") ? s.slice(0, -2) : s.endsWith("\n") ? s.slice(0, -1) : s;
}

export function hasTemplateSyntax(s: string): boolean {
  return s.includes("{{") || s.includes("{%") || s.includes("{#");
}
