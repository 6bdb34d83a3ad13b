import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { applyMergePatch, mergePatchSchema } from './merge-patch.ts';

describe('applyMergePatch (RFC 7396 appendix A)', () => {
  it.each([
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [
      ['a', 'b'],
      ['c', 'd'],
      ['c', 'd'],
    ],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])('%j patched with %j is %j', (target, patch, result) => {
    expect(applyMergePatch(target, patch)).toEqual(result);
  });

  it('does not change the target', () => {
    const target = { a: { b: 1 } };
    applyMergePatch(target, { a: { b: null } });
    expect(target).toEqual({ a: { b: 1 } });
  });
});

describe('mergePatchSchema', () => {
  const body = Type.Object(
    {
      name: Type.String(),
      note: Type.Optional(Type.String()),
      url: Type.Optional(
        Type.Union([
          Type.Object({ base: Type.String(), delimiter: Type.Optional(Type.String()) }),
          Type.Null(),
        ]),
      ),
    },
    { additionalProperties: false },
  );
  const schema = mergePatchSchema(body, {
    $id: 'ThingPatch',
    description: 'a patch',
    examples: [{ note: null }],
  });

  it('makes every member optional and allows null only where the body may omit the member', () => {
    expect(schema).toMatchObject({
      $id: 'ThingPatch',
      type: 'object',
      additionalProperties: false,
      examples: [{ note: null }],
      properties: {
        name: { type: 'string' },
        note: { anyOf: [{ type: 'string' }, { type: 'null' }] },
        url: {
          anyOf: [
            {
              type: 'object',
              additionalProperties: false,
              properties: {
                base: { type: 'string' },
                delimiter: { anyOf: [{ type: 'string' }, { type: 'null' }] },
              },
            },
            { type: 'null' },
          ],
        },
      },
    });
    expect(schema.required).toBeUndefined();
    expect(
      (schema.properties as { url: { anyOf: { required?: string[] }[] } }).url.anyOf[0]!.required,
    ).toBeUndefined();
  });
});
