// next-auth's own endpoints (session, csrf, providers, callback). Public by nature: login
// itself goes through the server actions of app/(auth)/, which call signIn().
import { handlers } from "@/lib/server/auth/next-auth";

export const { GET, POST } = handlers;
