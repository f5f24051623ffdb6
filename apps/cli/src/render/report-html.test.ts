import type { Report } from '@kubetrack/core';
import { describe, expect, it } from 'vitest';
import { renderReportHtml, TIMELINE_LAYOUT } from './report-html.js';
import { createResourceNamer } from './resource-namer.js';
import { timelineMermaid } from './timeline-mermaid.js';

const namer = createResourceNamer({ kinds: [], showNamespace: false });
const report: Report = {
  success: false,
  error: { type: 'rollout', code: 'invalid-config', message: 'x', resource: 'apps/v1/Deployment/shop/api' },
  resources: [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: 'shop',
      name: 'api',
      status: 'failed',
      code: 'invalid-config',
      message: 'pod/api-1: container "api" cannot pull image "x:<script>alert(1)</script>"',
      hint: 'check the image name and tag; kubectl describe pod api-1 -n shop',
      durationMs: 4000,
      events: [{ type: 'Warning', reason: 'Failed', message: 'Error: ErrImagePull \u001b]52;c;evil\u0007', object: 'Pod/api-1', count: 3 }],
      logTail: [{ pod: 'api-1', container: 'api', previous: false, lines: ['```', '::error::pwned', '</pre><b>'] }],
    },
  ],
  timeline: {
    startedAt: '2026-12-01T10:00:00.000Z',
    durationMs: 4000,
    rows: [
      { kind: 'resource', name: 'api', resource: 'apps/v1/Deployment/shop/api', verdict: 'invalid-config', segments: [{ state: 'progressing', startMs: 0, endMs: 3000 }, { state: 'failed', startMs: 3000, endMs: 4000 }], marks: [] },
      { kind: 'pod', name: 'api-1', resource: 'apps/v1/Deployment/shop/api', segments: [{ state: 'pulling', startMs: 1000, endMs: 4000 }], marks: [{ atMs: 2000, reason: 'Failed', message: 'Error: ErrImagePull' }] },
    ],
  },
};

describe('renderReportHtml', () => {
  const html = renderReportHtml(report, namer);

  it('is one self-contained page: no script, no external resource', () => {
    expect(html).not.toMatch(/<script|<link|src=|@import|https?:\/\//i);
    expect(html).toContain('<meta name="viewport"');
  });

  it('escapes what came from the cluster, control characters included', () => {
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('</pre><b>');
    expect(html).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    expect(html).toContain('\\u001b]52;c;evil\\u0007');
  });

  it('shows the verdict, the hint, the events and the log tail per resource', () => {
    expect(html).toContain('kubetrack: the rollout failed');
    expect(html).toContain('data-resource="deployment/api" data-status="failed"');
    expect(html).toContain('<b>Hint:</b> check the image name and tag; kubectl describe pod api-1 -n shop');
    expect(html).toContain('<summary>Events (1)</summary>');
    expect(html).toContain('<summary>Last logs of api-1/api</summary>');
  });

  it('places bars and marks on the time axis where the timeline says', () => {
    const { labelWidth, chartWidth } = TIMELINE_LAYOUT;
    const x = (ms: number) => labelWidth + (ms / 4000) * chartWidth;
    expect(html).toContain(`data-state="failed" data-start-ms="3000" data-end-ms="4000" x="${x(3000)}"`);
    expect(html).toContain(`data-state="pulling" data-start-ms="1000" data-end-ms="4000" x="${x(1000)}"`);
    expect(html).toMatch(new RegExp(`class="mark" data-at-ms="2000" data-reason="Failed" d="M${x(2000)} `));
    expect(html).toContain('data-kind="resource" data-name="api" data-verdict="invalid-config"');
  });
});

describe('timelineMermaid', () => {
  const mermaid = timelineMermaid(report.timeline!, 'rollout timeline');

  it('is a gantt block with a section per resource, a bar per state and milestones for marks', () => {
    expect(mermaid.split('\n')).toEqual([
      '```mermaid',
      'gantt',
      '  title rollout timeline',
      '  dateFormat x',
      '  axisFormat %S s',
      '  section api (invalid-config)',
      '  api progressing :active, 0, 3000',
      '  api failed :crit, 3000, 4000',
      '  pod api-1 pulling :active, 1000, 4000',
      '  pod api-1 Failed :milestone, 2000, 0ms',
      '```',
    ]);
  });

  it('keeps cluster text from ending the block or adding tasks', () => {
    const hostile = timelineMermaid({ ...report.timeline!, rows: [{ ...report.timeline!.rows[1]!, name: 'x\n```\n:crit, 0, 1#' }] }, 't');
    expect(hostile.split('\n').filter((line) => line.startsWith('```'))).toHaveLength(2);
    expect(hostile).not.toContain('#');
  });
});
