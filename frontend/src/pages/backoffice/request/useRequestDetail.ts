import { useCallback, useEffect, useRef, useState } from 'react';
import { api, unwrap } from '../../../api/client';
import { isAbort } from '../../../api/problem';
import type { RequestDetail } from '../../../api/types';
import type { Resource } from '../../../hooks/useResource';

/** One request for staff; `reload` fetches it again, `replace` takes what an action answered. */
export function useRequestDetail(reference: string) {
  const [state, setState] = useState<Resource<RequestDetail>>({ status: 'loading' });
  const current = useRef<AbortController>(null);

  const reload = useCallback(() => {
    current.current?.abort();
    const controller = new AbortController();
    current.current = controller;
    unwrap(api.GET('/api/v1/requests/{reference}', { params: { path: { reference } }, signal: controller.signal })).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ok', data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted && !isAbort(error)) setState({ status: 'error', error });
      },
    );
  }, [reference]);

  useEffect(() => {
    setState({ status: 'loading' });
    reload();
    return () => current.current?.abort();
  }, [reload]);

  const replace = useCallback((data: RequestDetail) => {
    current.current?.abort();
    setState({ status: 'ok', data });
  }, []);

  return { request: state, reload, replace };
}
