// Container image references are long ("registry.example.test/shop/payments:2.1.0-crashloop"); tables
// show the part people recognise (repository name and tag) and keep the full reference in a tooltip.
// Reference grammar: https://github.com/distribution/reference/blob/main/reference.go

/** "registry/team/app:1.2" → "app:1.2"; "app@sha256:0123…" → "app@sha256:0123456789ab". */
export function shortImageName(image: string): string {
  const [withTag = '', digest] = image.split('@', 2);
  const name = withTag.slice(withTag.lastIndexOf('/') + 1);
  if (digest === undefined) return name;
  const [algorithm, hex = ''] = digest.split(':', 2);
  return `${name}@${algorithm}:${hex.slice(0, 12)}`;
}
