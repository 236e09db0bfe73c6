/** Turns `TRUST_PROXY` into the value Express's `trust proxy` setting expects. */

/** What `app.set("trust proxy", …)` accepts: a switch, a number of hops, or addresses and names. */
export type TrustProxySetting = boolean | number | string;

/**
 * `true`/`false` become a switch, a whole number the count of proxies in front of the server
 * (`1` behind one load balancer), anything else is passed on as Express reads it: comma-separated
 * addresses, subnets or the names `loopback`, `linklocal`, `uniquelocal`.
 * Without a value no proxy is trusted, so `X-Forwarded-For` cannot pick a client's address.
 *
 * @example
 * trustProxySettingOf("1") // 1
 * trustProxySettingOf("loopback, 10.0.0.0/8") // "loopback, 10.0.0.0/8"
 */
export function trustProxySettingOf(value: string | undefined): TrustProxySetting {
  const trimmed = value?.trim() ?? "";
  if (trimmed === "") return false;
  const lowered = trimmed.toLowerCase();
  if (lowered === "true") return true;
  if (lowered === "false") return false;
  if (/^\d+$/u.test(trimmed)) return Number(trimmed);
  return trimmed;
}
