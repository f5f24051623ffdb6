import type { KubeObject } from '@kubetrack/core';

/** The IPs or hostnames a controller published in status.loadBalancer.ingress (Service and Ingress alike). */
export function loadBalancerAddresses(object: KubeObject): string[] {
  const status = object.status as { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] | null } } | undefined;
  return (status?.loadBalancer?.ingress ?? []).map((entry) => entry.ip ?? entry.hostname ?? '').filter(Boolean);
}
