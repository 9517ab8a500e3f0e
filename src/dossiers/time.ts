// Moved to src/time/local.ts; kept until the last importers switch (see /work/coord/requests.md).
export { daysBetween, displayClock, displayDate, type LocalTime, localTime } from "../time/local.js";
