import { LANGS, loadAllMessages, loadLanguage } from './i18n';

// Every language's messages, all parts, loaded before a test file runs, as `translate` needs them
// and as a test of a French page should not wait on fetching them (i18n.test.tsx checks that
// fetch itself, and that the start page needs only the core).
beforeAll(async () => {
  await Promise.all(LANGS.map(loadLanguage));
  await loadAllMessages();
});
