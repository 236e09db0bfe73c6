import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";

export function sha256Hex(content: string | Uint8Array): string {
  return createHash("sha256").update(content).digest("hex");
}

export async function fileSha256(filePath: string): Promise<string> {
  return sha256Hex(await readFile(filePath));
}
