/** Config keys of the secret box, shared by the builder (encrypts) and delivery services (decrypt). */
import { Type } from '@sinclair/typebox';

export const secretBoxConfigProperties = {
  secretKeys: Type.Array(Type.String({ minLength: 3 }), {
    minItems: 1,
    description:
      'AES-256-GCM keys for destination secrets, comma-separated `<keyId>:<base64 32 bytes>`; the first encrypts.',
  }),
};
