"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "../../_components/ui";
import { useTRPC } from "../../_lib/trpc";

/** Shows the secret iCal address on request, copies it, and can replace it if it leaked. */
export function CalendarFeed() {
  const trpc = useTRPC();
  const [copied, setCopied] = useState(false);
  const feed = useMutation(trpc.scheduling.feed.mutationOptions());
  const rotate = useMutation(trpc.scheduling.rotateFeed.mutationOptions({ onSuccess: () => feed.reset() }));
  const url = rotate.data?.url ?? feed.data?.url;
  return (
    <div className="space-y-3 text-sm">
      <p className="text-slate-700">Subscribe in Outlook, Google or Apple Calendar to see your beamtime there. The address is secret: anyone with it can read your bookings.</p>
      {url ? (
        <>
          <label htmlFor="feed-url" className="block font-medium text-slate-800">Calendar address</label>
          <input id="feed-url" readOnly value={url} className="block w-full rounded-md border border-slate-300 bg-slate-50 px-2 py-1.5 font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
          <div className="flex flex-wrap gap-2">
            <Button type="button" variant="secondary" onClick={async () => { await navigator.clipboard?.writeText(url); setCopied(true); }}>{copied ? "Copied" : "Copy"}</Button>
            <a className="inline-flex items-center rounded-md px-3 py-2 font-medium text-brand-700 underline" href={url}>Download .ics</a>
            <Button type="button" variant="ghost" disabled={rotate.isPending} onClick={() => rotate.mutate()}>Replace the address</Button>
          </div>
          {rotate.data ? <p role="status" className="text-emerald-800">A new address replaced the old one, which no longer works.</p> : null}
        </>
      ) : (
        <Button type="button" disabled={feed.isPending} onClick={() => feed.mutate()}>Show my calendar address</Button>
      )}
      {feed.error || rotate.error ? <p role="alert" className="text-red-700">{(feed.error ?? rotate.error)!.message}</p> : null}
    </div>
  );
}
