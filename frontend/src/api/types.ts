import type { ApiPaths } from './pending';

/** The JSON body of a path's 200 response, whatever the spec names its schema. */
type Ok<P extends keyof ApiPaths, M extends 'get' | 'post'> = ApiPaths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer Body } } };
}
  ? Body
  : never;

export type Health = Ok<'/api/health', 'get'>;
export type Catalogue = Ok<'/api/v1/catalogue', 'get'>;
export type Category = Catalogue['categories'][number];
export type DocumentType = Ok<'/api/v1/document-types/{code}', 'get'>;
export type AuthMeans = Ok<'/api/v1/auth/federal/means', 'get'>['items'][number];
export type AuthMeansCode = AuthMeans['code'];
export type TestCitizen = Ok<'/api/v1/auth/federal/test-citizens', 'get'>['items'][number];
export type TokenResponse = Ok<'/api/v1/auth/token', 'post'>;
export type User = TokenResponse['user'];
export type Role = User['role'];
export type Task = Ok<'/api/v1/tasks', 'get'>['items'][number];
export type TaskView = NonNullable<NonNullable<ApiPaths['/api/v1/tasks']['get']['parameters']['query']>['view']>;
