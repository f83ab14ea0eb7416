// Vitest runs server modules outside Next.js; `server-only` would throw there. This empty module
// stands in for it in tests only (see vitest.config.mts).
export {};
