"use server";
// Log out: revoke this session's row (the JWT is refused from the next request on, even
// if a copy survives), then clear the cookie. For the app shell's "Log out" button.
import { signOut } from "@/lib/server/auth/next-auth";
import { logOut } from "@/lib/server/services/accounts/log-out";
import { actionAccess } from "@/lib/server/authz";

export async function logOutAction(): Promise<void> {
  const access = await actionAccess("account.update", undefined);
  if (access.principal.kind === "user") await logOut(access.principal, access.request);
  await signOut({ redirectTo: "/login?notice=logged-out" });
}
