// User scripts may be TypeScript: QuickJS only runs JavaScript, so types are stripped
// with esbuild first. The output stays an ES module (its default export is the task).
import { transform } from "esbuild";

export type ScriptLanguage = "js" | "ts";

const cache = new Map<string, string>();

export async function transpileScript(code: string, language: ScriptLanguage, filename: string): Promise<string> {
  if (language === "js") return code;
  const cached = cache.get(code);
  if (cached !== undefined) return cached;
  try {
    const result = await transform(code, { loader: "ts", format: "esm", target: "es2020", sourcefile: filename });
    if (cache.size > 500) cache.clear();
    cache.set(code, result.code);
    return result.code;
  } catch (error) {
    const errors = (error as { errors?: { text: string; location?: { line: number; column: number } }[] }).errors ?? [];
    const detail = errors
      .map((e) => (e.location ? `${filename}:${e.location.line}:${e.location.column + 1}: ${e.text}` : e.text))
      .join("; ");
    throw new TranspileError(`the TypeScript code does not compile: ${detail || String(error)}`);
  }
}

export class TranspileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TranspileError";
  }
}
