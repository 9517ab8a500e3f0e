import type { Catalogue } from "../catalogue/load.js";
import type { Office, Procedure } from "../catalogue/schema.js";
import { INTENTS, type Intent } from "../search/intent.js";
import type { Translate } from "./i18n.js";

export type Section = Intent;
export const SECTIONS: readonly Section[] = INTENTS;
/** Sections offered as buttons under an answer; conditions are printed with the steps, and answered when asked. */
export const BUTTON_SECTIONS: readonly Section[] = SECTIONS.filter((s) => s !== "conditions");

/** Fees, times and documents are printed from the record, never composed or guessed. */
export function renderSection(t: Translate, catalogue: Catalogue, p: Procedure, section: Section): string {
  const title = t("procedure-title", { name: p.name, code: p.code });
  const office = catalogue.offices.get(p.office) ?? catalogue.defaultOffice;
  const perChannel = (pick: (c: Procedure["channels"][number]) => string) =>
    p.channels.map((c) => `• ${t(`channel-${c.kind}`)}: ${pick(c)}`);

  let body: string[];
  switch (section) {
    case "documents":
      body = [t("documents-title"), ...documentLines(t, p)];
      break;
    case "fee":
      body = [t("fee-title"), ...perChannel((c) => c.fee.text)];
      break;
    case "time":
      body = [t("time-title"), ...perChannel((c) => c.time.text)];
      break;
    case "place":
      body = [t("place-title"), officeText(t, office), t("place-agency", { agency: p.agency })];
      break;
    case "steps":
      body = [
        t("steps-title"),
        ...p.steps.map((s, i) => `${i + 1}. ${s}`),
        ...(p.conditions.length > 0 ? [t("summary-conditions"), ...p.conditions.map((c) => `• ${c}`)] : []),
        t("legal-basis", { laws: p.legalBasis.map((b) => b.text).join("; ") }),
      ];
      break;
    case "online":
      body = onlineLines(t, p);
      break;
    case "conditions":
      body =
        p.conditions.length > 0
          ? [t("conditions-title"), ...p.conditions.map((c) => `• ${c}`)]
          : [t("conditions-none"), t("steps-title"), ...p.steps.map((s, i) => `${i + 1}. ${s}`)];
      break;
    default:
      body = summaryLines(t, p, office);
  }
  // A condition that may send the citizen to another procedure is read before anything else, in every section.
  const checkFirst = p.checkFirst ? [t("check-first", { text: p.checkFirst })] : [];
  // The province's or ward's own notes (overlays) hold for every section too ("Nhận hồ sơ cả sáng Thứ Bảy").
  const localNotes = (p.localNotes ?? []).map((text) => t("local-note", { text }));
  return [title, ...checkFirst, ...localNotes, ...body].join("\n");
}

export function officeText(t: Translate, office: Office): string {
  const text = t("place-office", {
    name: office.name,
    address: office.address,
    hours: office.hours,
    phone: office.phone,
  });
  return office.mapUrl ? `${text}\n${t("place-map", { url: office.mapUrl })}` : text;
}

function documentLines(t: Translate, p: Procedure): string[] {
  const line = (d: Procedure["documents"][number]) => {
    const count = t("document-count", { originals: d.originals, copies: d.copies });
    const form = d.form ? `; ${t("document-form", { form: d.form })}` : "";
    return `• ${d.name} (${count}${form})`;
  };
  const common = p.documents.filter((d) => !d.case).map(line);
  const cases = [...new Set(p.documents.flatMap((d) => (d.case ? [d.case] : [])))];
  const byCase = cases.flatMap((c) => [
    t("documents-case", { case: lowerFirst(c) }),
    ...p.documents.filter((d) => d.case === c).map(line),
  ]);
  return [...common, ...byCase];
}

function onlineLines(t: Translate, p: Procedure): string[] {
  const online = p.channels.find((c) => c.kind === "online");
  const post = p.channels.some((c) => c.kind === "post") ? [t("online-post")] : [];
  if (!online) return [t("online-no"), ...post];
  return [
    t("online-yes"),
    ...(online.note ? [online.note] : []),
    `• ${t("section-time")}: ${online.time.text}`,
    `• ${t("section-fee")}: ${online.fee.text}`,
    ...(p.onlineUrl ? [t("online-link", { url: p.onlineUrl })] : []),
    ...post,
  ];
}

function summaryLines(t: Translate, p: Procedure, office: Office): string[] {
  const inPerson = p.channels.find((c) => c.kind === "in_person") ?? (p.channels[0] as Procedure["channels"][number]);
  const [year, month, day] = p.lastChecked.split("-");
  return [
    t("summary-office", { office: office.name }),
    t("summary-time", { time: inPerson.time.text }),
    t("summary-fee", { fee: inPerson.fee.text }),
    t("summary-documents", { count: p.documents.length }),
    t("summary-result", { result: p.result }),
    t("data-note", { date: `${day}/${month}/${year}` }),
  ];
}

/** "Trẻ sinh tại…" reads as "Trường hợp trẻ sinh tại…"; acronyms ("UBND…") keep their case. */
function lowerFirst(text: string): string {
  const [first = "", second = ""] = text;
  return second && second === second.toLowerCase() ? first.toLowerCase() + text.slice(1) : text;
}
