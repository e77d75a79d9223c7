import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { peerHeader } from "./client-ip";

let stamping = false;

/**
 * Writes each request's socket peer into `x-lodestone-peer` before Next sees it,
 * replacing any value the client sent, so the app can tell the real peer from
 * forwarded headers. Node publishes every incoming request on this channel
 * before emitting it to the server's handler.
 */
export function stampSocketPeers(): void {
  if (stamping) return;
  stamping = true;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    if (socket.remoteAddress) request.headers[peerHeader] = socket.remoteAddress;
    else delete request.headers[peerHeader];
  });
}
