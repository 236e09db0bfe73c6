import { readFile } from "node:fs/promises";
import { z } from "zod";

const turnSchema = z.object({ role: z.enum(["user", "assistant"]), content: z.string() });

export const evalQuestionSchema = z.object({
  id: z.string(),
  lang: z.enum(["zh", "en"]),
  kind: z.enum(["figure", "table", "fact", "list", "followup", "unanswerable"]),
  question: z.string(),
  history: z.array(turnSchema).optional(),
  evidence: z.array(z.string()).default([]),
  must: z.array(z.array(z.string())).default([]),
  note: z.string().optional(),
});

export type EvalQuestion = z.infer<typeof evalQuestionSchema>;

/** Reads a JSON-lines question set (format: `shared/eval/README.md`). */
export async function readQuestionSet(file: string): Promise<EvalQuestion[]> {
  const lines = (await readFile(file, "utf8")).split("\n").filter((line) => line.trim().length > 0);
  return lines.map((line, number) => {
    try {
      return evalQuestionSchema.parse(JSON.parse(line));
    } catch (error) {
      throw new Error(`${file}:${number + 1}: ${(error as Error).message}`);
    }
  });
}
