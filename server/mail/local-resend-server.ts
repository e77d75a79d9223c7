// A local HTTP server that stands in for api.resend.com in tests: it records
// every email the SDK posts (recipient, idempotency key) and answers with an
// id, except for recipients told to hang, whose requests it never answers.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface ResendRequest {
  to: string;
  idempotencyKey: string | null;
  /** "answered", "waiting" (hung, connection still open) or "abandoned" (the client gave up). */
  state: "answered" | "waiting" | "abandoned";
}

export async function startLocalResend() {
  const requests: ResendRequest[] = [];
  const hanging = new Set<string>();
  let counter = 0;
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      const body = JSON.parse(raw || "{}") as { to?: string | string[] };
      const to = [body.to ?? ""].flat()[0]!;
      const request: ResendRequest = { to, idempotencyKey: (req.headers["idempotency-key"] as string | undefined) ?? null, state: "waiting" };
      requests.push(request);
      res.on("close", () => {
        if (!res.writableFinished) request.state = "abandoned";
      });
      if (hanging.has(to)) return;
      request.state = "answered";
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ id: `re_local_${++counter}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    requestsTo: (to: string) => requests.filter((r) => r.to === to),
    /** Requests for `to` are received but never answered. */
    hang: (to: string) => hanging.add(to),
    answer: (to: string) => hanging.delete(to),
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
