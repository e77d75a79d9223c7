import type { ChainLink } from "../../../_components/journey-chain";

type Billing = { quote: { state: string } | null; invoices: { id: string; kind: string; paymentState: string }[] } | null;
type Samples = { samples: { status: string }[] } | null;

/** The samples link of the journey chain, from the request's registered samples. */
export function samplesLink(requestId: string, data: Samples): ChainLink {
  const samples = data?.samples ?? [];
  const href = data ? `/requests/${requestId}/samples` : undefined;
  if (samples.length === 0) return { label: "Samples", state: "not-started", status: data ? "None registered" : "Not started", href };
  const stored = samples.filter((s) => s.status === "STORED" || s.status === "RECEIVED").length;
  if (stored === samples.length) return { label: "Samples", state: "done", status: `${stored} at the facility`, href };
  if (samples.some((s) => s.status === "DISPATCHED")) return { label: "Samples", state: "current", status: "On their way", href };
  return { label: "Samples", state: "waiting", status: `${samples.length} registered`, href };
}

/** The invoice link: quoted, invoiced and unpaid, paid. */
export function invoiceLink(requestId: string, billing: Billing): ChainLink {
  const invoice = billing?.invoices.filter((i) => i.kind === "INVOICE").at(-1);
  if (invoice) {
    const href = `/invoices/${invoice.id}`;
    if (invoice.paymentState === "PAID") return { label: "Invoice", state: "done", status: "Paid", href };
    if (invoice.paymentState === "PAYMENT_FAILED") return { label: "Invoice", state: "blocked", status: "Payment failed", href };
    if (invoice.paymentState === "REFUNDED") return { label: "Invoice", state: "done", status: "Refunded", href };
    return { label: "Invoice", state: "waiting", status: "Unpaid", href };
  }
  if (billing?.quote && billing.quote.state === "ACTIVE") return { label: "Invoice", state: "current", status: "Quoted", href: `/requests/${requestId}#billing` };
  return { label: "Invoice", state: "not-started", status: "Not started" };
}

type Runs = { id: string; reference: string; state: string; pipelines: { id: string; reference: string; state: string }[] }[];

/** The run link: the request's newest run, open or closed. */
export function runLink(runs: Runs): ChainLink {
  const run = runs[0];
  if (!run) return { label: "Run", state: "not-started", status: "Not started" };
  return { label: "Run", state: run.state === "OPEN" ? "current" : "done", status: `${run.reference} ${run.state === "OPEN" ? "open" : "closed"}`, href: `/runs/${run.id}` };
}

/** The pipeline link: the newest pipeline of the newest run that has one. */
export function pipelineLink(runs: Runs): ChainLink {
  const pipeline = runs.flatMap((r) => r.pipelines)[0];
  if (!pipeline) return { label: "Pipeline", state: "not-started", status: runs.length ? "Not started" : "After the run" };
  const href = `/pipelines/${pipeline.id}`;
  if (pipeline.state === "SUCCEEDED") return { label: "Pipeline", state: "done", status: "Results ready", href };
  if (pipeline.state === "FAILED") return { label: "Pipeline", state: "blocked", status: "A step failed", href };
  if (pipeline.state === "CANCELLED") return { label: "Pipeline", state: "blocked", status: "Cancelled", href };
  return { label: "Pipeline", state: "current", status: "Running", href };
}
