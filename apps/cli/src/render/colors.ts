import picocolors from 'picocolors';

export type Colors = ReturnType<typeof picocolors.createColors>;

export function createColors(enabled: boolean): Colors {
  return picocolors.createColors(enabled);
}

const POD_PALETTE = ['cyan', 'magenta', 'blue', 'yellow', 'green', 'redBright', 'cyanBright', 'magentaBright'] as const;

/** A stable colour per pod, so interleaved log lines of several pods stay tellable apart. */
export function podColor(colors: Colors, pod: string): (text: string) => string {
  let hash = 0;
  for (const char of pod) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return colors[POD_PALETTE[hash % POD_PALETTE.length]!];
}
