// The one mapping from a light-theme Tailwind colour to its dark-theme counterpart (docs/adr/0022).
// Components write both (`bg-white dark:bg-slate-900`); this module finds the light colours that
// have none and, for scripts/dark-variants.ts --write, adds the usual one. A class string that picks
// a different dark colour by hand (a primary button turning sky) counts as covered.

const NEUTRALS: Record<string, string> = {
  'bg-white': 'bg-slate-900',
  'bg-white/90': 'bg-slate-900/90',
  'hover:bg-white': 'hover:bg-slate-800',
  'bg-slate-50': 'bg-slate-800/40',
  'hover:bg-slate-50': 'hover:bg-slate-800/60',
  'bg-slate-100': 'bg-slate-800',
  'hover:bg-slate-100': 'hover:bg-slate-800',
  'bg-slate-200': 'bg-slate-700',
  'bg-slate-300': 'bg-slate-600',
  'text-slate-900': 'text-slate-100',
  'text-slate-800': 'text-slate-200',
  'text-slate-700': 'text-slate-300',
  'text-slate-600': 'text-slate-400',
  'text-slate-500': 'text-slate-400',
  'text-slate-400': 'text-slate-500',
  'hover:text-slate-800': 'hover:text-slate-200',
  'hover:text-slate-900': 'hover:text-slate-100',
  'border-slate-100': 'border-slate-800',
  'border-slate-200': 'border-slate-800',
  'border-slate-300': 'border-slate-700',
  'divide-slate-100': 'divide-slate-800',
  'divide-slate-200': 'divide-slate-800',
  'ring-slate-200': 'ring-slate-700',
  'ring-slate-300': 'ring-slate-700',
};

const TINTS: Record<string, string> = {
  'text-sky-600': 'text-sky-400',
  'text-sky-700': 'text-sky-400',
  'hover:text-sky-700': 'hover:text-sky-300',
  'bg-sky-50': 'bg-sky-950/40',
  'bg-sky-50/50': 'bg-sky-950/30',
  'border-sky-200': 'border-sky-900',
  'bg-red-50': 'bg-red-950/40',
  'hover:bg-red-100': 'hover:bg-red-950/70',
  'text-red-600': 'text-red-400',
  'text-red-700': 'text-red-300',
  'text-red-800': 'text-red-200',
  'border-red-100': 'border-red-900/60',
  'border-red-200': 'border-red-900',
  'ring-red-200': 'ring-red-800',
  'ring-red-300': 'ring-red-800',
  'bg-amber-50': 'bg-amber-950/40',
  'bg-amber-100': 'bg-amber-900/40',
  'hover:bg-amber-100': 'hover:bg-amber-900/40',
  'bg-amber-200': 'bg-amber-800/60',
  'text-amber-700': 'text-amber-300',
  'text-amber-800': 'text-amber-200',
  'text-amber-900': 'text-amber-100',
  'text-amber-950': 'text-amber-50',
  'border-amber-200': 'border-amber-900',
  'ring-amber-200': 'ring-amber-800',
  'bg-emerald-50': 'bg-emerald-950/40',
  'text-emerald-700': 'text-emerald-300',
  'text-emerald-800': 'text-emerald-200',
  'text-emerald-900': 'text-emerald-100',
  'border-emerald-100': 'border-emerald-900',
  'border-emerald-200': 'border-emerald-900',
  'bg-orange-50': 'bg-orange-950/40',
  'text-orange-700': 'text-orange-300',
  'text-violet-700': 'text-violet-300',
  'ring-emerald-600/20': 'ring-emerald-400/30',
  'ring-sky-600/20': 'ring-sky-400/30',
  'ring-amber-600/20': 'ring-amber-400/30',
  'ring-red-600/20': 'ring-red-400/30',
  'ring-orange-600/20': 'ring-orange-400/30',
  'ring-slate-500/20': 'ring-slate-400/30',
};

export const DARK_COUNTERPART: Readonly<Record<string, string>> = { ...NEUTRALS, ...TINTS };

const COLOUR = /^((?:[a-z-]+:)*)(bg|text|border|divide|ring)-(white|black|[a-z]+-\d{2,3})(\/\d+)?$/;

/** `hover:bg-slate-50` → `dark:hover:bg-`: what a dark counterpart of the same role starts with. */
function darkFamily(token: string): string | undefined {
  const m = COLOUR.exec(token);
  return m ? `dark:${m[1]}${m[2]}-` : undefined;
}

// A class string is what sits between quotes, backticks and braces: each branch of a conditional
// (`ok ? 'bg-red-50 …' : 'bg-white …'`) is judged on its own.
const SEGMENT = /[^"'`{}]+/g;

export interface MissingDark {
  token: string;
  line: number;
}

export function missingDarkVariants(source: string): MissingDark[] {
  const missing: MissingDark[] = [];
  for (const m of source.matchAll(SEGMENT)) {
    const tokens = m[0].split(/\s+/).filter(Boolean);
    for (const token of tokens) {
      if (!(token in DARK_COUNTERPART)) continue;
      const family = darkFamily(token);
      if (family && tokens.some((t) => t.startsWith(family) && COLOUR.test(t.slice('dark:'.length)))) continue;
      missing.push({ token, line: source.slice(0, m.index).split('\n').length });
    }
  }
  return missing;
}

/** Adds the usual dark counterpart after every light colour that has none in its class string. */
export function addDarkVariants(source: string): string {
  return source.replace(SEGMENT, (segment) => {
    if (missingDarkVariants(segment).length === 0) return segment;
    const tokens = segment.split(/\s+/).filter(Boolean);
    return segment.replace(/\S+/g, (token) => {
      const dark = DARK_COUNTERPART[token];
      if (!dark) return token;
      const family = darkFamily(token);
      const covered = tokens.some((t) => family && t.startsWith(family) && COLOUR.test(t.slice('dark:'.length)));
      return covered ? token : `${token} dark:${dark}`;
    });
  });
}
