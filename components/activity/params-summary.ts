// "replicas 3 → 5, revision 4 → 2": the parameters of an audit entry in one line. A parameter
// shaped { from, to } reads as a change; anything else is shown as compact JSON.

function show(value: unknown): string {
  if (value === null || value === undefined) return '–';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function isChange(value: unknown): value is { from: unknown; to: unknown } {
  return typeof value === 'object' && value !== null && 'from' in value && 'to' in value;
}

export function paramsSummary(params: Record<string, unknown>): string {
  return Object.entries(params)
    .map(([key, value]) =>
      isChange(value) ? `${key} ${show(value.from)} → ${show(value.to)}` : `${key} ${show(value)}`,
    )
    .join(', ');
}
