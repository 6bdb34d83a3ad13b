import { describe, expect, it } from 'vitest';
import type { Destination } from './api-types.ts';
import { bodyFromDraft, draftFromDestination, newDraft } from './form-model.ts';

const s2s: Destination = {
  id: 3,
  name: 'p',
  description: '',
  type: 'S2S',
  status: 'ACTIVE',
  platform: 'ALL',
  dataExportLabels: ['PII'],
  autoFill: 'NONE',
  version: 4,
  createdBy: 'a',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedBy: 'a',
  updatedAt: '2026-01-01T00:00:00.000Z',
  mappings: [],
  url: null,
  cookie: null,
  s2s: {
    dpid: 20915,
    accountAlias: 'acct',
    realTime: {
      endpoint: 'https://p.example/aam',
      auth: 'HMAC',
      oauthTokenUrl: null,
      oauthClientId: null,
      oauthClientSecret: null,
      hmacAlgorithm: 'SHA256',
      hmacHeader: 'X-Sig',
      hmacKey: { set: true },
      hmacKeyEncoding: 'UTF8',
      usersPerRequest: 10,
      flushIntervalMs: 1000,
      timeoutMs: 3000,
    },
    batch: null,
  },
};

describe('form model', () => {
  it('round-trips a destination without sending stored secrets', () => {
    const body = bodyFromDraft(draftFromDestination(s2s));
    expect(body).toMatchObject({ name: 'p', type: 'S2S', dataExportLabels: ['PII'] });
    const realTime = (body.s2s as { realTime: Record<string, unknown> }).realTime;
    expect(realTime).toMatchObject({
      endpoint: 'https://p.example/aam',
      auth: 'HMAC',
      hmacHeader: 'X-Sig',
      usersPerRequest: 10,
    });
    expect('hmacKey' in realTime).toBe(false);
    expect((body.s2s as { batch: unknown }).batch).toBeNull();
  });

  it('sends a typed secret, null for "remove", and only the settings block of the type', () => {
    const draft = draftFromDestination(s2s);
    draft.s2s.realTime.hmacKey = { stored: true, value: '', remove: true };
    expect((bodyFromDraft(draft).s2s as { realTime: { hmacKey: unknown } }).realTime.hmacKey).toBeNull();
    draft.s2s.realTime.hmacKey = { stored: true, value: 'new', remove: false };
    expect((bodyFromDraft(draft).s2s as { realTime: { hmacKey: unknown } }).realTime.hmacKey).toBe('new');

    const cookie = bodyFromDraft({ ...newDraft('COOKIE'), name: 'c' });
    expect(cookie.url).toBeUndefined();
    expect(cookie.s2s).toBeUndefined();
    expect(cookie.cookie).toMatchObject({
      maxSizeBytes: 2048,
      ttlDays: 30,
      domain: null,
      publishDomains: [],
    });
  });

  it('passes numbers that do not read as integers through, for the API to name the field', () => {
    const draft = newDraft('COOKIE');
    draft.cookie.ttlDays = 'ten';
    expect((bodyFromDraft(draft).cookie as { ttlDays: unknown }).ttlDays).toBe('ten');
  });

  it('sends a JSON-lines layout as an object, and text that is not JSON as text for the API to refuse', () => {
    const draft = newDraft('S2S');
    draft.s2s.batchEnabled = true;
    draft.s2s.batch.jsonLine =
      '{"fields":{},"segmentsField":"Data","segment":{"Name":"{value}"},"removed":null}';
    const body = bodyFromDraft(draft) as { s2s: { batch: { jsonLine: unknown } } };
    expect(body.s2s.batch.jsonLine).toEqual({
      fields: {},
      segmentsField: 'Data',
      segment: { Name: '{value}' },
      removed: null,
    });
    draft.s2s.batch.jsonLine = '{not json';
    expect((bodyFromDraft(draft) as typeof body).s2s.batch.jsonLine).toBe('{not json');
    draft.s2s.batch.jsonLine = '  ';
    expect((bodyFromDraft(draft) as typeof body).s2s.batch.jsonLine).toBeNull();
  });
});
