// A Jinja parser for the subset Airflow users write: {{ expressions }} with filters,
// tests and calls, {% if %}, {% for %}, {% set %}, {% raw %}, comments and `-` trimming.
import { TemplateError } from "./values";

export type Expr =
  | { t: "lit"; v: unknown }
  | { t: "name"; n: string }
  | { t: "attr"; o: Expr; n: string }
  | { t: "item"; o: Expr; k: Expr }
  | { t: "slice"; o: Expr; a?: Expr; b?: Expr }
  | { t: "call"; f: Expr; args: Expr[]; kw: [string, Expr][] }
  | { t: "filter"; v: Expr; n: string; args: Expr[]; kw: [string, Expr][] }
  | { t: "test"; v: Expr; n: string; neg: boolean; args: Expr[] }
  | { t: "bin"; op: string; a: Expr; b: Expr }
  | { t: "un"; op: string; a: Expr }
  | { t: "cond"; c: Expr; a: Expr; b?: Expr }
  | { t: "list"; items: Expr[] }
  | { t: "dict"; items: [Expr, Expr][] };

export type Node =
  | { t: "text"; v: string }
  | { t: "out"; e: Expr; line: number }
  | { t: "if"; branches: { c: Expr; body: Node[] }[]; else: Node[]; line: number }
  | { t: "for"; targets: string[]; iter: Expr; body: Node[]; else: Node[]; line: number }
  | { t: "set"; target: string; e: Expr; line: number };

interface Tok {
  k: "name" | "str" | "num" | "op" | "end";
  v: string;
}

const OPS = ["**", "//", "==", "!=", "<=", ">=", "+", "-", "*", "/", "%", "~", "<", ">", "(", ")", "[", "]", "{", "}", ".", ",", ":", "|", "="];

function tokenize(src: string, line: number): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) { i++; continue; }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      toks.push({ k: "name", v: m[0] });
      i += m[0].length;
      continue;
    }
    if (/[0-9]/.test(c)) {
      const m = /^\d[\d_]*(\.\d[\d_]*)?([eE][+-]?\d+)?/.exec(src.slice(i))!;
      toks.push({ k: "num", v: m[0].replace(/_/g, "") });
      i += m[0].length;
      continue;
    }
    if (c === "'" || c === '"') {
      let j = i + 1;
      let out = "";
      while (j < src.length && src[j] !== c) {
        if (src[j] === "\\" && j + 1 < src.length) {
          const e = src[j + 1];
          out += e === "n" ? "\n" : e === "t" ? "\t" : e === "r" ? "\r" : e === "\\" || e === "'" || e === '"' ? e : "\\" + e;
          j += 2;
        } else out += src[j++];
      }
      if (j >= src.length) throw new TemplateError(`unexpected end of string (line ${line})`);
      toks.push({ k: "str", v: out });
      i = j + 1;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new TemplateError(`unexpected char ${JSON.stringify(c)} (line ${line})`);
    toks.push({ k: "op", v: op });
    i += op.length;
  }
  toks.push({ k: "end", v: "" });
  return toks;
}

class ExprParser {
  private i = 0;
  constructor(
    private toks: Tok[],
    private line: number,
  ) {}

  private peek(): Tok { return this.toks[this.i]; }
  private next(): Tok { return this.toks[this.i++]; }
  private isOp(v: string): boolean { const t = this.peek(); return t.k === "op" && t.v === v; }
  private isName(v: string): boolean { const t = this.peek(); return t.k === "name" && t.v === v; }
  private fail(msg: string): never { throw new TemplateError(`${msg} (line ${this.line})`); }
  private expectOp(v: string) { if (!this.isOp(v)) this.fail(`expected '${v}', got ${this.describe()}`); this.i++; }
  private describe(): string { const t = this.peek(); return t.k === "end" ? "end of expression" : `'${t.v}'`; }

  atEnd(): boolean { return this.peek().k === "end"; }
  expectEnd() { if (!this.atEnd()) this.fail(`unexpected ${this.describe()}`); }
  name(): string { const t = this.next(); if (t.k !== "name") this.fail(`expected a name, got '${t.v}'`); return t.v; }
  keyword(v: string) { if (!this.isName(v)) this.fail(`expected '${v}', got ${this.describe()}`); this.i++; }

