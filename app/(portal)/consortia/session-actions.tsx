"use client";

import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "../../_components/ui";
import { useTRPC } from "../../_lib/trpc";

const messageOf = (error: unknown) => (error instanceof TRPCClientError ? error.message : "The portal could not be reached. Check your connection and try again.");

/** Cancel: for the member's own sessions and, for the lead, any session that has not started. */
export function CancelSessionButton({ sessionId, what }: { sessionId: string; what: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const cancel = useMutation(trpc.consortia.cancelSession.mutationOptions());
  // Until the refreshed page arrives, say it is done rather than offering the button again.
  if (cancel.isSuccess) return <span role="status" className="text-sm text-slate-700">Cancelled</span>;
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <Button
        type="button"
        variant="secondary"
        className="px-2.5 py-1"
        disabled={cancel.isPending}
        onClick={async () => {
          setError(null);
          try {
            await cancel.mutateAsync({ sessionId });
            router.refresh();
          } catch (e) {
            setError(messageOf(e));
          }
        }}
      >
        {cancel.isPending ? "Cancelling…" : "Cancel"}
        <span className="sr-only"> the session {what}</span>
      </Button>
      {error ? <span role="alert" className="text-sm font-medium text-red-700">{error}</span> : null}
    </span>
  );
}

/** The lead's Approve / Decline for a session waiting for approval. */
export function DecideSessionButtons({ sessionId, what }: { sessionId: string; what: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const decide = useMutation(trpc.consortia.decideSession.mutationOptions());
  const run = async (decision: "APPROVE" | "DECLINE") => {
    setError(null);
    try {
      await decide.mutateAsync({ sessionId, decision });
      router.refresh();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  if (decide.isSuccess) return <span role="status" className="text-sm text-slate-700">{decide.variables?.decision === "APPROVE" ? "Approved" : "Declined"}</span>;
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <span className="flex gap-2">
        <Button type="button" className="px-2.5 py-1" disabled={decide.isPending} onClick={() => run("APPROVE")}>
          Approve<span className="sr-only"> the session {what}</span>
        </Button>
        <Button type="button" variant="secondary" className="px-2.5 py-1" disabled={decide.isPending} onClick={() => run("DECLINE")}>
          Decline<span className="sr-only"> the session {what}</span>
        </Button>
      </span>
      {error ? <span role="alert" className="text-sm font-medium text-red-700">{error}</span> : null}
    </span>
  );
}
