import { stage } from './stage.ts';
import { deleting } from './pod-queries.ts';

/** a pod being deleted goes away at once (grace period 0); Job finalizers still hold it until released */
export const podDeleteStage = stage({ name: 'pod-delete', kind: 'Pod', when: [deleting], remove: true });
