/** RFC 9457 problem details, as the backend renders every error. */
export interface InvalidParam {
  name: string;
  reason: string;
  /** Stable machine-readable code, e.g. `required` or `invalid_national_number`. */
  code?: string;
}

interface ProblemBody {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  invalidParams?: InvalidParam[];
}

/** Codes the SPA itself uses for failures that never reached the API. */
export const NETWORK_ERROR = 'network_error';
export const UNEXPECTED_RESPONSE = 'unexpected_response';

export class ApiProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly invalidParams: readonly InvalidParam[];

  constructor(body: ProblemBody, status: number) {
    super(body.detail || body.title || `HTTP ${status}`);
    this.name = 'ApiProblem';
    this.status = body.status ?? status;
    this.code = body.code ?? UNEXPECTED_RESPONSE;
    this.title = body.title ?? '';
    this.detail = body.detail ?? '';
    this.invalidParams = Array.isArray(body.invalidParams) ? body.invalidParams : [];
  }

  /** Field name → the first reason given for it, to show beside that field. */
  get fieldErrors(): Record<string, string> {
    const errors: Record<string, string> = {};
    for (const { name, reason } of this.invalidParams) errors[name] ??= reason;
    return errors;
  }

  static fromResponse(body: unknown, response: Response): ApiProblem {
    return new ApiProblem(isProblemBody(body) ? body : {}, response.status);
  }

  static network(cause: unknown): ApiProblem {
    const problem = new ApiProblem({ code: NETWORK_ERROR }, 0);
    problem.cause = cause;
    return problem;
  }
}

function isProblemBody(body: unknown): body is ProblemBody {
  return typeof body === 'object' && body !== null && ('code' in body || 'status' in body);
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
