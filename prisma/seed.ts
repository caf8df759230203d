// Demo data: two new organizations (fresh unique slugs on every call), each with one
// workspace, dev/stg/prd, an owner and one user per role in a group bound at the
// workspace, and one API token per environment and role. Built through the same services
// the app uses (sign-up, groups, role bindings, token minting), so the data is what a
// real user would have made. Run with `npm run -s seed [-- --json]` (infra/seed.mjs).
//
// --json prints exactly one JSON document on stdout and nothing else there; without it,
// a readable summary. Anything else (warnings, logs) goes to stderr.
import { randomBytes, randomUUID } from "node:crypto";
import { API_TOKEN_ROLES, type ApiTokenRole } from "../lib/domain/authz";
import { hashPassword } from "../lib/server/auth/passwords";
import { checkAccess, type UserPrincipal } from "../lib/server/authz";
import { closeDb, db } from "../lib/server/db";
import { env } from "../lib/server/env";
import { addGroupMember } from "../lib/server/services/access/add-group-member";
import { createGroup } from "../lib/server/services/access/create-group";
import { createRoleBinding } from "../lib/server/services/access/create-role-binding";
import { signUp } from "../lib/server/services/accounts/sign-up";
import { DEFAULT_ENVIRONMENTS, type EnvironmentSlug } from "../lib/server/services/tenancy/create-organization";
import { createApiTokens } from "../lib/server/services/tokens/create-api-token";

// Keep stdout for the result alone, whatever a library decides to log.
for (const level of ["log", "info", "debug", "warn"] as const) console[level] = (...args: unknown[]) => console.error(...args);

type Credentials = { email: string; password: string };
type SeededOrg = {
  id: string;
  slug: string;
  workspace: { id: string };
  environments: Record<EnvironmentSlug, { id: string }>;
  users: Record<"owner" | ApiTokenRole, Credentials>;
  tokens: Record<EnvironmentSlug, Record<ApiTokenRole, string>>;
};

const GROUP_NAMES: Record<ApiTokenRole, string> = { admin: "Admins", editor: "Editors", operator: "Operators", viewer: "Viewers" };
const PEOPLE: Record<"owner" | ApiTokenRole, string> = {
  owner: "Olivia Owner",
  admin: "Adam Admin",
  editor: "Erin Editor",
  operator: "Oscar Operator",
  viewer: "Vera Viewer",
};

/** Random and long enough for the password policy; printed, so it works for logging in. */
const newPassword = () => `demo-${randomBytes(12).toString("base64url")}`;

async function seedOrganization(company: string, tag: string): Promise<SeededOrg> {
  const domain = `${company.toLowerCase()}-${tag}.example.com`;
  const credentials = (role: "owner" | ApiTokenRole): Credentials => ({ email: `${role}@${domain}`, password: newPassword() });
  const users = { owner: credentials("owner"), admin: credentials("admin"), editor: credentials("editor"), operator: credentials("operator"), viewer: credentials("viewer") };

  const [signedUp, ...hashes] = await Promise.all([
    signUp({ email: users.owner.email, name: PEOPLE.owner, password: users.owner.password, organizationName: `${company} ${tag}` }),
    ...API_TOKEN_ROLES.map((role) => hashPassword(users[role].password)),
  ]);
  const organizationId = signedUp.organization.id;
  const owner: UserPrincipal = { kind: "user", userId: signedUp.user.id, sessionId: "seed", email: signedUp.user.email, name: signedUp.user.name };

  // People join an organization by invitation; the seed writes the accepted result directly.
  const members = await db().$transaction(async (tx) => {
    const out = {} as Record<ApiTokenRole, string>;
    for (const [i, role] of API_TOKEN_ROLES.entries()) {
      const user = await tx.user.create({ data: { email: users[role].email, name: PEOPLE[role], passwordHash: hashes[i]! }, select: { id: true } });
      await tx.membership.create({ data: { organizationId, userId: user.id } });
      out[role] = user.id;
    }
    return out;
  });

  const manage = await checkAccess(owner, "group.manage", { organizationId });
  for (const role of API_TOKEN_ROLES) {
    const group = await createGroup(manage, { name: GROUP_NAMES[role], description: `Everyone with ${role} in the ${signedUp.workspace.name} workspace.` });
    await createRoleBinding(manage, { groupId: group.id, scope: { type: "workspace", workspaceId: signedUp.workspace.id }, role });
    await addGroupMember(manage, group.id, { userId: members[role] });
  }

  const requests = [];
  for (const env of DEFAULT_ENVIRONMENTS) {
    const access = await checkAccess(owner, "api_token.create", { environmentId: signedUp.environments[env.slug].id });
    for (const role of API_TOKEN_ROLES) requests.push({ access, input: { name: `demo ${env.slug} ${role}`, role, expiresInDays: 30 } });
  }
  const minted = await createApiTokens(requests);

  const environments = {} as SeededOrg["environments"];
  const tokens = {} as SeededOrg["tokens"];
  for (const env of DEFAULT_ENVIRONMENTS) {
    environments[env.slug] = { id: signedUp.environments[env.slug].id };
    tokens[env.slug] = {} as Record<ApiTokenRole, string>;
  }
  for (const token of minted) {
    const env = DEFAULT_ENVIRONMENTS.find((e) => environments[e.slug].id === token.environmentId)!.slug;
    tokens[env][token.role] = token.secret;
  }
  return { id: organizationId, slug: signedUp.organization.slug, workspace: { id: signedUp.workspace.id }, environments, users, tokens };
}

function summary(orgs: SeededOrg[]): string {
  const lines: string[] = [];
  for (const org of orgs) {
    lines.push(`Organization ${org.slug} (${org.id})`, `  workspace ${org.workspace.id}`);
    for (const env of DEFAULT_ENVIRONMENTS) lines.push(`  ${env.slug} environment ${org.environments[env.slug].id}`);
    lines.push("  Users (log in at /login):");
    for (const [role, c] of Object.entries(org.users)) lines.push(`    ${role.padEnd(9)} ${c.email.padEnd(40)} ${c.password}`);
    lines.push("  API tokens (Authorization: Bearer …), each valid for 30 days in its environment only:");
    for (const env of DEFAULT_ENVIRONMENTS)
      for (const role of API_TOKEN_ROLES) lines.push(`    ${env.slug} ${role.padEnd(9)} ${org.tokens[env.slug][role]}`);
    lines.push(`  Try: curl -H "Authorization: Bearer ${org.tokens.dev.viewer}" <app>/api/v1/environments/${org.environments.dev.id}/dags`, "");
  }
  return lines.join("\n");
}

class Unreachable extends Error {}

/** One cheap query first, so a stopped database gets a message a person can act on. */
async function ensureDatabase() {
  try {
    await db().$queryRaw`SELECT 1`;
  } catch {
    const url = new URL(env().DATABASE_URL);
    throw new Unreachable(`seed: cannot reach PostgreSQL at ${url.hostname}:${url.port || 5432}. Start Windsock with \`npm start\` first, or set DATABASE_URL.`);
  }
}

async function main() {
  const json = process.argv.slice(2).includes("--json");
  await ensureDatabase();
  const tag = randomUUID().slice(0, 6);
  const orgs = await Promise.all([seedOrganization("Acme", tag), seedOrganization("Globex", tag)]);
  process.stdout.write(json ? `${JSON.stringify({ orgs }, null, 2)}\n` : `${summary(orgs)}\n`);
}

main()
  .then(closeDb)
  .catch(async (error: unknown) => {
    console.error(error instanceof Unreachable ? error.message : `seed failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await closeDb().catch(() => undefined);
    process.exitCode = 1;
  });
