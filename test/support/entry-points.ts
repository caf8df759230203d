// Every entry point under app/ (pages, data-loading layouts, route handlers, server
// actions) and how it is protected, found on the syntax tree; plus the short list of
// public entry points. Shared by the route registry (test/unit/authz/route-registry.test.ts)
// and the cross-tenant matrix (test/authz/), which needs a row for every gated entry.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

export const ROOT = path.resolve(import.meta.dirname, "../..");
const APP = path.join(ROOT, "app");

/** The only entry points reachable without signing in. Keep it short; say why. */
export const PUBLIC_ROUTES: Record<string, string> = {
  "app/page.tsx": "landing page: what Windsock is, links to sign up and log in",
  "app/api/health/route.ts": "health check for load balancers and `npm start`; reveals only ok/unavailable",
  "app/api/auth/[...nextauth]/route.ts": "next-auth's own endpoints (csrf, session, callback); POST checks Origin",
  // Public as Airflow's is: client generators fetch it without a token, and it describes
  // the API only (no tenant's data); it is built from constants at import time.
  "app/api/v1/openapi.json/route.ts": "the REST API's OpenAPI document (lib/server/openapi): describes the API, holds nothing of any tenant",
  "app/api/v1/webhooks/[webhook_id]/route.ts": "a webhook delivery: its HMAC signature with the webhook's secret is the credential (docs/webhooks.md)",
  "app/(auth)/login/page.tsx": "auth page: log in",
  "app/(auth)/login/actions.ts": "auth action: log in",
  "app/(auth)/signup/page.tsx": "auth page: sign up",
  "app/(auth)/signup/actions.ts": "auth action: sign up",
  "app/(auth)/forgot-password/page.tsx": "auth page: ask for a reset link",
  "app/(auth)/forgot-password/actions.ts": "auth action: send a reset link (same answer whether the email exists)",
  "app/(auth)/reset-password/page.tsx": "auth page: set a new password from a reset link",
  "app/(auth)/reset-password/actions.ts": "auth action: set a new password (the token is the credential)",
  "app/(auth)/invite/[token]/page.tsx": "auth page: an invitation link (says whether it still works; sign up or log in to accept)",
  "app/(auth)/invite/[token]/actions.ts": "auth action: sign up from an invitation (the token is the credential)",
};

const GATES = new Set(["requireAccess", "pageAccess", "actionAccess", "withAccess"]);
const AUTHZ_MODULE = /(^|\/)lib\/server\/authz(\/[a-z-]+)?$/;
const HTTP_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
const SPECIAL_FILES = /^(not-found|forbidden|unauthorized|error|global-error|loading|template|default)\.(tsx|ts|jsx|js)$/;

export type EntryKind = "page" | "layout" | "route" | "action";
export interface Entry {
  file: string;
  kind: EntryKind;
  name: string;
  gated: boolean;
  markedPublic: boolean;
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === "node_modules" ? [] : walk(full);
    return /\.(tsx?|jsx?)$/.test(d.name) ? [full] : [];
  });
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

/** Local names bound to the gate functions and to publicRoute, from real import declarations. */
function importedNames(source: ts.SourceFile) {
  const gates = new Set<string>();
  const publics = new Set<string>();
  let importsServer = false;
  for (const stmt of source.statements) {
    if (!ts.isImportDeclaration(stmt) || !ts.isStringLiteral(stmt.moduleSpecifier)) continue;
    const from = stmt.moduleSpecifier.text;
    if (/(^@\/|\/)lib\/server(\/|$)/.test(from)) importsServer = true;
    if (!AUTHZ_MODULE.test(from) || stmt.importClause?.isTypeOnly) continue;
    const bindings = stmt.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    for (const el of bindings.elements) {
      if (el.isTypeOnly) continue;
      const imported = (el.propertyName ?? el.name).text;
      if (GATES.has(imported)) gates.add(el.name.text);
      if (imported === "publicRoute") publics.add(el.name.text);
    }
  }
  return { gates, publics, importsServer };
}

const isFunctionLike = (n: ts.Node): n is ts.FunctionLikeDeclaration =>
  ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n);

const callee = (call: ts.CallExpression) => (ts.isIdentifier(call.expression) ? call.expression.text : null);

/** True when `fn` itself (not a nested function it merely defines) calls one of `names`. */
function callsDirectly(fn: ts.FunctionLikeDeclaration, names: Set<string>): boolean {
  let found = false;
  const visit = (node: ts.Node) => {
    if (found) return;
    if (node !== fn && isFunctionLike(node)) return;
    if (ts.isCallExpression(node) && names.has(callee(node) ?? "")) found = true;
    ts.forEachChild(node, visit);
  };
  if (fn.body) visit(fn.body);
  return found;
}

function hasUseServer(body: ts.Node | undefined): boolean {
  if (!body || !ts.isBlock(body)) return false;
  const first = body.statements[0];
  return !!first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === "use server";
}

function isUseServerFile(source: ts.SourceFile): boolean {
  for (const stmt of source.statements) {
    if (!ts.isExpressionStatement(stmt) || !ts.isStringLiteral(stmt.expression)) return false;
    if (stmt.expression.text === "use server") return true;
  }
  return false;
}

/**
 * How an exported value is protected: it IS a gate wrapper call (withAccess(...)), it is
 * publicRoute(reason, fn), or it is a function (declared here) that calls a gate itself.
 */
