import type { RequestDetail } from '../../../api/types';
import type { Outcome } from '../../../components/FormDialog/outcome';

/** What the request page gives each action's dialog: the request, how to send it, how to close. */
export interface ActionDialogProps<Body> {
  request: RequestDetail;
  onSubmit: (body: Body) => Promise<Outcome>;
  onClose: () => void;
}
