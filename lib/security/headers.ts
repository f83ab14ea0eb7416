// Security headers for every response (set by proxy.ts). Pure, so it is unit-tested and free of env.

/** Where browsers send CSP violation reports, and the Reporting API's endpoint name for it. */
export const CSP_REPORT_PATH = '/api/csp-report';
export const CSP_REPORT_GROUP = 'csp-endpoint';

export const HSTS = 'max-age=31536000; includeSubDomains';

export interface HeaderOptions {
  nonce: string;
  /** The request arrived over HTTPS (directly or per X-Forwarded-Proto): send HSTS. */
  https: boolean;
  /** `next dev` needs eval for React's debugging aids; production never does. */
  development: boolean;
}

/**
 * Scripts run only with this request's nonce ('strict-dynamic' lets them load Next's chunks); no
 * 'unsafe-inline' for scripts. Styles allow inline because React `style` attributes (charts, virtual
 * lists) cannot carry a nonce; CSS cannot run script. Nothing may frame the dashboard.
 */
export function contentSecurityPolicy({ nonce, development }: HeaderOptions): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Violations are counted (app/api/csp-report): a spike means an injection attempt or a broken page.
    // report-to (Reporting API) where supported, report-uri for the others.
    `report-uri ${CSP_REPORT_PATH}`,
    `report-to ${CSP_REPORT_GROUP}`,
  ].join('; ');
}

export function securityHeaders(options: HeaderOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Security-Policy': contentSecurityPolicy(options),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'same-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    'Reporting-Endpoints': `${CSP_REPORT_GROUP}="${CSP_REPORT_PATH}"`,
  };
  // Browsers ignore HSTS on plain HTTP, and sending it there would be a lie; only over HTTPS.
  if (options.https) headers['Strict-Transport-Security'] = HSTS;
  return headers;
}

/** 128 random bits, base64: unpredictable per request, as a CSP nonce must be. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Headers every JSON/text answer of the cluster API (`/api/k8s/…`) carries itself. Those routes are
 * the hot path (every list, every page of a virtualized table) and skip proxy.ts, which costs about a
 * third of a warm list request (docs/adr/0009-api-routes-skip-the-proxy.md); what the proxy would
 * add is set here instead. Nothing in such an answer may be framed, sniffed, cached or run.
 */
export const API_RESPONSE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Cache-Control': 'private, no-store',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'same-origin',
});
