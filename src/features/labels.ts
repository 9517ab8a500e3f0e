const LABEL_MAX = 60;

/** Button labels stay on one line of a phone: long procedure names are cut with "…". */
export function shorten(label: string): string {
  return label.length <= LABEL_MAX ? label : `${label.slice(0, LABEL_MAX - 1).trimEnd()}…`;
}
