/** Values from a request, made safe to log: a client chooses them, and their length. */

/** Longest request-supplied value written to a log line, in characters. */
export const LOGGED_VALUE_CHARACTERS = 200;

/**
 * The value, cut to `maxCharacters` with the original length noted, so a 15 KB `Origin` or path
 * costs a log line of a few hundred bytes.
 *
 * @example
 * loggableValue("x".repeat(15_000)) // "xxx…(15000 characters)"
 */
export function loggableValue(value: string, maxCharacters = LOGGED_VALUE_CHARACTERS): string {
  if (value.length <= maxCharacters) return value;
  return `${value.slice(0, maxCharacters)}…(${value.length} characters)`;
}
