// Vitest global setup for integration tests: the real local control plane must be running.
// `npm test` brings it up before the integration step; running the integration project alone
// brings it up here too (idempotent), so a developer can just run `npx vitest run --project integration`.
import { up } from '../control-plane/up';

export default async function setup(): Promise<void> {
  await up(() => undefined);
}
