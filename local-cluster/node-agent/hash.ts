// Stable pseudo-random numbers from a pod's identity, so the simulation varies from pod to pod
// (usage wobble, sync jitter) yet stays a pure function of the pod.

/** FNV-1a, 32 bit: a stable seed from a string. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A number in [0, 1) for the pair (seed, n), independent of the other pairs': MurmurHash3's
 * 32-bit finalizer over the seed mixed with n, so any n is one hash away (no stream to walk).
 */
export function unitHash(seed: number, n: number): number {
  let h = (seed ^ Math.imul(n + 1, 0x9e3779b9)) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}
