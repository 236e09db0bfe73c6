/**
 * A chart of an answer's table, only where it says something: horizontal bars with full labels and
 * their values for comparisons, a line on a real axis for series (its baseline marked when it is not
 * zero). The caption names the plotted column.
 */
import type { AnswerChart } from "../../types.js";
import { createElement, createSvgElement } from "./dom.js";
import { languageAttributeOf, withLanguageRuns } from "./language-runs.js";
import { decimalsOf, formatNumber } from "./number-format.js";
import type { UiTexts } from "./ui-texts.js";

const seriesColourCount = 4;

/** The chart as a `<figure>`, or undefined when there is nothing to compare (one value, or all equal). */
export function renderAnswerChart(chart: AnswerChart, caption: string, texts: UiTexts): HTMLElement | undefined {
  const values = chart.series.flatMap((series) => series.values).filter((value): value is number => value !== null);
  if (chart.labels.length < 2 || values.length < 2 || new Set(values).size < 2) return undefined;
  const decimals = decimalsOf(values);
  const format = (value: number) => formatNumber(value, texts.language, decimals);
  const figure = createElement("figure", { className: `rc-chart-figure rc-chart-${chart.type}` });
  const notes = [texts.chartPlotted(chart.series.map((series) => series.name).join(", "))];
  if (chart.type === "bar") figure.append(renderBars(chart, caption, texts));
  else {
    const line = renderLine(chart, caption, format, texts);
    figure.append(line.svg);
    if (line.baseline !== 0) notes.push(texts.chartBaseline(format(line.baseline)));
  }
  if (chart.series.length > 1) figure.append(renderLegend(chart, texts));
  figure.append(
    createElement("figcaption", { className: "rc-chart-caption" }, withLanguageRuns(notes.join(" · "), texts.language)),
  );
  return figure;
}

/** Width of a text in `em`, roughly: a Chinese character is a full em, other characters little more than half. */
function textWidthEm(text: string): number {
  return [...text].reduce((sum, character) => sum + (/[\u3000-\u9fff\uff00-\uffef]/u.test(character) ? 1 : 0.6), 0);
}

/**
 * One row per category: its full label, then a bar per series with the value written beside it. Every bar
 * is drawn on one scale, the longest value's room left free, so that no value runs past the chart.
 */
function renderBars(chart: AnswerChart, caption: string, texts: UiTexts) {
  const max = Math.max(...chart.series.flatMap((series) => series.values.map((value) => Math.abs(value ?? 0))), 1);
  const valueText = (seriesIndex: number, index: number) => {
    const series = chart.series[seriesIndex];
    const value = series.values[index];
    const number = value === null ? texts.emptyCell : formatNumber(value, texts.language, decimalsOf(series.values));
    return `${chart.series.length > 1 ? `${series.name}: ` : ""}${number}`;
  };
  const valueTexts = chart.labels.map((_, index) =>
    chart.series.map((_, seriesIndex) => valueText(seriesIndex, index)),
  );
  // The longest value's width and the gap before it, in the bars' own font size.
  const valueRoomEm = Math.max(...valueTexts.flat().map(textWidthEm)) + 0.6;
  const rows = chart.labels.map((label, index) =>
    createElement("li", { className: "rc-bar-row" }, [
      createElement("span", {
        className: "rc-bar-label",
        text: label,
        attributes: languageAttributeOf(label, texts.language),
      }),
      ...chart.series.map((series, seriesIndex) => {
        const value = series.values[index];
        const bar = createElement("span", {
          className: `rc-bar rc-series-${seriesIndex % seriesColourCount}`,
          attributes: { "aria-hidden": "true" },
        });
        const fraction = value === null ? 0 : Math.max(Math.abs(value) / max, 0.005);
        // CSSOM, not a style attribute: allowed under a strict style-src.
        bar.style.width = `calc((100% - ${valueRoomEm.toFixed(1)}em) * ${fraction.toFixed(4)})`;
        return createElement("span", { className: "rc-bar-track" }, [
          bar,
          createElement("span", { className: "rc-bar-value", text: valueTexts[index][seriesIndex] }),
        ]);
      }),
    ]),
  );
  return createElement("ul", { className: "rc-bars", attributes: { "aria-label": texts.chartLabel(caption) } }, rows);
}

const width = 320;
const height = 170;
const margin = { top: 20, right: 14, bottom: 28, left: 48 };

