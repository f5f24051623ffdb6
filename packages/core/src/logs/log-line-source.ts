/** Which container instance printed a line. */
export interface LogLineSource {
  pod: string;
  container: string;
  containerId?: string;
  restartCount: number;
  /** The line was recovered from an instance that had already exited (`previous=true`). */
  previous?: boolean;
}
