import { displayClock, displayDate, localTime } from "../time/local.js";
import type { ChannelHealthView } from "./deps.js";
import type { ChannelLine } from "./pages/overview.js";

const num = (v: unknown) => (typeof v === "number" ? v : 0);

/** Each channel's health in a line staff can read: working or not, and why. */
export function channelLine(name: string, h: ChannelHealthView, timeZone: string): ChannelLine {
  const when = (iso: unknown) => {
    if (typeof iso !== "string" || Number.isNaN(Date.parse(iso))) return "chưa có";
    const ms = Date.parse(iso);
    return `${displayClock(ms, timeZone)} ${displayDate(localTime(ms, timeZone).date)}`;
  };
  if (name === "telegram") {
    const polling = h.mode === "polling";
    const ok = polling ? h.running === true && !h.lastError : h.accepting === true;
    const parts = [
      polling ? "nhận tin kiểu polling" : "nhận tin qua webhook",
      `đã trả lời ${num(h.handled)} tin`,
      `lỗi ${num(h.failed)}`,
      `tin gần nhất: ${when(h.lastUpdateAt)}`,
      ...(typeof h.lastError === "string" ? [`lỗi gần nhất: ${h.lastError}`] : []),
    ];
    return { name, ok, summary: parts.join(" · ") };
  }
  if (name === "zalo") {
    const failures = num(h.pollFailures);
    const ok = h.mode === "polling" ? h.polling === true && failures < 3 : h.webhookRegistered !== false;
    const parts = [
      h.mode === "polling" ? "nhận tin kiểu polling" : "nhận tin qua webhook",
      `đã trả lời ${num(h.handled)} tin`,
      `lỗi ${num(h.failed)}`,
      ...(failures > 0 ? [`${failures} lần không kết nối được Zalo liên tiếp`] : []),
      `tin gần nhất: ${when(h.lastUpdateAt)}`,
    ];
    return { name, ok, summary: parts.join(" · ") };
  }
  if (name === "terminal") return { name, ok: true, summary: `${num(h.messages)} tin trên máy` };
  return { name, ok: true, summary: "" };
}

/** Messages the channels have handled since the service started. */
export function handledSinceStart(channels: Record<string, ChannelHealthView>): number {
  return Object.entries(channels).reduce(
    (sum, [name, h]) => sum + (name === "terminal" ? num(h.messages) : num(h.handled)),
    0,
  );
}

/**
 * "Messages today" from the channels' counters (which count since start): the counter's value at
 * local midnight is sampled each minute and subtracted. A service started today counts from its start.
 */
export class DailyMessages {
  private day: string;
  private baseline = 0;
  readonly startedAt: number;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly total: () => number,
    private readonly now: () => number,
    private readonly timeZone: string,
  ) {
    this.startedAt = now();
    this.day = localTime(this.startedAt, timeZone).date;
    this.timer = setInterval(() => this.sample(), 60_000);
    this.timer.unref();
  }

  today(): { count: number; sinceStart: boolean } {
    this.sample();
    return {
      count: Math.max(0, this.total() - this.baseline),
      sinceStart: this.day === localTime(this.startedAt, this.timeZone).date,
    };
  }

  close(): void {
    clearInterval(this.timer);
  }

  private sample(): void {
    const day = localTime(this.now(), this.timeZone).date;
    if (day !== this.day) {
      this.day = day;
      this.baseline = this.total();
    }
  }
}