  expr(): Expr {
    const a = this.or();
    if (this.isName("if")) {
      this.i++;
      const c = this.or();
      let b: Expr | undefined;
      if (this.isName("else")) { this.i++; b = this.expr(); }
      return { t: "cond", c, a, b };
    }
    return a;
  }
  private or(): Expr {
    let a = this.and();
    while (this.isName("or")) { this.i++; a = { t: "bin", op: "or", a, b: this.and() }; }
    return a;
  }
  private and(): Expr {
    let a = this.not();
    while (this.isName("and")) { this.i++; a = { t: "bin", op: "and", a, b: this.not() }; }
    return a;
  }
  private not(): Expr {
    if (this.isName("not")) { this.i++; return { t: "un", op: "not", a: this.not() }; }
    return this.compare();
  }
  private compare(): Expr {
    let a = this.concat();
    for (;;) {
      const t = this.peek();
      if (t.k === "op" && ["==", "!=", "<", ">", "<=", ">="].includes(t.v)) { this.i++; a = { t: "bin", op: t.v, a, b: this.concat() }; }
      else if (this.isName("in")) { this.i++; a = { t: "bin", op: "in", a, b: this.concat() }; }
      else if (this.isName("not") && this.toks[this.i + 1].k === "name" && this.toks[this.i + 1].v === "in") {
        this.i += 2;
        a = { t: "un", op: "not", a: { t: "bin", op: "in", a, b: this.concat() } };
      } else return a;
    }
  }
  private concat(): Expr {
    let a = this.math1();
    while (this.isOp("~")) { this.i++; a = { t: "bin", op: "~", a, b: this.math1() }; }
    return a;
  }
  private math1(): Expr {
    let a = this.math2();
    while (this.isOp("+") || this.isOp("-")) { const op = this.next().v; a = { t: "bin", op, a, b: this.math2() }; }
    return a;
  }
  private math2(): Expr {
    let a = this.pow();
    while (this.isOp("*") || this.isOp("/") || this.isOp("//") || this.isOp("%")) { const op = this.next().v; a = { t: "bin", op, a, b: this.pow() }; }
    return a;
  }
  private pow(): Expr {
    let a = this.unary();
    while (this.isOp("**")) { this.i++; a = { t: "bin", op: "**", a, b: this.unary() }; }
    return a;
  }
  private unary(): Expr {
    if (this.isOp("-")) { this.i++; return this.filters({ t: "un", op: "neg", a: this.unary() }); }
    if (this.isOp("+")) { this.i++; return this.unary(); }
    return this.filters(this.postfix(this.primary()));
  }
  private filters(v: Expr): Expr {
    for (;;) {
      if (this.isOp("|")) {
        this.i++;
        let n = this.name();
        while (this.isOp(".")) { this.i++; n += "." + this.name(); }
        let args: Expr[] = [];
        let kw: [string, Expr][] = [];
        if (this.isOp("(")) ({ args, kw } = this.callArgs());
        v = { t: "filter", v, n, args, kw };
      } else if (this.isName("is")) {
        this.i++;
        let neg = false;
        if (this.isName("not")) { this.i++; neg = true; }
        const n = this.name();
        let args: Expr[] = [];
        if (this.isOp("(")) args = this.callArgs().args;
        else if (["str", "num", "name"].includes(this.peek().k) && !["and", "or", "else", "if", "in", "is", "not"].includes(this.peek().v)) args = [this.primary()];
        v = { t: "test", v, n, neg, args };
      } else return v;
    }
  }
  private callArgs(): { args: Expr[]; kw: [string, Expr][] } {
    this.expectOp("(");
    const args: Expr[] = [];
    const kw: [string, Expr][] = [];
    while (!this.isOp(")")) {
      const t = this.peek();
      const n = this.toks[this.i + 1];
      if (t.k === "name" && n.k === "op" && n.v === "=") { this.i += 2; kw.push([t.v, this.expr()]); }
      else args.push(this.expr());
      if (!this.isOp(")")) this.expectOp(",");
    }
    this.i++;
    return { args, kw };
  }
  private postfix(e: Expr): Expr {
    for (;;) {
      if (this.isOp(".")) {
        this.i++;
        const t = this.next();
        if (t.k === "name") e = { t: "attr", o: e, n: t.v };
        else if (t.k === "num" && /^\d+$/.test(t.v)) e = { t: "item", o: e, k: { t: "lit", v: +t.v } };
        else this.fail(`expected an attribute name after '.'`);
      } else if (this.isOp("[")) {
        this.i++;
        let a: Expr | undefined;
        if (!this.isOp(":")) a = this.expr();
        if (this.isOp(":")) {
          this.i++;
          const b = this.isOp("]") ? undefined : this.expr();
          this.expectOp("]");
          e = { t: "slice", o: e, a, b };
        } else {
          this.expectOp("]");
          e = { t: "item", o: e, k: a! };
        }
      } else if (this.isOp("(")) {
        const { args, kw } = this.callArgs();
        e = { t: "call", f: e, args, kw };
      } else return e;
    }
  }
  private primary(): Expr {
    const t = this.next();
    if (t.k === "str") {
      let v = t.v;
      while (this.peek().k === "str") v += this.next().v;
      return { t: "lit", v };
    }
    if (t.k === "num") return { t: "lit", v: Number(t.v) };
    if (t.k === "name") {
      if (t.v === "true" || t.v === "True") return { t: "lit", v: true };
      if (t.v === "false" || t.v === "False") return { t: "lit", v: false };
      if (t.v === "none" || t.v === "None") return { t: "lit", v: null };
      return { t: "name", n: t.v };
    }
    if (t.k === "op" && t.v === "(") {
      if (this.isOp(")")) { this.i++; return { t: "list", items: [] }; }
      const first = this.expr();
      if (this.isOp(",")) {
        const items = [first];
        while (this.isOp(",")) { this.i++; if (this.isOp(")")) break; items.push(this.expr()); }
        this.expectOp(")");
        return { t: "list", items };
      }
      this.expectOp(")");
      return first;
    }
    if (t.k === "op" && t.v === "[") {
      const items: Expr[] = [];
      while (!this.isOp("]")) { items.push(this.expr()); if (!this.isOp("]")) this.expectOp(","); }
      this.i++;
      return { t: "list", items };
    }
    if (t.k === "op" && t.v === "{") {
      const items: [Expr, Expr][] = [];
      while (!this.isOp("}")) {
        const k = this.expr();
        this.expectOp(":");
        items.push([k, this.expr()]);
        if (!this.isOp("}")) this.expectOp(",");
      }
      this.i++;
      return { t: "dict", items };
    }
    this.i--;
    return this.fail(`unexpected ${this.describe()}`);
  }
}

