import path from "node:path";
import type { z } from "zod";
import { labelPath } from "./labels.js";
import { formatPath, PLACEHOLDER, type Problem } from "./problems.js";
import { type Office, OverlayFile, type Procedure, ProvinceFile, WardFile } from "./schema.js";

/**
 * A province on one deployment (docs/wards.md): data/province/province.json names it and the
 * offices its wards share, data/wards/<id>.json each ward, and the optional overlays
 * data/province/overlay.json and data/wards/<id>.overlay.json what differs from the shared
 * catalogue. Read with the catalogue, so they reload with it and a bad file keeps the last good.
 */
export const PROVINCE_FILE = "province/province.json";
export const PROVINCE_OVERLAY_FILE = "province/overlay.json";
export const WARDS_DIR = "wards";
const OVERLAY_SUFFIX = ".overlay.json";

/** A province's wards and overlays as read and checked; src/wards builds the directory and each ward's view from it. */
export interface ProvinceData {
  province: ProvinceFile;
  /** Sorted by id. */
  wards: WardFile[];
  /** data/province/overlay.json (empty when absent). */
  provinceOverlay: OverlayFile;
  /** data/wards/<id>.overlay.json by ward id (only wards that have one). */
  wardOverlays: Map<string, OverlayFile>;
}

/** The catalogue loader's means of reading a data file and checking it against a schema (problems collected). */
export interface DataReader {
  readJson(rel: string, optional?: boolean): Promise<unknown>;
  check<S extends z.ZodType>(schema: S, value: unknown, file: string, record?: string): z.output<S> | undefined;
  listJson(sub: string): Promise<string[]>;
  problems: Problem[];
  warnings: Problem[];
}

/** Field names of these files in the staff guide's words (docs/wards.md), added to the catalogue's. */
export const PROVINCE_LABELS: Record<string, string> = {
  unitCodes: "mã đơn vị tiếp nhận",
  mapUrl: "bản đồ",
  changes: "thay đổi",
  notes: "lưu ý của địa phương",
  localNotes: "lưu ý của địa phương",
  procedures: "thủ tục riêng",
  sample: "dữ liệu mẫu",
};

const SAMPLE_WARNING =
  'là dữ liệu mẫu ("sample": true): hãy thay bằng thông tin thật trước khi đưa vào sử dụng | sample data: replace it before go-live';

/**
 * Reads the province's files; undefined (and no problem) on a single-ward install with neither
 * data/province nor data/wards. `shared` are the catalogue's procedures and offices.json's offices.
 */
