// Deploy a DAG from the browser: paste, type or upload a file; it is validated as you type.
// Editors only (dag.deploy); ?from=<dag_id> starts from that DAG's current file.
import type { Metadata } from "next";
import Link from "next/link";
import { pageAccess } from "@/lib/server/authz";
import { AppError } from "@/lib/server/errors";
import { getDag } from "@/lib/server/services/dags/get-dag";
import { getDagVersionFile } from "@/lib/server/services/dags/list-dag-versions";
import { PageHeader } from "@/app/_components/page-header";
import { DagEditor } from "./dag-editor";

export const metadata: Metadata = { title: "Deploy DAG" };

type Props = { params: Promise<{ org: string; ws: string; env: string }>; searchParams: Promise<{ from?: string }> };

const STARTER = `dag_id: my_first_dag
description: Fetch yesterday's orders and count them
schedule: "0 6 * * *"
start_date: "2024-01-01T00:00:00Z"
catchup: false
tags: [example]
params:
  region:
    type: string
    enum: [eu, us]
    default: eu
tasks:
  - task_id: start
    operator: empty
  - task_id: summarize
    operator: script
    upstream: [start]
    code: |
      export default async (ctx) => {
        console.log("region", ctx.params.region);
        return { ok: true };
      };
`;

export default async function DeployDagPage({ params, searchParams }: Props) {
  const { org, ws, env } = await params;
  const { from } = await searchParams;
  const access = await pageAccess("dag.deploy", { orgSlug: org, workspaceSlug: ws, envSlug: env });
  const scope = { orgSlug: access.organization.slug, workspaceSlug: access.workspace.slug, envSlug: access.environment.slug };
  const base = `/o/${scope.orgSlug}/w/${scope.workspaceSlug}/e/${scope.envSlug}/dags`;
  let initial = STARTER;
  if (from) {
    try {
      const dag = await getDag(access, from);
      initial = (await getDagVersionFile(access, from, String(dag.version_number))).raw_file;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
    }
  }
  return (
    <main className="mx-auto w-full max-w-6xl px-4 py-8 sm:px-6">
      <nav aria-label="Breadcrumb" className="mb-3 text-sm text-slate-500 dark:text-slate-400">
        <Link href={base} className="hover:text-slate-800 hover:underline dark:hover:text-slate-200">
          DAGs
        </Link>{" "}
        / Deploy
      </nav>
      <PageHeader
        title={from ? `Edit ${from}` : "Deploy a DAG"}
        description="One DAG per file, YAML or JSON. Each distinct spec becomes a new version; deploying an identical one changes nothing."
      />
      <DagEditor scope={scope} base={base} initialText={initial} envSlug={scope.envSlug} />
    </main>
  );
}
