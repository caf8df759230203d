// The permission table (lib/domain/authz) as people read it: who may do what, at which level.
import type { Metadata } from "next";
import { PERMISSIONS, ROLE_LABELS, ROLES, roleAtLeast, type Permission, type Role } from "@/lib/domain/authz";
import { pageAccess } from "@/lib/server/authz";
import { Section } from "@/app/_components/page-header";
import { RoleBadge } from "../_people/role-badge";

export const metadata: Metadata = { title: "Roles and permissions" };

type Props = { params: Promise<{ org: string }> };

const LEVELS = [
  { level: "organization", title: "Organization", description: "Checked against a role on the whole organization." },
  { level: "workspace", title: "Workspace", description: "Checked against a role on the workspace or the organization." },
  { level: "environment", title: "Environment", description: "Checked against a role on the environment, its workspace or the organization." },
] as const;

export default async function RolesPage({ params }: Props) {
  const { org } = await params;
  await pageAccess("group.read", { orgSlug: org });
  return (
    <>
      <Section id="roles" title="Roles" description="Each role includes everything the roles before it may do. People get roles only through groups.">
        <dl className="grid gap-3 sm:grid-cols-2">
          {ROLES.map((r) => (
            <div key={r} className="rounded-lg border border-slate-200 p-3 dark:border-slate-800">
              <dt>
                <RoleBadge role={r} />
              </dt>
              <dd className="mt-1.5 text-sm text-slate-600 dark:text-slate-400">{ROLE_LABELS[r].summary}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-4 text-sm text-slate-600 dark:text-slate-400">
          Binding a group to a role needs the admin role on that scope (or a wider one), and nobody grants a role above their own: an admin never makes anyone an
          owner.
        </p>
      </Section>
      {LEVELS.map(({ level, title, description }) => {
        const rows = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => PERMISSIONS[p].level === level && PERMISSIONS[p].minRole !== null);
        const roles: Role[] = level === "organization" ? [...ROLES] : ROLES.filter((r) => r !== "owner");
        return (
          <Section key={level} id={`permissions-${level}`} title={`${title} permissions`} description={description}>
            <div className="relative -mx-5 overflow-x-auto sm:-mx-6">
              <table className="w-full text-left text-sm">
                <thead className="border-y border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400">
                  <tr>
                    <th scope="col" className="px-5 py-2.5 font-medium sm:px-6">
                      Permission
                    </th>
                    {roles.map((r) => (
                      <th key={r} scope="col" className="px-2 py-2.5 text-center font-medium">
                        {ROLE_LABELS[r].label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
                  {rows.map((p) => (
                    <tr key={p}>
                      <th scope="row" className="px-5 py-2.5 font-normal sm:px-6">
                        <span className="block text-slate-900 dark:text-slate-100">{PERMISSIONS[p].description}</span>
                        <code className="text-xs text-slate-500 dark:text-slate-400">{p}</code>
                      </th>
                      {roles.map((r) => {
                        const allowed = roleAtLeast(r, PERMISSIONS[p].minRole!);
                        return (
                          <td key={r} className="px-2 py-2.5 text-center">
                            {allowed ? (
                              <svg aria-label="Allowed" role="img" viewBox="0 0 20 20" fill="currentColor" className="mx-auto h-4 w-4 text-emerald-600 dark:text-emerald-400">
                                <path fillRule="evenodd" d="M16.704 4.153a.75.75 0 0 1 .143 1.052l-8 10.5a.75.75 0 0 1-1.127.075l-4.5-4.5a.75.75 0 0 1 1.06-1.06l3.894 3.893 7.48-9.817a.75.75 0 0 1 1.05-.143Z" clipRule="evenodd" />
                              </svg>
                            ) : (
                              <span aria-label="Not allowed" role="img" className="text-slate-300 dark:text-slate-600">
                                –
                              </span>
                            )}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Section>
        );
      })}
    </>
  );
}
