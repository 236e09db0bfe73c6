/** Runs axe-core (from npm) inside a page and returns the serious and critical violations. */

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeProblem {
  id: string;
  impact: string;
  targets: string[];
}

/**
 * Injects axe and checks the whole document (open shadow roots included) against WCAG 2.2 A and AA.
 * The page's context must have been created with `bypassCSP: true`, since axe is injected as code.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeProblem[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<AxeRun> } }).axe;
    interface AxeRun {
      violations: Array<{ id: string; impact?: string; nodes: Array<{ target: unknown[] }> }>;
    }
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
      rules: { "label-content-name-mismatch": { enabled: true } },
    });
    return result.violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map((violation) => ({
        id: violation.id,
        impact: violation.impact ?? "",
        targets: violation.nodes.slice(0, 5).map((node) => JSON.stringify(node.target)),
      }));
  });
}
