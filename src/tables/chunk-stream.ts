import type { Chunk } from "../types.js";

/** The separator placed between chunk texts; a blank line, so that no token spans two chunks. */
const SEPARATOR = "\n\n";

/** A position in one chunk's text. */
export interface ChunkPosition {
  chunk: Chunk;
  /** Offset inside `chunk.text`. */
  offset: number;
}

/**
 * The texts of consecutive chunks read as one text, so that a table cut across chunks
 * (at a page break, say) parses as one, while every offset still maps back to its chunk.
 */
export class ChunkStream {
  readonly text: string;
  private readonly starts: number[] = [];

  constructor(readonly chunks: Chunk[]) {
    let offset = 0;
    const parts: string[] = [];
    for (const chunk of chunks) {
      this.starts.push(offset);
      parts.push(chunk.text);
      offset += chunk.text.length + SEPARATOR.length;
    }
    this.text = parts.join(SEPARATOR);
  }

  /** The chunk and in-chunk offset of a stream offset. */
  locate(streamOffset: number): ChunkPosition {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (this.starts[middle] <= streamOffset) low = middle;
      else high = middle - 1;
    }
    return { chunk: this.chunks[low], offset: streamOffset - this.starts[low] };
  }
}
