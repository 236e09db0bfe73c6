/**
 * Derives the dictionary of the report files given as arguments and prints its size and the heap
 * it peaked at, as JSON: run in a process of its own with a small heap to show that the dictionary
 * is read as a stream.
 */
import { readFile } from "node:fs/promises";
import { deriveReportDictionary } from "../../src/profile/report-dictionary.js";

const texts = await Promise.all(process.argv.slice(2).map((file) => readFile(file, "utf8")));
const dictionary = await deriveReportDictionary(texts);
process.stdout.write(`${JSON.stringify({ keys: Object.keys(dictionary).length })}\n`);
