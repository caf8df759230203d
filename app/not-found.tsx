import type { Metadata } from "next";
import { StatusPage } from "./_components/status-page";

export const metadata: Metadata = { title: "Not found" };

// The same page for a missing address and for something you may not see: telling them
// apart would tell strangers what exists.
export default function NotFound() {
  return (
    <StatusPage
      standalone
      code="404"
      title="We couldn't find that page"
      body={<p>It may not exist, or your account may not have access to it. Check the address, or ask an admin of the organization to add you to a group.</p>}
    />
  );
}
