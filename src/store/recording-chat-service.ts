/** A chat service that also notes every question it answers in the insights store. */
import type { ChatService } from "../answer/chat-service.js";
import type { Logger } from "../logger.js";
import type { InsightsStore } from "./insights-store.js";

const recorders = new WeakMap<ChatService, ChatService>();

/**
 * The same service, whose `answer` records the last user message and whether the report answered it.
 * A failing store is logged and never fails the answer. One wrapper per service, made once.
 */
export function recordingQuestions(chat: ChatService, store: InsightsStore, logger: Logger): ChatService {
  const known = recorders.get(chat);
  if (known) return known;
  // Everything but `answer` is the service's own, reached through the prototype.
  const recording = Object.create(chat) as ChatService;
  recording.answer = async (request, sink) => {
    const response = await chat.answer(request, sink);
    const question = [...request.messages].reverse().find((message) => message.role === "user")?.content ?? "";
    try {
      store.recordQuestion({ question, found: response.found });
    } catch (error) {
      logger.error({ err: error }, "could not record the question");
    }
    return response;
  };
  recorders.set(chat, recording);
  return recording;
}
