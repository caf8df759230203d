// Architecture rules written down and enforced (STYLE.md habits 7 and 15):
// which folder may import which, and determinism in workflow code.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const nodeBuiltins = ["node:*", "fs", "fs/*", "path", "os", "child_process", "crypto", "net", "http", "https", "dns", "worker_threads", "process", "timers", "url", "util", "stream"];

const nonDeterminism = [
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "No wall clock here: time must come in through events or workflow APIs." },
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "No wall clock here: time must come in through events or workflow APIs." },
  { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: "No randomness here: it breaks deterministic replay." },
];

const pattern = (group, message) => ({ group, message });

export default tseslint.config(
  { ignores: ["node_modules/**", ".next/**", ".next-test/**", ".next-bench/**", ".data/**", "generated/**", "test-results/**", "next-env.d.ts", "**/*.d.mts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/no-explicit-any": "warn",
      "no-empty": ["error", { allowEmptyCatch: true }],
    },
  },
  {
    files: ["**/*.mjs", "bin/**/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly", setTimeout: "readonly", clearTimeout: "readonly", fetch: "readonly", URL: "readonly", Buffer: "readonly" } },
  },
  {
    files: ["lib/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [
          pattern(nodeBuiltins, "lib/domain is pure: no Node built-ins (it is bundled into Temporal workflows)."),
          pattern(["**/lib/server/**", "../server/*", "../../server/*", "**/lib/operators/**", "**/worker/**", "**/app/**", "@prisma/*", "**/generated/**", "next", "next/*", "@temporalio/*"], "lib/domain imports nothing but small pure libraries (ARCHITECTURE.md, Layers)."),
        ],
      }],
      "no-restricted-syntax": ["error", ...nonDeterminism],
    },
  },
  {
    files: ["workflows/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [
          pattern(nodeBuiltins, "Workflow code is deterministic: no Node built-ins."),
          pattern(["**/lib/server/**", "**/lib/operators/**", "@prisma/*", "**/generated/**", "next", "next/*", "@temporalio/client", "@temporalio/worker", "@temporalio/activity"], "Workflows import only @temporalio/workflow, lib/domain and activity TYPES."),
        ],
      }],
      "no-restricted-syntax": ["error", ...nonDeterminism],
    },
  },
  {
    files: ["workflows/**/*.ts"],
    ignores: [],
    rules: { "@typescript-eslint/consistent-type-imports": ["error", { prefer: "type-imports" }] },
  },
  {
    files: ["app/**/*.ts", "app/**/*.tsx"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [pattern(["@prisma/*", "**/generated/prisma/**", "@/generated/*", "**/worker/**", "@/worker/*", "**/lib/server/db", "@/lib/server/db"], "app/ calls lib/server services, never Prisma or the worker (STYLE.md habit 3).")],
      }],
    },
  },
  {
    files: ["lib/operators/**/*.ts", "lib/cli/**/*.ts", "lib/sdk/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [pattern(["**/lib/server/**", "../server/*", "../../server/*", "@prisma/*", "**/generated/**", "**/app/**", "**/worker/**"], "Operators, the CLI and the SDK work without a server: no lib/server, Prisma, app or worker imports.")],
      }],
    },
  },
);
