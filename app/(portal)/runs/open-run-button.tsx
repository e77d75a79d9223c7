"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Button } from "../../_components/ui";
import { useTRPC } from "../../_lib/trpc";

/** Staff open a booking's run and go straight to its logbook. */
export function OpenRunButton({ bookingId, sessionId, label }: { bookingId: string; sessionId: string | null; label: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const open = useMutation(trpc.runs.open.mutationOptions({ onSuccess: (run) => router.push(`/runs/${run.id}`) }));
  return (
    <div className="space-y-1">
      <Button type="button" disabled={open.isPending} onClick={() => open.mutate({ bookingId, sessionId })} aria-label={label}>
        {open.isPending ? "Opening…" : "Open the run"}
      </Button>
      {open.error ? <p role="alert" className="text-sm text-red-700">{open.error.message}</p> : null}
    </div>
  );
}