/** Round tick values spanning [min, max]. */
function niceTicks(min: number, max: number, count = 4): number[] {
  const raw = (max - min) / count || 1;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= raw) ?? raw;
  const ticks: number[] = [];
  for (let tick = Math.floor(min / step) * step; tick <= max + step * 1e-9; tick += step) {
    ticks.push(Math.round(tick * 1e6) / 1e6);
  }
  if (ticks[ticks.length - 1] < max) ticks.push(ticks[ticks.length - 1] + step);
  return ticks;
}

function renderLine(chart: AnswerChart, caption: string, format: (value: number) => string, texts: UiTexts) {
  const values = chart.series.flatMap((series) => series.values).filter((value): value is number => value !== null);
  const min = Math.min(...values);
  const max = Math.max(...values);
  // Zero stays the baseline unless the values would be a flat line far above it.
  const fromZero = min >= 0 && min < (max - min) * 2;
  const ticks = niceTicks(fromZero ? 0 : min, max);
  const baseline = ticks[0];
  const top = ticks[ticks.length - 1];
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const toY = (value: number) => margin.top + ((top - value) / (top - baseline || 1)) * plotHeight;
  const toX = (index: number) => margin.left + (plotWidth * (index + 0.5)) / chart.labels.length;
  const svg = createSvgElement("svg", {
    class: "rc-chart",
    viewBox: `0 0 ${width} ${height}`,
    role: "img",
    "aria-label": texts.chartLabel(caption),
  });
  const description = describe(chart, caption, format);
  svg.append(createSvgElement("title", languageAttributeOf(description, texts.language), [description]));
  for (const tick of ticks) {
    svg.append(
      createSvgElement("line", {
        class: "rc-grid",
        x1: margin.left,
        x2: width - margin.right,
        y1: toY(tick),
        y2: toY(tick),
      }),
      createSvgElement("text", { class: "rc-axis-label", x: margin.left - 4, y: toY(tick) + 3, "text-anchor": "end" }, [
        format(tick),
      ]),
    );
  }
  svg.append(
    createSvgElement("line", {
      class: baseline === 0 ? "rc-axis" : "rc-axis rc-axis-broken",
      x1: margin.left,
      x2: width - margin.right,
      y1: toY(baseline),
      y2: toY(baseline),
    }),
  );
  chart.labels.forEach((label, index) => {
    svg.append(
      createSvgElement("text", { class: "rc-axis-label", x: toX(index), y: height - 10, "text-anchor": "middle" }, [
        label,
      ]),
    );
  });
  chart.series.forEach((series, seriesIndex) => {
    const colour = `rc-series-${seriesIndex % seriesColourCount}`;
    const points = series.values.flatMap((value, index) =>
      value === null ? [] : [{ x: toX(index), y: toY(value), value }],
    );
    svg.append(
      createSvgElement("polyline", {
        class: `rc-series-line ${colour}`,
        points: points.map((point) => `${round(point.x)},${round(point.y)}`).join(" "),
      }),
    );
    const seriesDecimals = decimalsOf(series.values);
    for (const point of points) {
      svg.append(
        createSvgElement("circle", { class: `rc-series ${colour}`, cx: round(point.x), cy: round(point.y), r: 3 }),
        createSvgElement(
          "text",
          { class: "rc-value-label", x: round(point.x), y: round(point.y) - 6, "text-anchor": "middle" },
          [formatNumber(point.value, texts.language, seriesDecimals)],
        ),
      );
    }
  });
  return { svg, baseline };
}

function renderLegend(chart: AnswerChart, texts: UiTexts): HTMLElement {
  return createElement(
    "ul",
    { className: "rc-legend" },
    chart.series.map((series, index) =>
      createElement("li", {}, [
        createElement("span", {
          className: `rc-legend-swatch rc-series-${index % seriesColourCount}`,
          attributes: { "aria-hidden": "true" },
        }),
        ...withLanguageRuns(series.name, texts.language),
      ]),
    ),
  );
}

function describe(chart: AnswerChart, caption: string, format: (value: number) => string): string {
  const series = chart.series.map((entry) => {
    const values = entry.values.map((value, index) => `${chart.labels[index]} ${value === null ? "—" : format(value)}`);
    return `${entry.name}: ${values.join(", ")}`;
  });
  return [caption, ...series].join("; ");
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
