/**
 * Realistic qualification traffic for the demo: devices with AAM-style 38-digit uuids, 5-20
 * segments per event out of a catalog, a mix of new qualifications, renewals and removals, mobile
 * ad ids for app platforms, GDPR users with and without consent, a few opt-outs, and a small share
 * of bad records (garbage bytes, an unknown platform, an empty uuid) to show the dead-letter path.
 */
import { randomUUID } from 'node:crypto';
import type { QualificationEvent, SegmentChange } from '../../libs/schema/index.ts';

export interface TrafficOptions {
  devices: number;
  segmentCatalog: number[];
  seed?: number;
}

/** Deterministic PRNG (mulberry32) so a demo run is reproducible. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function deviceUuid(n: number): string {
  return `${(10n ** 37n + BigInt(n) * 7919n).toString()}`;
}

export function sampleTraffic(options: TrafficOptions) {
  const rnd = random(options.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const platforms = ['browser', 'browser', 'browser', 'android', 'ios'] as const;

  return function nextEvent(now = Date.now()): QualificationEvent {
    const device = Math.floor(rnd() * options.devices);
    const platform = pick(platforms);
    const count = 5 + Math.floor(rnd() * 16);
    const sids = new Set<number>();
    while (sids.size < count) sids.add(pick(options.segmentCatalog));
    const segments: SegmentChange[] = [...sids].map((sid) => {
      const roll = rnd();
      const status = roll < 0.3 ? 'QUALIFIED' : roll < 0.92 ? 'ACTIVE' : 'DISQUALIFIED';
      return {
        sid,
        status,
        updatedAt: now - Math.floor(rnd() * 3_600_000),
        dataSourceIds: [1000 + (sid % 7)],
      };
    });
    const gdpr = rnd() < 0.2;
    const partnerIds =
      platform === 'android'
        ? [{ dpid: 20914, id: randomUUID() }]
        : platform === 'ios'
          ? [{ dpid: 20915, id: randomUUID().toUpperCase() }]
          : [];
    return {
      eventId: randomUUID(),
      eventTime: now,
      uuid: deviceUuid(device),
      platform,
      region: pick([3, 6, 7, 9, 11]),
      pageProtocol: rnd() < 0.9 ? 'HTTPS' : 'HTTP',
      realTime: platform === 'browser' ? rnd() < 0.8 : rnd() < 0.3,
      mcid: rnd() < 0.5 ? String(Math.floor(rnd() * 1e15)) : null,
      partnerIds,
      consent: gdpr
        ? { gdprApplies: true, tcString: rnd() < 0.7 ? 'CPXxRfAPXxRfAAfKABENB-CgAAAAAAAAAAYgAAAAAAAA' : null }
        : null,
      optedOut: rnd() < 0.01,
      segments,
    };
  };
}

/** The kinds of bad records the demo mixes in, every one of which must end in the dead-letter topic. */
export const BAD_RECORDS = {
  garbage: () => Buffer.from('{"not":"avro"}'),
  wrongMagic: (valid: Buffer) => Buffer.concat([Buffer.from([9]), valid.subarray(1)]),
  unknownSchema: (valid: Buffer) => {
    const copy = Buffer.from(valid);
    copy.writeInt32BE(999_999, 1);
    return copy;
  },
};
