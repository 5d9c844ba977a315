// FNV-1a, 32 bits: a stable, cheap digest for ids, simulated durations and ETags. Not a secret and not for
// security: API keys are digested elsewhere (data-file.ts) with SHA-256.

/** The FNV-1a hash of a string's UTF-16 code units, or of bytes. */
export function fnv1a(input: string | Uint8Array): number {
  let h = 0x811c9dc5;
  if (typeof input === "string") {
    for (let i = 0; i < input.length; i++) h = Math.imul(h ^ input.charCodeAt(i), 0x01000193);
  } else {
    for (const b of input) h = Math.imul(h ^ b, 0x01000193);
  }
  return h >>> 0;
}
