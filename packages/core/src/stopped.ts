/**
 * The reason kubetrack gives when it aborts its own work: a follower or a watch that is no
 * longer needed. One shared value, because `abort()` without a reason builds a DOMException
 * and its stack trace every time, and a large run stops thousands of streams at its end.
 * Nothing tells causes apart by it: whoever aborted already knows why.
 */
export const STOPPED: Error = new Error('stopped by kubetrack');
