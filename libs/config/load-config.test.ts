import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { describeConfig, envName, loadConfig } from './load-config.ts';

const schema = Type.Object({
  kafkaBrokers: Type.Array(Type.String(), {
    default: ['127.0.0.1:9092'],
    minItems: 1,
    description: 'brokers',
  }),
  batchSize: Type.Integer({ default: 500, minimum: 1, description: 'batch' }),
  exactlyOnce: Type.Boolean({ default: true, description: 'eos' }),
  encryptionKey: Type.String({ minLength: 44, description: 'key' }),
});

describe('loadConfig', () => {
  it('maps camelCase keys to UPPER_SNAKE variables', () => {
    expect(envName('kafkaBrokers')).toBe('KAFKA_BROKERS');
    expect(envName('schemaRegistryUrl')).toBe('SCHEMA_REGISTRY_URL');
  });

  it('applies defaults and coerces numbers, booleans and comma lists', () => {
    const key = 'k'.repeat(44);
    expect(loadConfig(schema, { ENCRYPTION_KEY: key })).toEqual({
      kafkaBrokers: ['127.0.0.1:9092'],
      batchSize: 500,
      exactlyOnce: true,
      encryptionKey: key,
    });
    expect(
      loadConfig(schema, {
        KAFKA_BROKERS: 'a:1, b:2',
        BATCH_SIZE: '20',
        EXACTLY_ONCE: 'false',
        ENCRYPTION_KEY: key,
      }),
    ).toMatchObject({ kafkaBrokers: ['a:1', 'b:2'], batchSize: 20, exactlyOnce: false });
  });

  it('reports every invalid or missing variable at once, by its environment name', () => {
    let message = '';
    try {
      loadConfig(schema, { BATCH_SIZE: 'lots', EXACTLY_ONCE: 'maybe' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/BATCH_SIZE: .*"lots"/);
    expect(message).toMatch(/EXACTLY_ONCE/);
    expect(message).toMatch(/ENCRYPTION_KEY: .*\(missing\)/);
  });

  it('describes the config for the README table', () => {
    expect(describeConfig(schema)).toContainEqual({
      variable: 'BATCH_SIZE',
      default: '500',
      description: 'batch',
    });
    expect(describeConfig(schema)).toContainEqual({
      variable: 'ENCRYPTION_KEY',
      default: '(required)',
      description: 'key',
    });
  });
});
