"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Button } from "../../../_components/ui";
import { useTRPC } from "../../../_lib/trpc";

export function SendAgreementButton({ requestId }: { requestId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const send = useMutation(trpc.agreements.send.mutationOptions({ onSuccess: (r) => router.push(`/agreements/${r.id}`) }));
  return (
    <div className="space-y-2">
      {send.error ? <p role="alert" className="text-sm text-red-700">{send.error.message}</p> : null}
      <Button type="button" disabled={send.isPending} onClick={() => send.mutate({ requestId })}>{send.isPending ? "Sending…" : "Send the agreement for signature"}</Button>
    </div>
  );
}
