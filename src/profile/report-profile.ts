/**
 * The report profile: what the corpus is about, derived at ingest and stored with the index as
 * `profile.json`. The page title, the example questions and the "not in the report" message name
 * the report from it; English questions over a Chinese report find Chinese terms through its
 * bilingual pairs and its dictionary.
 *
 * @module
 */
import { z } from "zod";

/** The profile file inside an index build. */
export const PROFILE_FILE = "profile.json";

const outlineEntrySchema = z.object({ heading: z.string(), level: z.number().int().positive(), path: z.string() });

const documentProfileSchema = z.object({
  /** The document id: its file name inside the corpus folder. */
  id: z.string(),
  title: z.string(),
  language: z.enum(["zh", "en"]),
  format: z.enum(["text", "pdf"]),
  /** Pages of a PDF. */
  pages: z.number().int().nonnegative().optional(),
  chunks: z.number().int().nonnegative(),
  sections: z.number().int().nonnegative(),
  /** Its first sentences about itself (of its summary or introduction, else its first prose). */
  opening: z.string().optional(),
});

export const reportProfileSchema = z.object({
  title: z.string(),
  language: z.enum(["zh", "en"]),
  outline: z.array(outlineEntrySchema),
  topics: z.array(z.string()),
  abbreviations: z.array(z.object({ short: z.string(), long: z.string() })),
  bilingualPairs: z.array(z.object({ en: z.string(), zh: z.string() })),
  units: z.array(z.string()),
  documents: z.array(documentProfileSchema),
  /**
   * English keys (`englishKeyOf`) → the report's Chinese terms, from CC-CEDICT's entries whose
   * headword the report uses (`report-dictionary.ts`); empty for a report without Chinese.
   */
  dictionary: z.record(z.string(), z.array(z.string())).default({}),
});

export type ReportProfile = z.infer<typeof reportProfileSchema>;
export type DocumentProfile = z.infer<typeof documentProfileSchema>;
export type OutlineEntry = z.infer<typeof outlineEntrySchema>;
