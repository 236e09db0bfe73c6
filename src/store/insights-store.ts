/**
 * What site owners see of their readers: the questions asked and the feedback on answers, kept in
 * an embedded SQLite database (`libsql`, the SQLite engine with prebuilt binaries).
 *
 * Writes are single statements on one connection in write-ahead-log mode, so a `kill -9` loses at
 * most the statement in progress and never corrupts the file; other processes on the same file wait
 * for the lock (`busy_timeout`) instead of failing. `synchronous = NORMAL` keeps every committed
 * write across a process crash without an fsync per answer (only a power cut may drop the last ones).
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "libsql";

/** A reader's verdict on one answer. */
export type Rating = "up" | "down";

export interface QuestionRecord {
  /** The question as asked; stored only when the store was opened with `keepQuestionText`. */
  question: string;
  /** Whether the report answered it. */
  found: boolean;
}

export interface FeedbackRecord {
  rating: Rating;
  /** The question the answer was for; stored only with `keepQuestionText`. */
  question: string;
  /** The answer the reader rated (its first characters). */
  answer: string;
  comment?: string;
}

/** One day (UTC, `YYYY-MM-DD`) of activity. */
export interface DayInsights {
  day: string;
  questions: number;
  answered: number;
  notFound: number;
  thumbsUp: number;
  thumbsDown: number;
}

export interface Insights {
  /** Days with any activity in the period, newest first. */
  days: DayInsights[];
  /** Questions the report did not answer, most asked first (only those stored with their text). */
  topUnanswered: Array<{ question: string; count: number }>;
  /** Answers marked 👎, newest first. */
  thumbsDown: Array<{ at: string; question: string | null; answer: string; comment: string | null }>;
  /** Whether question text is being stored (`LOG_QUESTIONS`). */
  questionTextKept: boolean;
}

export interface InsightsStoreOptions {
  /** File of the database, created with its folder when missing; `:memory:` for a throw-away store. */
  path: string;
  /** Store the text of questions (`LOG_QUESTIONS`); without it only counts are kept. */
  keepQuestionText: boolean;
  /** @default Date.now */
  now?: () => number;
}

/** Longest answer excerpt kept with a feedback. */
const ANSWER_EXCERPT_LENGTH = 600;
const LIST_LIMIT = 20;
const DAY_MS = 86_400_000;

const schema = `
CREATE TABLE IF NOT EXISTS questions (
  id INTEGER PRIMARY KEY,
  asked_at INTEGER NOT NULL,
  day TEXT NOT NULL,
  question TEXT,
  found INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS questions_by_day ON questions (day);
CREATE TABLE IF NOT EXISTS feedback (
  id INTEGER PRIMARY KEY,
  given_at INTEGER NOT NULL,
  day TEXT NOT NULL,
  rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
  question TEXT,
  answer TEXT NOT NULL,
  comment TEXT
);
CREATE INDEX IF NOT EXISTS feedback_by_day ON feedback (day);
`;

function dayOf(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** The database of questions and feedback. Every method is synchronous and safe to call from any request. */
export class InsightsStore {
  private readonly database: Database.Database;
  private readonly keepQuestionText: boolean;
  private readonly now: () => number;
  /** Every answer adds a row: the statement is prepared once. */
  private readonly insertQuestion: Database.Statement;

  constructor(options: InsightsStoreOptions) {
    if (options.path !== ":memory:") mkdirSync(path.dirname(options.path), { recursive: true });
    this.database = new Database(options.path);
    this.database.exec("PRAGMA busy_timeout = 5000");
    this.database.exec("PRAGMA journal_mode = WAL");
    this.database.exec("PRAGMA synchronous = NORMAL");
    this.database.exec(schema);
    this.keepQuestionText = options.keepQuestionText;
    this.now = options.now ?? Date.now;
    this.insertQuestion = this.database.prepare(
      "INSERT INTO questions (asked_at, day, question, found) VALUES (?, ?, ?, ?)",
    );
  }

  recordQuestion(record: QuestionRecord): void {
    const time = this.now();
    this.insertQuestion.run(
      time,
      dayOf(time),
      this.keepQuestionText ? record.question.trim() : null,
      record.found ? 1 : 0,
    );
  }

  /** Stores a feedback and returns its id. */
  recordFeedback(record: FeedbackRecord): number {
    const time = this.now();
    const result = this.database
      .prepare("INSERT INTO feedback (given_at, day, rating, question, answer, comment) VALUES (?, ?, ?, ?, ?, ?)")
      .run(
        time,
        dayOf(time),
        record.rating,
        this.keepQuestionText ? record.question.trim() : null,
        record.answer.slice(0, ANSWER_EXCERPT_LENGTH),
        record.comment?.trim() || null,
      );
    return Number(result.lastInsertRowid);
  }

  /** Activity of the last `days` days (today included). */
  insights(days: number): Insights {
    const since = dayOf(this.now() - (days - 1) * DAY_MS);
    return {
      days: this.daysSince(since),
      topUnanswered: this.database
        .prepare(
          `SELECT question, COUNT(*) AS count FROM questions
           WHERE day >= ? AND found = 0 AND question IS NOT NULL
           GROUP BY question ORDER BY count DESC, MAX(asked_at) DESC LIMIT ?`,
        )
        .all(since, LIST_LIMIT) as Insights["topUnanswered"],
      thumbsDown: (
        this.database
          .prepare(
            `SELECT given_at, question, answer, comment FROM feedback
             WHERE day >= ? AND rating = 'down' ORDER BY given_at DESC, id DESC LIMIT ?`,
          )
          .all(since, LIST_LIMIT) as Array<{
          given_at: number;
          question: string | null;
          answer: string;
          comment: string | null;
        }>
      ).map((row) => ({
        at: new Date(row.given_at).toISOString(),
        question: row.question,
        answer: row.answer,
        comment: row.comment,
      })),
      questionTextKept: this.keepQuestionText,
    };
  }

  close(): void {
    if (this.database.open) this.database.close();
  }

  private daysSince(since: string): DayInsights[] {
    const questions = this.database
      .prepare(
        `SELECT day, COUNT(*) AS questions, SUM(found) AS answered FROM questions
         WHERE day >= ? GROUP BY day`,
      )
      .all(since) as Array<{ day: string; questions: number; answered: number }>;
    const feedback = this.database
      .prepare(
        `SELECT day, SUM(rating = 'up') AS up, SUM(rating = 'down') AS down FROM feedback
         WHERE day >= ? GROUP BY day`,
      )
      .all(since) as Array<{ day: string; up: number; down: number }>;
    const byDay = new Map<string, DayInsights>();
    const entry = (day: string): DayInsights => {
      let found = byDay.get(day);
      if (!found) {
        found = { day, questions: 0, answered: 0, notFound: 0, thumbsUp: 0, thumbsDown: 0 };
        byDay.set(day, found);
      }
      return found;
    };
    for (const row of questions) {
      Object.assign(entry(row.day), {
        questions: row.questions,
        answered: row.answered,
        notFound: row.questions - row.answered,
      });
    }
    for (const row of feedback) Object.assign(entry(row.day), { thumbsUp: row.up, thumbsDown: row.down });
    return [...byDay.values()].sort((left, right) => right.day.localeCompare(left.day));
  }
}
