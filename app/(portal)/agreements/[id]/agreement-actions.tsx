"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Button } from "../../../_components/ui";
import { useTRPC } from "../../../_lib/trpc";

/** Emails the parties that have not answered; the server allows it once a day per party. */
export function RemindButton({ agreementId, waitingFor }: { agreementId: string; waitingFor: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const remind = useMutation(trpc.agreements.remind.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div className="space-y-2">
      <Button type="button" variant="secondary" disabled={remind.isPending} onClick={() => remind.mutate({ agreementId })}>{remind.isPending ? "Sending reminder…" : `Remind ${waitingFor}`}</Button>
      {remind.data ? <p role="status" className="text-sm text-emerald-800">Reminder sent to {remind.data.signatories} signator{remind.data.signatories === 1 ? "y" : "ies"} of {remind.data.reminded.join(" and ")}.</p> : null}
      {remind.error ? <p role="alert" className="text-sm text-red-700">{remind.error.message}</p> : null}
    </div>
  );
}

/** While the job seals the PDF, look again every few seconds (it takes well under a minute). */
export function SealingProgress() {
  const router = useRouter();
  const [tries, setTries] = useState(0);
  useEffect(() => {
    if (tries >= 40) return;
    const timer = setTimeout(() => {
      router.refresh();
      setTries((n) => n + 1);
    }, 3000);
    return () => clearTimeout(timer);
  }, [router, tries]);
  return (
    <p role="status" className="flex items-center gap-2 text-sm text-slate-700">
      <span aria-hidden className="inline-block h-3 w-3 animate-spin rounded-full border-2 border-brand-600 border-t-transparent" />
      {tries >= 40 ? "The sealed PDF is taking longer than usual; reload this page in a minute." : "Sealing: the PDF with the signature page and audit trail is being made…"}
    </p>
  );
}
