/** The insights page: fetches `GET /api/insights` with the site owner's key and shows it as tables. */

import type { Insights } from "../../store/insights-store.js";
import { createElement } from "../components/dom.js";

const keyStorage = "report-chat:insights-key";

function startInsightsPage(): void {
  const form = document.getElementById("insights-form") as HTMLFormElement | null;
  const keyInput = document.getElementById("insights-key") as HTMLInputElement | null;
  const daysInput = document.getElementById("insights-days") as HTMLSelectElement | null;
  const status = document.getElementById("insights-status");
  const report = document.getElementById("insights-report");
  if (!form || !keyInput || !daysInput || !status || !report) return;
  keyInput.value = readStoredKey();
  const load = async (): Promise<void> => {
    status.textContent = "Loading…";
    const key = keyInput.value.trim();
    const response = await fetch(`/api/insights?days=${encodeURIComponent(daysInput.value)}`, {
      headers: key ? { Authorization: `Bearer ${key}` } : {},
      credentials: "omit",
    }).catch(() => undefined);
    if (!response) {
      status.textContent = "The server cannot be reached.";
      return;
    }
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
      status.textContent = `Not shown (${response.status}): ${body.error?.message ?? response.statusText}`;
      report.replaceChildren();
      keyInput.focus();
      return;
    }
    storeKey(key);
    const insights = (await response.json()) as Insights & { periodDays: number };
    status.textContent = `Last ${insights.periodDays} days.`;
    report.replaceChildren(...renderInsights(insights));
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void load();
  });
  void load();
}

function renderInsights(insights: Insights): HTMLElement[] {
  const totals = insights.days.reduce(
    (sum, day) => ({
      questions: sum.questions + day.questions,
      notFound: sum.notFound + day.notFound,
      up: sum.up + day.thumbsUp,
      down: sum.down + day.thumbsDown,
    }),
    { questions: 0, notFound: 0, up: 0, down: 0 },
  );
  const sections = [
    section("Summary", [
      createElement("p", {
        className: "insights-summary",
        text:
          `${totals.questions} questions, ${totals.notFound} not found in the report, ${totals.up} marked ` +
          `helpful, ${totals.down} not helpful.`,
      }),
    ]),
    section("Per day", [
      table(
        ["Day", "Questions", "Answered", "Not found", "Helpful", "Not helpful"],
        insights.days.map((day) => [day.day, day.questions, day.answered, day.notFound, day.thumbsUp, day.thumbsDown]),
        "No questions in this period.",
      ),
    ]),
    section("Most frequent questions the report did not answer", [
      insights.questionTextKept
        ? table(
            ["Question", "Times"],
            insights.topUnanswered.map((entry) => [entry.question, entry.count]),
            "None in this period.",
          )
        : createElement("p", { text: "Question text is not stored (LOG_QUESTIONS=false)." }),
    ]),
    section("Answers marked not helpful", [
      table(
        ["When (UTC)", "Question", "Answer", "Comment"],
        insights.thumbsDown.map((entry) => [
          entry.at.replace("T", " ").slice(0, 16),
          entry.question ?? "—",
          entry.answer,
          entry.comment ?? "—",
        ]),
        "None in this period.",
      ),
    ]),
  ];
  return sections;
}

function section(title: string, children: HTMLElement[]): HTMLElement {
  return createElement("section", { className: "insights-section" }, [
    createElement("h2", { text: title }),
    ...children,
  ]);
}

function table(headers: string[], rows: Array<Array<string | number>>, emptyText: string): HTMLElement {
  if (rows.length === 0) return createElement("p", { className: "insights-empty", text: emptyText });
  return createElement(
    "div",
    { className: "rc-table-scroll", attributes: { tabindex: "0", role: "region", "aria-label": headers.join(", ") } },
    [
      createElement("table", { className: "rc-table insights-table" }, [
        createElement("thead", {}, [
          createElement(
            "tr",
            {},
            headers.map((header) => createElement("th", { text: header, attributes: { scope: "col" } })),
          ),
        ]),
        createElement(
          "tbody",
          {},
          rows.map((row) =>
            createElement(
              "tr",
              {},
              row.map((cell) =>
                createElement("td", {
                  text: String(cell),
                  className: typeof cell === "number" ? "rc-number" : undefined,
                }),
              ),
            ),
          ),
        ),
      ]),
    ],
  );
}

function readStoredKey(): string {
  try {
    return window.sessionStorage.getItem(keyStorage) ?? "";
  } catch {
    return "";
  }
}

function storeKey(key: string): void {
  try {
    if (key) window.sessionStorage.setItem(keyStorage, key);
  } catch {
    // Storage blocked: the key is asked again next time.
  }
}

startInsightsPage();
