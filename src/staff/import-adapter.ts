import { type ImportCatalogue, type ImportPreview, previewImport } from "../dossiers/import/preview.js";
import { limitToWard } from "../dossiers/import/scope.js";
import type { ImportReport } from "../dossiers/ingest.js";
import { describePlace, type RowPlace } from "../dossiers/records.js";
import { SINGLE_WARD, type WardMap, wardName } from "../dossiers/wards.js";
import type { DossierImport, PreviewRow } from "./deps.js";

/** The console speaks Vietnamese: of a bilingual message "vi | en", the Vietnamese part. */
export function vietnamese(message: string): string {
  return message.split(" | ")[0] ?? message;
}

const place = (at: RowPlace) => vietnamese(describePlace(at));
const order = (at: RowPlace) => ("line" in at ? at.line : at.record);

export interface ImportPipelineDeps {
  /** The serving catalogue: procedure codes and offices are checked against it. */
  catalogue(): ImportCatalogue;
  now(): number;
  timeZone: string;
  /** Stores a preview's rows (src/dossiers/import/commit.ts with the service's stores and notices). */
  commit(preview: ImportPreview): Promise<ImportReport>;
  /** The wards served: rows get their ward; default a single ward. */
  wards?: WardMap;
  /** A stored dossier, so a ward's staff cannot change a dossier another ward holds. */
  stored?(key: string): Promise<{ key: string; ward?: string } | undefined>;
}

/** The console's upload → preview → commit on the dossiers' import pipeline (src/dossiers/import). */
export function dossierImport(deps: ImportPipelineDeps): DossierImport {
  return {
    async preview(file, ward) {
      const wards = deps.wards ?? SINGLE_WARD;
      const result = await previewImport(file.bytes, file.name, {
        catalogue: deps.catalogue(),
        now: deps.now(),
        timeZone: deps.timeZone,
        wards,
      });
      if (!result.ok) return { ok: false, error: vietnamese(result.error) };
      const p =
        ward === undefined ? result.preview : await limitToWard(result.preview, { wards, ward, stored: deps.stored });
      const rows: (PreviewRow & { order: number })[] = [
        ...p.accepted.map((r) => ({
          place: place(r.at),
          order: order(r.at),
          code: r.code,
          procedure: r.procedureName ?? r.procedureCode,
          ...(r.ward ? { ward: wardName(wards, r.ward) } : {}),
          verdict: "accepted" as const,
          messages: [],
        })),
        ...p.warned.map((r) => ({
          place: place(r.at),
          order: order(r.at),
          code: r.code,
          procedure: r.procedureName ?? r.procedureCode,
          ...(r.ward ? { ward: wardName(wards, r.ward) } : {}),
          verdict: "warned" as const,
          messages: r.warnings.map(vietnamese),
        })),
        ...p.rejected.map((r) => ({
          place: place(r.at),
          order: order(r.at),
          code: r.code,
          verdict: "rejected" as const,
          messages: [vietnamese(r.reason)],
        })),
      ];
      rows.sort((a, b) => a.order - b.order);
      return {
        ok: true,
        notes: p.notes.map(vietnamese),
        received: p.received,
        rows: rows.map(({ order: _, ...row }) => row),
        async commit() {
          const report = await deps.commit(p);
          return {
            created: report.created,
            updated: report.updated,
            unchanged: report.unchanged,
            rejected: report.rejected.length,
            notices: report.notices,
          };
        },
      };
    },
  };
}
