/**
 * Recognition of the data of pie charts (Appendix I's shares, 图 21-24), which the extraction left
 * as label/percentage pairs after the charts' captions.
 *
 * @module
 */
import { compactText } from "./clean-report.js";
import { numberedHeadingKind } from "./heading-numbering.js";
import { type Line, SENTENCE_PUNCTUATION } from "./report-lines.js";
import type { ReportTable, TableSpan } from "./report-tables.js";

const PERCENT_ONLY = /^(\d+(?:\.\d+)?)%$/u;
const PERCENT_THEN_LABEL = /^(\d+(?:\.\d+)?)%\s+(\S.*)$/u;

/**
 * Label/percentage pairs left by pie charts (`就业政策\n21%\n\n非洲地区计划\n21%…`), split into one
 * table per chart where the percentages add up to 100.
 */
export function readShareTables(lines: Line[], start: number): TableSpan | undefined {
  const first = lines[start];
  if (first.blank || first.indent > 0 || !isShareLabel(first.trimmed)) return undefined;
  const pairs: Array<{ label: string; percent: string }> = [];
  let label: string | undefined;
  let index = start;
  let end = start;
  while (index < lines.length) {
    const line = lines[index];
    if (line.blank) {
      if (line.boundary) break;
      index += 1;
      continue;
    }
    const percentOnly = PERCENT_ONLY.exec(line.trimmed);
    const percentThenLabel = PERCENT_THEN_LABEL.exec(line.trimmed);
    if (label !== undefined && percentOnly) {
      pairs.push({ label, percent: line.trimmed });
      label = undefined;
      end = index + 1;
    } else if (label !== undefined && percentThenLabel && isShareLabel(percentThenLabel[2])) {
      pairs.push({ label, percent: `${percentThenLabel[1]}%` });
      label = percentThenLabel[2];
    } else if (label === undefined && line.indent === 0 && isShareLabel(line.trimmed)) {
      label = line.trimmed;
    } else {
      break;
    }
    index += 1;
  }
  if (pairs.length < 2) return undefined;
  const tables = splitIntoCharts(pairs).map((chart) => ({
    rows: chart.map((pair) => `${pair.label} ${pair.percent}`),
  }));
  return { end, event: { type: "share-tables", tables, page: first.page } };
}

function isShareLabel(text: string): boolean {
  return (
    /[\u4E00-\u9FFF]/u.test(text) &&
    !/\d/u.test(text) &&
    !SENTENCE_PUNCTUATION.test(text) &&
    compactText(text).length <= 20 &&
    numberedHeadingKind(text) === undefined
  );
}

/** Pie charts printed one after the other: a chart ends where its percentages reach 100. */
function splitIntoCharts<T extends { percent: string }>(pairs: T[]): T[][] {
  const charts: T[][] = [];
  let current: T[] = [];
  let total = 0;
  for (const pair of pairs) {
    current.push(pair);
    total += Number.parseFloat(pair.percent);
    if (total >= 99 && current.length >= 2) {
      charts.push(current);
      current = [];
      total = 0;
    }
  }
  if (current.length > 0) {
    if (charts.length > 0 && current.length < 2) charts[charts.length - 1].push(...current);
    else charts.push(current);
  }
  return charts;
}

/**
 * The table of one pie chart, named after the caption it belongs to or, when no caption is
 * waiting for data, after the section it is printed in.
 */
export function shareTable(
  rows: string[],
  caption: { label: string; text: string } | undefined,
  sectionTitle: string | undefined,
): ReportTable {
  return {
    shape: "share",
    label: caption?.label ?? `表 ${sectionTitle ?? ""}`.trim(),
    title: caption ? `${caption.text} 各项占比` : `${sectionTitle ?? ""} 占比`,
    header: "",
    rows,
    rowSeparator: "；",
  };
}
