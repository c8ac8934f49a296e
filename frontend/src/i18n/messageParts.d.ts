/** A part of a language's messages, cut by vite.config.ts (see parts.ts). */
declare module 'virtual:messages/*' {
  const messages: Record<string, string>;
  export default messages;
}
