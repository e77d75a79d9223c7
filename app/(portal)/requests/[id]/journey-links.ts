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
