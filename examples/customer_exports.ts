// One DAG per customer, generated in a loop, each at its own stable minute past the hour so
// they don't all start at once. `windsock dags validate examples/customer_exports.ts` checks
// all of them; `--dag-id export_acme` picks one.
import { chain, dag, duration, spreadSchedule } from "windsock/sdk";

const customers = ["acme", "globex", "initech", "umbrella"];

export default customers.map((customer) =>
  dag(
    {
      dag_id: `export_${customer}`,
      description: `Hourly export for ${customer}`,
      schedule: spreadSchedule(customer),
      start_date: "2024-01-01T00:00:00Z",
      tags: ["exports", customer],
      default_args: { retries: 2, retry_delay: duration({ minutes: 2 }) },
    },
    (t) => {
      const ready = t.http_sensor("source_ready", {
        endpoint: `https://api.example.com/${customer}/ready`,
        poke_interval: duration({ minutes: 1 }),
        timeout: duration({ minutes: 20 }),
        mode: "reschedule",
      });
      const extract = t.script("extract", {
        code: "export default async (ctx) => ({ customer: ctx.args.customer, hour: ctx.data_interval_start })",
        args: { customer },
      });
      t.group("load", { tooltip: "Upload and announce" }, (g) => {
        const upload = g.http("upload", { endpoint: `https://files.example.com/${customer}`, method: "PUT" });
        const announce = g.notify("announce", { channel: "webhook", url: "https://hooks.example.com/exports", message: `export for ${customer} done` });
        chain(extract, upload, announce);
      });
      chain(ready, extract);
    },
  ),
);
