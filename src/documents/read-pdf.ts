/**
 * Reading a PDF's text with its positions, page by page, with `pdfjs-dist`.
 *
 * @module
 */
import { createRequire } from "node:module";
import path from "node:path";
import type { TextItem } from "pdfjs-dist/types/src/display/api.js";
import { AppError } from "../errors.js";

/** One run of text as the PDF places it: its characters and its box, in points from the page's bottom left. */
export interface PositionedText {
  text: string;
  left: number;
  right: number;
  /** Baseline height above the bottom of the page. */
  baseline: number;
  /** Font size (height of the text run). */
  size: number;
}

/** One page: its true number (1-based), its size and the text runs on it. */
export interface PdfPage {
  number: number;
  width: number;
  height: number;
  texts: PositionedText[];
}

/** The PDF cannot be read (damaged, encrypted, not a PDF). */
export class PdfReadError extends AppError {
  constructor(
    readonly source: string,
    options: { cause?: unknown } = {},
  ) {
    super("pdf_unreadable", `Cannot read the PDF ${source}`, options);
  }
}

const require = createRequire(import.meta.url);
const PDFJS_FOLDER = path.dirname(require.resolve("pdfjs-dist/package.json"));

/**
 * The text runs of every page of a PDF, in the order the PDF stores them.
 *
 * @throws {PdfReadError} when the bytes are not a readable PDF.
 */
export async function readPdfPages(bytes: Uint8Array, source: string): Promise<PdfPage[]> {
  try {
    // Loaded on first use: a corpus of text reports never pays for the PDF library.
    const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
    const document = await getDocument({
      data: new Uint8Array(bytes),
      cMapUrl: `${path.join(PDFJS_FOLDER, "cmaps")}${path.sep}`,
      cMapPacked: true,
      standardFontDataUrl: `${path.join(PDFJS_FOLDER, "standard_fonts")}${path.sep}`,
      isEvalSupported: false,
      useSystemFonts: false,
      verbosity: 0,
    }).promise;
    const pages: PdfPage[] = [];
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await document.getPage(number);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const texts = content.items
        .filter((item): item is TextItem => "str" in item && item.str.trim() !== "")
        .map(positionOf);
      pages.push({ number, width: viewport.width, height: viewport.height, texts });
      page.cleanup();
    }
    await document.destroy();
    return pages;
  } catch (error) {
    throw new PdfReadError(source, { cause: error });
  }
}

function positionOf(item: TextItem): PositionedText {
  const [scaleX, skewY, , scaleY, x, y] = item.transform as number[];
  const size = Math.abs(item.height) || Math.hypot(scaleY, skewY) || Math.abs(scaleX);
  return { text: item.str, left: x, right: x + item.width, baseline: y, size: size || 10 };
}
