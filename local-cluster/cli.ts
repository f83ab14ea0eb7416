// The local cluster's command line: up | down | status | seed | reset.
import { clusterPaths } from './paths';
import { down, reset, status, up } from './control-plane/up';

async function main(cmd: string | undefined): Promise<number> {
  switch (cmd) {
    case 'up':
      await up();
      return 0;
    case 'down':
      await down();
      return 0;
    case 'status':
      return (await status()) ? 0 : 3;
    case 'reset':
      await reset();
      return 0;
    case 'seed': {
      const { seed } = await import('./seed/index');
      const started = Date.now();
      await seed({ kubeconfigPath: clusterPaths().kubeconfig, log: (m) => console.log(m) });
      console.log(`seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return 0;
    }
    default:
      console.error('usage: tsx local-cluster/cli.ts up|down|status|seed|reset');
      return 2;
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`wheelhouse: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
