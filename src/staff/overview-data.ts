import type { Problem } from "../catalogue/problems.js";
import { overlaysDueForReview, recordsDueForReview, reviewSummary } from "../catalogue/review.js";
import type { WardView } from "../questions/store.js";
import { displayClock, displayDate, localTime } from "../time/local.js";
import { channelLine, type DailyMessages } from "./channels.js";
import type { StaffConsoleDeps } from "./deps.js";
import type { OverviewData } from "./pages/overview.js";

/** Reading every data file takes a moment: the check of the files on disk is reused this long. */
const CHECK_REUSE_MS = 10_000;

/** What the overview shows, gathered from the service at each visit. */
export function overviewSource(
  deps: StaffConsoleDeps,
  daily: DailyMessages,
): (questions?: WardView) => Promise<OverviewData> {
  const { now, timeZone } = deps;
  let checked: { at: number; problems: Promise<readonly Problem[]> } | undefined;
  return async (questions) => {
    const snapshot = deps.catalogue.current().catalogue;
    if (deps.catalogue.check && (!checked || now() - checked.at > CHECK_REUSE_MS)) {
      checked = { at: now(), problems: deps.catalogue.check() };
    }
    const onDisk = checked ? await checked.problems : [];
    const date = localTime(now(), timeZone).date;
    // The province's and wards' overlay changes and local procedures carry their own check dates (docs/wards.md).
    const due = [
      ...recordsDueForReview(snapshot.procedures, date),
      ...overlaysDueForReview(snapshot.province, date),
    ].sort((a, b) => a.dueBy.localeCompare(b.dueBy) || a.code.localeCompare(b.code));
    const today = daily.today();
    const started = `${displayClock(daily.startedAt, timeZone)} ${displayDate(localTime(daily.startedAt, timeZone).date)}`;
    return {
      version: snapshot.version,
      procedures: snapshot.procedures.length,
      errors: onDisk.filter((p) => p.severity !== "warning"),
      warnings: deps.catalogue.warnings(),
      due,
      reviewSummary: reviewSummary(due, snapshot.procedures.length),
      channels: Object.entries(deps.health().channels).map(([name, h]) => channelLine(name, h, timeZone)),
      messagesToday: deps.messagesToday ? await deps.messagesToday() : today.count,
      messagesNote: !deps.messagesToday && today.sinceStart ? `từ lúc dịch vụ khởi động (${started})` : undefined,
      unanswered: (await deps.questions?.list(7, questions))?.length,
    };
  };
}
