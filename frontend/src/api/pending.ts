import type { paths } from './schema';

/**
 * Endpoints this SPA already calls that ../openapi/openapi.json does not describe yet, written
 * in openapi-typescript's shape from the agreed contract. Once `npm run gen:api` brings the
 * real path, the generated one wins (see ApiPaths) and the entry here should be deleted.
 */
interface Task {
  id: number;
  requestReference: string;
  documentTypeName: string;
  requesterName: string;
  taskType: string;
  taskTypeLabel: string;
  /** Format: date-time */
  createdAt: string;
  /** Format: date-time */
  dueAt: string | null;
  assignee: { id: number; name: string } | null;
}

type NoParameters = { query?: never; header?: never; path?: never; cookie?: never };
type OtherMethods = {
  put?: never;
  post?: never;
  delete?: never;
  options?: never;
  head?: never;
  patch?: never;
  trace?: never;
};

interface PendingPaths {
  '/api/v1/tasks': OtherMethods & {
    parameters: NoParameters;
    get: {
      parameters: {
        query?: { view?: 'all' | 'mine' | 'parked'; limit?: number };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: { 'application/json': { items: Task[]; total: number } };
        };
      };
    };
  };
}

export type ApiPaths = paths & Omit<PendingPaths, keyof paths>;
