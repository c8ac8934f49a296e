import type { Export } from '../../../api/types';
import { calls, jsonResponse, mockApi } from '../../../test/http';
import { runExport } from './exportReport';

const started: Export = {
  id: 'abc',
  status: 'running',
  totalRows: 3,
  rowsWritten: 0,
  fileName: 'aanvragen-20260304-1015.xlsx',
  downloadUrl: null,
  error: null,
  createdAt: '2026-03-04T09:15:00Z',
  finishedAt: null,
};

describe('the Excel report', () => {
  it('is started with the criteria and sort, then polled every 500 ms until done', async () => {
    const states: Export[] = [
      { ...started, rowsWritten: 1 },
      { ...started, rowsWritten: 2 },
      { ...started, status: 'done', rowsWritten: 3, downloadUrl: '/api/v1/search/exports/abc/file', finishedAt: '2026-03-04T09:15:02Z' },
    ];
    let body: unknown;
    const fetch = mockApi({
      'POST /api/v1/search/exports': async (request) => {
        body = await request.json();
        return jsonResponse(started, 202);
      },
      'GET /api/v1/search/exports/abc': () => jsonResponse(states.shift()),
    });
    const waits: number[] = [];
    const progress: number[] = [];

    const done = await runExport({ status: 'refused' }, 'reference', {
      language: 'fr',
      wait: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
      onProgress: (p) => progress.push(p.rowsWritten),
    });

    expect(body).toEqual({ criteria: { status: 'refused' }, sort: 'reference', language: 'fr' });
    expect(done.status).toBe('done');
    expect(done.downloadUrl).toBe('/api/v1/search/exports/abc/file');
    expect(progress).toEqual([0, 1, 2, 3]);
    expect(waits).toEqual([500, 500, 500]);
    expect(calls(fetch)).toEqual([
      'POST /api/v1/search/exports',
      'GET /api/v1/search/exports/abc',
      'GET /api/v1/search/exports/abc',
      'GET /api/v1/search/exports/abc',
    ]);
  });

  it('stops polling when the export failed', async () => {
    mockApi({
      'POST /api/v1/search/exports': () => jsonResponse(started, 202),
      'GET /api/v1/search/exports/abc': () => jsonResponse({ ...started, status: 'failed', error: 'disk full' }),
    });
    const done = await runExport({}, '-submittedAt', { wait: () => Promise.resolve() });
    expect(done.status).toBe('failed');
    expect(done.error).toBe('disk full');
  });
});
