import { cp, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { copyOfBundledData, editJson } from "../harness/common.js";

/** The sample province (3 wards, overlays) shipped for trying the multi-ward mode; see docs/wards.md. */
export const DEMO_PROVINCE = fileURLToPath(new URL("./fixtures/demo-province", import.meta.url));

/**
 * A temp copy of the bundled catalogue with the sample province and wards added (data/province, data/wards).
 * `examples`: at most that many câu mẫu (common.ts `copyOfBundledData`), for tests of the wards' files that no câu mẫu
 * bears on.
 */
export async function demoProvinceData(
  options: { examples?: number } = {},
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const copy = await copyOfBundledData(options);
  await cp(DEMO_PROVINCE, copy.dir, { recursive: true });
  return copy;
}

export const wardFile = (dir: string, id: string) => path.join(dir, "wards", `${id}.json`);

/** The code of a procedure only Phường 5 handles (`withWardOwnProcedure`). */
export const WARD_OWN_CODE = "1.001193.P5";

/**
 * Adds to Phường 5's overlay a procedure only it handles, written like a catalogue record (a copy of birth
 * registration, renamed "Cấp thẻ gửi xe chợ Mẫu").
 */
export async function withWardOwnProcedure(dir: string): Promise<void> {
  const birth = JSON.parse(
    await readFile(path.join(dir, "procedures/ho-tich/1.001193-dang-ky-khai-sinh.json"), "utf8"),
  );
  await editJson(path.join(dir, "wards/phuong-5.overlay.json"), (o) => {
    o.procedures = [
      { ...birth, code: WARD_OWN_CODE, name: "Cấp thẻ gửi xe chợ Mẫu", aliases: ["thẻ gửi xe chợ"], office: "ubnd" },
    ];
  });
}
