import type { Metadata } from "next";
import { StatusPage } from "./_components/status-page";

export const metadata: Metadata = { title: "Not allowed" };

export default function Forbidden() {
  return (
    <StatusPage
      standalone
      code="403"
      title="You don't have permission to do this"
      body={<p>Your role here does not allow this page or action. Ask an admin of the organization to add you to a group with a higher role.</p>}
    />
  );
}
