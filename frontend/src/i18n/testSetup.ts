import { LANGS, loadLanguage } from './i18n';

// Every language's messages loaded before a test file runs, as `translate` needs them and as a
// test of a French page should not wait on fetching them (i18n.test.tsx checks that fetch itself).
beforeAll(() => Promise.all(LANGS.map(loadLanguage)));
