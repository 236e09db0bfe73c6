/**
 * What a profile cannot derive from a report's text, kept as data for the reports that need it
 * (`known-reports.json`): a title the text never prints, and English terms for the words of a
 * Chinese report that its text never pairs with English. Matched by document id (file name).
 *
 * @module
 */
import { z } from "zod";
import knownReports from "./known-reports.json" with { type: "json" };
import { createTermTranslator } from "./term-translator.js";

const knownReportSchema = z.object({
  document: z.string(),
  title: z.string().optional(),
  /** English words and phrases, each with the Chinese terms the report uses for them. */
  englishTerms: z.array(z.tuple([z.string(), z.array(z.string())])).default([]),
});

export type KnownReport = z.infer<typeof knownReportSchema>;

const KNOWN_REPORTS = z.array(knownReportSchema).parse(knownReports);

/** The data kept for a document, if any. */
export function knownReportFor(documentId: string): KnownReport | undefined {
  return KNOWN_REPORTS.find((report) => report.document === documentId);
}

/**
 * Chinese terms for the English words of a text, from the English terms every known report keeps
 * (for checks that run without a loaded profile).
 */
export const translateKnownTerms = createTermTranslator(
  KNOWN_REPORTS.flatMap((report) => report.englishTerms.flatMap(([en, terms]) => terms.map((zh) => ({ en, zh })))),
);
