import { cp } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { copyOfBundledData } from "../harness/common.js";

/** The sample province (3 wards, overlays) shipped for trying the multi-ward mode; see docs/wards.md. */
export const DEMO_PROVINCE = fileURLToPath(new URL("./fixtures/demo-province", import.meta.url));

/** A temp copy of the bundled catalogue with the sample province and wards added (data/province, data/wards). */
export async function demoProvinceData(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const copy = await copyOfBundledData();
  await cp(DEMO_PROVINCE, copy.dir, { recursive: true });
  return copy;
}

export const wardFile = (dir: string, id: string) => path.join(dir, "wards", `${id}.json`);
