import { createContext, useContext } from 'react';
import type { Health } from '../api/types';
import type { Resource } from './useResource';

/** The API's health, loaded once by the layout: the municipality's name and whether mocks are on. */
export const HealthContext = createContext<Resource<Health>>({ status: 'loading' });

export function useHealth(): Resource<Health> {
  return useContext(HealthContext);
}

/** True only once the API has said that it runs with mocks (a development or demo setup). */
export function useMocks(): boolean {
  const health = useHealth();
  return health.status === 'ok' && health.data.mocks === true;
}
