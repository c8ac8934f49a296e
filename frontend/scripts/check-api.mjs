// Fails when src/api/schema.d.ts no longer matches ../openapi/openapi.json (run `npm run gen:api`).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const committed = 'src/api/schema.d.ts';
const dir = mkdtempSync(join(tmpdir(), 'loket-api-'));
const fresh = join(dir, 'schema.d.ts');
try {
  execFileSync('npx', ['--no', 'openapi-typescript', '../openapi/openapi.json', '-o', fresh], { stdio: 'inherit' });
  if (readFileSync(fresh, 'utf8') !== readFileSync(committed, 'utf8')) {
    console.error(`${committed} is out of date with ../openapi/openapi.json: run \`npm run gen:api\` and commit it.`);
    process.exitCode = 1;
  } else {
    console.log(`${committed} matches ../openapi/openapi.json.`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
