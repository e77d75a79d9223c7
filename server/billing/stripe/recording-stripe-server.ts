// A local HTTP server that stands in for api.stripe.com in tests: it records
// every request the SDK makes (method, path, idempotency key, form body) and
// answers with just enough of Stripe's objects for the portal to go on.
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  idempotencyKey: string | null;
  body: URLSearchParams;
}

export async function startRecordingStripe(options: { failFinalizeTimes?: number } = {}) {
  const requests: RecordedRequest[] = [];
  let failFinalize = options.failFinalizeTimes ?? 0;
  let counter = 0;
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      const path = (req.url ?? "").split("?")[0]!;
      requests.push({ method: req.method ?? "", path, idempotencyKey: (req.headers["idempotency-key"] as string | undefined) ?? null, body: new URLSearchParams(raw) });
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json", "request-id": `req_${++counter}` });
        res.end(JSON.stringify(body));
      };
      // Like Stripe, the same idempotency key gives back the same object.
      const idFor = (prefix: string) => `${prefix}_${createHash("sha256").update(requests.at(-1)!.idempotencyKey ?? String(counter)).digest("hex").slice(0, 14)}`;
      if (path === "/v1/customers") return send(200, { id: idFor("cus"), object: "customer" });
      if (path === "/v1/invoices") return send(200, { id: idFor("in"), object: "invoice", status: "draft" });
      if (path === "/v1/checkout/sessions") {
        const id = idFor("cs");
        return send(200, { id, object: "checkout.session", mode: "payment", payment_status: "unpaid", url: `https://checkout.stripe.test/c/pay/${id}` });
      }
      if (path === "/v1/invoiceitems") return send(200, { id: idFor("ii"), object: "invoiceitem" });
      const finalize = path.match(/^\/v1\/invoices\/(in_[0-9a-f]+)\/finalize$/);
      if (finalize) {
        if (failFinalize > 0) {
          failFinalize -= 1;
          return send(402, { error: { type: "invalid_request_error", message: "Simulated: the customer has no email address" } });
        }
        return send(200, { id: finalize[1], object: "invoice", status: "open", hosted_invoice_url: `https://invoice.stripe.test/i/${finalize[1]}` });
      }
      send(404, { error: { type: "invalid_request_error", message: `No such route ${path}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
