// Entry point: `tsx local-cluster/node-agent/main.ts --nodes 3` (cluster:up starts it detached).
import { NodeAgent } from './agent';
import { parseConfig, USAGE } from './config';
import { consoleLogger as log } from './log';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  let config;
  try {
    config = parseConfig(argv);
  } catch (err) {
    console.error(`${String(err)}\n\n${USAGE}`);
    process.exit(2);
  }
  const agent = new NodeAgent(config, log);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    const force = setTimeout(() => process.exit(0), 5000);
    force.unref();
    void agent.stop().finally(() => process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  log.info('starting node agent', {
    nodes: config.nodes,
    kubeconfig: config.kubeconfig,
    context: config.context,
    pid: process.pid,
  });
  await agent.start();
}

main().catch((err: unknown) => {
  log.error('node agent failed', { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  process.exit(1);
});
