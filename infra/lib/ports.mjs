// Port helpers shared by `npm start`, `npm test` and `npm run bench`.
import net from "node:net";

export function isPortFree(port, host = "127.0.0.1") {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Fails with a message that names the variable to change when a port is taken. */
export async function requireFreePort(port, variable, what) {
  if (!(await isPortFree(port))) {
    throw new UserFacingError(
      `Port ${port} (${what}) is already in use. Stop whatever is using it, or choose another port: ${variable}=<port> npm start`,
    );
  }
}

export function waitForPort(port, { host = "127.0.0.1", timeoutMs = 60_000, isAlive = () => true } = {}) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (!isAlive()) return reject(new Error(`process exited before listening on port ${port}`));
      const socket = net.connect({ port, host });
      socket.once("connect", () => {
        socket.destroy();
        resolve();
      });
      socket.once("error", () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`nothing listened on ${host}:${port} within ${timeoutMs / 1000}s`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

/** An error whose message is meant for the person at the terminal: printed without a stack. */
export class UserFacingError extends Error {}