export function parseExpression(src: string, line = 1): Expr {
  const p = new ExprParser(tokenize(src, line), line);
  const e = p.expr();
  p.expectEnd();
  return e;
}

interface Chunk {
  kind: "text" | "var" | "block";
  body: string;
  line: number;
}

function lex(source: string): Chunk[] {
  const chunks: Chunk[] = [];
  let i = 0;
  let line = 1;
  let trimNext = false;
  const re = /\{\{|\{%|\{#/g;
  while (i < source.length) {
    re.lastIndex = i;
    const m = re.exec(source);
    let text = m ? source.slice(i, m.index) : source.slice(i);
    if (trimNext) text = text.replace(/^\s+/, "");
    trimNext = false;
    if (!m) {
      if (text) chunks.push({ kind: "text", body: text, line });
      break;
    }
    const open = m[0];
    const close = open === "{{" ? "}}" : open === "{%" ? "%}" : "#}";
    let start = m.index + 2;
    if (source[start] === "-") { text = text.replace(/\s+$/, ""); start++; }
    if (text) chunks.push({ kind: "text", body: text, line });
    line += countLines(source.slice(i, m.index));
    const end = findClose(source, start, close);
    if (end < 0) throw new TemplateError(`unexpected end of template, expected '${close}' (line ${line})`);
    let bodyEnd = end;
    if (source[end - 1] === "-") { trimNext = true; bodyEnd--; }
    const body = source.slice(start, bodyEnd);
    if (open === "{%" && /^\s*raw\s*$/.test(body)) {
      const endRaw = /\{%-?\s*endraw\s*-?%\}/g;
      endRaw.lastIndex = end + 2;
      const r = endRaw.exec(source);
      if (!r) throw new TemplateError(`missing {% endraw %} (line ${line})`);
      chunks.push({ kind: "text", body: source.slice(end + 2, r.index), line });
      line += countLines(source.slice(m.index, r.index + r[0].length));
      i = r.index + r[0].length;
      continue;
    }
    if (open !== "{#") chunks.push({ kind: open === "{{" ? "var" : "block", body, line });
    line += countLines(source.slice(m.index, end + 2));
    i = end + 2;
  }
  return chunks;
}

/** Finds the closing delimiter, skipping string literals inside the tag. */
function findClose(source: string, from: number, close: string): number {
  let quote: string | undefined;
  for (let j = from; j < source.length; j++) {
    const c = source[j];
    if (quote) {
      if (c === "\\") j++;
      else if (c === quote) quote = undefined;
    } else if (close !== "#}" && (c === "'" || c === '"')) quote = c;
    else if (source.startsWith(close, j)) return j;
  }
  return -1;
}

function countLines(s: string): number {
  let n = 0;
  for (const c of s) if (c === "\n") n++;
  return n;
}

export function parseTemplate(source: string): Node[] {
  const chunks = lex(source);
  let pos = 0;
  const parseBody = (stops: string[]): { nodes: Node[]; stop: string; rest: string; line: number } => {
    const nodes: Node[] = [];
    while (pos < chunks.length) {
      const c = chunks[pos++];
      if (c.kind === "text") { nodes.push({ t: "text", v: c.body }); continue; }
      if (c.kind === "var") { nodes.push({ t: "out", e: parseExpression(c.body, c.line), line: c.line }); continue; }
      const m = /^\s*([A-Za-z_]+)\s*([\s\S]*?)\s*$/.exec(c.body);
      if (!m) throw new TemplateError(`empty block tag (line ${c.line})`);
      const [, word, rest] = m;
      if (stops.includes(word)) return { nodes, stop: word, rest, line: c.line };
      if (word === "if") {
        const branches = [{ c: parseExpression(rest, c.line), body: [] as Node[] }];
        let elseBody: Node[] = [];
        for (;;) {
          const r = parseBody(["elif", "else", "endif"]);
          if (r.stop === "") throw new TemplateError(`missing {% endif %} for the {% if %} at line ${c.line}`);
          if (branches.length && !branches[branches.length - 1].body.length) branches[branches.length - 1].body = r.nodes;
          if (r.stop === "elif") { branches.push({ c: parseExpression(r.rest, r.line), body: [] }); continue; }
          if (r.stop === "else") {
            const e = parseBody(["endif"]);
            if (e.stop === "") throw new TemplateError(`missing {% endif %} for the {% if %} at line ${c.line}`);
            elseBody = e.nodes;
          }
          break;
        }
        nodes.push({ t: "if", branches, else: elseBody, line: c.line });
      } else if (word === "for") {
        const fm = /^([A-Za-z_][A-Za-z0-9_]*(?:\s*,\s*[A-Za-z_][A-Za-z0-9_]*)*)\s+in\s+([\s\S]+)$/.exec(rest);
        if (!fm) throw new TemplateError(`expected 'for NAME in EXPRESSION' (line ${c.line})`);
        const targets = fm[1].split(",").map((s) => s.trim());
        const iter = parseExpression(fm[2], c.line);
        const r = parseBody(["else", "endfor"]);
        if (r.stop === "") throw new TemplateError(`missing {% endfor %} for the {% for %} at line ${c.line}`);
        let elseBody: Node[] = [];
        if (r.stop === "else") {
          const e = parseBody(["endfor"]);
          if (e.stop === "") throw new TemplateError(`missing {% endfor %} for the {% for %} at line ${c.line}`);
          elseBody = e.nodes;
        }
        nodes.push({ t: "for", targets, iter, body: r.nodes, else: elseBody, line: c.line });
      } else if (word === "set") {
        const sm = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*([\s\S]+)$/.exec(rest);
        if (!sm) throw new TemplateError(`expected 'set NAME = EXPRESSION' (line ${c.line})`);
        nodes.push({ t: "set", target: sm[1], e: parseExpression(sm[2], c.line), line: c.line });
      } else {
        throw new TemplateError(`unknown or unsupported tag '${word}' (line ${c.line})`);
      }
    }
    return { nodes, stop: "", rest: "", line: 0 };
  };
  const r = parseBody([]);
  return r.nodes;
}
