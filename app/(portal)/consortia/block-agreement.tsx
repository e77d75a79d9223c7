"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Button } from "../../_components/ui";
import { useTRPC } from "../../_lib/trpc";

/** The lead (or the facility's staff) sends the block's consortium agreement to every member and the facility. */
export function SendBlockAgreementButton({ blockId, again }: { blockId: string; again: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const send = useMutation(trpc.agreements.sendForBlock.mutationOptions({ onSuccess: (r) => router.push(`/agreements/${r.id}`) }));
  return (
    <div className="space-y-2">
      <Button type="button" disabled={send.isPending} onClick={() => send.mutate({ blockId })}>{send.isPending ? "Sending…" : again ? "Send a new consortium agreement" : "Send the consortium agreement for signature"}</Button>
      {send.error ? <p role="alert" className="text-sm text-red-700">{send.error.message}</p> : null}
    </div>
  );
}
