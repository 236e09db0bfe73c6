import { describe, expect, it } from "vitest";
import { PageTokens } from "../src/http/page-token.js";

describe("page tokens", () => {
  it("are accepted by their issuer until they expire, by the issuer's clock", () => {
    let now = Date.parse("2026-05-01T12:00:00Z");
    const tokens = new PageTokens({ secret: "s", lifetimeMs: 60_000, now: () => now });
    const { token, expiresAt } = tokens.issue();
    expect(expiresAt).toBe(now + 60_000);
    expect(tokens.verify(token)).toBe(true);
    now += 59_000;
    expect(tokens.verify(token)).toBe(true);
    now += 1_000;
    expect(tokens.verify(token)).toBe(false);
  });

  it("refuse tokens signed with another secret, altered, or malformed", () => {
    const now = () => Date.parse("2026-05-01T12:00:00Z");
    const tokens = new PageTokens({ secret: "one", now });
    const other = new PageTokens({ secret: "two", now });
    const { token } = other.issue();
    expect(tokens.verify(token)).toBe(false);
    const own = tokens.issue().token;
    const [prefix, expiry, signature] = own.split(".");
    expect(tokens.verify(`${prefix}.${Number(expiry) + 3600}.${signature}`)).toBe(false);
    for (const malformed of ["", "pt1", "pt1..", `pt1.${expiry}.`, `${own}x`, `pt2.${expiry}.${signature}`]) {
      expect(tokens.verify(malformed)).toBe(false);
    }
    // Without a secret each process signs with its own random one.
    expect(new PageTokens({ now }).verify(new PageTokens({ now }).issue().token)).toBe(false);
  });
});
