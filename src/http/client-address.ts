/** The address a request comes from, as far as the trusted proxies vouch for it, and the budget key it counts under. */
import { isIP } from "node:net";
import type { Request } from "express";
import { ipKeyGenerator } from "express-rate-limit";

/**
 * The client's address: the socket's peer, or, behind proxies that `trust proxy` trusts, the
 * address the nearest untrusted hop had as its peer. Express walks `X-Forwarded-For` from the
 * right for as many hops as it trusts; an entry that is not an IP address (anything a client
 * wrote, such as a 2 KB string) ends the walk there, so the address is that of the last hop that
 * sent a valid one. A forged value can therefore never be longer than an IPv6 address, and
 * without `TRUST_PROXY` it is never read at all.
 */
export function clientAddressOf(request: Request): string {
  const peer = request.socket.remoteAddress ?? "unknown";
  // `request.ips` runs from the client to the proxy nearest to the server, trusted hops only.
  const forwarded = request.ips;
  let address = peer;
  for (let position = forwarded.length - 1; position >= 0; position -= 1) {
    const candidate = forwarded[position].trim();
    if (isIP(candidate) === 0) break;
    address = candidate;
  }
  return address;
}

/**
 * The key a client's budget is counted under: its address, with IPv6 addresses grouped by /56
 * (the block one customer usually holds), so that a client cannot take a fresh budget per address.
 */
export function budgetKeyOf(request: Request): string {
  return ipKeyGenerator(clientAddressOf(request), 56);
}
