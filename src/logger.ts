import { type Logger, pino } from "pino";

export type { Logger };

export interface LoggerOptions {
  level: string;
  /** Write to this destination instead of stdout (tests pass a stream to read what was logged). */
  destination?: NodeJS.WritableStream;
}

/** Structured JSON logs. Authorization headers and API keys are redacted wherever they appear. */
export function createLogger(options: LoggerOptions): Logger {
  const pinoOptions = {
    level: options.level,
    redact: {
      paths: [
        "req.headers.authorization",
        "headers.authorization",
        "authorization",
        "apiKey",
        "*.apiKey",
        "config.openai.apiKey",
        "apiKeys",
        "publicApiKeys",
        "*.apiKeys",
        "*.publicApiKeys",
        "config.apiKeys",
        "config.publicApiKeys",
        "req.headers.cookie",
      ],
      censor: "[redacted]",
    },
  };
  return options.destination ? pino(pinoOptions, options.destination as pino.DestinationStream) : pino(pinoOptions);
}
