import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

import { RESULT_BADGE_STYLES } from '@/components/activity/result-badge';

import { TONES } from './status-badge';

// Badge text must stay legible (WCAG AA, 4.5:1) in both themes. The colours are read from the
// installed Tailwind's own theme (oklch), the translucent dark tints composited over what the badge
// sits on: white cards and the slate-50 page in light, slate-900 cards and the slate-950 page in dark.

const themeCss = readFileSync(createRequire(import.meta.url).resolve('tailwindcss/theme.css'), 'utf8');

type Rgb = [number, number, number];

function tailwindColor(name: string): Rgb {
  if (name === 'white') return [1, 1, 1];
  const m = new RegExp(`--color-${name}:\\s*oklch\\(([\\d.]+)% ([\\d.]+) ([\\d.]+)\\)`).exec(themeCss);
  if (!m) throw new Error(`no Tailwind colour ${name}`);
  return oklchToSrgb(Number(m[1]) / 100, Number(m[2]), Number(m[3]));
}

// https://bottosson.github.io/posts/oklab/ ; out-of-gamut channels are clipped, as sRGB screens do.
function oklchToSrgb(l: number, c: number, hDeg: number): Rgb {
  const h = (hDeg * Math.PI) / 180;
  const a = c * Math.cos(h);
  const b = c * Math.sin(h);
  const l_ = (l + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m_ = (l - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s_ = (l - 0.0894841775 * a - 1.291485548 * b) ** 3;
  const lin = [
    4.0767416621 * l_ - 3.3077115913 * m_ + 0.2309699292 * s_,
    -1.2684380046 * l_ + 2.6097574011 * m_ - 0.3413193965 * s_,
    -0.0041960863 * l_ - 0.7034186147 * m_ + 1.707614701 * s_,
  ];
  return lin.map((x) => {
    const v = Math.min(1, Math.max(0, x));
    return v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055;
  }) as Rgb;
}

function luminance([r, g, b]: Rgb): number {
  const lin = (v: number) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `bg-red-950/40` over `under` → the colour seen. */
function paint(token: string, under: Rgb): Rgb {
  const [name, alpha] = token.split('/') as [string, string | undefined];
  const top = tailwindColor(name);
  const a = alpha === undefined ? 1 : Number(alpha) / 100;
  return top.map((v, i) => v * a + under[i]! * (1 - a)) as Rgb;
}

function pick(classes: string, utility: 'bg' | 'text', dark: boolean): string {
  const tokens = classes.split(/\s+/);
  const prefix = `${dark ? 'dark:' : ''}${utility}-`;
  const found = tokens.find((t) => t.startsWith(prefix));
  if (!found) throw new Error(`no ${prefix} in "${classes}"`);
  return found.slice(prefix.length);
}

function badgeContrast(classes: string, dark: boolean, surface: string): number {
  const under = tailwindColor(surface);
  const bg = paint(pick(classes, 'bg', dark), under);
  return contrast(paint(pick(classes, 'text', dark), bg), bg);
}

const SURFACES = { light: ['white', 'slate-50'], dark: ['slate-900', 'slate-950'] } as const;
const BADGES = [
  ...Object.entries(TONES).map(([tone, classes]) => [`StatusBadge ${tone}`, classes] as const),
  ...Object.entries(RESULT_BADGE_STYLES).map(([result, classes]) => [`ResultBadge ${result}`, classes] as const),
];

describe('badge text contrast', () => {
  it('matches published values (white on black is 21:1, slate-500 on white about 4.8:1)', () => {
    expect(contrast([1, 1, 1], [0, 0, 0])).toBeCloseTo(21, 5);
    expect(contrast(tailwindColor('slate-500'), [1, 1, 1])).toBeGreaterThan(4.6);
    expect(contrast(tailwindColor('slate-500'), [1, 1, 1])).toBeLessThan(5);
  });

  for (const theme of ['light', 'dark'] as const) {
    for (const surface of SURFACES[theme]) {
      it.each(BADGES)(`${theme} on ${surface}: %s is at least 4.5:1`, (_, classes) => {
        expect(badgeContrast(classes, theme === 'dark', surface)).toBeGreaterThanOrEqual(4.5);
      });
    }
  }
});
