// THE COMMAND REGISTRY. To add a command: create lib/cli/commands/<group>-<verb>.ts that
// exports a `Command`, then add one line below. Nothing else needs to change.
import type { Command } from "../command";
import { dagsBuild } from "./dags-build";
import { dagsDeploy } from "./dags-deploy";
import { dagsNextRuns } from "./dags-next-runs";
import { dagsShow } from "./dags-show";
import { dagsValidate } from "./dags-validate";
import { dagsTest } from "./dags-test";
import { tasksTest } from "./tasks-test";

export const COMMANDS: Command[] = [
  dagsValidate,
  dagsNextRuns,
  dagsShow,
  dagsBuild,
  dagsTest,
  tasksTest,
  dagsDeploy,
];
