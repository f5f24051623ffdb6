/**
 * Lines in the CRI log format the kubelet keeps on disk ("<RFC3339Nano> <stream> F <text>"), so
 * the files under the run dir read like /var/log/pods on a real node.
 */

export interface CriLogLine {
  /** nanoseconds since the epoch: strictly increasing within this process */
  readonly timeNs: bigint;
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
  /** a piece of a longer line that goes on in the next record (the CRI "P" tag) */
  readonly partial?: boolean;
}

/**
 * containerd's default max_container_log_line_size: the runtime splits a longer line into
 * records of this many bytes, tagged P, the last one F, each with its own timestamp.
 */
export const CRI_MAX_RECORD_BYTES = 16 * 1024;

/** `text` as the runtime writes it: pieces of at most CRI_MAX_RECORD_BYTES bytes (whole code points) */
export function splitIntoRecords(text: string, maxBytes = CRI_MAX_RECORD_BYTES): string[] {
  const pieces: string[] = [];
  let piece = '';
  let bytes = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char);
    if (bytes + size > maxBytes) {
      pieces.push(piece);
      piece = '';
      bytes = 0;
    }
    piece += char;
    bytes += size;
  }
  pieces.push(piece);
  return pieces;
}

let lastNs = 0n;

/** the current time in nanoseconds, never equal to an earlier call's, so every line is distinguishable by time */
export function nowNs(): bigint {
  const wall = BigInt(Date.now()) * 1_000_000n + (process.hrtime.bigint() % 1_000_000n);
  lastNs = wall > lastNs ? wall : lastNs + 1n;
  return lastNs;
}

/** RFC3339 with nanoseconds, trailing zeros trimmed, as Go's time.RFC3339Nano formats */
export function formatRfc3339Nano(timeNs: bigint): string {
  const ms = Number(timeNs / 1_000_000n);
  const base = new Date(ms).toISOString().slice(0, 19);
  const fraction = (timeNs % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
  return `${base}${fraction === '' ? '' : `.${fraction}`}Z`;
}

export function parseRfc3339Nano(value: string): bigint | undefined {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(value);
  if (!match) return undefined;
  const seconds = Date.parse(`${match[1]}${match[3]}`);
  if (Number.isNaN(seconds)) return undefined;
  return BigInt(seconds) * 1_000_000n + BigInt((match[2] ?? '').padEnd(9, '0'));
}

export function formatCriLine(line: CriLogLine): string {
  return `${formatRfc3339Nano(line.timeNs)} ${line.stream} ${line.partial ? 'P' : 'F'} ${line.text}\n`;
}

export function parseCriLine(raw: string): CriLogLine | undefined {
  const match = /^(\S+) (stdout|stderr) ([FP]) (.*)$/.exec(raw);
  if (!match) return undefined;
  const timeNs = parseRfc3339Nano(match[1] ?? '');
  if (timeNs === undefined) return undefined;
  return { timeNs, stream: match[2] as 'stdout' | 'stderr', text: match[4] ?? '', ...(match[3] === 'P' ? { partial: true } : {}) };
}
