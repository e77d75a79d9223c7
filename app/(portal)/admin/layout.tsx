import type { ReactNode } from "react";
import { Notice, PageHeader } from "../../_components/ui";
import { canAdminister } from "./can-administer";

/** Admin pages say plainly who they are for, rather than failing on the first query. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  if (!(await canAdminister())) {
    return (
      <>
        <PageHeader title="Administration" />
        <Notice tone="warning" title="This area is for facility and platform admins">
          Your role does not include administration. If you need access, ask your organisation&apos;s admin or the Lodestone team.
        </Notice>
      </>
    );
  }
  return children;
}
