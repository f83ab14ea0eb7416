// Pod IPs from 10.240.0.0/12, unique across all simulated nodes (one agent serves them all). Handed out
// from 10.244.0.1 on (kubeadm's usual pod range), so a small cluster looks as before; a /16 alone held
// 65,024 usable addresses and the 100,000-pod benchmark exhausted it (issue 14). A real cluster of that
// size has as large a cluster CIDR, split into one /24 per node.
// Addresses already in pod statuses are reserved on startup so a restart never hands one out twice.

const BASE = [10, 240] as const;
const SIZE = 16 * 256 * 256;
/** 10.244.0.0: where allocation starts. */
const START = 4 * 256 * 256;

function toIndex(ip: string): number | undefined {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((n) => !Number.isInteger(n) || n < 0 || n > 255)) return undefined;
  const [a, b, c, d] = parts as [number, number, number, number];
  if (a !== BASE[0] || b < BASE[1] || b >= BASE[1] + 16) return undefined;
  return (b - BASE[1]) * 65_536 + c * 256 + d;
}

function toIp(index: number): string {
  return `${BASE[0]}.${BASE[1] + Math.floor(index / 65_536)}.${Math.floor(index / 256) % 256}.${index % 256}`;
}

/** Host octets 0 and 255 look like network/broadcast addresses; skip them for readability. */
function usable(index: number): boolean {
  const low = index % 256;
  return low !== 0 && low !== 255;
}

export class IpPool {
  private readonly used = new Set<number>();
  private cursor = START;

  get size(): number {
    return this.used.size;
  }

  reserve(ip: string): void {
    const index = toIndex(ip);
    if (index !== undefined) this.used.add(index);
  }

  release(ip: string): void {
    const index = toIndex(ip);
    if (index !== undefined) this.used.delete(index);
  }

  allocate(): string {
    for (let step = 0; step < SIZE; step++) {
      const index = (this.cursor + step) % SIZE;
      if (usable(index) && !this.used.has(index)) {
        this.used.add(index);
        this.cursor = (index + 1) % SIZE;
        return toIp(index);
      }
    }
    throw new Error('pod IP range 10.240.0.0/12 is exhausted');
  }
}
