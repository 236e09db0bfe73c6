/** Asking a listening server: the answer `POST /api/chat` gives to a request body, which must succeed. */
import { expect } from "vitest";
import type { ChatResponse } from "../../src/types.js";

/** The answer to `body` (`{ question }` or `{ messages }`, with any other field of the route). */
export async function answerOf(serverUrl: string, body: object): Promise<ChatResponse> {
  const response = await fetch(`${serverUrl}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as ChatResponse;
}
