import type { KubeObject } from '../kube-object.js';

/** A change to an informer's store, as its handlers see it. */
export type InformerEvent =
  | { type: 'added'; object: KubeObject }
  | { type: 'modified'; object: KubeObject; previous: KubeObject }
  | { type: 'deleted'; object: KubeObject }
  /** The first LIST (or a relist) has been applied; the store is complete. */
  | { type: 'synced' };
