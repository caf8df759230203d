// Everything inside one environment: its header (with a production warning strip in
// prd) and its sections. Gated here too, because a layout renders even when its page
// is refused.
import { pageAccess } from "@/lib/server/authz";
import { EnvBadge, isProduction } from "@/app/_components/env-badge";
import { EnvironmentTabs } from "./environment-tabs";

type Props = { children: React.ReactNode; params: Promise<{ org: string; ws: string; env: string }> };

export default async function EnvironmentLayout({ children, params }: Props) {
  const { org, ws, env } = await params;
  const access = await pageAccess("environment.read", { orgSlug: org, workspaceSlug: ws, envSlug: env });
  const base = `/o/${access.organization.slug}/w/${access.workspace.slug}/e/${access.environment.slug}`;
  const production = isProduction(access.environment.slug);
  return (
    <>
      {production ? (
        <div role="note" className="bg-red-600 px-4 py-1.5 text-center text-xs font-medium text-white dark:bg-red-700">
          Production — runs and changes here affect live pipelines.
        </div>
      ) : null}
      <div className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-950">
        <div className="mx-auto w-full max-w-6xl px-4 sm:px-6">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1 pt-5">
            <p className="text-sm text-slate-500 dark:text-slate-400">{access.workspace.name}</p>
            <EnvBadge slug={access.environment.slug} />
            <p className="text-sm text-slate-500 dark:text-slate-400">{access.environment.name}</p>
            <span className="ml-auto rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-medium text-slate-600 dark:bg-slate-800 dark:text-slate-300">
              Your role: {access.role}
            </span>
          </div>
          <EnvironmentTabs base={base} role={access.role} />
        </div>
      </div>
      {children}
    </>
  );
}
