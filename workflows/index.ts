// Entry point bundled by the worker (Temporal's webpack bundler). Deterministic code
// only: lint forbids Node built-ins, Date, Math.random and I/O in workflows/.
export { pingWorkflow } from "./ping";
export { testConnectionWorkflow } from "./test-connection";
export { dagRunWorkflow } from "./dag-run";
