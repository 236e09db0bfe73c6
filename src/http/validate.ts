import type { z } from "zod";
import { UserError } from "../errors.js";

/** Parses `input` with `schema`, or throws a 400 `invalid_request` naming the first problem. */
export function validate<Schema extends z.ZodType>(schema: Schema, input: unknown): z.infer<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  throw new UserError(400, "invalid_request", `${where}${issue.message}`, {
    issues: result.error.issues.slice(0, 5).map((item) => ({ path: item.path, message: item.message })),
  });
}
