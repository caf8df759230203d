// Builds a signed-up user with one call: their organization (Owners group, owner binding),
// first workspace and dev/stg/prd environments, exactly as the sign-up page does.
import { randomUUID } from "node:crypto";
import { signUp, type SignUpResult } from "../../lib/server/services/accounts/sign-up";

export const FACTORY_PASSWORD = "correct horse battery staple";

export type SignedUpUser = SignUpResult & { password: string };

export async function signUpUser(overrides: { email?: string; name?: string; password?: string; organizationName?: string } = {}): Promise<SignedUpUser> {
  const tag = randomUUID().slice(0, 8);
  const password = overrides.password ?? FACTORY_PASSWORD;
  const result = await signUp({
    email: overrides.email ?? `user-${tag}@example.com`,
    name: overrides.name ?? `Test User ${tag}`,
    password,
    organizationName: overrides.organizationName ?? `Org ${tag}`,
  });
  return { ...result, password };
}
