/** A `fetch` for upstream clients that stops reading a reply past a size, whatever the server sends. */
import { UpstreamError } from "../errors.js";

/**
 * Wraps `fetchImpl` so that a response body longer than `maxBytes` fails with
 * `UpstreamError("malformed")` as soon as the limit is passed, and the rest is not read: a server
 * that ignores `max_tokens` cannot make the client buffer and parse a reply of any size.
 *
 * @example
 * new OpenAI({ baseURL, apiKey, fetch: boundedFetch(4 * 1024 * 1024) });
 */
export function boundedFetch(maxBytes: number, fetchImpl: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const response = await fetchImpl(input, init);
    if (!response.body) return response;
    let received = 0;
    const limited = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          received += chunk.byteLength;
          if (received > maxBytes) {
            controller.error(new UpstreamError("malformed", `the chat model's reply passed ${maxBytes} bytes`));
            return;
          }
          controller.enqueue(chunk);
        },
      }),
    );
    return new Response(limited, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
