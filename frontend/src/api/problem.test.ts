import { ApiProblem, NETWORK_ERROR, UNEXPECTED_RESPONSE } from './problem';
import { unwrap } from './client';
import { problemMessage } from './problemMessage';
import { translate, type MessageKey, type Params } from '../i18n/i18n';
import { jsonResponse, problemResponse } from '../test/http';

const t = (key: MessageKey, params?: Params) => translate('nl', key, params);

describe('ApiProblem', () => {
  it('turns invalidParams into field errors, keeping the first reason per field', () => {
    const problem = ApiProblem.fromResponse(
      {
        type: 'urn:loket:problem:validation_failed',
        title: 'Some fields need fixing',
        status: 422,
        detail: 'Fix the fields listed in invalidParams and send the request again.',
        code: 'validation_failed',
        invalidParams: [
          { name: 'nationalNumber', reason: 'the check digits do not match' },
          { name: 'nationalNumber', reason: 'second reason' },
          { name: 'means', reason: 'unknown means' },
        ],
      },
      new Response(null, { status: 422 }),
    );
    expect(problem.status).toBe(422);
    expect(problem.code).toBe('validation_failed');
    expect(problem.fieldErrors).toEqual({
      nationalNumber: 'the check digits do not match',
      means: 'unknown means',
    });
  });

  it('copes with a body that is not a problem', () => {
    const problem = ApiProblem.fromResponse('<html>Bad gateway</html>', new Response(null, { status: 502 }));
    expect(problem.status).toBe(502);
    expect(problem.code).toBe(UNEXPECTED_RESPONSE);
    expect(problem.fieldErrors).toEqual({});
  });
});

describe('unwrap', () => {
  it('returns the data of a successful call', async () => {
    const response = jsonResponse({ ok: true });
    await expect(unwrap(Promise.resolve({ data: { ok: true }, response }))).resolves.toEqual({ ok: true });
  });

  it('throws the problem of a failed call', async () => {
    const response = problemResponse(401, 'session_expired');
    const call = Promise.resolve({ error: { status: 401, code: 'session_expired' }, response });
    await expect(unwrap(call)).rejects.toMatchObject({ status: 401, code: 'session_expired' });
  });

  it('reports a network failure as a problem', async () => {
    await expect(unwrap(Promise.reject(new TypeError('fetch failed')))).rejects.toMatchObject({
      code: NETWORK_ERROR,
    });
  });
});

describe('problemMessage', () => {
  it('translates known codes and falls back to the detail, then a generic text', () => {
    expect(problemMessage(t, new ApiProblem({ code: 'session_expired' }, 401))).toBe(t('error.session_expired'));
    expect(problemMessage(t, new ApiProblem({ code: 'odd_case', detail: 'Odd.' }, 409))).toBe('Odd.');
    expect(problemMessage(t, new ApiProblem({ code: 'odd_case' }, 409))).toBe(t('error.generic'));
    expect(problemMessage(t, new Error('boom'))).toBe(t('error.generic'));
  });
});
