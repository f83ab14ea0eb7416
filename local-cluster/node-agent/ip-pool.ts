// Pod IPs from 10.244.0.0/16, unique across all simulated nodes (one agent serves them all).
// Addresses already in pod statuses are reserved on startup so a restart never hands one out twice.

const PREFIX = '10.244.';
const SIZE = 256 * 256;

function toIndex(ip: string): number | undefined {
  if (!ip.startsWith(PREFIX)) return undefined;
  const [a, b] = ip.slice(PREFIX.length).split('.').map(Number);
  if (a === undefined || b === undefined || !(a >= 0 && a < 256 && b >= 0 && b < 256)) return undefined;
  return a * 256 + b;
}

function toIp(index: number): string {
  return `${PREFIX}${Math.floor(index / 256)}.${index % 256}`;
}

/** Host octets 0 and 255 look like network/broadcast addresses; skip them for readability. */
function usable(index: number): boolean {
  const low = index % 256;
  return low !== 0 && low !== 255;
}

export class IpPool {
  private readonly used = new Set<number>();
  private cursor = 0;

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
    throw new Error('pod IP range 10.244.0.0/16 is exhausted');
  }
}
