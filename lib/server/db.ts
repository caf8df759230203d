// The one PrismaClient of a process (query compiler + pg driver adapter; no Rust engine).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../generated/prisma/client";
import { env } from "./env";

export type Db = PrismaClient;

const globalForDb = globalThis as unknown as { windsockDb?: PrismaClient };

export function db(): PrismaClient {
  globalForDb.windsockDb ??= new PrismaClient({
    adapter: new PrismaPg({ connectionString: env().DATABASE_URL, max: 10 }),
  });
  return globalForDb.windsockDb;
}

export async function closeDb(): Promise<void> {
  await globalForDb.windsockDb?.$disconnect();
  globalForDb.windsockDb = undefined;
}
