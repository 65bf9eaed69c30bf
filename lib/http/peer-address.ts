import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { env } from "@/lib/env";
import { clientAddress, PEER_ADDRESS_HEADER, type TrustedProxies } from "./client-address";

const globalForPeer = globalThis as unknown as { portalPeerAddresses?: boolean };

/**
 * Stamps every request this process receives with its socket's address (PEER_ADDRESS_HEADER),
 * replacing whatever a client sent under that name. Node publishes `http.server.request.start`
 * before the server's `request` event, so the header is there before Next reads the request: the
 * one way to the socket's address from a route handler under `next start`. Called at boot
 * (lib/boot.ts); a request received before (while the server starts) has no peer address.
 */
export function stampPeerAddresses(): void {
  if (globalForPeer.portalPeerAddresses) return;
  globalForPeer.portalPeerAddresses = true;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    if (socket.remoteAddress) request.headers[PEER_ADDRESS_HEADER] = socket.remoteAddress;
    else delete request.headers[PEER_ADDRESS_HEADER];
  });
}

/**
 * The address a request came from, for per-client limits: the socket's, or, from a proxy listed
 * in TRUSTED_PROXIES, the client's address that proxy forwarded (./client-address.ts).
 */
export function clientAddressOf(
  headers: Headers,
  trusted: TrustedProxies = env().TRUSTED_PROXIES,
): string {
  return clientAddress(headers.get(PEER_ADDRESS_HEADER), headers.get("x-forwarded-for"), trusted);
}
