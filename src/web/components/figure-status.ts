/** How far each figure of an answer was checked against the report, as the interface shows it. */
import type { ChatResponse, Figure } from "../../types.js";

/** `verified`: a cited passage holds it; `derived`: computed from such numbers; `cited-elsewhere`: the report states it
 * in a passage the answer does not cite; `unverified`: no passage holds it. */
export type FigureStatus = "verified" | "derived" | "cited-elsewhere" | "unverified";

/** A figure as the server sends it, with the check's verdict when the server makes one. */
export type CheckedFigure = Figure & { status?: FigureStatus };

/** The figure's status; one without a status counts as verified when it has a source. */
export function statusOf(figure: CheckedFigure): FigureStatus {
  if (figure.status) return figure.status;
  if (figure.source) return "verified";
  return figure.derivation ? "derived" : "unverified";
}

/** Numbers of the answer text to mark, with what to say about each. */
export interface FigureNote {
  value: string;
  status: "derived" | "unverified" | "cited-elsewhere";
  /** The arithmetic of a derived figure. */
  derivation?: string;
}

/** Figures whose numbers the answer text marks: every one that is not verified, and the older `unverifiedFigures`. */
export function figureNotesOf(response: ChatResponse | undefined): FigureNote[] {
  if (!response) return [];
  const notes = new Map<string, FigureNote>();
  for (const figure of response.figures as CheckedFigure[]) {
    const status = statusOf(figure);
    if (status === "verified" || !figure.value) continue;
    notes.set(figure.value, { value: figure.value, status, derivation: figure.derivation });
  }
  for (const value of response.unverifiedFigures ?? []) {
    if (value && !notes.has(value)) notes.set(value, { value, status: "unverified" });
  }
  return [...notes.values()];
}

/** Only verified figures point at a span of a passage. */
export function highlightableFigures(figures: readonly CheckedFigure[]): CheckedFigure[] {
  return figures.filter((figure) => statusOf(figure) === "verified" && figure.source !== undefined);
}
