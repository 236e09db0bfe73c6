/** One Server-Sent Event of a streamed answer: its name and its JSON data. */
export interface StreamEvent {
  event: string;
  data: unknown;
}

/** The events of a whole `text/event-stream` body, in order. */
export function parseEvents(body: string): StreamEvent[] {
  return body
    .split("\n\n")
    .filter((block) => block.trim().length > 0)
    .map((block) => ({
      event: /^event: (.+)$/mu.exec(block)?.[1] ?? "message",
      data: JSON.parse(/^data: (.+)$/mu.exec(block)?.[1] ?? "null") as unknown,
    }));
}
