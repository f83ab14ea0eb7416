// Log text is shown as text: React escapes HTML, and terminal escape sequences are made visible
// (ESC → "␛") instead of being interpreted, so a log line cannot restyle or spoof the page.

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

export function visibleControls(line: string): string {
  return line.replace(CONTROL, (c) => (c === '\u001b' ? '␛' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
}
