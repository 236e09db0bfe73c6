/** A small bar or line chart of an answer's table, drawn as inline SVG with DOM APIs. */
import type { AnswerChart } from "../../types.js";
import { createElement, createSvgElement } from "./dom.js";
import type { UiTexts } from "./ui-texts.js";

const width = 320;
const height = 180;
const margin = { top: 16, right: 8, bottom: 36, left: 44 };
const plotWidth = width - margin.left - margin.right;
const plotHeight = height - margin.top - margin.bottom;
const seriesColourCount = 4;

/** A `<figure>` holding the chart and, for several series, a legend. */
export function renderAnswerChart(chart: AnswerChart, caption: string, texts: UiTexts): HTMLElement {
  const scale = createValueScale(chart);
  const svg = createSvgElement("svg", {
    class: `rc-chart rc-chart-${chart.type}`,
    viewBox: `0 0 ${width} ${height}`,
    role: "img",
    "aria-label": texts.chartLabel(caption),
  });
  svg.append(createSvgElement("title", {}, [describeChart(chart, caption)]));
  svg.append(...drawAxes(chart, scale));
  svg.append(...(chart.type === "bar" ? drawBars(chart, scale) : drawLines(chart, scale)));
  const figure = createElement("figure", { className: "rc-chart-figure" }, [svg]);
  if (chart.series.length > 1) figure.append(renderLegend(chart));
  return figure;
}

interface ValueScale {
  max: number;
  min: number;
  toY: (value: number) => number;
}

function createValueScale(chart: AnswerChart): ValueScale {
  const values = chart.series.flatMap((series) => series.values).filter((value): value is number => value !== null);
  const max = Math.max(0, ...values);
  const min = Math.min(0, ...values);
  const span = max - min || 1;
  return { max, min, toY: (value) => margin.top + ((max - value) / span) * plotHeight };
}

function categoryCentre(index: number, count: number): number {
  return margin.left + (plotWidth / count) * (index + 0.5);
}

function drawAxes(chart: AnswerChart, scale: ValueScale): SVGElement[] {
  const baseline = scale.toY(0);
  const elements: SVGElement[] = [
    createSvgElement("line", {
      class: "rc-axis",
      x1: margin.left,
      x2: width - margin.right,
      y1: baseline,
      y2: baseline,
    }),
    createSvgElement(
      "text",
      { class: "rc-axis-label", x: margin.left - 4, y: scale.toY(scale.max) + 4, "text-anchor": "end" },
      [formatValue(scale.max)],
    ),
  ];
  if (scale.min < 0) {
    elements.push(
      createSvgElement(
        "text",
        { class: "rc-axis-label", x: margin.left - 4, y: scale.toY(scale.min) + 4, "text-anchor": "end" },
        [formatValue(scale.min)],
      ),
    );
  }
  chart.labels.forEach((label, index) => {
    const text = createSvgElement(
      "text",
      {
        class: "rc-axis-label",
        x: categoryCentre(index, chart.labels.length),
        y: height - margin.bottom + 14,
        "text-anchor": "middle",
      },
      [shorten(label, chart.labels.length)],
    );
    text.append(createSvgElement("title", {}, [label]));
    elements.push(text);
  });
  return elements;
}

function drawBars(chart: AnswerChart, scale: ValueScale): SVGElement[] {
  const groupWidth = (plotWidth / chart.labels.length) * 0.8;
  const barWidth = groupWidth / chart.series.length;
  const baseline = scale.toY(0);
  return chart.series.flatMap((series, seriesIndex) =>
    series.values.flatMap((value, index) => {
      if (value === null) return [];
      const x = categoryCentre(index, chart.labels.length) - groupWidth / 2 + seriesIndex * barWidth;
      const y = Math.min(scale.toY(value), baseline);
      const bar = createSvgElement("rect", {
        class: `rc-series rc-series-${seriesIndex % seriesColourCount}`,
        x: round(x),
        y: round(y),
        width: round(Math.max(barWidth - 1, 1)),
        height: round(Math.max(Math.abs(baseline - scale.toY(value)), 1)),
      });
      bar.append(createSvgElement("title", {}, [`${series.name} · ${chart.labels[index]}: ${formatValue(value)}`]));
      return [bar];
    }),
  );
}

function drawLines(chart: AnswerChart, scale: ValueScale): SVGElement[] {
  return chart.series.flatMap((series, seriesIndex) => {
    const colour = `rc-series-${seriesIndex % seriesColourCount}`;
    const points = series.values.flatMap((value, index) =>
      value === null ? [] : [{ x: categoryCentre(index, chart.labels.length), y: scale.toY(value), value, index }],
    );
    const line = createSvgElement("polyline", {
      class: `rc-series-line ${colour}`,
      points: points.map((point) => `${round(point.x)},${round(point.y)}`).join(" "),
    });
    const dots = points.map((point) => {
      const dot = createSvgElement("circle", {
        class: `rc-series ${colour}`,
        cx: round(point.x),
        cy: round(point.y),
        r: 3,
      });
      dot.append(
        createSvgElement("title", {}, [`${series.name} · ${chart.labels[point.index]}: ${formatValue(point.value)}`]),
      );
      return dot;
    });
    return [line, ...dots];
  });
}

function renderLegend(chart: AnswerChart): HTMLElement {
  return createElement(
    "ul",
    { className: "rc-legend" },
    chart.series.map((series, index) =>
      createElement("li", {}, [
        createElement("span", {
          className: `rc-legend-swatch rc-series-${index % seriesColourCount}`,
          attributes: { "aria-hidden": "true" },
        }),
        series.name,
      ]),
    ),
  );
}

function describeChart(chart: AnswerChart, caption: string): string {
  const series = chart.series.map(
    (entry) =>
      `${entry.name}: ${entry.values.map((value, index) => `${chart.labels[index]} ${value === null ? "—" : formatValue(value)}`).join(", ")}`,
  );
  return [caption, ...series].join("; ");
}

function shorten(label: string, count: number): string {
  const limit = Math.max(4, Math.floor(36 / count));
  return label.length > limit ? `${label.slice(0, limit - 1)}…` : label;
}

function formatValue(value: number): string {
  return value.toLocaleString(undefined, { maximumFractionDigits: 2 });
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
