import type { ActivityDeps } from "./index";

export function createPingActivities({ db }: ActivityDeps) {
  return {
    async ping(message: string): Promise<{ message: string; databaseTime: string }> {
      const rows = await db.$queryRaw<{ now: Date }[]>`SELECT now() AS now`;
      return { message, databaseTime: rows[0].now.toISOString() };
    },
  };
}
