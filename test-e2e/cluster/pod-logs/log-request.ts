import { parseRfc3339Nano } from './cri-log-line.ts';

/** the kubelet's PodLogOptions, read from a /containerLogs query string */
export interface LogRequest {
  readonly follow: boolean;
  readonly previous: boolean;
  readonly timestamps: boolean;
  readonly tailLines?: number;
  readonly limitBytes?: number;
  /** lines older than this (ns since the epoch) are skipped */
  readonly sinceNs?: bigint;
}

export function parseLogRequest(query: URLSearchParams, nowMs = Date.now()): LogRequest {
  const flag = (name: string) => ['true', '1', 't', 'T', 'TRUE', 'True'].includes(query.get(name) ?? '');
  const count = (name: string) => {
    const value = query.get(name);
    if (value === null || value === '' || value === 'all') return undefined;
    const parsed = Number.parseInt(value, 10);
    return Number.isNaN(parsed) ? undefined : parsed;
  };
  const sinceSeconds = count('sinceSeconds');
  const sinceTime = query.get('sinceTime');
  let sinceNs = sinceSeconds === undefined ? undefined : BigInt(nowMs - sinceSeconds * 1000) * 1_000_000n;
  const sinceTimeNs = sinceTime ? parseRfc3339Nano(sinceTime) : undefined;
  if (sinceTimeNs !== undefined && (sinceNs === undefined || sinceTimeNs > sinceNs)) sinceNs = sinceTimeNs;

  const tailLines = count('tailLines') ?? count('tail');
  const limitBytes = count('limitBytes');
  return {
    follow: flag('follow'),
    previous: flag('previous'),
    timestamps: flag('timestamps'),
    ...(tailLines === undefined ? {} : { tailLines }),
    ...(limitBytes === undefined ? {} : { limitBytes }),
    ...(sinceNs === undefined ? {} : { sinceNs }),
  };
}
