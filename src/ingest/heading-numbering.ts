/**
 * The report's numbering of headings and captions: `第二部分`, `附录 II`, `成果目标 3：`,
 * `指标 A.1：`, `图 I.1.` and `表 2.`. Both the structure and the table readers stop at them.
 *
 * @module
 */

/** What a heading opens: a part or appendix, an outcome, an indicator, or a heading known by its shape only. */
export type HeadingKind = "part" | "outcome" | "indicator" | "generic";

const PART_HEADING = /^第[一二三四五六七八九十]+部分(?:\s*[.．、:：]\s*\S.*)?$/u;
const APPENDIX_HEADING = /^附录\s*(?:[IVX]+|[一二三四五六七八九十]+|\d+)(?:\s*[.．:：]\s*\S.*)?$/u;
const OUTCOME_HEADING = /^(?:政策)?成果目标\s*(\d{1,2}|[A-Z])\s*[：:]\s*\S/u;
const INDICATOR_HEADING = /^指标\s*((\d{1,2}|[A-Z])\.\d{1,2})\s*[：:]\s*\S/u;

/** A figure or table caption: kind (`图`/`表`), number, text. */
export const CAPTION = /^(图|表)\s*((?:[IVX]+\.)?\d+(?:\.\d+)*)[.．]?\s+(\S.*)$/u;

/** The kind and number (`3`, `A.1`) of a numbered heading line, if it is one. */
export function numberedHeadingKind(trimmed: string): { kind: HeadingKind; number?: string } | undefined {
  if (PART_HEADING.test(trimmed) || APPENDIX_HEADING.test(trimmed)) return { kind: "part" };
  const outcome = OUTCOME_HEADING.exec(trimmed);
  if (outcome) return { kind: "outcome", number: outcome[1] };
  const indicator = INDICATOR_HEADING.exec(trimmed);
  if (indicator) return { kind: "indicator", number: indicator[1] };
  return undefined;
}

/** The short form of a numbered heading: `成果目标 1` for `成果目标 1：为实现…`. */
export function shortHeading(title: string): string {
  const match = /^(.{1,16}?)\s*[：:]/u.exec(title);
  return match && /\d|[A-Z]/u.test(match[1]) ? match[1].trim() : title;
}
