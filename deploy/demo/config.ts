/** Demo configuration: environment variables (UPPER_SNAKE of each key), validated at start. */
import { Type, type Static } from '@sinclair/typebox';
import { commonConfigProperties } from '../../libs/config/index.ts';

export const demoConfigSchema = Type.Object({
  ...commonConfigProperties,
  demoEvents: Type.Integer({
    default: 20_000,
    minimum: 1,
    description: 'Qualification events the demo publishes.',
  }),
  demoDevices: Type.Integer({
    default: 5_000,
    minimum: 1,
    description: 'Distinct devices in the demo traffic.',
  }),
  demoIdSyncShare: Type.Number({
    default: 0.7,
    minimum: 0,
    maximum: 1,
    description: 'Share of devices with an ID sync in the S2S partner namespace.',
  }),
  demoHeadless: Type.Boolean({
    default: false,
    description: 'Exit after the summary (code 1 when a check fails) instead of running until Ctrl-C.',
  }),
  demoTimeoutMs: Type.Integer({
    default: 180_000,
    minimum: 1000,
    description: 'How long the demo waits for the pipeline to process the traffic.',
  }),
  demoPorts: Type.Union([Type.Literal('default'), Type.Literal('free')], {
    default: 'default',
    description: 'Service ports: `default` = 8080-8086 as in docs/metrics.md, `free` = any free ports.',
  }),
  demoTopicPrefix: Type.String({
    default: '',
    description:
      'Topic prefix of the run; empty = `demo-<run id>.` (each run has its own topics and groups).',
  }),
  demoDir: Type.String({ default: '.local/demo', description: 'Per-run state, logs and TLS files.' }),
  demoExportDir: Type.String({
    default: '.local/demo-exports',
    description: 'Where the S2S batch destination writes its files (one folder per run).',
  }),
  demoSummaryFile: Type.String({ default: '', description: 'Also write the summary as JSON to this file.' }),
});

export type DemoConfig = Static<typeof demoConfigSchema>;
