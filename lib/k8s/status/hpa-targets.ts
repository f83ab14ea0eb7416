// kubectl's TARGETS column of `kubectl get hpa`, ported from formatHPAMetrics, v1.31:
// https://github.com/kubernetes/kubernetes/blob/v1.31.0/pkg/printers/internalversion/printers.go
// Like kubectl, the status entry for spec metric i is currentMetrics[i] (the controller writes them
// in spec order); quantities are printed as the API serialises them.

interface Target {
  type?: string;
  averageUtilization?: number;
  averageValue?: string;
  value?: string;
}
interface Current {
  averageUtilization?: number;
  averageValue?: string;
  value?: string;
}
interface Source {
  name?: string;
  target?: Target;
  current?: Current;
}
export interface HpaMetricEntry {
  type: string;
  resource?: Source;
  containerResource?: Source;
  pods?: Source;
  object?: Source;
  external?: Source;
}

const UNKNOWN = '<unknown>';
/** kubectl shows the first two metrics, then "+ N more...". */
const SHOWN = 2;

function valueOrAverage(spec: Source | undefined, cur: Source | undefined): string {
  if (spec?.target?.averageValue !== undefined) {
    return `${cur?.current?.averageValue ?? UNKNOWN}/${spec.target.averageValue} (avg)`;
  }
  return `${cur?.current?.value ?? UNKNOWN}/${spec?.target?.value ?? ''}`;
}

function resource(spec: Source | undefined, cur: Source | undefined): string {
  const name = spec?.name ?? '';
  if (spec?.target?.averageValue !== undefined) {
    return `${name}: ${cur?.current?.averageValue ?? UNKNOWN}/${spec.target.averageValue}`;
  }
  const now = cur?.current?.averageUtilization;
  const target = spec?.target?.averageUtilization;
  return `${name}: ${now !== undefined ? `${now}%` : UNKNOWN}/${target !== undefined ? `${target}%` : '<auto>'}`;
}

/** One TARGETS entry per spec metric. */
export function hpaTargetEntries(specs: readonly HpaMetricEntry[], statuses: readonly HpaMetricEntry[]): string[] {
  return specs.map((m, i) => {
    const st = statuses[i];
    switch (m.type) {
      case 'External':
        return valueOrAverage(m.external, st?.external);
      case 'Object':
        return valueOrAverage(m.object, st?.object);
      case 'Pods':
        return `${st?.pods?.current?.averageValue ?? UNKNOWN}/${m.pods?.target?.averageValue ?? ''}`;
      case 'Resource':
        return resource(m.resource, st?.resource);
      case 'ContainerResource':
        return resource(m.containerResource, st?.containerResource);
      default:
        return '<unknown type>';
    }
  });
}

/** The TARGETS cell: "<none>", or the first two entries and "+ N more...". */
export function hpaTargetsText(entries: readonly string[]): string {
  if (entries.length === 0) return '<none>';
  const shown = entries.slice(0, SHOWN).join(', ');
  return entries.length > SHOWN ? `${shown} + ${entries.length - SHOWN} more...` : shown;
}