export async function loadProvince(
  reader: DataReader,
  shared: { procedures: readonly Procedure[]; offices: ReadonlyMap<string, Office> },
): Promise<ProvinceData | undefined> {
  const { problems, warnings } = reader;
  const problem = (file: string, at: PropertyKey[], message: string, record?: string) =>
    problems.push({
      file,
      record,
      path: at.length > 0 ? formatPath(at) : "-",
      label: at.length > 0 ? fieldLabel(at) : undefined,
      message,
    });
  const wardFiles = (await reader.listJson(WARDS_DIR)).filter((f) => path.dirname(f) === WARDS_DIR);
  const provinceRaw = await reader.readJson(PROVINCE_FILE, true);
  if (provinceRaw === undefined && wardFiles.length === 0) return undefined;
  if (provinceRaw === undefined && !problems.some((p) => p.file === PROVINCE_FILE)) {
    problem(PROVINCE_FILE, [], "thiếu tệp tỉnh (cần khi có thư mục wards) | missing: needed when data/wards has files");
  }
  // Without a usable province file the wards are still checked, so staff see every problem at once.
  const province = provinceRaw === undefined ? undefined : reader.check(ProvinceFile, provinceRaw, PROVINCE_FILE);
  if (province?.sample) warnings.push(sampleWarning(PROVINCE_FILE, province.id));
  else if (province) warnings.push(...placeholderWarnings(PROVINCE_FILE, province.offices));
  const provinceOffices = new Map(shared.offices);
  province?.offices.forEach((office, i) => {
    if (province.offices.findIndex((o) => o.id === office.id) !== i) {
      problem(PROVINCE_FILE, ["offices", i, "id"], "mã cơ quan bị trùng | duplicate office id", office.id);
    }
    provinceOffices.set(office.id, office);
  });

  const provinceOverlay = await readOverlay(reader, PROVINCE_OVERLAY_FILE);
  const provinceProcedures = new Map(shared.procedures.map((p) => [p.code, p]));
  if (provinceOverlay) {
    checkOverlay(reader, PROVINCE_OVERLAY_FILE, provinceOverlay, provinceProcedures, provinceOffices);
    for (const p of provinceOverlay.procedures) provinceProcedures.set(p.code, p);
  }

  const wards: WardFile[] = [];
  const wardOverlays = new Map<string, OverlayFile>();
  const unitOwner = new Map<string, string>();
  const overlayFiles = wardFiles.filter((f) => f.endsWith(OVERLAY_SUFFIX));
  for (const file of wardFiles.filter((f) => !f.endsWith(OVERLAY_SUFFIX))) {
    const raw = await reader.readJson(file);
    if (raw === undefined) continue;
    const ward = reader.check(WardFile, raw, file, recordId(raw));
    if (!ward) continue;
    if (path.basename(file, ".json") !== ward.id) {
      problem(
        file,
        ["id"],
        `tên tệp phải là ${ward.id}.json (theo mã phường) | the file must be named ${ward.id}.json`,
        ward.id,
      );
    }
    if (ward.sample) warnings.push(sampleWarning(file, ward.id));
    else warnings.push(...placeholderWarnings(file, ward.offices, ward.id));
    const offices = new Map(provinceOffices);
    ward.offices.forEach((office, i) => {
      if (ward.offices.findIndex((o) => o.id === office.id) !== i) {
        problem(file, ["offices", i, "id"], "mã cơ quan bị trùng | duplicate office id", ward.id);
      }
      offices.set(office.id, office);
    });
    if (!offices.has(ward.defaultOffice)) {
      problem(file, ["defaultOffice"], `không có cơ quan "${ward.defaultOffice}" | unknown office`, ward.id);
    }
    ward.unitCodes.forEach((unit, i) => {
      const key = unit.replace(/[.\s]/g, "").toUpperCase();
      const other = unitOwner.get(key);
      if (other && other !== ward.id) {
        problem(
          file,
          ["unitCodes", i],
          `mã đơn vị ${unit} đã thuộc phường ${other} | unit code already belongs to ${other}`,
          ward.id,
        );
      }
      unitOwner.set(key, ward.id);
    });
    const overlayFile = `${WARDS_DIR}/${ward.id}${OVERLAY_SUFFIX}`;
    if (overlayFiles.includes(overlayFile)) {
      const overlay = await readOverlay(reader, overlayFile);
      if (overlay) {
        checkOverlay(reader, overlayFile, overlay, provinceProcedures, offices);
        wardOverlays.set(ward.id, overlay);
      }
    }
    wards.push(ward);
  }
  for (const file of overlayFiles) {
    const id = path.basename(file, OVERLAY_SUFFIX);
    if (!wardFiles.includes(`${WARDS_DIR}/${id}.json`)) {
      problem(file, [], `không có phường "${id}" (thiếu tệp wards/${id}.json) | no such ward`);
    }
  }
  if (wardFiles.length === 0) problem(WARDS_DIR, [], "chưa có phường nào | no wards found");
  if (!province) return undefined;
  wards.sort((a, b) => a.id.localeCompare(b.id));
  return { province, wards, provinceOverlay: provinceOverlay ?? emptyOverlay(), wardOverlays };
}

async function readOverlay(reader: DataReader, file: string): Promise<OverlayFile | undefined> {
  const raw = await reader.readJson(file, true);
  if (raw === undefined) return undefined;
  const overlay = reader.check(OverlayFile, raw, file);
  if (overlay?.sample) reader.warnings.push(sampleWarning(file));
  return overlay;
}

