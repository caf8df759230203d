// Edit or delete one variable (editor). A secret value is never sent to the page.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { pageAccess } from "@/lib/server/authz";
import { AppError } from "@/lib/server/errors";
import { getVariable } from "@/lib/server/services/variables/get-variable";
import { PageHeader, Section } from "@/app/_components/page-header";
import { DeleteButton } from "../../connections/_components/delete-button";
import { deleteVariableAction } from "../actions";
import { VariableForm } from "../_components/variable-form";
import { routeParam, routeParamText } from "@/app/_lib/route-param";

type Props = { params: Promise<{ org: string; ws: string; env: string; key: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: routeParamText((await params).key) };
}

export default async function VariablePage({ params }: Props) {
  const { org, ws, env, key } = await params;
  const access = await pageAccess("variable.write", { orgSlug: org, workspaceSlug: ws, envSlug: env });
  const scope = { orgSlug: access.organization.slug, workspaceSlug: access.workspace.slug, envSlug: access.environment.slug };
  const base = `/o/${scope.orgSlug}/w/${scope.workspaceSlug}/e/${scope.envSlug}/variables`;
  let v;
  try {
    v = await getVariable(access, routeParam(key));
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
  return (
    <main className="mx-auto w-full max-w-3xl px-4 py-8 sm:px-6">
      <PageHeader
        eyebrow={
          <Link href={base} className="text-sm text-slate-500 hover:text-slate-800 dark:text-slate-400 dark:hover:text-slate-200">
            ← Variables
          </Link>
        }
        title={v.key}
        description={v.is_secret ? "Secret: its value is encrypted and never shown." : v.description ?? undefined}
      />
      <div className="mt-6 space-y-6">
        <Section title="Settings">
          <VariableForm scope={scope} initial={{ key: v.key, value: v.is_secret ? null : v.value, description: v.description, is_secret: v.is_secret }} />
        </Section>
        <Section title="Delete">
          <DeleteButton what={v.key} consequence={`Tasks in ${scope.envSlug} that read var.${v.key} will fail.`} onDelete={deleteVariableAction.bind(null, scope, v.key)} />
        </Section>
      </div>
    </main>
  );
}
