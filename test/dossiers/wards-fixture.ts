import { wardMapOf } from "../../src/dossiers/wards.js";

/** Two wards of one province, each with its receiving unit; Tân Định and Bến Nghé also have an office of their own. */
export const WARDS = wardMapOf([
  { id: "ben-nghe", name: "Phường Bến Nghé", units: ["000.31.20.H49"], offices: ["ubnd", "mot-cua-ben-nghe"] },
  { id: "tan-dinh", name: "Phường Tân Định", units: ["000.31.21.H49"], offices: ["ubnd", "mot-cua-tan-dinh"] },
]);
/** A unit no ward has. */
export const UNKNOWN_UNIT = "000.99.99.X00";