/**
 * What an overlay names must exist where it applies: the procedure it changes (shared, or the
 * province's own), the channel, the office; a procedure it adds must not take an existing code.
 */
function checkOverlay(
  reader: DataReader,
  file: string,
  overlay: OverlayFile,
  procedures: ReadonlyMap<string, Procedure>,
  offices: ReadonlyMap<string, Office>,
): void {
  const problem = (at: PropertyKey[], message: string, record?: string) =>
    reader.problems.push({ file, record, path: formatPath(at), label: fieldLabel(at), message });
  const changed = new Set<string>();
  overlay.changes.forEach((change, i) => {
    const procedure = procedures.get(change.code);
    if (!procedure) {
      problem(
        ["changes", i, "code"],
        `không có thủ tục mã ${change.code} trong danh mục | no such procedure`,
        change.code,
      );
      return;
    }
    if (changed.has(change.code)) {
      problem(
        ["changes", i, "code"],
        "thủ tục này đã có một mục thay đổi trong tệp | already changed in this file",
        change.code,
      );
    }
    changed.add(change.code);
    change.channels.forEach((c, k) => {
      if (!procedure.channels.some((own) => own.kind === c.kind)) {
        problem(
          ["changes", i, "channels", k, "kind"],
          `thủ tục không có hình thức nộp "${c.kind}" | the procedure has no ${c.kind} channel`,
          change.code,
        );
      }
    });
    if (change.office && !offices.has(change.office)) {
      problem(["changes", i, "office"], `không có cơ quan "${change.office}" | unknown office`, change.code);
    }
  });
  overlay.procedures.forEach((p, i) => {
    if (procedures.has(p.code)) {
      problem(
        ["procedures", i, "code"],
        `mã thủ tục ${p.code} đã có trong danh mục; muốn sửa thì ghi vào "changes" | code already in the catalogue: use "changes"`,
        p.code,
      );
    }
    if (!offices.has(p.office)) {
      problem(["procedures", i, "office"], `không có cơ quan "${p.office}" | unknown office`, p.code);
    }
  });
}

/** Offices still holding the sample wording ("hãy ghi…"), told once per field; a file marked sample says so once instead. */
function placeholderWarnings(file: string, offices: readonly Office[], record?: string): Problem[] {
  return offices.flatMap((office, i) =>
    (["name", "address", "hours", "phone"] as const)
      .filter((key) => PLACEHOLDER.test(office[key]))
      .map(
        (key): Problem => ({
          file,
          record: record ?? office.id,
          path: formatPath(["offices", i, key]),
          label: fieldLabel(["offices", i, key]),
          message: `còn là dữ liệu mẫu ("${office[key].slice(0, 60)}"): hãy ghi thông tin thật trước khi đưa vào sử dụng | still sample data: enter the real details`,
          severity: "warning",
        }),
      ),
  );
}

function emptyOverlay(): OverlayFile {
  return { changes: [], procedures: [], sample: false };
}

function sampleWarning(file: string, record?: string): Problem {
  return { file, record, path: "sample", label: fieldLabel(["sample"]), message: SAMPLE_WARNING, severity: "warning" };
}

function recordId(raw: unknown): string | undefined {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === "string" ? id : undefined;
}

/**
 * A field path in the guide's words: the catalogue's labels, plus this file's ("thay đổi 1
 * (changes) › cách thực hiện 2 (channels) › hình thức nộp (kind)").
 */
export function fieldLabel(at: readonly PropertyKey[]): string {
  return labelPath(at)
    .split(" › ")
    .map((part) => {
      const m = /^([A-Za-z]+)( \d+)?$/.exec(part);
      const label = m?.[1] ? PROVINCE_LABELS[m[1]] : undefined;
      return label && m ? `${label}${m[2] ?? ""} (${m[1]})` : part;
    })
    .join(" › ");
}
