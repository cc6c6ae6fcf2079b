/** How far into a file git looks for a NUL byte before calling it text (xdiff's FIRST_FEW_BYTES). */
export const BINARY_SNIFF_LENGTH = 8000;

/** True when `bytes` holds a NUL byte in its first 8,000 bytes: git's test, so we call binary what git does. */
export function isBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, BINARY_SNIFF_LENGTH).includes(0);
}
