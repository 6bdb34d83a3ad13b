/**
 * Config key of LOCAL batch export targets, shared by the builder (checks a destination's localDir
 * when it is configured) and s2s-delivery (checks it again at export time, after resolving symlinks).
 */
import { Type } from '@sinclair/typebox';

export const localExportConfigProperties = {
  localExportRoots: Type.Array(Type.String({ pattern: '^/' }), {
    default: [],
    description:
      'Absolute directories under which LOCAL batch exports may write (comma-separated); a destination localDir must be one of them or inside one. Empty = LOCAL targets refused.',
  }),
};
