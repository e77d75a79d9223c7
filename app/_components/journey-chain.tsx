import clsx from "clsx";
import Link from "next/link";

export type LinkState = "done" | "current" | "waiting" | "blocked" | "not-started";

export interface ChainLink {
  label: string;
  state: LinkState;
  /** What the link says about itself, e.g. "Approved" or "Not started". */
  status: string;
  href?: string;
}

const marks: Record<LinkState, string> = { done: "✓", current: "●", waiting: "…", blocked: "!", "not-started": "○" };
const tones: Record<LinkState, string> = {
  done: "border-emerald-300 bg-emerald-50 text-emerald-900",
  current: "border-brand-600 bg-brand-50 text-brand-900",
  waiting: "border-amber-300 bg-amber-50 text-amber-900",
  blocked: "border-red-300 bg-red-50 text-red-900",
  "not-started": "border-slate-200 bg-white text-slate-600",
};

/**
 * The whole journey of one experiment as one horizontal chain: request,
 * agreement, samples, booking, run, pipeline, passport, invoice. Each link
 * shows its state in words and a mark, never by colour alone.
 */
export function JourneyChain({ links }: { links: ChainLink[] }) {
  return (
    <nav aria-label="Journey of this experiment" className="overflow-x-auto">
      <ol className="flex min-w-max items-stretch gap-1 text-xs">
        {links.map((link, i) => {
          const body = (
            <span className={clsx("flex h-full flex-col rounded-md border px-3 py-2", tones[link.state])}>
              <span className="font-semibold"><span aria-hidden="true">{marks[link.state]} </span>{link.label}</span>
              <span>{link.status}</span>
            </span>
          );
          return (
            <li key={link.label} className="flex items-center gap-1" aria-current={link.state === "current" ? "step" : undefined}>
              {link.href ? <Link href={link.href} className="h-full">{body}</Link> : body}
              {i < links.length - 1 ? <span aria-hidden="true" className="text-slate-400">→</span> : null}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
