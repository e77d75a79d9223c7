"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button, Notice } from "../../../_components/ui";
import { useTRPC } from "../../../_lib/trpc";

/** Leaving asks once more, then ends every role the person holds here; a refusal (the last manager) is shown beside the button. */
export function LeaveOrganisationButton({ organisationId, organisationName }: { organisationId: string; organisationName: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const leave = useMutation(
    trpc.organisations.leave.mutationOptions({
      onSuccess: () => {
        router.push("/organisations");
        router.refresh();
      },
      onError: (e) => setError(e.message),
    }),
  );
  if (!confirming) {
    return <Button variant="secondary" type="button" onClick={() => { setError(null); setConfirming(true); }}>Leave {organisationName}</Button>;
  }
  return (
    <div className="space-y-3">
      {error ? <Notice tone="danger">{error}</Notice> : null}
      <p className="text-sm text-slate-700">
        You will no longer see {organisationName}&apos;s requests, bookings, agreements or invoices, nor get its emails. To come back you need a new invitation.
      </p>
      <div className="flex gap-2">
        <Button variant="danger" type="button" disabled={leave.isPending} onClick={() => leave.mutate({ organisationId })}>{leave.isPending ? "Leaving…" : "Yes, leave"}</Button>
        <Button variant="ghost" type="button" onClick={() => setConfirming(false)}>Cancel</Button>
      </div>
    </div>
  );
}
