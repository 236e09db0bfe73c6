/** Sends a reader's 👍 or 👎 (with an optional comment) to `POST /api/feedback`. */
import { type ApiAuth, fetchWithAuth } from "./api-auth.js";

export interface FeedbackSubmission {
  rating: "up" | "down";
  question: string;
  answer: string;
  comment?: string;
}

/** Resolves to whether the server stored it. */
export async function sendFeedback(apiBase: string, auth: ApiAuth, feedback: FeedbackSubmission): Promise<boolean> {
  try {
    const response = await fetchWithAuth(auth, `${apiBase}/api/feedback`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(feedback),
      credentials: "omit",
    });
    return response.ok;
  } catch {
    return false;
  }
}
