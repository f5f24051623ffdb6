import type { TrackMessage } from '@kubetrack/core';
import type { Colors } from './colors.js';
import { lowerKindObject, type ResourceNamer } from './resource-namer.js';
import { shortPodName } from './short-pod-name.js';

type LineMessage = Exclude<TrackMessage, { type: 'status-report' | 'done' | 'status' }>;

/** The one line plain and tty output print for a message (status tables and the summary aside). */
export function messageLine(message: LineMessage, namer: ResourceNamer, colors: Colors): string {
  const name = namer.name(message.resource);
  switch (message.type) {
    case 'added':
      return `${name}: ${colors.dim('added')}`;
    case 'log':
      return `${logPrefix(message.pod, message.container, colors)} ${message.line}`;
    case 'event': {
      const { event } = message;
      const count = event.count > 1 ? colors.dim(` (x${event.count})`) : '';
      const label = `event ${event.type} ${event.reason}`;
      return `${name}: ${event.type === 'Normal' ? colors.dim(label) : colors.yellow(label)} ${lowerKindObject(event.object)}: ${event.message}${count}`;
    }
    case 'failure': {
      const { failure } = message;
      const allowance =
        message.count <= message.allowed
          ? `failure ${message.count} of ${message.allowed} allowed`
          : `failure ${message.count}, ${message.allowed} allowed`;
      // Plugin messages usually name their pod already; say it only when they do not.
      const objectName = failure.object.split('/').at(-1) ?? '';
      const where = failure.message.includes(objectName)
        ? ''
        : `${lowerKindObject(failure.object)}${failure.container ? ` container ${failure.container}` : ''}: `;
      return `${name}: ${colors.red(`${allowance}: ${failure.code}`)}: ${where}${failure.message}`;
    }
    case 'ready':
      return `${name}: ${colors.green(message.deleted ? 'deleted' : 'ready')}${message.message ? `: ${withoutName(name, message.message)}` : ''}`;
    case 'failed':
      return `${name}: ${colors.red(colors.bold(`failed (${message.code})`))}: ${withoutName(name, message.message)}`;
  }
}

export function logPrefix(pod: string, container: string, colors: Colors, color?: (text: string) => string): string {
  const prefix = `[${shortPodName(pod)}/${container}]`;
  return color ? color(prefix) : colors.dim(prefix);
}

/** "deploy/web: 1/3 replicas available — waiting for: 2 more replicas" */
export function statusLine(message: Extract<TrackMessage, { type: 'status' }>, namer: ResourceNamer): string {
  const name = namer.name(message.resource);
  const text = withoutName(name, message.message);
  const waitingFor = message.waitingFor.join(', ');
  const waiting = waitingFor && message.state !== 'ready' && !text.includes(waitingFor) ? ` (waiting for: ${waitingFor})` : '';
  const blocked = message.blocked && message.state !== 'ready' ? ` — blocked: ${message.blocked}` : '';
  return `${name}: ${text}${waiting}${blocked}`;
}

/** Plugin messages name their object ("deploy/web is ready"); the line prefix already does. */
export function withoutName(name: string, message: string): string {
  const bare = name.split('/').slice(-2).join('/');
  for (const prefix of new Set([name, bare])) {
    if (message.startsWith(`${prefix}: `)) return message.slice(prefix.length + 2);
  }
  return message;
}
