import { describe, expect, it } from 'vitest';
import { SERVICE_CONFIGS } from './service-configs.ts';
import { DATA_PLANE, SERVICE_DEFINITIONS, SERVICES } from './service-definitions.ts';

describe('the one list of services', () => {
  it('names each definition by its key, with the config schema the README tables document', () => {
    for (const name of SERVICES) {
      const definition = SERVICE_DEFINITIONS[name];
      expect(definition.name).toBe(name);
      expect(definition.configSchema, name).toBe(SERVICE_CONFIGS[name]);
    }
  });

  it('lists every data-plane service among the services, and the builder and lag exporter outside it', () => {
    expect(SERVICES).toEqual(expect.arrayContaining([...DATA_PLANE]));
    expect(DATA_PLANE).not.toContain('destination-builder');
    expect(DATA_PLANE).not.toContain('lag-exporter');
  });
});
