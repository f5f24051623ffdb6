import type { KubeObject, Verdict } from '@kubetrack/core';
import type { LuaHealthStatus } from './lua-sandbox.js';

/** Argo CD's health statuses (gitops-engine's HealthStatusCode). */
export const ARGOCD_HEALTH_STATUSES = ['Healthy', 'Progressing', 'Suspended', 'Degraded', 'Missing', 'Unknown'] as const;

/**
 * Argo CD's answer as a verdict: Healthy is ready, Degraded failed, Progressing progressing,
 * Suspended progressing and blocked (it waits for someone to resume it), Missing absent,
 * Unknown progressing (Argo CD does not act on it either). `hs.message` is the message.
 */
export function argocdHealthVerdict(object: KubeObject, health: LuaHealthStatus, scriptName: string): Verdict {
  const name = `${(object.kind ?? 'resource').toLowerCase()}/${object.metadata.name ?? ''}`;
  const said = health.message ? `: ${health.message}` : '';
  switch (health.status) {
    case 'Healthy':
      return { state: 'ready', message: `${name} is healthy${said}` };
    case 'Degraded':
      return { state: 'failed', code: 'failed', message: `${name} is degraded${said}` };
    case 'Progressing':
      return { state: 'progressing', message: `${name} is progressing${said}`, waitingFor: [health.message || `${scriptName} to say Healthy`] };
    case 'Suspended':
      return {
        state: 'progressing',
        message: `${name} is suspended${said}`,
        blocked: health.message || `${name} is suspended`,
        waitingFor: [`${scriptName} to say Healthy`],
      };
    case 'Missing':
      return { state: 'progressing', absent: true, message: `${name} is missing${said}` };
    case 'Unknown':
      return { state: 'progressing', message: `${name}: health unknown${said}`, waitingFor: [`${scriptName} to say Healthy`] };
    default:
      // Argo CD's own answer to a status it does not know.
      return {
        state: 'progressing',
        message: `${name}: health unknown: ${scriptName} returned an invalid health status ${JSON.stringify(health.status)} (expected one of ${ARGOCD_HEALTH_STATUSES.join(', ')})`,
        waitingFor: [`${scriptName} to say Healthy`],
      };
  }
}
