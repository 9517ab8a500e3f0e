import { escapeHtml, type Html, trusted } from "./html.js";

export interface Bar {
  /** Under the bar, e.g. "11/2026". */
  label: string;
  /** 0–100. */
  percent: number;
  /** How many ratings the bar stands for, printed above it. */
  count: number;
}

/**
 * A bar chart of % satisfied, drawn here as SVG markup (no script, no chart library, nothing
 * fetched): it prints, scales with the page and is readable by screen readers via its title and
 * the table beside it. Labels are escaped like every other text.
 */
export function satisfactionChart(title: string, bars: readonly Bar[]): Html {
  const width = 720;
  const height = 260;
  const left = 40;
  const bottom = 40;
  const top = 24;
  const plotHeight = height - top - bottom;
  const slot = (width - left - 10) / Math.max(bars.length, 1);
  const barWidth = Math.min(56, slot * 0.6);
  const y = (percent: number) => top + plotHeight * (1 - percent / 100);
  const grid = [0, 25, 50, 75, 100]
    .map(
      (p) =>
        `<line x1="${left}" x2="${width - 10}" y1="${y(p)}" y2="${y(p)}" stroke="#d8dee4"/>` +
        `<text x="${left - 6}" y="${y(p) + 4}" text-anchor="end" font-size="11" fill="#57606a">${p}%</text>`,
    )
    .join("");
  const columns = bars
    .map((bar, i) => {
      const x = left + slot * i + (slot - barWidth) / 2;
      const colour = bar.percent >= 80 ? "#2da44e" : bar.percent >= 50 ? "#d4a72c" : "#cf222e";
      const label = escapeHtml(bar.label);
      return (
        `<g><title>${label}: ${bar.percent}% hài lòng (${bar.count} đánh giá)</title>` +
        `<rect x="${x}" y="${y(bar.percent)}" width="${barWidth}" height="${y(0) - y(bar.percent)}" fill="${colour}"/>` +
        `<text x="${x + barWidth / 2}" y="${y(bar.percent) - 6}" text-anchor="middle" font-size="12" font-weight="600">${bar.percent}%</text>` +
        `<text x="${x + barWidth / 2}" y="${height - bottom + 16}" text-anchor="middle" font-size="12">${label}</text>` +
        `<text x="${x + barWidth / 2}" y="${height - bottom + 31}" text-anchor="middle" font-size="11" fill="#57606a">${bar.count} lượt</text></g>`
      );
    })
    .join("");
  const empty =
    bars.length === 0
      ? `<text x="${width / 2}" y="${height / 2}" text-anchor="middle" fill="#57606a">Chưa có đánh giá</text>`
      : "";
  return trusted(
    `<svg class="chart" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg" font-family="system-ui,Arial,sans-serif"><title>${escapeHtml(title)}</title>${grid}${columns}${empty}</svg>`,
  );
}
