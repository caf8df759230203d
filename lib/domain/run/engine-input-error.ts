// Thrown when the engine is handed something that breaks its contract (an unknown task id,
// a skip list naming a task that is not downstream, a graph with a cycle). Stale or late
// events are NOT errors: applyEvent ignores them and says why in `ignored`.
export class EngineInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EngineInputError";
  }
}
