import type { CSSProperties } from 'react';

// Chart colours as CSS variables (app/globals.css sets one set per theme), so recharts' SVG
// attributes and tooltip styles switch with the `dark` class without re-rendering the charts.

export const SERIES = {
  blue: 'var(--chart-blue)',
  green: 'var(--chart-green)',
  red: 'var(--chart-red)',
  amber: 'var(--chart-amber)',
  violet: 'var(--chart-violet)',
  violetSoft: 'var(--chart-violet-soft)',
  slate: 'var(--chart-slate)',
} as const;

export const GRID_STROKE = 'var(--chart-grid)';
export const REFERENCE_STROKE = 'var(--chart-reference)';
export const LABEL_FILL = 'var(--chart-label)';
export const AXIS_TICK = { fontSize: 11, fill: 'var(--chart-axis)' } as const;

const tooltipContent: CSSProperties = {
  background: 'var(--chart-tooltip-bg)',
  border: '1px solid var(--chart-tooltip-border)',
  borderRadius: 6,
  color: 'var(--chart-tooltip-fg)',
  fontSize: 12,
};

/** Spread onto <Tooltip>: recharts' default box is white with dark text in both themes. */
export const TOOLTIP_STYLE = {
  contentStyle: tooltipContent,
  labelStyle: { color: 'var(--chart-tooltip-fg)' },
  cursor: { stroke: 'var(--chart-reference)' },
} as const;
