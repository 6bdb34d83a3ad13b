import { describe, expect, it } from 'vitest';
import { DESTINATION_TEMPLATES } from './destination-templates.ts';
import { bodyFromDraft, draftFromTemplate } from './ui/src/form-model.ts';

describe('destination templates in the UI form', () => {
  it('turns every template into a draft whose body carries the template settings', () => {
    for (const template of DESTINATION_TEMPLATES) {
      const body = bodyFromDraft(draftFromTemplate(template.body)) as Record<string, Record<string, unknown>>;
      expect(body.type).toBe(template.body.type);
      expect(body.name).toBe(template.body.name);
      if (template.body.url) expect(body.url).toMatchObject(template.body.url);
      if (template.body.cookie) expect(body.cookie).toMatchObject(template.body.cookie);
      const batch = template.body.s2s?.batch;
      if (batch) {
        expect(body.s2s!.batch).toMatchObject({
          schedule: batch.schedule,
          syncModes: batch.syncModes,
          lineTemplate: batch.lineTemplate ?? null,
          jsonLine: batch.jsonLine ?? null,
        });
      }
      if (template.body.s2s?.realTime)
        expect(body.s2s!.realTime).toMatchObject({ usersPerRequest: 10, timeoutMs: 3000 });
    }
  });
});
