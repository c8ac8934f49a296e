/**
 * Each language's messages come in two parts. The core is what the first page needs: the
 * layout, header and footer, the start page, errors and the "no access" and "not found" pages;
 * Dutch's core is in the main bundle. The rest (the request flow, the back office, the police's
 * page, the demo's pages) is a chunk of its own per language, fetched with the first page that
 * needs it (routes.tsx). vite.config.ts cuts the JSON files along these prefixes at build time,
 * so each language stays one file to translate.
 */
export const CORE_PREFIXES: readonly string[] = [
  'app',
  'common',
  'document',
  'documentType',
  'error',
  'footer',
  'header',
  'layout',
  'noAccess',
  'notFound',
  'session',
  'start',
];

export type MessagePart = 'core' | 'rest';

/** The part a message key belongs to, by the prefix before its first dot. */
export function partOf(key: string): MessagePart {
  return CORE_PREFIXES.includes(key.split('.')[0] ?? '') ? 'core' : 'rest';
}
