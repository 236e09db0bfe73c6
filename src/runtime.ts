import type { ChatService } from "./answer/chat-service.js";
import { UserError } from "./errors.js";
import type { LoadedIndex } from "./retrieval/load-index.js";
import type { ReportIdentity } from "./web/report-identity.js";

/** What the server answers with once the index is loaded. */
export interface ReadyState {
  index: LoadedIndex;
  chat: ChatService;
  /** The chat service narrowed to one document of the index (its `Chunk.source`). */
  chatForDocument: (document: string) => ChatService;
  /** What the interface says about the report: names, description, placeholder, example questions. */
  identity: ReportIdentity;
}

/** Holds the ready state; routes ask it and get a 503 until the index is loaded. */
export class Runtime {
  private state: ReadyState | undefined;

  setReady(state: ReadyState): void {
    this.state = state;
  }

  get isReady(): boolean {
    return this.state !== undefined;
  }

  ready(): ReadyState {
    if (!this.state) throw new UserError(503, "not_ready", "the index is still loading; try again in a moment");
    return this.state;
  }
}
