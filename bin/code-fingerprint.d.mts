/** The fingerprint of the code under `root` (bin/code-fingerprint.mjs): 16 hex digits. */
export function codeFingerprint(root: string): string;
