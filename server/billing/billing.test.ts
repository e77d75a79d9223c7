import { describe, expect, it } from "vitest";
import { createMember, callerFor, testDb } from "../testing/fixtures";
import { createAwaitingDecision, createBillingWorld, createRunBooking } from "./test-world";

const db = testDb();

async function approved(w: Awaited<ReturnType<typeof createBillingWorld>>, shifts = 6) {
  const { request, applicant } = await createAwaitingDecision(db, w);
  await callerFor(w.admin).accessRequests.decide({ requestId: request.id, approve: true, shifts, note: "Approved at the SME rate." });
  return { request, applicant };
}

const ledger = (programmeId: string) => db.subsidyEntry.findMany({ where: { programmeId }, orderBy: { id: "asc" } });

describe("quotes at approval and the subsidy ledger", () => {
  it("approval quotes 6 shifts + 3 samples prepared at the frozen rates and reserves 75 % for the SME", async () => {
    const w = await createBillingWorld(db);
    const { request, applicant } = await approved(w);
    const quote = await db.quote.findUniqueOrThrow({ where: { requestId: request.id } });
    // 6 × £3,200 + 3 × £150 = £19,650; 75 % = £14,737.50; SME pays £4,912.50 + 20 % VAT £982.50.
    expect(quote).toMatchObject({ currency: "GBP", fullCostMinor: 1_965_000, subsidyMinor: 1_473_750, netMinor: 491_250, vatMinor: 98_250, totalMinor: 589_500, paymentTerms: "PURCHASE_ORDER", programmeId: w.programme.id });
    expect(await ledger(w.programme.id)).toMatchObject([{ kind: "RESERVED", amountMinor: 1_473_750n, organisationId: applicant.memberships[0]!.organisationId }]);
    expect(await db.programme.findUniqueOrThrow({ where: { id: w.programme.id } })).toMatchObject({ reservedMinor: 1_473_750n, spentMinor: 0n });
    // The payer and the facility see the quote; another organisation is told it does not exist.
    await expect(callerFor(applicant).billing.forRequest({ requestId: request.id })).resolves.toMatchObject({ quote: { reference: quote.reference }, isPayer: true });
    await expect(callerFor(await createMember(db, "APPLICANT")).billing.forRequest({ requestId: request.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("20 subsidised approvals at once against a budget for 10: exactly 10 reservations, and the budget never goes below zero", async () => {
    // Each request: 1 shift + 3 samples = £3,650 full cost; 75 % = £2,737.50. The budget covers exactly 10.
    const w = await createBillingWorld(db, { budgetMinor: 2_737_500n, capMinor: 1_000_000n });
    const requests = await Promise.all(Array.from({ length: 20 }, () => createAwaitingDecision(db, w)));
    const results = await Promise.allSettled(requests.map(({ request }) => callerFor(w.admin).accessRequests.decide({ requestId: request.id, approve: true, shifts: 1, note: "Approved." })));
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const entries = await ledger(w.programme.id);
    expect(entries).toHaveLength(10);
    expect(entries.every((e) => e.kind === "RESERVED" && e.amountMinor === 273_750n)).toBe(true);
    expect(await db.programme.findUniqueOrThrow({ where: { id: w.programme.id } })).toMatchObject({ reservedMinor: 2_737_500n });
    const quotes = await db.quote.findMany({ where: { requestId: { in: requests.map((r) => r.request.id) } } });
    expect(quotes.filter((q) => q.subsidyMinor === 273_750)).toHaveLength(10);
    expect(quotes.filter((q) => q.subsidyMinor === 0 && q.subsidyLimitedBy === "budget")).toHaveLength(10);
    // The database itself refuses an overdraft.
    await expect(db.$executeRaw`UPDATE "Programme" SET "reservedMinor" = "reservedMinor" + 1 WHERE id = ${w.programme.id}`).rejects.toThrow(/programme_within_budget/);
  });

  it("the cap per organisation limits one SME's subsidy across its requests", async () => {
    const w = await createBillingWorld(db, { capMinor: 2_000_000n });
    const { request, applicant } = await approved(w);
    const second = await createAwaitingDecision(db, w, applicant);
    await callerFor(w.admin).accessRequests.decide({ requestId: second.request.id, approve: true, shifts: 6, note: "Approved." });
    const quotes = await db.quote.findMany({ where: { requestId: { in: [request.id, second.request.id] } }, orderBy: { createdAt: "asc" } });
    expect(quotes.map((q) => [q.subsidyMinor, q.subsidyLimitedBy])).toEqual([[1_473_750, "percentage"], [526_250, "cap"]]);
  });

  it("cancelling the quote releases the reservation; a second cancel changes nothing", async () => {
    const w = await createBillingWorld(db);
    const { request } = await approved(w);
    await expect(callerFor(w.staff).billing.cancelQuote({ requestId: request.id, reason: "The company withdrew before the run." })).resolves.toEqual({ releasedMinor: 1_473_750 });
    await expect(callerFor(w.staff).billing.cancelQuote({ requestId: request.id, reason: "The company withdrew before the run." })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await ledger(w.programme.id)).map((e) => e.kind)).toEqual(["RESERVED", "RELEASED"]);
    expect(await db.programme.findUniqueOrThrow({ where: { id: w.programme.id } })).toMatchObject({ reservedMinor: 0n, spentMinor: 0n });
  });
});

describe("a request on several endstations", () => {
  /** T01 at £3,200 a shift (£2,800 from the 11th) and a second endstation at £1,500 (£1,000 from the 3rd), the request listing the second first. */
  async function twoEndstations() {
    const w = await createBillingWorld(db);
    const t02 = await db.endstation.create({ data: { facilityId: w.facility.id, code: "T02", name: "T02 Nano-tomography", technique: "NANO_CT", description: "Second test beamline" } });
    await db.rateCard.create({ data: { endstationId: t02.id, currency: "GBP", unit: "SHIFT", priceMinor: 150_000, slidingFromUnit: 3, slidingPriceMinor: 100_000, validFrom: new Date(Date.now() - 86_400_000), createdById: w.admin.userId } });
    const { request } = await createAwaitingDecision(db, w, undefined, [t02.id, w.endstation.id]);
    return { w, t02, request };
  }

  it("prices each endstation's share with its own rate card and sliding scale; subsidy and VAT apply to the total", async () => {
    const { w, request } = await twoEndstations();
    await callerFor(w.admin).accessRequests.decide({ requestId: request.id, approve: true, shifts: 7, note: "Approved on both." });
    const quote = await db.quote.findUniqueOrThrow({ where: { requestId: request.id } });
    // 7 shifts split evenly in the request's order, the first listed taking the odd one: T02 4, T01 3.
    // T02: 2 × £1,500 + 2 × £1,000 (sliding from the 3rd) = £5,000; T01: 3 × £3,200 = £9,600; 3 samples × £150 = £450.
    // Full cost £15,050; 75 % subsidy £11,287.50; net £3,762.50; 20 % VAT £752.50; total £4,515.00.
    expect(quote.lines).toEqual([
      { label: "Beam time on T02 Nano-tomography (shifts)", quantity: 2, unitPriceMinor: 150_000, amountMinor: 300_000 },
      { label: "Beam time on T02 Nano-tomography from shift 3 (sliding scale)", quantity: 2, unitPriceMinor: 100_000, amountMinor: 200_000 },
      { label: "Beam time on T01 Micro-tomography (shifts)", quantity: 3, unitPriceMinor: 320_000, amountMinor: 960_000 },
      { label: "Sample preparation (per sample)", quantity: 3, unitPriceMinor: 15_000, amountMinor: 45_000 },
    ]);
    expect(quote).toMatchObject({ units: 7, fullCostMinor: 1_505_000, subsidyMinor: 1_128_750, netMinor: 376_250, vatMinor: 75_250, totalMinor: 451_500 });

    // After the run each endstation's shifts are priced at its frozen card: T02 1 shift, T01 5 shifts less 2 h downtime (£400 an hour).
    const [t02] = (quote.rates as { endstations: { endstationId: string }[] }).endstations;
    await createRunBooking(db, w, request.id, 1, { endstationId: t02!.endstationId });
    await createRunBooking(db, w, request.id, 5, { downtimeHours: 2 });
    const { id } = await callerFor(w.staff).billing.issueInvoice({ requestId: request.id, addOns: {} });
    const invoice = await db.invoice.findUniqueOrThrow({ where: { id } });
    // £1,500 + 5 × £3,200 − 2 h × £400 = £16,700.
    expect(invoice.fullCostMinor).toBe(1_670_000);
    expect((invoice.lines as { label: string }[]).map((l) => l.label)).toEqual(["Beam time on T02 Nano-tomography (shifts)", "Beam time on T01 Micro-tomography (shifts)", "Downtime credit on T01 Micro-tomography (2.00 h lost through the facility)"]);
  });

  it("an endstation without a rate card in force: approval leaves the quote for later, and staff are told which endstation lacks one", async () => {
    const { w, t02, request } = await twoEndstations();
    await db.rateCard.deleteMany({ where: { endstationId: t02.id } });
    await callerFor(w.admin).accessRequests.decide({ requestId: request.id, approve: true, shifts: 4, note: "Approved on both." });
    expect(await db.quote.count({ where: { requestId: request.id } })).toBe(0);
    await expect(callerFor(w.staff).billing.makeQuote({ requestId: request.id })).rejects.toMatchObject({ code: "CONFLICT", message: "T02 Nano-tomography has no rate card in force yet; a facility admin adds one under Rates before the request can be priced." });
    await expect(callerFor(w.staff).billing.forRequest({ requestId: request.id })).resolves.toMatchObject({ missingRateCards: ["T02 Nano-tomography"] });
  });
});

describe("invoices after the run", () => {
  it("invoices the 5 shifts used less 2.5 h of facility downtime, spends the subsidy and releases the rest", async () => {
    const w = await createBillingWorld(db);
    const { request, applicant } = await approved(w);
    await createRunBooking(db, w, request.id, 3, { downtimeHours: 2.5, daysAgo: 2 });
    await createRunBooking(db, w, request.id, 2, { daysAgo: 1 });
    const { number } = await callerFor(w.staff).billing.issueInvoice({ requestId: request.id, addOns: { SAMPLE_PREPARATION: 3, DATA_PROCESSING: 40 } });
    const invoice = await db.invoice.findUniqueOrThrow({ where: { number } });
    // 5 × £3,200 − 2.5 h × £400 + 3 × £150 + 40 × £2.50 = £15,550; 75 % = £11,662.50; net £3,887.50; VAT £777.50.
    expect(invoice).toMatchObject({ fullCostMinor: 1_555_000, subsidyMinor: 1_166_250, netMinor: 388_750, vatMinor: 77_750, totalMinor: 466_500, paymentState: "UNPAID", organisationId: applicant.memberships[0]!.organisationId });
    expect((await ledger(w.programme.id)).map((e) => [e.kind, e.amountMinor])).toEqual([["RESERVED", 1_473_750n], ["RELEASED", 307_500n], ["SPENT", 1_166_250n]]);
    expect(await db.programme.findUniqueOrThrow({ where: { id: w.programme.id } })).toMatchObject({ reservedMinor: 0n, spentMinor: 1_166_250n });
    await expect(callerFor(w.staff).billing.issueInvoice({ requestId: request.id, addOns: {} })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("cannot be invoiced again") });
    // An issued invoice is never edited or deleted.
    await expect(db.invoice.update({ where: { id: invoice.id }, data: { totalMinor: 1 } })).rejects.toThrow(/never edited/);
    await expect(db.invoice.delete({ where: { id: invoice.id } })).rejects.toThrow(/never deleted/);
  });

  it("refuses an invoice before anything has run, and an add-on the quote has no rate for", async () => {
    const w = await createBillingWorld(db);
    const { request } = await approved(w);
    await expect(callerFor(w.staff).billing.issueInvoice({ requestId: request.id, addOns: {} })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("No shifts") });
    await createRunBooking(db, w, request.id, 1);
    await expect(callerFor(w.staff).billing.issueInvoice({ requestId: request.id, addOns: { SHIPPING: 1 } })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("no rate for shipping") });
    await expect(callerFor(w.staff).billing.issueInvoice({ requestId: request.id, addOns: { SAMPLE_PREPARATION: -1 } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await db.invoice.count({ where: { requestId: request.id } })).toBe(0);
  });

  it("invoice numbers are consecutive per facility with no gaps, even when issued at once and when one fails", async () => {
    const w = await createBillingWorld(db);
    const runs = [];
    for (let i = 0; i < 8; i++) {
      const { request } = await approved(w, 2);
      await createRunBooking(db, w, request.id, 1, { daysAgo: i + 1 });
      runs.push(request.id);
    }
    // One of the nine has not run: it fails inside its transaction and must not use up a number.
    const { request: notRun } = await approved(w, 2);
    const results = await Promise.allSettled([...runs, notRun.id].map((requestId) => callerFor(w.staff).billing.issueInvoice({ requestId, addOns: {} })));
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(1);
    const sequences = (await db.invoice.findMany({ where: { facilityId: w.facility.id }, orderBy: { sequence: "asc" } })).map((i) => i.sequence);
    expect(sequences).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("a credit note corrects an invoice with the next number, never more than is left to credit", async () => {
    const w = await createBillingWorld(db);
    const { request, applicant } = await approved(w);
    await createRunBooking(db, w, request.id, 6);
    const { id } = await callerFor(w.staff).billing.issueInvoice({ requestId: request.id, addOns: {} });
    const invoice = await db.invoice.findUniqueOrThrow({ where: { id } });
    await expect(callerFor(w.staff).billing.issueCreditNote({ invoiceId: id, amountMinor: invoice.netMinor + 1, reason: "Too much credit requested." })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("is left to credit") });
    await expect(callerFor(applicant).billing.issueCreditNote({ invoiceId: id, amountMinor: 100, reason: "Payer should not credit." })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const note = await callerFor(w.staff).billing.issueCreditNote({ invoiceId: id, amountMinor: 10_000, reason: "Sample preparation was charged twice." });
    expect(await db.invoice.findUniqueOrThrow({ where: { id: note.id } })).toMatchObject({ kind: "CREDIT_NOTE", sequence: invoice.sequence + 1, netMinor: -10_000, vatMinor: -2_000, totalMinor: -12_000, creditsInvoiceId: id });
  });

  it("each organisation lists only its own invoices; the facility lists its own; others get not found", async () => {
    const w = await createBillingWorld(db);
    const { request, applicant } = await approved(w);
    await createRunBooking(db, w, request.id, 2);
    const { id } = await callerFor(w.staff).billing.issueInvoice({ requestId: request.id, addOns: {} });
    const outsider = await createMember(db, "APPLICANT");
    expect((await callerFor(applicant).billing.invoices()).map((i) => i.id)).toContain(id);
    expect((await callerFor(w.staff).billing.invoices()).map((i) => i.id)).toContain(id);
    expect((await callerFor(outsider).billing.invoices()).map((i) => i.id)).not.toContain(id);
    const otherStaff = await createMember(db, "FACILITY_STAFF");
    expect((await callerFor(otherStaff).billing.invoices()).map((i) => i.id)).not.toContain(id);
    await expect(callerFor(outsider).billing.invoice({ invoiceId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(callerFor(otherStaff).billing.invoice({ invoiceId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("the funders' ledger", () => {
  it("shows reserved, spent, released and remaining per SME, only to the programme's funder", async () => {
    const w = await createBillingWorld(db);
    const { request, applicant } = await approved(w);
    await createRunBooking(db, w, request.id, 6);
    await callerFor(w.staff).billing.issueInvoice({ requestId: request.id, addOns: { SAMPLE_PREPARATION: 3 } });
    const funder = await createMember(db, "FUNDER", { organisationId: w.funder.id });
    const view = await callerFor(funder).billing.ledger({ programmeId: w.programme.id });
    const sme = (await db.organisation.findUniqueOrThrow({ where: { id: applicant.memberships[0]!.organisationId } })).name;
    expect(view.totals).toMatchObject({ reservedMinor: 1_473_750n, spentMinor: 1_473_750n, releasedMinor: 0n, heldMinor: 0n, remainingMinor: 100_000_000n - 1_473_750n });
    expect(view.bySme).toEqual([expect.objectContaining({ organisation: sme, spentMinor: 1_473_750n })]);
    const otherFunder = await createMember(db, "FUNDER");
    await expect(callerFor(otherFunder).billing.ledger({ programmeId: w.programme.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("quote and invoice PDFs", () => {
  it("print the lines, the subsidy and the total due, and are refused to other organisations", async () => {
    const { execFileSync } = await import("node:child_process");
    const { renderInvoicePdf, renderQuotePdf } = await import("./pdf/render-billing-pdf");
    const w = await createBillingWorld(db);
    const { request, applicant } = await approved(w);
    await createRunBooking(db, w, request.id, 6);
    const { id } = await callerFor(w.staff).billing.issueInvoice({ requestId: request.id, addOns: { SAMPLE_PREPARATION: 3 } });
    const text = (pdf: Buffer) => execFileSync("pdftotext", ["-layout", "-", "-"], { input: pdf, encoding: "utf8" });
    const quote = text((await renderQuotePdf(db, applicant, request.id)).pdf);
    expect(quote).toMatch(/Quote Q-T/);
    expect(quote).toContain("£5,895.00");
    const invoice = await renderInvoicePdf(db, applicant, id);
    expect(invoice.filename).toMatch(/^T.*-00001\.pdf$/);
    const invoiceText = text(invoice.pdf);
    for (const expected of ["Invoice", "£19,650.00", "-£14,737.50", "£5,895.00", "Sort code 00-00-00"]) expect(invoiceText).toContain(expected);
    await expect(renderInvoicePdf(db, await createMember(db, "APPLICANT"), id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("corrections found in review", () => {
  it("an hourly instrument invoices the hours of the shifts used, as its quote priced them", async () => {
    const w = await createBillingWorld(db);
    await db.rateCard.create({ data: { endstationId: w.endstation.id, currency: "GBP", unit: "HOUR", priceMinor: 18_000, validFrom: new Date(Date.now() - 86_400_000), createdById: w.admin.userId } });
    const { request } = await approved(w, 2);
    const quote = await db.quote.findUniqueOrThrow({ where: { requestId: request.id } });
    const shiftHours = (await db.endstation.findUniqueOrThrow({ where: { id: w.endstation.id } })).shiftHours;
    expect(quote.units).toBe(2 * shiftHours);
    await createRunBooking(db, w, request.id, 2);
    const { id } = await callerFor(w.staff).billing.issueInvoice({ requestId: request.id, addOns: {} });
    const invoice = await db.invoice.findUniqueOrThrow({ where: { id } });
    expect((invoice.lines as { quantity: number }[])[0]!.quantity).toBe(2 * shiftHours);
    expect(invoice.fullCostMinor).toBe(2 * shiftHours * 18_000);
  });

  it("credit notes never give back more VAT than the invoice charged", async () => {
    const w = await createBillingWorld(db);
    const { request } = await approved(w, 1);
    await createRunBooking(db, w, request.id, 1);
    const { id } = await callerFor(w.staff).billing.issueInvoice({ requestId: request.id, addOns: {} });
    const invoice = await db.invoice.findUniqueOrThrow({ where: { id } });
    // Credit the net in uneven parts; the VAT credited adds up to exactly the VAT charged.
    const parts = [invoice.netMinor - 7, 3, 4];
    for (const amountMinor of parts) await callerFor(w.staff).billing.issueCreditNote({ invoiceId: id, amountMinor, reason: "Correcting the invoice in parts." });
    const notes = await db.invoice.aggregate({ where: { creditsInvoiceId: id }, _sum: { netMinor: true, vatMinor: true, totalMinor: true } });
    expect(notes._sum).toEqual({ netMinor: -invoice.netMinor, vatMinor: -invoice.vatMinor, totalMinor: -invoice.totalMinor });
  });

  it("the ledger CSV keeps a name that looks like a formula as text", async () => {
    const { ledgerCsv } = await import("./ledger");
    const csv = ledgerCsv({ entries: [{ at: new Date("2027-01-01T00:00:00Z"), kind: "SPENT", organisation: '=HYPERLINK("http://x")', demonstrator: "No demonstrator", request: "LDS-1", amountMinor: 100n, currency: "GBP", note: "-2+3" }] } as never);
    expect(csv.split("\r\n")[1]).toBe(`2027-01-01T00:00:00.000Z,spent,"'=HYPERLINK(""http://x"")",No demonstrator,LDS-1,100,GBP,'-2+3`);
  });
});

describe("value granted through free access", () => {
  it("a non-proprietary run costs the user nothing, and the funder's ledger shows its full cost as value granted", async () => {
    const w = await createBillingWorld(db);
    const { request } = await createAwaitingDecision(db, w);
    await db.accessRequest.update({ where: { id: request.id }, data: { routeId: w.routes.NON_PROPRIETARY.id, state: "APPROVED", allocatedShifts: 2, decidedAt: new Date() } });
    await callerFor(w.staff).billing.makeQuote({ requestId: request.id });
    await createRunBooking(db, w, request.id, 2);
    const { id } = await callerFor(w.staff).billing.issueInvoice({ requestId: request.id, addOns: {} });
    expect(await db.invoice.findUniqueOrThrow({ where: { id } })).toMatchObject({ totalMinor: 0, waivedMinor: 640_000, subsidyMinor: 0, paymentState: "PAID" });
    const funder = await createMember(db, "FUNDER", { organisationId: w.funder.id });
    const view = await callerFor(funder).billing.ledger({ programmeId: w.programme.id });
    expect(view.freeAccess).toEqual({ valueMinor: 640_000n, runs: 1 });
    expect(view.entries).toHaveLength(0);
  });
});

describe("rates kept by facility admins", () => {
  it("a new rate card and add-on price apply from their date; bad prices, a clashing date and other facilities' admins are refused", async () => {
    const w = await createBillingWorld(db);
    const admin = callerFor(w.admin).billing;
    await expect(admin.saveRateCard({ endstationId: w.endstation.id, currency: "GBP", unit: "SHIFT", priceMinor: 300_000, slidingFromUnit: 11, slidingPriceMinor: 350_000, validFrom: "2027-04-01" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("at most the full price") });
    await expect(admin.saveRateCard({ endstationId: w.endstation.id, currency: "GBP", unit: "SHIFT", priceMinor: 300_000, slidingFromUnit: null, slidingPriceMinor: null, validFrom: "2027-02-30" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("does not exist") });
    await admin.saveRateCard({ endstationId: w.endstation.id, currency: "GBP", unit: "SHIFT", priceMinor: 300_000, slidingFromUnit: null, slidingPriceMinor: null, validFrom: "2027-04-01" });
    await expect(admin.saveRateCard({ endstationId: w.endstation.id, currency: "GBP", unit: "SHIFT", priceMinor: 310_000, slidingFromUnit: null, slidingPriceMinor: null, validFrom: "2027-04-01" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("already has a rate card from 2027-04-01") });
    const otherAdmin = await createMember(db, "FACILITY_ADMIN");
    await expect(callerFor(otherAdmin).billing.saveRateCard({ endstationId: w.endstation.id, currency: "GBP", unit: "SHIFT", priceMinor: 1, slidingFromUnit: null, slidingPriceMinor: null, validFrom: "2027-05-01" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await admin.saveAddOnRate({ facilityId: w.facility.id, kind: "SHIPPING", label: "Return shipping", unitLabel: "parcel", priceMinor: 7_000, currency: "GBP", validFrom: "2025-01-01" });
    await admin.saveAddOnRate({ facilityId: w.facility.id, kind: "SHIPPING", label: "Return shipping", unitLabel: "parcel", priceMinor: 8_500, currency: "GBP", validFrom: "2026-01-01" });
    await expect(admin.saveAddOnRate({ facilityId: w.facility.id, kind: "SHIPPING", label: "Return shipping", unitLabel: "parcel", priceMinor: -1, currency: "GBP", validFrom: "2026-02-01" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("cannot be negative") });
    // A quote made now uses the newest shipping price in force (it starts at 0 quantity, and the invoice prices the parcels sent).
    const { request } = await approved(w, 1);
    await createRunBooking(db, w, request.id, 1);
    const { id } = await callerFor(w.staff).billing.issueInvoice({ requestId: request.id, addOns: { SHIPPING: 2 } });
    expect((await db.invoice.findUniqueOrThrow({ where: { id } })).lines).toContainEqual({ label: "Return shipping (per parcel)", quantity: 2, unitPriceMinor: 8_500, amountMinor: 17_000 });
  });
});

describe("a facility's VAT and bank details", () => {
  it("applies the new VAT rate to quotes made afterwards, keeps earlier quotes as they were, and refuses nonsense", async () => {
    const w = await createBillingWorld(db);
    const before = await approved(w, 1);
    await expect(callerFor(w.admin).billing.saveFacilityBilling({ facilityId: w.facility.id, vatPercent: -5, paymentInstructions: "Sort code 00-00-00" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("VAT cannot be negative") });
    await expect(callerFor(await createMember(db, "FACILITY_ADMIN")).billing.saveFacilityBilling({ facilityId: w.facility.id, vatPercent: 0, paymentInstructions: "Pay us instead, please" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await callerFor(w.admin).billing.saveFacilityBilling({ facilityId: w.facility.id, vatPercent: 5.5, paymentInstructions: "IBAN GB00 TEST 0000 0000 0000 00" });
    const after = await approved(w, 1);
    const [q1, q2] = await Promise.all([db.quote.findUniqueOrThrow({ where: { requestId: before.request.id } }), db.quote.findUniqueOrThrow({ where: { requestId: after.request.id } })]);
    expect([q1.vatBasisPoints, q2.vatBasisPoints]).toEqual([2_000, 550]);
  });

  it("an issued invoice keeps the bank details it was issued with when the facility's change; the next document takes the new ones", async () => {
    const { execFileSync } = await import("node:child_process");
    const { renderInvoicePdf } = await import("./pdf/render-billing-pdf");
    const w = await createBillingWorld(db);
    const { request, applicant } = await approved(w);
    await createRunBooking(db, w, request.id, 6);
    const { id } = await callerFor(w.staff).billing.issueInvoice({ requestId: request.id, addOns: {} });
    await callerFor(w.admin).billing.saveFacilityBilling({ facilityId: w.facility.id, vatPercent: 5, paymentInstructions: "IBAN GB99 NEWB 1111 2222 3333 44" });

    const seen = await callerFor(applicant).billing.invoice({ invoiceId: id });
    expect(seen.invoice.paymentInstructions).toBe("Sort code 00-00-00, account 12345678");
    // The page gets no current bank details or VAT setting to print by mistake.
    expect(seen.invoice.facility).not.toHaveProperty("paymentInstructions");
    expect(seen.invoice.facility).not.toHaveProperty("vatBasisPoints");
    const pdfText = execFileSync("pdftotext", ["-layout", "-", "-"], { input: (await renderInvoicePdf(db, applicant, id)).pdf, encoding: "utf8" });
    expect(pdfText).toContain("Sort code 00-00-00");
    expect(pdfText).not.toContain("GB99 NEWB");

    const note = await callerFor(w.staff).billing.issueCreditNote({ invoiceId: id, amountMinor: 10_000, reason: "Sample preparation was charged twice." });
    expect((await db.invoice.findUniqueOrThrow({ where: { id: note.id } })).paymentInstructions).toBe("IBAN GB99 NEWB 1111 2222 3333 44");
  });
});