function protection(expr: ts.Node | undefined, source: ts.SourceFile, names: ReturnType<typeof importedNames>): { gated: boolean; markedPublic: boolean } {
  if (!expr) return { gated: false, markedPublic: false };
  if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isSatisfiesExpression(expr)) return protection(expr.expression, source, names);
  if (ts.isCallExpression(expr)) {
    const name = callee(expr) ?? "";
    if (name === "withAccess" && names.gates.has(name)) return { gated: true, markedPublic: false };
    if (names.publics.has(name)) return { gated: protection(expr.arguments[1], source, names).gated, markedPublic: true };
    return { gated: false, markedPublic: false };
  }
  if (isFunctionLike(expr)) return { gated: callsDirectly(expr, names.gates), markedPublic: false };
  if (ts.isIdentifier(expr)) {
    for (const stmt of source.statements) {
      if (ts.isFunctionDeclaration(stmt) && stmt.name?.text === expr.text) return protection(stmt, source, names);
      if (ts.isVariableStatement(stmt))
        for (const d of stmt.declarationList.declarations)
          if (ts.isIdentifier(d.name) && d.name.text === expr.text) return protection(d.initializer, source, names);
    }
  }
  return { gated: false, markedPublic: false };
}

const exported = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
const isDefault = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);

/** Every entry point of one file, with how it is protected. */
function entriesOf(file: string): Entry[] {
  const rel = path.relative(ROOT, file).split(path.sep).join("/");
  const base = path.basename(file);
  const source = parse(file);
  const names = importedNames(source);
  const entries: Entry[] = [];
  const add = (kind: EntryKind, name: string, p: { gated: boolean; markedPublic: boolean }) => entries.push({ file: rel, kind, name, ...p });

  const defaultExport = () => {
    for (const stmt of source.statements) {
      if (ts.isExportAssignment(stmt) && !stmt.isExportEquals) return protection(stmt.expression, source, names);
      if (ts.isFunctionDeclaration(stmt) && exported(stmt) && isDefault(stmt)) return protection(stmt, source, names);
    }
    return null;
  };

  if (/^page\.(tsx|ts|jsx|js)$/.test(base)) add("page", "default", defaultExport() ?? { gated: false, markedPublic: false });
  // A layout renders even when its page is refused, so one that loads anything must gate.
  if (/^layout\.(tsx|ts|jsx|js)$/.test(base) && names.importsServer) add("layout", "default", defaultExport() ?? { gated: false, markedPublic: false });
  if (/^route\.(ts|js)$/.test(base)) {
    for (const stmt of source.statements) {
      if (ts.isFunctionDeclaration(stmt) && exported(stmt) && stmt.name && HTTP_METHODS.has(stmt.name.text)) add("route", stmt.name.text, protection(stmt, source, names));
      if (ts.isVariableStatement(stmt) && exported(stmt))
        for (const d of stmt.declarationList.declarations)
          if (ts.isIdentifier(d.name) && HTTP_METHODS.has(d.name.text)) add("route", d.name.text, protection(d.initializer, source, names));
      if (ts.isExportDeclaration(stmt)) add("route", "re-export (write the handler here, wrapped)", { gated: false, markedPublic: false });
    }
  }
  if (isUseServerFile(source)) {
    for (const stmt of source.statements) {
      if (ts.isFunctionDeclaration(stmt) && exported(stmt)) add("action", stmt.name?.text ?? "default", protection(stmt, source, names));
      if (ts.isVariableStatement(stmt) && exported(stmt))
        for (const d of stmt.declarationList.declarations) add("action", d.name.getText(source), protection(d.initializer, source, names));
      if (ts.isExportAssignment(stmt)) add("action", "default", protection(stmt.expression, source, names));
      if (ts.isExportDeclaration(stmt)) add("action", "re-export (define the action here)", { gated: false, markedPublic: false });
    }
  }
  // Inline server actions ("use server" as a function's first statement) anywhere in app/.
  const visit = (node: ts.Node) => {
    if (isFunctionLike(node) && hasUseServer(node.body)) {
      add("action", `inline ${(node.name && node.name.getText(source)) || "function"} (line ${source.getLineAndCharacterOfPosition(node.getStart()).line + 1})`, {
        gated: callsDirectly(node, names.gates),
        markedPublic: false,
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return entries;
}

export function registry(dir = APP) {
  const files = walk(dir);
  return {
    entries: files.flatMap(entriesOf),
    special: files.filter((f) => SPECIAL_FILES.test(path.basename(f))).map((f) => ({ file: path.relative(ROOT, f), names: importedNames(parse(f)) })),
  };
}

/** The problems the registry finds: empty means every entry point passes the gate. */
export function registryProblems(dir = APP): string[] {
  const { entries, special } = registry(dir);
  const problems: string[] = [];
  for (const e of entries) {
    const listed = Object.hasOwn(PUBLIC_ROUTES, e.file);
    if (e.gated || listed) continue;
    problems.push(
      e.markedPublic
        ? `${e.file} ${e.kind} ${e.name}: marked publicRoute() but not on the public list (PUBLIC_ROUTES in test/support/entry-points.ts)`
        : `${e.file} ${e.kind} ${e.name}: does not call the access gate (pageAccess / actionAccess / withAccess / requireAccess from lib/server/authz)`,
    );
  }
  for (const s of special) {
    if (s.names.importsServer) problems.push(`${s.file}: ${path.basename(s.file)} files render for anyone and must not load data from lib/server`);
  }
  return problems;
}

