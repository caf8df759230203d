// Prisma CLI configuration. The CLI runs its WASM schema engine through the pg
// driver adapter, so nothing is downloaded (see docs/decisions/0002-prisma-6-19-offline.md).
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

export default defineConfig({
  schema: "prisma/schema.prisma",
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set: run migrations through `npm run db:migrate`.");
    return new PrismaPg({ connectionString });
  },
});
