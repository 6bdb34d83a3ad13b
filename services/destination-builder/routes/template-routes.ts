/** The destination templates (destination-templates.ts): read for viewers. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AppError } from '../../../libs/errors/index.ts';
import { DestinationTemplateListSchema, DestinationTemplateSchema } from '../api-schemas.ts';
import { DESTINATION_TEMPLATES, destinationTemplate } from '../destination-templates.ts';
import { ref } from '../schema-kit.ts';
import { bearer, replies } from './route-schemas.ts';

const TemplateParams = Type.Object({ id: Type.String({ pattern: '^[a-z0-9-]{1,64}$' }) });

export function templateRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['templates'];

  api.get(
    '/v1/destination-templates',
    {
      config: { role: 'viewer' },
      schema: {
        operationId: 'listDestinationTemplates',
        tags,
        security: bearer,
        summary: 'List destination templates (partner layouts Adobe documents)',
        response: replies(
          { 200: { description: 'Every template.', schema: ref(DestinationTemplateListSchema) } },
          [],
        ),
      },
    },
    async () => ({ items: DESTINATION_TEMPLATES }),
  );

  api.get(
    '/v1/destination-templates/:id',
    {
      config: { role: 'viewer' },
      schema: {
        operationId: 'getDestinationTemplate',
        tags,
        security: bearer,
        params: TemplateParams,
        summary: 'Read a destination template',
        response: replies(
          { 200: { description: 'The template.', schema: ref(DestinationTemplateSchema) } },
          [400, 404],
        ),
      },
    },
    async (request) => {
      const found = destinationTemplate(request.params.id);
      if (found === undefined) throw new AppError('not_found', `no template ${request.params.id}`);
      return found;
    },
  );
}
